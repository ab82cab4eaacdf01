"""Import what people have: column names and values in any shipped language.

A secretariat's spreadsheet of city actions names things the way people write them ("Population
groups", "Groupes de population"; "host communities", "Objective 15", "Sénégal"). This module
proposes which field each column holds (from the field names and their labels in every site
language, then from what the secretariat chose last time for that column name), and resolves
names or codes of the reference lists in any language to their rows.
"""

import re
import unicodedata

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from localcompacts.core import languages
from localcompacts.core.translation import name_fields

from .columns import split_multi

# The fields a pledges file can fill, with the label people see (and may have written).
PLEDGE_FIELDS = {
    "external_id": _("External id"),
    "title": _("Title"),
    "owners": _("Government"),
    "country": _("Country"),
    "kind": _("Kind (pledge or practice)"),
    "pledge_type": _("Type of pledge"),
    "language": _("Language"),
    "summary": _("Summary"),
    "description": _("Description"),
    "objectives": _("Objectives"),
    "guiding_principles": _("Guiding principles"),
    "gcr_areas": _("Areas in need of support"),
    "sdgs": _("Sustainable Development Goals"),
    "population_groups": _("Population groups"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "budget": _("Budget"),
    "currency": _("Currency"),
    "partners": _("Partners"),
    "announced_at": _("Announced at"),
    "matches": _("Matches"),
    "published_at": _("Published at"),
}

# Words people use for a field besides its label (translated like the labels: every language).
SYNONYMS = {
    "owners": (_("City"), _("Cities"), _("Local government"), _("Municipality"), "owner"),
    "title": (_("Action"), _("Name of the action"), _("Pledge")),
    "population_groups": (_("Target groups"), "population group"),
    "objectives": (_("Objective"), _("Compact objectives")),
    "partners": (_("Partner organisations"), "partner"),
}


def normalise(text) -> str:
    """The form two spellings of one name share: no accents, case, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def field_aliases() -> dict[str, str]:
    """Normalised column name → field, from names, labels in every site language and synonyms."""
    aliases: dict[str, str] = {}
    for field, label in PLEDGE_FIELDS.items():
        aliases[normalise(field)] = field
        for code in languages.CODES:
            with translation.override(code):
                aliases.setdefault(normalise(label), field)
        for word in SYNONYMS.get(field, ()):
            for code in languages.CODES:
                with translation.override(code):
                    aliases.setdefault(normalise(word), field)
    return aliases


def propose_mapping(header: list[str], remembered: dict[str, str]) -> dict[str, str]:
    """For each column, the field it most likely holds ("" = ignore): what was chosen last time
    for that column name, else the field whose name or label (in any language) it is."""
    aliases = field_aliases()
    proposed: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        if not column:
            continue
        field = remembered.get(column)
        if field is None:
            field = aliases.get(normalise(column), "")
        if field in taken:
            field = ""
        proposed[column] = field
        if field:
            taken.add(field)
    return proposed


def apply_mapping(rows, mapping: dict[str, str]):
    """Rows keyed by field instead of by the file's column names; ignored columns dropped."""
    return [
        (number, {mapping[c]: v for c, v in row.items() if mapping.get(c)}) for number, row in rows
    ]


class NameIndex:
    """Rows of a reference list found by code or by name in any site language."""

    def __init__(self, queryset, *, code_field: str = "code"):
        self.by_key: dict[str, int] = {}
        self.codes: dict[int, str] = {}
        names = name_fields()  # name_en, name_fr, … name_zh_hans (core.translation)
        for values in queryset.values("pk", code_field, *names):
            pk, code = values["pk"], values[code_field]
            self.codes[pk] = code
            self.by_key[normalise(code)] = pk
            for name in names:
                if values[name]:
                    self.by_key.setdefault(normalise(values[name]), pk)

    def find(self, text: str) -> int | None:
        key = normalise(text)
        if key in self.by_key:
            return self.by_key[key]
        # "Objective 15", "objectif 15" for GCM-15: a number alone matches a code ending in it.
        number = re.fullmatch(r"\D*?(\d+)", key)
        if number:
            matches = {pk for k, pk in self.by_key.items() if k.endswith(f" {number.group(1)}")}
            if len(matches) == 1:
                return matches.pop()
        return None

    def find_many(self, value: str) -> tuple[list[int], list[str]]:
        """(rows found, parts not found) of a multi-valued cell: "; " separates; a part that
        is not a name is tried once more split at commas (codes, short names)."""
        found, missing = [], []
        for part in split_multi(value):
            pk = self.find(part)
            if pk is not None:
                found.append(pk)
                continue
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            hits = [hit for p in pieces if (hit := self.find(p)) is not None]
            if len(pieces) > 1 and len(hits) == len(pieces):
                found.extend(hits)
            else:
                missing.append(part)
        return list(dict.fromkeys(found)), missing
