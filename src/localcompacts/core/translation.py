"""Reference data carries its names in the three working languages of the Call to Local Action."""

from django.db import models
from django.utils.translation import get_language

WORKING_LANGUAGES = ("en", "fr", "es")


def current_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in WORKING_LANGUAGES else "en"


class TranslatedNameModel(models.Model):
    """A row whose name exists in English, French and Spanish; `.name` follows the active language."""

    name_en = models.CharField("name (English)", max_length=300)
    name_fr = models.CharField("name (French)", max_length=300, blank=True)
    name_es = models.CharField("name (Spanish)", max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        code = getattr(self, "code", "")
        return f"{code} {self.name}".strip()

    @property
    def name(self) -> str:
        return self.name_in(current_language())

    def name_in(self, language: str) -> str:
        return getattr(self, f"name_{language}", "") or self.name_en
