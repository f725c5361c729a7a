"""Left-context cues: the words just before a name often say what it is.

"la société australienne Goldstone Resources", "le canadien Barrick", "la province du
Soum", "le colonel Arnaud Vernet": French news introduces unknown names with such a
noun, and the small model is weakest exactly on those unknown names. A cue counts as
strong evidence in the type vote. Some heads belong to the name itself and extend the
span: "rue de la Loi", "col d'Aspin", "université de Bordeaux", "ministère des Armées".
"""

from __future__ import annotations

import re

from index.entities.gazetteer import Gazetteer
from index.entities.spans import Candidate
from index.models import EntityType

LOWER = r"[a-zàâçéèêëîïôûùüÿñœ\-]+"
FUNCTION = (
    r"(?:de|des|du|la|le|les|et|à|au|aux|en|par|sur|dans|entre|avec|pour"
    r"|of|the|and|with|in|on|for|a|an)"
)
ADJ = rf"(?!{FUNCTION}\b){LOWER}"
LINK = r"(?:de\s+la|de\s+l['’]|des|du|de|d['’])"

# Heads that are part of the name: the span grows to include them.
ORG_NAME_HEADS = r"minist[èe]res?|université|tribunal|cour\s+d['’]appel|préfecture|mairie|hôpital"
PLACE_NAME_HEADS = (
    r"rue|avenue|boulevard|quai|col|plateau|mont|massif|lac|îles?|golfe|baie|détroit|canal"
)
# Heads that only tell the type.
PLACE_CUES = (
    r"province|région|ville|quartier|département|commune|village|district|capitale|oblast"
    r"|city|town|province|region|village|district|state"
)
ORG_CUES = (
    r"société|groupe|entreprise|start-up|startup|jeune\s+pousse|firme|compagnie|constructeur"
    r"|laboratoire|banque|fonds|association|ong|club|syndicat|parti|journal|quotidien"
    r"|hebdomadaire|chaîne|cabinet|assureur|opérateur|armateur|avionneur|équipementier"
    r"|alliance|coentreprise|filiale|géant|company|firm|group|bank|carrier|airline|rival"
    r"|insurer|lender|broadcaster|maker|manufacturer|retailer|investor|giant|charity"
)
PERSON_CUES = (
    r"président|présidente|ministre|général|colonel|commandant|capitaine|lieutenant|docteur"
    r"|professeur|comédien|comédienne|acteur|actrice|réalisateur|réalisatrice|cinéaste"
    r"|chanteur|chanteuse|écrivain|écrivaine|journaliste|avocat|avocate|juge|procureur"
    r"|procureure|économiste|chercheur|chercheuse|épidémiologiste|analyste|entraîneur"
    r"|attaquant|milieu|défenseur|gardien|joueur|joueuse|coureur|grimpeur|négociateur"
    r"|négociatrice|député|députée|sénateur|sénatrice|maire|eurodéputé|eurodéputée"
    r"|porte-parole|directeur|directrice|fondateur|fondatrice|patron|patronne|ambassadeur"
    r"|ambassadrice|actor|actress|director|analyst|economist|researcher|striker|midfielder"
    r"|defender|goalkeeper|coach|manager|minister|president|senator|mayor|general|colonel"
    r"|lawyer|judge|spokesman|spokeswoman|professor|dr|mp|chancellor"
)

# Kinds of things (weapons, vehicles, products) named after the noun: "chars Leclerc".
OTHER_CUES = (
    r"chars?|canons?|hélicoptères?|avions?|missiles?|systèmes?|drones?|fusées?|lanceurs?"
    r"|satellites?|navires?|frégates?|sous-marins?|moteurs?|vaccins?|logiciels?|modèles?"
    r"|opération|exercice|baptisée?|tanks?|rockets?|aircraft|jets?|helicopters?|vaccines?"
    r"|operation|exercise|dubbed|named"
)
# A job or role in apposition after a full name: "Rabiou Issa, délégué syndical".
PERSON_AFTER = re.compile(
    rf"^\s*,\s*(?:le\s+|la\s+|l['’]|un\s+|une\s+|a\s+|an\s+|the\s+)?(?:{ADJ}\s+)?"
    rf"(?:{PERSON_CUES}|délégué|déléguée|responsable|chef|ancien|ancienne|secrétaire"
    r"|habitant|habitante|enseignant|enseignante|éleveur|agricultrice|agriculteur|pêcheur"
    r"|chauffeur|étudiant|étudiante|militant|militante|head|founder|driver|farmer|teacher"
    r"|student|resident|shopkeeper|activist|former|deputy|chief|chair|chairman|chairwoman)\b",
    re.IGNORECASE,
)

PLACE_AFTER = re.compile(
    r"^\s+(?:valley|province|region|state|county|district|river|mountains|island|islands"
    r"|peninsula|desert|basin|delta)\b"
)

