"""Long articles for the article-pane tests, written for them (French and English).

``long_article(n)`` repeats six paragraphs with varied names and numbers; every name
is a mention and every "sécurité"/"security" a query match, so the tests know exactly
where each highlight must land.
"""

from __future__ import annotations

import re

from index.models import Article, EntityType, Mention

PEOPLE = ("Awa Sidibé", "Jean Morel", "Grace Adeyemi", "Tom Hardwick")
PLACES = ("Tombouctou", "Mopti", "Accra", "Kano")
ORGS = ("Conseil régional", "Harbour Authority")
PARAGRAPHS = (
    "À {place}, {person} a présenté le plan de sécurité du marché n° {n} devant le "
    "{org}, qui doit le voter avant la saison des pluies.",
    "Les commerçants de {place} disent attendre surtout des routes sûres : « sans sécurité, "
    "pas de clients », résume {person}.",
    "In {place}, {person} said the {org} had hired {n} guards to improve security at the "
    "bus station, where thefts doubled last year.",
    "Residents of {place} told {person} that street lights mattered more than patrols; "
    "the report lists {n} dark streets.",
    "Le {org} publiera son bilan à {place} ; {person} promet des chiffres par quartier et "
    "un numéro d'alerte.",
    "{person} closed the meeting in {place} by thanking the volunteers of the {org} and "
    "announcing a second session in {n} weeks.",
)
LABELS: dict[str, EntityType] = {"person": "person", "place": "place", "org": "organisation"}
MATCH = re.compile(r"(?i)sécurité|security")


def long_article(n_paragraphs: int, article_id: int = 11,
                 url: str | None = "https://example.org/long") -> Article:
    """About 130 characters per paragraph; mentions in text order."""
    parts: list[str] = []
    mentions: list[Mention] = []
    pos = 0
    for i in range(n_paragraphs):
        template = PARAGRAPHS[i % len(PARAGRAPHS)]
        values = {"person": PEOPLE[i % 4], "place": PLACES[(i * 3) % 4],
                  "org": ORGS[(i // 6) % 2], "n": str(10 + i)}
        text = ""
        for piece in re.split(r"(\{\w+\})", template):
            key = piece[1:-1] if piece.startswith("{") else None
            value = values[key] if key else piece
            if key in LABELS:
                start = pos + len(text)
                mentions.append(Mention(start, start + len(value), LABELS[key], value, value))
            text += value
        parts.append(text)
        pos += len(text) + 1
    return article_from(parts, mentions, article_id, url)


def article_from(parts: list[str], mentions: list[Mention], article_id: int = 11,
                 url: str | None = "https://example.org/long", sep: str = "\n") -> Article:
    return Article(
        id=article_id, title="Sécurité des marchés / Market safety", text=sep.join(parts),
        date="2025-06-01", source="Le Relais", url=url, lang="fr", authors=("B. Traoré",),
        origin="/tmp/long.txt", imported_at="2025-06-02", mentions=tuple(mentions),
        entities_done=True,
    )


def match_spans(article: Article) -> list[tuple[int, int]]:
    return [m.span() for m in MATCH.finditer(article.text)]
