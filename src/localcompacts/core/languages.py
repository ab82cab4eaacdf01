"""The site's languages, declared once.

Everything else derives from `LANGUAGES`: Django's `LANGUAGES`/`LANGUAGES_BIDI` settings, the
language choices of forms and models (accounts, pledges' text language, the newsletter), the API's
`lang` enum, the translated name columns of reference data (`core.translation`, so
`makemigrations` adds a `name_<code>` column for a new language), open-data columns and
`make makemessages` (`python -m localcompacts.core.languages` prints the catalogue codes).

To add a UI language: add it here, run `make makemessages` and translate its catalogues, run
`makemigrations` for the translated name columns and fill them (reference data is data).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as choosers show it ("Français")
    english_name: str  # as Django's own catalogues know it ("French"), translated in the UI
    plural_forms: str  # the catalogues' Plural-Forms header, from the CLDR plural rules
    direction: str = "ltr"  # "rtl" for right-to-left scripts


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "nplurals=2; plural=(n != 1);"),
    Language("fr", "Français", "French", "nplurals=2; plural=(n > 1);"),
    Language(
        "es",
        "Español",
        "Spanish",
        "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    ),
)
DEFAULT_LANGUAGE = LANGUAGES[0].code  # the language the code and reference data are written in

CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
# Languages with message catalogues (the default is the source text).
TRANSLATED: tuple[str, ...] = tuple(code for code in CODES if code != DEFAULT_LANGUAGE)


def choices() -> list[tuple[str, str]]:
    """(code, name in that language) for choosers: a person picks their own language by its name."""
    return [(language.code, language.name) for language in LANGUAGES]


def by_code(code: str) -> Language:
    return next(language for language in LANGUAGES if language.code == code)


if __name__ == "__main__":  # `make makemessages` asks which catalogues to keep
    print(" ".join(f"-l {code}" for code in TRANSLATED))