ORG_NAME_BEFORE = re.compile(rf"\b(?:{ORG_NAME_HEADS})(?:\s+{LOWER}){{0,2}}\s+{LINK}\s*$")
PLACE_NAME_BEFORE = re.compile(rf"\b(?:{PLACE_NAME_HEADS})\s+(?:{LINK}\s*)?$")
PLACE_CUE_BEFORE = re.compile(rf"\b(?:{PLACE_CUES})\s+(?:{LOWER}\s+)?(?:{LINK}\s*|of\s+)?$", re.I)
ORG_CUE_BEFORE = re.compile(
    rf"\b(?:{ORG_CUES})(?:\s+{ADJ}){{0,2}}(?:\s+de\s+{ADJ})?\s+$", re.IGNORECASE
)
OTHER_CUE_BEFORE = re.compile(
    rf"\b(?:{OTHER_CUES})(?:\s+{ADJ})?(?:\s+de\s+{ADJ}(?:\s+{ADJ})?)?\s+$", re.IGNORECASE
)
PERSON_CUE_BEFORE = re.compile(rf"\b(?:{PERSON_CUES})(?:\s+{ADJ})?\s+$", re.IGNORECASE)
DEMONYM_NOUN_BEFORE = re.compile(r"\b(?i:le|la|l['’])\s*([a-zàâçéèêëîïôûùüÿñ]+)\s+$")


# A club named after its town in a match report: "Leicestershire beat Somerset",
# "Newcastle drew with Brighton", "Somerset 83 and 174". National sides keep their
# country's type (place), as news NER conventions have it.
MATCH_VERBS = (
    r"beat|beats|defeated|defeat|drew|draw|lost|lose|thrashed|edged|routed|hammered|v|vs"
    r"|bat|battent|a\s+battu|ont\s+battu|s['’]impose|s['’]imposent|fait\s+match\s+nul"
)
NAME_RUN = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
MATCH_AFTER = re.compile(
    rf"^\s+(?:{MATCH_VERBS})\.?\s+[A-Z]|^\s+\d{{1,2}}\s+{NAME_RUN}\s+\d{{1,2}}\b"
)
MATCH_BEFORE = re.compile(
    r"\b(?:beat|beats|defeated|drew\s+with|lost\s+to|thrashed|edged|v|vs|battu|bat)\.?\s+$"
)
# "Arsenal 2 Chelsea 1": the second club, between two scores.
SCORE_BEFORE = re.compile(rf"^{NAME_RUN}\s+\d{{1,2}}\s+$")
SCORE_AFTER = re.compile(r"^\s+\d{1,2}\b(?![.,:/-]\d)")


def _team_named_after_a_place(
    text: str, cand: Candidate, before: str, gaz: Gazetteer
) -> bool:
    if cand.label != "place":
        return False
    key = gaz.place_key(text[cand.start : cand.end]) or ""
    if key.startswith("country:"):
        return False
    after = text[cand.end : cand.end + 60]
    if MATCH_AFTER.match(after) or MATCH_BEFORE.search(before):
        return True
    return bool(SCORE_BEFORE.match(before) and SCORE_AFTER.match(after))


WORK_CUES = re.compile(
    r"\b(?:film|films|documentaire|livre|roman|album|série|pièce|chanson|émission|spectacle"
    r"|essai|ouvrage|rôle|tableau|opéra|film|movie|documentary|book|novel|song|series|show"
    r"|play|painting)\b[^«»\n.]{0,40}$",
    re.IGNORECASE,
)
QUOTED = re.compile(r"«\s*([^«»\n]{1,80}?)\s*»")


def quoted_work(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The title around ``start:end`` when it sits in « ... » after "film", "livre"...

    Other quotations are not titles (the cleanup drops quoted exclamations).
    """
    opening = text.rfind("«", max(0, start - 80), start + 1)
    if opening < 0:
        return None
    quote = QUOTED.match(text, opening)
    if not quote or not (quote.start(1) <= start and end <= quote.end(1)):
        return None
    title = quote.group(1)
    if not title[:1].isupper() or len(title.split()) > 8:
        return None
    if not WORK_CUES.search(text, max(0, opening - 60), opening):
        return None
    return quote.start(1), quote.end(1)


def apply_work_title(text: str, cand: Candidate) -> bool:
    """Make ``cand`` the whole title of a work ("other") when it is one."""
    title = quoted_work(text, cand.start, cand.end)
    if title is None:
        return False
    cand.start, cand.end = title
    cand.label = cand.cue = "other"
    return True


def apply_cues(text: str, cand: Candidate, gaz: Gazetteer) -> None:
    """Set ``cand.cue`` (and grow the span for name heads) from the words before it."""
    if apply_work_title(text, cand):
        return
    before = text[max(0, cand.start - 80) : cand.start]
    if "\n" in before:
        before = before.rsplit("\n", 1)[1]
    cues: tuple[tuple[re.Pattern[str], EntityType], ...] = (
        (ORG_NAME_BEFORE, "organisation"), (PLACE_NAME_BEFORE, "place"))
    for pattern, label in cues:
        match = pattern.search(before)
        if match and text[cand.start].isupper():
            cand.start -= len(before) - match.start()
            cand.label = cand.cue = label
            return
    full_name = " " in text[cand.start : cand.end]
    if _team_named_after_a_place(text, cand, before, gaz):
        cand.label = cand.cue = "organisation"
        return
    if PLACE_CUE_BEFORE.search(before) or PLACE_AFTER.match(text[cand.end : cand.end + 20]):
        cand.cue = "place"
    elif full_name and (
        PERSON_CUE_BEFORE.search(before) or PERSON_AFTER.match(text[cand.end : cand.end + 60])
    ):
        cand.cue = "person"
    elif OTHER_CUE_BEFORE.search(before):
        cand.cue = "other"
    elif ORG_CUE_BEFORE.search(before):
        cand.cue = "organisation"
    else:
        noun = DEMONYM_NOUN_BEFORE.search(before)
        if noun and gaz.is_demonym(noun.group(1)):
            cand.cue = "organisation"  # "le canadien Barrick": a company named by its nationality
    if cand.cue:
        cand.label = cand.cue
