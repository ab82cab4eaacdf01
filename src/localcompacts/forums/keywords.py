"""The usual terms for local and regional governments and cities in the six UN official languages.

This is data: editors and translators extend it here. A trailing `*` stands for any word ending
(Russian and French inflect), a space for any run of whitespace. Latin and Cyrillic terms match
whole words only; Arabic and Chinese terms match inside words (Arabic attaches articles and
prepositions, Chinese has no spaces). Matching ignores case. A match only *suggests* that a
paragraph mentions local governments; an editor confirms it.
"""

import re
from functools import cache

LOCAL_GOVERNMENT_TERMS: dict[str, list[str]] = {
    "en": [
        "local government*",
        "local and regional government*",
        "regional government*",
        "subnational government*",
        "sub-national government*",
        "local authorit*",
        "local and regional authorit*",
        "municipal government*",
        "municipalit*",
        "city",
        "cities",
        "mayor*",
        "towns",
    ],
    "fr": [
        "collectivités locales",
        "collectivité locale",
        "collectivités territoriales",
        "collectivité territoriale",
        "autorités locales",
        "autorité locale",
        "gouvernement* locaux",
        "gouvernement* local",
        "gouvernements locaux et régionaux",
        "pouvoirs locaux",
        "municipalité*",
        "ville",
        "villes",
        "maire*",
    ],
    "es": [
        "autoridades locales",
        "autoridad local",
        "gobierno* local*",
        "gobiernos locales y regionales",
        "gobierno* subnacional*",
        "administraciones locales",
        "municipio*",
        "municipalidad*",
        "ciudad",
        "ciudades",
        "alcalde*",
        "alcaldía*",
    ],
    "ar": [
        "السلطات المحلية",
        "السلطة المحلية",
        "الحكومات المحلية",
        "الحكومة المحلية",
        "الحكومات المحلية والإقليمية",
        "الإدارات المحلية",
        "البلديات",
        "البلدية",
        "المدن",
        "رؤساء البلديات",
        "العمد",
    ],
    "zh": [
        "地方政府",
        "地方当局",
        "地方和区域政府",
        "地方主管部门",
        "市政当局",
        "城市",
        "市长",
    ],
    "ru": [
        "местн* орган* власти",
        "орган* местного самоуправления",
        "местного самоуправления",
        "местн* и региональн* орган* власти",
        "местн* власт*",
        "муниципалитет*",
        "муниципальн* образовани*",
        "город",
        "города",
        "городов",
        "городам",
        "городах",
        "мэр*",
    ],
}

# Scripts without word boundaries that \b understands for this purpose.
_INSIDE_WORDS = {"ar", "zh"}


def _pattern(term: str, language: str) -> str:
    body = r"\s+".join(
        re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
        for word in term.split()
    )
    if language in _INSIDE_WORDS:
        return body
    return rf"(?<!\w){body}(?!\w)"


@cache
def _compiled() -> list[tuple[str, str, re.Pattern]]:
    return [
        (language, term, re.compile(_pattern(term, language), re.IGNORECASE))
        for language, terms in LOCAL_GOVERNMENT_TERMS.items()
        for term in terms
    ]


def find_local_terms(text: str) -> list[str]:
    """The terms (as listed above) found in a text, in list order, each once."""
    found = []
    for _language, term, pattern in _compiled():
        if pattern.search(text) and term not in found:
            found.append(term)
    return found
