"""Reading and checking import files (CSV or XLSX) before anything is written.

Every problem is reported with its row number (as a spreadsheet shows it: the header is row 1) and
its column, so a person can fix the file; one problem anywhere means nothing is imported.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from localcompacts.compacts.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.core import content_languages
from localcompacts.core.slugs import make_slug
from localcompacts.core.spreadsheets import SpreadsheetError, cell_text, read_table
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import GovernmentKind, LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeKind, PledgeType

from .columns import split_multi
from .matching import NameIndex, normalise

MAX_ROWS = 50_000
# How often a check reports how far it is (`progress(rows checked)`), for the worker's progress bar.
PROGRESS_EVERY = 200
# The largest whole number the database stores (a 64-bit integer column).
MAX_INTEGER = 2**63 - 1
# The largest budget `Pledge.budget` holds (16 digits, 2 of them after the point).
MAX_BUDGET = Decimal("99999999999999.99")
SLUG = re.compile(r"^[-a-z0-9_]{1,220}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")


class ImportKind:
    GOVERNMENTS = "governments"
    PLEDGES = "pledges"


REQUIRED = {
    ImportKind.GOVERNMENTS: ("name", "country"),
    ImportKind.PLEDGES: ("title", "owners"),
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


def _counted(
    rows: Iterable[tuple[int, dict]], progress: Callable[[int], None] | None
) -> Iterator[tuple[int, dict]]:
    """The rows, telling `progress` every `PROGRESS_EVERY` rows how many were checked."""
    for done, row in enumerate(rows, start=1):
        yield row
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)


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


def check_governments(
    rows: list[tuple[int, dict]], progress: Callable[[int], None] | None = None
) -> CheckedTable:
    table = CheckedTable(kind=ImportKind.GOVERNMENTS)
    check = _Checker(table)
    countries = dict(Country.objects.values_list("iso3", "pk"))
    url = URLValidator()
    seen: dict[str, int] = {}
    # Who holds each slug and external id now, and in the rows above: a new external id may not
    # take over a government found by slug that has another one (it would be re-keyed).
    # (name, external id, country) by slug.
    slug_holders = {
        slug: (name, external_id or "", iso3 or "")
        for slug, name, external_id, iso3 in LocalGovernment.objects.values_list(
            "slug", "name", "external_id", "country__iso3"
        )
    }
    known_ids = set(
        LocalGovernment.objects.exclude(external_id=None).values_list("external_id", flat=True)
    )
    _missing_columns(check, rows, ImportKind.GOVERNMENTS)
    for number, row in _counted(rows, progress):
        clean: dict = {"external_id": row.get("external_id", "") or None}
        name = row.get("name", "")
        if not name:
            check.problem(number, "name", _("A name is required."))
        elif len(name) > 200:
            check.problem(number, "name", _("At most 200 characters."))
        clean["name"] = name
        # A given slug must already be an address; otherwise one is transliterated from the name
        # in whatever script it is written ("Москва" → "moskva").
        slug = row.get("slug", "")
        if slug and not SLUG.match(slug):
            check.problem(number, "slug", _("Use lowercase letters, digits and hyphens only."))
        elif not slug and name:
            slug = _free_slug(
                make_slug(name, max_length=190),
                clean["external_id"],
                row.get("country", "").upper(),
                slug_holders,
            )
            if not slug:
                check.problem(
                    number,
                    "slug",
                    _("The name has no letters or digits to make an address from: give a slug."),
                )
        clean["slug"] = slug
        # Rows are the same government when they share an external id or, without one, the slug
        # the service finds them by; rows whose slug could not be made are not compared.
        key = clean["external_id"] or slug
        if key and key in seen:
            check.problem(
                number, "external_id", _("Same government as row %(row)s.") % {"row": seen[key]}
            )
        if key:
            seen[key] = number
        external_id = clean["external_id"]
        row_country = row.get("country", "").upper()
        if slug and external_id and external_id not in known_ids:  # matched by its slug
            holder_name, holder_id, _holder_country = slug_holders.get(slug, (name, "", ""))
            if holder_id and holder_id != external_id:
                check.problem(
                    number,
                    "external_id",
                    rekey_message(external_id, slug=slug, name=holder_name, existing=holder_id),
                )
            else:
                slug_holders[slug] = (holder_name, external_id, row_country)
                known_ids.add(external_id)
        elif slug and not external_id:
            slug_holders.setdefault(slug, (name, "", row_country))
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


def _free_slug(
    slug: str, external_id: str | None, country: str, holders: dict[str, tuple[str, str, str]]
) -> str:
    """`slug`, or `slug-2`, `slug-3`… when a government in another country with another external
    id holds it (San José in Costa Rica and in the United States; "القاهرة" and "القاهرة
    الجديدة" spelled alike in ASCII). A holder without an external id is the same government (the
    import finds it by its slug); one in the same country under another id is kept: the row would
    re-key it, which the check refuses."""
    candidate, number = slug, 1
    while (
        slug
        and external_id
        and candidate in holders
        and holders[candidate][1] not in ("", external_id)
        and holders[candidate][2] != country
    ):
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def check_pledges(
    rows: list[tuple[int, dict]], progress: Callable[[int], None] | None = None
) -> CheckedTable:
    table = CheckedTable(kind=ImportKind.PLEDGES)
    check = _Checker(table)
    governments = {}
    for pk, slug, external_id in LocalGovernment.objects.values_list("pk", "slug", "external_id"):
        governments[slug] = pk
        if external_id:
            governments[external_id] = pk
    # Codes or names in any site language (`matching.NameIndex`).
    objectives = NameIndex(Objective.objects.all())
    principles = NameIndex(GuidingPrinciple.objects.all())
    areas = NameIndex(RefugeeSupportArea.objects.all())
    sdgs = NameIndex(SustainableDevelopmentGoal.objects.all())
    groups = NameIndex(PopulationGroup.objects.all())
    countries = NameIndex(Country.objects.all(), code_field="iso3")
    # Governments named in a row: by name (and the row's country when it has one).
    by_name: dict[str, list[tuple[int, int]]] = {}
    for pk, name, country in LocalGovernment.objects.values_list("pk", "name", "country_id"):
        by_name.setdefault(normalise(name), []).append((pk, country))
    if rows and "external_id" not in rows[0][1]:
        # A file of city actions rarely has ids: a stable one from the lead owner and title, so
        # importing the same file again updates instead of duplicating.
        for _position, row in rows:
            lead = (split_multi(row.get("owners", "")) or [""])[0]
            row["external_id"] = "IMP-" + make_slug(f"{lead} {row.get('title', '')}", max_length=90)
    forums = dict(ReviewForum.objects.values_list("slug", "pk"))
    in_file = {row.get("external_id", "") for _number_, row in rows}
    known_pledges = set(
        Pledge.objects.filter(external_id__in=[e for e in in_file if e]).values_list(
            "external_id", flat=True
        )
    )
    seen: dict[str, int] = {}
    _missing_columns(check, rows, ImportKind.PLEDGES)
    for number, row in _counted(rows, progress):
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
        _choice(check, number, row, clean, "language", content_languages.CODES, "en")
        for name, limit, required in (("title", 200, True), ("summary", 600, False)):
            value = row.get(name, "")
            if required and not value:
                check.problem(number, name, _("This column is required."))
            elif len(value) > limit:
                check.problem(number, name, _("At most %(n)s characters.") % {"n": limit})
            clean[name] = value
        clean["description"] = row.get("description", "")
        owner_codes = split_multi(row.get("owners", ""))
        if not owner_codes:
            check.problem(number, "owners", _("At least one owning government is required."))
        country_id = None
        if row.get("country"):
            country_id = countries.find(row["country"])
            if country_id is None:
                check.problem(
                    number,
                    "country",
                    _("Unknown country “%(value)s”.") % {"value": row["country"][:60]},
                )
        clean["owner_ids"] = []
        for code in _split_owners(owner_codes, governments, by_name, country_id):
            owner = _owner(code, governments, by_name, country_id)
            if owner is None and country_id is not None:
                owner = NewGovernment(name=code[:200], country_id=country_id)
            if owner is None:
                check.problem(number, "owners", _unknown_owner(code, by_name, row))
            elif owner not in clean["owner_ids"]:
                clean["owner_ids"].append(owner)
        for name, known in (
            ("objectives", objectives),
            ("guiding_principles", principles),
            ("gcr_areas", areas),
            ("sdgs", sdgs),
            ("population_groups", groups),
        ):
            clean[name], missing = known.find_many(row.get(name, ""))
            for code in missing:
                check.problem(
                    number, name, _("Unknown code or name “%(value)s”.") % {"value": code[:60]}
                )
        clean["start_date"] = _date(check, number, row, "start_date")
        clean["end_date"] = _date(check, number, row, "end_date")
        if clean["start_date"] and clean["end_date"] and clean["end_date"] < clean["start_date"]:
            check.problem(number, "end_date", _("The end date is before the start date."))
        budget = _number(check, number, row, "budget", low=0, high=MAX_BUDGET)
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


@dataclass(frozen=True)
class NewGovernment:
    """A government named in a pledge row that does not exist yet: created by the same import."""

    name: str
    country_id: int


def _owner(text: str, governments: dict, by_name: dict, country_id):
    """An owner given as external id, slug, or name (with the row's country when several
    governments share the name)."""
    if text in governments:
        return governments[text]
    candidates = by_name.get(normalise(text), [])
    if country_id is not None:
        candidates = [c for c in candidates if c[1] == country_id]
    return candidates[0][0] if len(candidates) == 1 else None


def _split_owners(parts: list[str], governments, by_name, country_id) -> list[str]:
    """Owners are separated by "; "; a part that is no known government is tried once more split
    at commas ("dakar, lyon")."""
    owners = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if (
            len(pieces) > 1
            and _owner(part, governments, by_name, country_id) is None
            and all(_owner(p, governments, by_name, country_id) is not None for p in pieces)
        ):
            owners.extend(pieces)
        else:
            owners.append(part)
    return owners


def _unknown_owner(text: str, by_name: dict, row: dict) -> str:
    if len(by_name.get(normalise(text), [])) > 1 and not row.get("country"):
        return _("Several governments are named “%(value)s”; add a country column.") % {
            "value": text[:60]
        }
    return _(
        "Unknown government “%(value)s”. Give its id or name, or a country column to create it."
    ) % {"value": text[:60]}


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
        return None
    if integer and parsed > MAX_INTEGER:
        check.problem(number, name, _("Out of range."))
        return None
    if not integer and not parsed.is_finite():
        check.problem(number, name, _("Not a number."))
        return None
    if (low is not None and parsed < low) or (high is not None and parsed > high):
        check.problem(number, name, _("Out of range."))
    return parsed


def check_table(kind: str, rows, progress: Callable[[int], None] | None = None) -> CheckedTable:
    """Every row checked; `progress(rows checked)` is told every `PROGRESS_EVERY` rows."""
    check = check_governments if kind == ImportKind.GOVERNMENTS else check_pledges
    return check(rows, progress)
