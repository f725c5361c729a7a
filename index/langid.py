"""Language identification by function words.

News articles are long enough that counting the commonest function words of each
language is as accurate as a statistical model for fr/en/de/es/it/pt/nl, costs
microseconds, and needs no model file.
"""

from __future__ import annotations

import re

_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "le la les des du un une et est dans pour que qui sur au aux avec pas par "
        "ce cette ont été son ses leur mais comme plus ou il elle ils nous vous "
        "sont selon après entre depuis lors aussi être fait".split()
    ),
    "en": frozenset(
        "the of and to in is that for on with as was by it at from be has have "
        "are an this which but not were had their its said will would been after "
        "who they he she also".split()
    ),
    "de": frozenset(
        "der die das und ist nicht mit den von zu im sich auf für dem ein eine "
        "des auch es wird bei nach wie aus sind hat wurde".split()
    ),
    "es": frozenset(
        "el la los las de y que en un una es por con para del se al lo como más "
        "pero su sus fue ha han este esta según".split()
    ),
    "it": frozenset(
        "il lo la gli le di e che in un una è per con del della dei non si sono "
        "alla anche come più ma ha dal nel sul".split()
    ),
    "pt": frozenset(
        "o a os as de e que em um uma é para com do da dos das não se por mais "
        "como mas foi ao são pela pelo".split()
    ),
    "nl": frozenset(
        "de het een en van in is dat op te met voor zijn niet aan er ook als bij "
        "door werd naar maar om".split()
    ),
}

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_CHARS = 6_000
# word -> the languages it is a function word of, so the sample is read once.
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _WORDS.items():
    for _word in _words:
        _LANGS_OF[_word] = (*_LANGS_OF.get(_word, ()), _lang)


def detect_language(text: str, *, minimum_hits: int = 3) -> str | None:
    """Return the ISO 639-1 code of the likeliest language, or None when unsure.

    Only the first 6,000 characters (about 1,000 words) are read: plenty for a news
    article, and a 2 MB single-line file costs the same as a short one.
    """
    counts = dict.fromkeys(_WORDS, 0)
    for word in _TOKEN.findall(text[:_SAMPLE_CHARS].lower()):
        for lang in _LANGS_OF.get(word, ()):
            counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < minimum_hits or ranked[0] == ranked[1]:
        return None
    return best
