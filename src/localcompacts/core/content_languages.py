"""The languages people write content in, declared once: every ISO 639-1 language.

Separate from the site's own languages (`core.languages`, the UI in which pages are shown): a
city writes its pledge in Portuguese, Turkish or Amharic whatever the site's languages are. The
list is pycountry's ISO 639 languages that have a two-letter code (184); each carries the direction
its script is written in, so content shown anywhere gets its own `lang` and `dir` (the
`{% content_lang %}` tag in `core/templatetags/content.py`). Names are pycountry's English names,
shown in the reader's language through pycountry's own ISO 639 catalogues.
"""

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Languages with an ISO 639-1 code whose usual script is written right to left: Arabic, Dhivehi
# (Thaana), Persian, Hebrew, Kashmiri, Pashto, Sindhi, Uyghur, Urdu, Yiddish.
RIGHT_TO_LEFT = frozenset({"ar", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"})


@dataclass(frozen=True)
class ContentLanguage:
    code: str  # ISO 639-1
    english_name: str  # ISO 639's reference name, as pycountry has it
    direction: str  # "ltr" or "rtl"


LANGUAGES: tuple[ContentLanguage, ...] = tuple(
    sorted(
        (
            ContentLanguage(
                language.alpha_2,
                language.name,
                "rtl" if language.alpha_2 in RIGHT_TO_LEFT else "ltr",
            )
            for language in pycountry.languages
            if hasattr(language, "alpha_2")
        ),
        key=lambda language: language.code,
    )
)
BY_CODE: dict[str, ContentLanguage] = {language.code: language for language in LANGUAGES}
CODES: tuple[str, ...] = tuple(BY_CODE)
MAX_LENGTH = 2  # the longest code, for model fields


def direction(code: str) -> str:
    """ "rtl" or "ltr" for a language code (regional variants such as "ar-EG" included)."""
    return "rtl" if (code or "").split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


@cache
def _catalogue(ui_language: str):
    # pycountry's catalogues are named like gettext's locales (fr, es, ar, ru, zh_CN).
    locale = {"zh-hans": "zh_CN", "zh-hant": "zh_TW"}.get(ui_language, ui_language.split("-")[0])
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def name(code: str) -> str:
    """The language's name in the active UI language ("Arabe" for a French reader)."""
    language = BY_CODE.get(code)
    if language is None:
        return code
    return _catalogue(get_language() or "en").gettext(language.english_name)


def choices() -> list[tuple[str, str]]:
    """(code, name in the reader's language), sorted by that name, for choosers."""
    return sorted(((code, name(code)) for code in CODES), key=lambda choice: choice[1].casefold())


lazy_choices = lazy(choices, list)


def validate(code: str) -> None:
    """Model and form validator: an ISO 639-1 code."""
    if code not in BY_CODE:
        raise ValidationError(
            _("“%(value)s” is not an ISO 639-1 language code."),
            code="invalid_language",
            params={"value": code},
        )
