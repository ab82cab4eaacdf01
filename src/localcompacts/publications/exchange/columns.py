"""Column layouts of every export, with the data dictionary that documents them.

`PLEDGE_COLUMNS` is the platform's own layout: exports write it, imports read it (round trip).
`GCM_COLUMNS` and `GRF_COLUMNS` follow the UN pledge templates (see docs/data-exchange.md).
"""

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The one separator of multi-valued cells (owners, codes, partners…), in every file we write and
# read: partner names may hold commas, so only ";" separates.
MULTI_SEPARATOR = "; "


def split_multi(value: str) -> list[str]:
    """The values of a multi-valued cell: the inverse of `_join` (a bare ";" separates too)."""
    return [part.strip() for part in value.split(MULTI_SEPARATOR.strip()) if part.strip()]


@dataclass(frozen=True)
class Column:
    name: str
    description: Any  # lazy translation
    get: Any  # callable(obj) -> value
    example: str = ""


def _join(values) -> str:
    return MULTI_SEPARATOR.join(str(v) for v in values if v not in (None, ""))


def _date(value) -> str:
    return value.isoformat() if value else ""


def _datetime(value) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="seconds") if value else ""


def _decimal(value) -> str:
    return format(value, "f") if value is not None else ""


def own_external_id(pledge) -> str:
    """The pledge's stable id in exports: its external id, or one derived from its primary key."""
    return pledge.external_id or f"LC-P{pledge.pk}"


def public_url(pledge) -> str:
    """The pledge page's full address. One `reverse()` per language fills a template: reversing
    per row was a fifth of the time of a large export."""
    template = settings.SITE_URL + _url_template(get_language() or "")
    return template.replace("{pk}", str(pledge.pk)).replace("{slug}", pledge.slug)


@functools.cache
def _url_template(language: str) -> str:
    path = reverse("pledges:detail", kwargs={"pk": _PK_SLOT, "slug": _SLUG_SLOT})
    return path.replace(str(_PK_SLOT), "{pk}").replace(_SLUG_SLOT, "{slug}")


# Values reversed into the pledge URL once and then swapped for each pledge's own.
_PK_SLOT = 987654321
_SLUG_SLOT = "pledge-slug-slot"


def government_key(government) -> str:
    return government.external_id or government.slug


