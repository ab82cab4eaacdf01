"""Reading and checking import files (CSV or XLSX) before anything is written.

Every problem is reported with its row number (as a spreadsheet shows it: the header is row 1) and
its column, so a person can fix the file; one problem anywhere means nothing is imported.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from localcompacts.compacts.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.core.spreadsheets import SpreadsheetError, cell_text, read_table
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import GovernmentKind, LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeKind, PledgeType, TextLanguage

from .columns import split_multi

MAX_ROWS = 50_000
SLUG = re.compile(r"^[-a-z0-9_]{1,220}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")


class ImportKind:
    GOVERNMENTS = "governments"
    PLEDGES = "pledges"


REQUIRED = {
    ImportKind.GOVERNMENTS: ("name", "country"),
    ImportKind.PLEDGES: ("external_id", "title", "owners"),
}


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class CheckedTable:
    kind: str
    rows: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# The file as a whole cannot be read: the one spreadsheet error, under the name importers know.
FileProblem = SpreadsheetError


def read_rows(data: bytes, *, extension: str) -> list[tuple[int, dict]]:
    """(row number, {column: text}) for every non-empty data row of a CSV or XLSX file."""
    _header, rows = read_table(data, extension=extension, max_rows=MAX_ROWS)
    return [(number, {k: cell_text(v) for k, v in row.items()}) for number, row in rows]


def _codes(value: str) -> list[str]:
    """Codes and ids (no comma in any of them): "; " as written by the exports, commas accepted."""
    return split_multi(value.replace(",", ";"))


class _Checker:
    def __init__(self, table: CheckedTable):
        self.table = table

    def problem(self, row: int, column: str, message: str) -> None:
        self.table.problems.append(Problem(row, column, message))


def rekey_message(external_id: str, *, slug: str, name: str, existing: str) -> str:
    """Why a row may not take over a government that already has another external id."""
    return _(
        "The slug “%(slug)s” belongs to %(name)s, whose external id is “%(existing)s”, not "
        "“%(new)s”. Give this row that government's external id, or another slug."
    ) % {"slug": slug, "name": name, "existing": existing, "new": external_id[:100]}


def check_governments(rows: list[tuple[int, dict]]) -> CheckedTable:
    table = CheckedTable(kind=ImportKind.GOVERNMENTS)
    check = _Checker(table)
    countries = dict(Country.objects.values_list("iso3", "pk"))
    url = URLValidator()
    seen: dict[str, int] = {}
    # Who holds each slug and external id now, and in the rows above: a new external id may not
    # take over a government found by slug that has another one (it would be re-keyed).
    slug_holders = {
        slug: (name, external_id or "")
        for slug, name, external_id in LocalGovernment.objects.values_list(
            "slug", "name", "external_id"
        )
    }
    known_ids = set(
        LocalGovernment.objects.exclude(external_id=None).values_list("external_id", flat=True)
    )
    _missing_columns(check, rows, ImportKind.GOVERNMENTS)
    for number, row in rows:
        clean: dict = {"external_id": row.get("external_id", "") or None}
        name = row.get("name", "")
        if not name:
            check.problem(number, "name", _("A name is required."))
        elif len(name) > 200:
            check.problem(number, "name", _("At most 200 characters."))
        clean["name"] = name
        slug = row.get("slug", "") or slugify(name)
        if not SLUG.match(slug):
            check.problem(number, "slug", _("Use lowercase letters, digits and hyphens only."))
        clean["slug"] = slug
        key = clean["external_id"] or slug
        if key in seen:
            check.problem(
                number, "external_id", _("Same government as row %(row)s.") % {"row": seen[key]}
            )
        seen[key] = number
        external_id = clean["external_id"]
        if external_id and external_id not in known_ids:  # this row is matched by its slug
            holder_name, holder_id = slug_holders.get(slug, (name, ""))
            if holder_id and holder_id != external_id:
                check.problem(
                    number,
                    "external_id",
                    rekey_message(external_id, slug=slug, name=holder_name, existing=holder_id),
                )
            else:
                slug_holders[slug] = (holder_name, external_id)
                known_ids.add(external_id)
        elif not external_id:
            slug_holders.setdefault(slug, (name, ""))
        kind = row.get("kind", "") or GovernmentKind.CITY
        if kind not in GovernmentKind.values:
            check.problem(number, "kind", _("Unknown kind “%(value)s”.") % {"value": kind[:40]})
        clean["kind"] = kind
        iso3 = row.get("country", "").upper()
        if iso3 not in countries:
            check.problem(
                number,
                "country",
                _("Unknown ISO 3166 alpha-3 code “%(value)s”.") % {"value": iso3[:10]},
            )
        clean["country_id"] = countries.get(iso3)
        clean["population"] = _number(check, number, row, "population", integer=True)
        clean["latitude"] = _number(check, number, row, "latitude", low=-90, high=90)
        clean["longitude"] = _number(check, number, row, "longitude", low=-180, high=180)
        website = row.get("website", "")
        if website:
            try:
                url(website)
            except ValidationError:
                check.problem(number, "website", _("Not a web address."))
        clean["website"] = website
        table.rows.append((number, clean))
    return table


def check_pledges(rows: list[tuple[int, dict]]) -> CheckedTable:
    table = CheckedTable(kind=ImportKind.PLEDGES)
    check = _Checker(table)
    governments = {}
    for pk, slug, external_id in LocalGovernment.objects.values_list("pk", "slug", "external_id"):
        governments[slug] = pk
        if external_id:
            governments[external_id] = pk
    objectives = dict(Objective.objects.values_list("code", "pk"))
    principles = dict(GuidingPrinciple.objects.values_list("code", "pk"))
    areas = dict(RefugeeSupportArea.objects.values_list("code", "pk"))
    sdgs = dict(SustainableDevelopmentGoal.objects.values_list("code", "pk"))
    groups = dict(PopulationGroup.objects.values_list("code", "pk"))
    forums = dict(ReviewForum.objects.values_list("slug", "pk"))
    in_file = {row.get("external_id", "") for _number_, row in rows}
    known_pledges = set(
        Pledge.objects.filter(external_id__in=[e for e in in_file if e]).values_list(
            "external_id", flat=True
        )
    )
    seen: dict[str, int] = {}
    _missing_columns(check, rows, ImportKind.PLEDGES)
    for number, row in rows:
        clean: dict = {}
        external_id = row.get("external_id", "")
        if not external_id:
            check.problem(number, "external_id", _("An external id is required."))
        elif len(external_id) > 100:
            check.problem(number, "external_id", _("At most 100 characters."))
        elif external_id in seen:
            check.problem(
                number, "external_id", _("Same id as row %(row)s.") % {"row": seen[external_id]}
            )
        seen[external_id] = number
        clean["external_id"] = external_id
        _choice(check, number, row, clean, "kind", PledgeKind.values, PledgeKind.PLEDGE)
        _choice(check, number, row, clean, "pledge_type", [*PledgeType.values, ""], "")
        _choice(check, number, row, clean, "language", TextLanguage.values, "en")
        for name, limit, required in (("title", 200, True), ("summary", 600, False)):
            value = row.get(name, "")
            if required and not value:
                check.problem(number, name, _("This column is required."))
            elif len(value) > limit:
                check.problem(number, name, _("At most %(n)s characters.") % {"n": limit})
            clean[name] = value
        clean["description"] = row.get("description", "")
        owner_codes = _codes(row.get("owners", ""))
        if not owner_codes:
            check.problem(number, "owners", _("At least one owning government is required."))
        clean["owner_ids"] = []
        for code in owner_codes:
            if code not in governments:
                check.problem(
                    number, "owners", _("Unknown government “%(value)s”.") % {"value": code[:60]}
                )
            elif governments[code] not in clean["owner_ids"]:
                clean["owner_ids"].append(governments[code])
        for name, known in (
            ("objectives", objectives),
            ("guiding_principles", principles),
            ("gcr_areas", areas),
            ("sdgs", sdgs),
            ("population_groups", groups),
        ):
            clean[name] = []
            for code in _codes(row.get(name, "")):
                value = code if name == "population_groups" else code.upper()
                if value not in known:
                    check.problem(
                        number, name, _("Unknown code “%(value)s”.") % {"value": code[:40]}
                    )
                else:
                    clean[name].append(known[value])
        clean["start_date"] = _date(check, number, row, "start_date")
        clean["end_date"] = _date(check, number, row, "end_date")
        if clean["start_date"] and clean["end_date"] and clean["end_date"] < clean["start_date"]:
            check.problem(number, "end_date", _("The end date is before the start date."))
        budget = _number(check, number, row, "budget", low=0)
        clean["budget"] = budget
        currency = row.get("currency", "").upper()
        if currency and not CURRENCY.match(currency):
            check.problem(number, "currency", _("Use a three-letter ISO 4217 code, e.g. EUR."))
        if budget is not None and not currency:
            check.problem(number, "currency", _("Give the currency of the budget."))
        clean["currency"] = currency
        clean["partners"] = "\n".join(split_multi(row.get("partners", "")))
        forum = row.get("announced_at", "")
        if forum and forum not in forums:
            check.problem(
                number,
                "announced_at",
                _("Unknown review forum “%(value)s”.") % {"value": forum[:60]},
            )
        clean["announced_at_id"] = forums.get(forum)
        matches = row.get("matches", "")
        if matches and matches not in in_file and matches not in known_pledges:
            check.problem(
                number, "matches", _("No pledge has the id “%(value)s”.") % {"value": matches[:60]}
            )
        clean["matches"] = matches
        published_at = row.get("published_at", "")
        clean["published_at"] = None
        if published_at:
            parsed = parse_datetime(published_at)
            if parsed is None or parsed.tzinfo is None:
                check.problem(
                    number, "published_at", _("Use an ISO 8601 date and time with a time zone.")
                )
            clean["published_at"] = parsed
        table.rows.append((number, clean))
    return table


def _missing_columns(check: _Checker, rows, kind: str) -> None:
    if not rows:
        check.problem(1, "", _("The file has no data rows."))
        return
    present = set(rows[0][1])
    for column in REQUIRED[kind]:
        if column not in present:
            check.problem(1, column, _("The column “%(column)s” is missing.") % {"column": column})


def _choice(check, number, row, clean, name, allowed, default) -> None:
    value = row.get(name, "") or default
    if value not in allowed:
        check.problem(number, name, _("Unknown value “%(value)s”.") % {"value": value[:40]})
    clean[name] = value


def _date(check, number, row, name):
    value = row.get(name, "")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        check.problem(number, name, _("Use a date like 2025-01-31."))
        return None


def _number(check, number, row, name, *, integer=False, low=None, high=None):
    value = row.get(name, "").replace(" ", "")
    if not value:
        return None
    try:
        parsed = int(value) if integer else Decimal(value)
    except (ValueError, InvalidOperation):
        check.problem(number, name, _("Not a number."))
        return None
    if integer and parsed < 0:
        check.problem(number, name, _("Must not be negative."))
    if not integer and not parsed.is_finite():
        check.problem(number, name, _("Not a number."))
        return None
    if (low is not None and parsed < low) or (high is not None and parsed > high):
        check.problem(number, name, _("Out of range."))
    return parsed


def check_table(kind: str, rows) -> CheckedTable:
    return check_governments(rows) if kind == ImportKind.GOVERNMENTS else check_pledges(rows)
