"""Reference data carries its names in each of the site's languages (`core.languages`)."""

from django.db import models
from django.utils.translation import get_language

from .languages import CODES, DEFAULT_LANGUAGE, LANGUAGES

WORKING_LANGUAGES = CODES


def current_language() -> str:
    language = (get_language() or DEFAULT_LANGUAGE)[:2]
    return language if language in WORKING_LANGUAGES else DEFAULT_LANGUAGE


def name_fields(prefix: str = "name") -> tuple[str, ...]:
    """`name_en`, `name_fr`… one per language, in the list's order."""
    return tuple(f"{prefix}_{code}" for code in CODES)


def localized(obj, field: str = "name", language: str | None = None) -> str:
    """`obj.<field>_<language>` (the active language by default), else the default language's;
    `obj` may be a model instance or a row from `.values()`."""
    language = language or current_language()
    read = obj.get if isinstance(obj, dict) else lambda name, default: getattr(obj, name, default)
    return str(read(f"{field}_{language}", "") or read(f"{field}_{DEFAULT_LANGUAGE}", ""))


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
        f"name_{_language.code}",
        models.CharField(
            f"name ({_language.english_name})",
            max_length=300,
            blank=_language.code != DEFAULT_LANGUAGE,
        ),
    )