def related(obj, name: str) -> list:
    """A prefetched relation without building a new queryset per call (exports call this
    millions of times); falls back to a query when it was not prefetched."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    if name in cache:
        return cache[name]._result_cache
    return list(getattr(obj, name).all())


def _owners(pledge) -> list:
    return related(pledge, "owners")


def _objectives(pledge, compact: str | None = None) -> list[str]:
    return [
        o.code for o in related(pledge, "objectives") if compact is None or o.compact == compact
    ]


def _countries(pledge) -> list[str]:
    seen = []
    for owner in _owners(pledge):
        if owner.country.iso3 not in seen:
            seen.append(owner.country.iso3)
    return seen


PLEDGE_COLUMNS = [
    Column(
        "external_id",
        _("Stable identifier of the pledge; re-importing the same id updates it."),
        own_external_id,
        "LC-P42",
    ),
    Column(
        "kind",
        _("“pledge” (a future commitment) or “practice” (an action already under way)."),
        lambda p: p.kind,
        "pledge",
    ),
    Column("title", _("Title, at most 200 characters."), lambda p: p.title),
    Column("summary", _("One-paragraph summary, at most 600 characters."), lambda p: p.summary),
    Column("description", _("Full description (sanitised HTML)."), lambda p: p.description),
    Column(
        "language",
        _("Language of the text: its ISO 639-1 code (en, fr, es, pt, ar, zh…)."),
        lambda p: p.language,
        "en",
    ),
    Column(
        "pledge_type",
        _("UN Network on Migration pledge type: financial, technical, policy or process."),
        lambda p: p.pledge_type,
        "policy",
    ),
    Column(
        "owners",
        _("Owning governments by external id or slug, lead first, separated by “; ”."),
        lambda p: _join(government_key(g) for g in _owners(p)),
        "dakar; medellin",
    ),
    Column(
        "owner_names",
        _("Names of the owning governments (for reading; ignored on import)."),
        lambda p: _join(g.name for g in _owners(p)),
    ),
    Column(
        "countries",
        _("ISO 3166 alpha-3 codes of the owners' countries (ignored on import)."),
        lambda p: _join(_countries(p)),
        "SEN",
    ),
    Column(
        "objectives",
        _("GCM and GCR objective codes, e.g. GCM-15; GCR-2."),
        lambda p: _join(_objectives(p)),
        "GCM-15; GCR-2",
    ),
    Column(
        "guiding_principles",
        _("GCM guiding principle codes, e.g. GCM-P1."),
        lambda p: _join(g.code for g in related(p, "guiding_principles")),
        "GCM-P1",
    ),
    Column(
        "gcr_areas",
        _("GCR areas in need of support, e.g. GCR-A2.3."),
        lambda p: _join(a.code for a in related(p, "refugee_support_areas")),
        "GCR-A2",
    ),
    Column(
        "sdgs",
        _("Sustainable Development Goal codes, e.g. SDG-10."),
        lambda p: _join(s.code for s in related(p, "sdgs")),
        "SDG-10",
    ),
    Column(
        "population_groups",
        _("Population group codes, e.g. migrants; refugees."),
        lambda p: _join(g.code for g in related(p, "population_groups")),
        "migrants",
    ),
    Column("start_date", _("Start date, YYYY-MM-DD."), lambda p: _date(p.start_date), "2025-01-01"),
    Column(
        "end_date",
        _("End date, YYYY-MM-DD, not before the start date."),
        lambda p: _date(p.end_date),
        "2027-12-31",
    ),
    Column(
        "budget",
        _("Budget, a number without thousands separators."),
        lambda p: _decimal(p.budget),
        "250000.00",
    ),
    Column("currency", _("ISO 4217 currency code of the budget."), lambda p: p.currency, "EUR"),
    Column(
        "partners", _("Partner organisations, separated by “; ”."), lambda p: _join(p.partner_list)
    ),
    Column(
        "announced_at",
        _("Slug of the review forum where it was announced."),
        lambda p: p.announced_at.slug if p.announced_at else "",
        "imrf-2022",
    ),
    Column(
        "matches",
        _("External id of the pledge this one matches."),
        lambda p: own_external_id(p.matches) if p.matches else "",
    ),
    Column(
        "status",
        _("Workflow status (exports contain published pledges only)."),
        lambda p: p.status,
        "published",
    ),
    Column(
        "published_at",
        _("When it was published (UTC, ISO 8601)."),
        lambda p: _datetime(p.published_at),
    ),
    Column(
        "url",
        _("Address of the pledge's public page."),
        public_url,
    ),
]

GOVERNMENT_COLUMNS = [
    Column(
        "external_id",
        _("Stable identifier of the government (optional; the slug is used when empty)."),
        lambda g: g.external_id or "",
    ),
    Column(
        "slug", _("Short unique name used in addresses, e.g. dakar."), lambda g: g.slug, "dakar"
    ),
    Column("name", _("Name, in its own script (any language)."), lambda g: g.name, "Dakar"),
    Column(
        "kind",
        _("city, municipality, metropolitan_area, region or association."),
        lambda g: g.kind,
        "city",
    ),
    Column("country", _("ISO 3166 alpha-3 country code."), lambda g: g.country.iso3, "SEN"),
    Column(
        "population",
        _("Population, a whole number."),
        lambda g: g.population if g.population is not None else "",
    ),
    Column("latitude", _("Latitude in decimal degrees."), lambda g: _decimal(g.latitude)),
    Column("longitude", _("Longitude in decimal degrees."), lambda g: _decimal(g.longitude)),
    Column("website", _("Official website address."), lambda g: g.website),
]

ENDORSEMENT_COLUMNS = [
    Column("government", _("Slug of the endorsing government."), lambda e: e.government.slug),
    Column("government_name", _("Name of the endorsing government."), lambda e: e.government.name),
    Column(
        "signatory_name",
        _("Who signed the Marrakech Mayors Declaration."),
        lambda e: e.signatory_name,
    ),
    Column("signatory_title", _("The signatory's title."), lambda e: e.signatory_title),
    Column("signed_on", _("Date signed, YYYY-MM-DD."), lambda e: _date(e.signed_on)),
]

# --- The UN Network on Migration's GCM pledging template -----------------------------------------
GCM_PLEDGE_TYPES = {
    "financial": "Financial",
    "technical": "Human resources",
    "process": "Process-oriented",
    "policy": "Policy-oriented",
}


def gcm_joint(pledge) -> str:
    if len(_owners(pledge)) > 1:
        return "Common pledge"
    if pledge.partner_list:
        return "Pledge in partnership"
    return "No"


GCM_COLUMNS = [
    Column("Pledge ID", "", own_external_id),
    Column("Pledge title", "", lambda p: p.title),
    Column("Pledging entity", "", lambda p: _join(g.name for g in _owners(p))),
    Column("Type of entity", "", lambda p: "Local or regional government"),
    Column("Country", "", lambda p: _join(_countries(p))),
    Column("Pledge type", "", lambda p: GCM_PLEDGE_TYPES.get(p.pledge_type, "")),
    Column("GCM objectives", "", lambda p: _join(_objectives(p, "GCM"))),
    Column(
        "GCM guiding principles",
        "",
        lambda p: _join(g.code for g in related(p, "guiding_principles")),
    ),
    Column("Pledge description", "", lambda p: p.summary),
    Column("Joint pledge", "", gcm_joint),
    Column("Partners", "", lambda p: _join(p.partner_list)),
    Column("Matching pledge ID", "", lambda p: own_external_id(p.matches) if p.matches else ""),
    Column("Start date", "", lambda p: _date(p.start_date)),
    Column("End date", "", lambda p: _date(p.end_date)),
    Column("Budget", "", lambda p: _decimal(p.budget)),
    Column("Currency", "", lambda p: p.currency),
    Column("Announced at", "", lambda p: p.announced_at.name if p.announced_at else ""),
    Column("Link", "", public_url),
]

# --- The UNHCR Global Refugee Forum pledge template -------------------------------------------
GRF_PLEDGE_TYPES = {
    "financial": "Financial",
    "technical": "Technical",
    "process": "Other",
    "policy": "Policy",
}


def grf_status(pledge, progress: dict | None = None, today: datetime.date | None = None) -> str:
    """Planning / In progress / Fulfilled.

    A progress report's status wins (the progress app fills `progress`, pledge id -> status);
    without one, a pledge is "Planning" before its start date and "In progress" from it on. Only a
    progress report can say "Fulfilled".
    """
    if progress and pledge.pk in progress:
        return progress[pledge.pk]
    today = today or timezone.localdate()
    if pledge.start_date is None or pledge.start_date > today:
        return "Planning"
    return "In progress"


GRF_COLUMNS = [
    Column("Pledge ID", "", own_external_id),
    Column("Pledge title", "", lambda p: p.title),
    Column("Submitting entity", "", lambda p: _join(g.name for g in _owners(p))),
    Column("Entity type", "", lambda p: "Local authority"),
    Column("Country", "", lambda p: _join(_countries(p))),
    Column("GCR objectives", "", lambda p: _join(_objectives(p, "GCR"))),
    Column(
        "Areas in need of support",
        "",
        lambda p: _join(a.code for a in related(p, "refugee_support_areas")),
    ),
    Column("Pledge type", "", lambda p: GRF_PLEDGE_TYPES.get(p.pledge_type, "")),
    Column("Description", "", lambda p: p.summary),
    Column("Status", "", grf_status),
    Column("Co-sponsors", "", lambda p: _join([g.name for g in _owners(p)][1:] + p.partner_list)),
    Column("Start date", "", lambda p: _date(p.start_date)),
    Column("End date", "", lambda p: _date(p.end_date)),
    Column("Link", "", public_url),
]

# Read from `progress.selectors.with_latest_report` annotations (the export view and the open-data
# dump add them for this layout).
PROGRESS_COLUMNS = [
    Column("external_id", _("Stable identifier of the pledge."), own_external_id, "LC-P42"),
    Column("title", _("Title of the pledge."), lambda p: p.title),
    Column("url", _("Public page of the pledge."), public_url),
    Column(
        "progress_status",
        _("Status in the latest accepted progress report (empty: none yet)."),
        lambda p: p.latest_progress or "",
        "in_progress",
    ),
    Column(
        "percent_complete",
        _("Percentage complete in that report."),
        lambda p: "" if p.latest_percent is None else p.latest_percent,
        "60",
    ),
    Column(
        "report_accepted_at",
        _("When that report was accepted (UTC)."),
        lambda p: _datetime(p.latest_accepted_at),
    ),
    Column(
        "evidence_level",
        _("Evidence level of that report: self_reported, evidence_attached or verified."),
        lambda p: p.latest_evidence or "",
        "verified",
    ),
    Column(
        "verified_at",
        _("When a reviewer verified that report (UTC); empty when not verified."),
        lambda p: _datetime(p.latest_verified_at),
    ),
    Column(
        "verification_method",
        _("How it was verified."),
        lambda p: p.latest_verification_method or "",
        "site_visit",
    ),
    Column(
        "traffic_light",
        _("green: reported this round; amber: report due; red: silent for 24 months."),
        lambda p: p.traffic_light or "",
        "green",
    ),
]

LAYOUTS = {
    "standard": PLEDGE_COLUMNS,
    "gcm": GCM_COLUMNS,
    "grf": GRF_COLUMNS,
    "progress": PROGRESS_COLUMNS,
}
