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

    @property
    def field_suffix(self) -> str:
        """The code as it appears in column names: `name_zh_hans` for `zh-hans`."""
        return self.code.replace("-", "_")

    @property
    def locale(self) -> str:
        """The catalogue directory's name (`zh_Hans` for `zh-hans`), as Django's `to_locale`."""
        language, _, region = self.code.partition("-")
        if not region:
            return language
        return f"{language}_{region.title() if len(region) > 2 else region.upper()}"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "nplurals=2; plural=(n != 1);"),
    Language("fr", "Français", "French", "nplurals=2; plural=(n > 1);"),
    Language(
        "es",
        "Español",
        "Spanish",
        "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    ),
    Language(
        "ar",
        "العربية",
        "Arabic",
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 ? 4 : 5;",
        direction="rtl",
    ),
    Language(
        "ru",
        "Русский",
        "Russian",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    # Django's code for Simplified Chinese; its catalogues live in `locale/zh_Hans/`.
    Language("zh-hans", "简体中文", "Simplified Chinese", "nplurals=1; plural=0;"),
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


def field_suffixes() -> tuple[str, ...]:
    """`en`, `fr`… `zh_hans`: the suffixes of per-language columns, in the list's order."""
    return tuple(language.field_suffix for language in LANGUAGES)


def site_language(code: str | None) -> str:
    """The site language a Django language code falls under ("fr-ca" → "fr", "zh-hans" stays),
    the default when none does."""
    code = (code or "").lower()
    if code in CODES:
        return code
    base = code.split("-")[0]
    return base if base in CODES else DEFAULT_LANGUAGE


if __name__ == "__main__":  # `make makemessages` asks which catalogues to keep
    print(" ".join(f"-l {by_code(code).locale}" for code in TRANSLATED))
