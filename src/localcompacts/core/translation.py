"""Reference data carries its names in each of the site's languages (`core.languages`)."""

from django.db import models
from django.utils.translation import get_language

from .languages import DEFAULT_LANGUAGE, LANGUAGES, by_code, field_suffixes, site_language


def current_language() -> str:
    """The active site language's code (`en`, `zh-hans`…)."""
    return site_language(get_language())


def collation_key(text: str) -> str:
    """A key to sort names alphabetically in any of the working languages ("Égypte" with the
    E's, "Océanie" after "Europe"): case and accents ignored."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def name_fields(prefix: str = "name") -> tuple[str, ...]:
    """`name_en`, `name_fr`… `name_zh_hans`: one per language, in the list's order."""
    return tuple(f"{prefix}_{suffix}" for suffix in field_suffixes())


def column(prefix: str, language: str) -> str:
    """The per-language column of `language` (`subject_zh_hans` for `zh-hans`)."""
    return f"{prefix}_{by_code(site_language(language)).field_suffix}"


def localized(obj, field: str = "name", language: str | None = None) -> str:
    """`obj.<field>_<language>` (the active language by default), else the default language's;
    `obj` may be a model instance or a row from `.values()`."""
    language = language or current_language()
    read = obj.get if isinstance(obj, dict) else lambda name, default: getattr(obj, name, default)
    return str(read(column(field, language), "") or read(f"{field}_{DEFAULT_LANGUAGE}", ""))


class TranslatedNameModel(models.Model):
    """A row whose name exists in every site language; `.name` follows the active language.

    The `name_<code>` columns come from `core.languages.LANGUAGES` (added just below), so a new
    language's column is a `makemigrations` away."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        code = getattr(self, "code", "")
        return f"{code} {self.name}".strip()

    @property
    def name(self) -> str:
        return self.name_in(current_language())

    def name_in(self, language: str) -> str:
        return localized(self, "name", language)


for _language in LANGUAGES:
    TranslatedNameModel.add_to_class(
        f"name_{_language.field_suffix}",
        models.CharField(
            f"name ({_language.english_name})",
            max_length=300,
            blank=_language.code != DEFAULT_LANGUAGE,
        ),
    )
