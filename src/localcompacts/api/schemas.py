"""What the API answers with. Field names are part of the public contract (see docs/api.md)."""

import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Manager
from ninja import Field, Schema

from localcompacts.compacts.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    Region,
    SustainableDevelopmentGoal,
)
from localcompacts.core import content_languages, languages
from localcompacts.core.models import StateTransition
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Indicator, Pledge
from localcompacts.progress.models import IndicatorValue, ProgressReport

if TYPE_CHECKING:
    # The codes are declared once, in core; a Literal built from them is seen by pydantic only.
    Language = str
    ContentLanguage = str
else:
    Language = Literal[languages.CODES]
    # What people write in: any ISO 639-1 language (core.content_languages), not only the UI's.
    ContentLanguage = Literal[content_languages.CODES]
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class FieldError(Schema):
    field: str
    message: str


class Error(Schema):
    code: str = Field(description="Machine-readable: not_found, invalid, throttled, …")
    message: str
    errors: list[FieldError] = Field(default_factory=list)


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000, description="1-based page number.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 100)."
    )


class PageMeta(Schema):
    count: int = Field(description="Number of items on all pages.")
    page: int
    page_size: int
    pages: int
    next: str | None = Field(description="Address of the next page, or null.")
    previous: str | None


# --- Taxonomies ---------------------------------------------------------------------------------


class Term(Schema):
    code: str
    name: str


class Counted(Term):
    count: int


class ObjectiveOut(Schema):
    code: str = Field(examples=["GCM-15"])
    compact: Literal["GCM", "GCR"]
    number: int
    name: str


class PrincipleOut(Schema):
    code: str = Field(examples=["GCM-P1"])
    number: int
    name: str


class SupportAreaOut(Schema):
    code: str = Field(examples=["GCR-A2.3"])
    parent: str | None = Field(description="Code of the group this sub-area belongs to.")
    name: str

    @staticmethod
    def resolve_parent(obj: RefugeeSupportArea) -> str | None:
        return obj.parent.code if obj.parent is not None else None


class SdgOut(Schema):
    code: str = Field(examples=["SDG-10"])
    number: int
    name: str


class RegionOut(Schema):
    code: str = Field(description="UN M49 code.", examples=["002"])
    name: str
    parent: str | None = Field(description="M49 code of the region of a sub-region.")

    @staticmethod
    def resolve_parent(obj: Region) -> str | None:
        return obj.parent.code if obj.parent is not None else None


class CountryOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str
    region: str | None
    subregion: str | None

    @staticmethod
    def resolve_region(obj: Country) -> str | None:
        return obj.region.code if obj.region is not None else None

    @staticmethod
    def resolve_subregion(obj: Country) -> str | None:
        return obj.subregion.code if obj.subregion is not None else None


# --- Governments --------------------------------------------------------------------------------


class GovernmentRef(Schema):
    slug: str
    name: str
    country: str = Field(description="ISO 3166 alpha-3.")

    @staticmethod
    def resolve_country(obj: LocalGovernment) -> str:
        return obj.country.iso3


def _absolute(context: dict[str, Any] | None, path: str) -> str:
    """`path` as an absolute address on the server the request came to (ninja's context holds it)."""
    request = (context or {}).get("request")
    return request.build_absolute_uri(path) if request is not None else path


class GovernmentOut(GovernmentRef):
    kind: str
    country_name: str
    region: str | None = Field(description="M49 sub-region code.")
    population: int | None
    latitude: float | None
    longitude: float | None
    website: str
    published_pledges: int
    url: str = Field(description="The government's public page.")

    @staticmethod
    def resolve_country_name(obj: LocalGovernment) -> str:
        return obj.country.name

    @staticmethod
    def resolve_region(obj: LocalGovernment) -> str | None:
        return obj.country.subregion.code if obj.country.subregion is not None else None

    @staticmethod
    def resolve_latitude(obj: LocalGovernment) -> float | None:
        return None if obj.latitude is None else float(obj.latitude)

    @staticmethod
    def resolve_longitude(obj: LocalGovernment) -> float | None:
        return None if obj.longitude is None else float(obj.longitude)

    @staticmethod
    def resolve_url(obj: LocalGovernment, context: dict[str, Any] | None) -> str:
        return _absolute(context, obj.get_absolute_url())


class PledgeCounts(Schema):
    pledge: int
    practice: int


class GovernmentDetailOut(GovernmentOut):
    published_by_kind: PledgeCounts
    endorsed_on: datetime.date | None = Field(
        description="Date of its verified Marrakech Mayors Declaration endorsement, if any."
    )


class EndorsementOut(Schema):
    government: GovernmentRef
    signatory_name: str
    signatory_title: str
    signed_on: datetime.date


# --- Pledges ------------------------------------------------------------------------------------


TaxonomyTerm = (
    Objective | GuidingPrinciple | RefugeeSupportArea | SustainableDevelopmentGoal | PopulationGroup
)


def _codes(related: Manager[TaxonomyTerm]) -> list[str]:
    return [item.code for item in related.all()]


class PledgeOut(Schema):
    id: int
    kind: Literal["pledge", "practice"]
    status: str
    title: str
    summary: str
    language: str
    pledge_type: str
    owners: list[GovernmentRef]
    objectives: list[str]
    sdgs: list[str]
    population_groups: list[str]
    announced_at: str | None = Field(description="Slug of the review forum it was announced at.")
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_owners(obj: Pledge) -> list[LocalGovernment]:
        return list(obj.owners.all())

    @staticmethod
    def resolve_objectives(obj: Pledge) -> list[str]:
        return _codes(obj.objectives)

    @staticmethod
    def resolve_sdgs(obj: Pledge) -> list[str]:
        return _codes(obj.sdgs)

    @staticmethod
    def resolve_population_groups(obj: Pledge) -> list[str]:
        return _codes(obj.population_groups)

    @staticmethod
    def resolve_announced_at(obj: Pledge) -> str | None:
        return obj.announced_at.slug if obj.announced_at is not None else None

    @staticmethod
    def resolve_url(obj: Pledge, context: dict[str, Any] | None) -> str:
        return _absolute(context, obj.get_absolute_url())


class IndicatorOut(Schema):
    name: str
    unit: str
    baseline: str
    target: str
    target_date: datetime.date | None

    @staticmethod
    def resolve_baseline(obj: Indicator) -> str:
        return str(obj.baseline)

    @staticmethod
    def resolve_target(obj: Indicator) -> str:
        return str(obj.target)


class PledgeDetailOut(PledgeOut):
    description_html: str = Field(description="Sanitised HTML.")
    guiding_principles: list[str]
    refugee_support_areas: list[str]
    start_date: datetime.date | None
    end_date: datetime.date | None
    budget: str | None = Field(description="Decimal as a string, in `currency`.")
    currency: str
    partners: list[str]
    matches: int | None = Field(description="Id of the pledge this one matches.")
    indicators: list[IndicatorOut]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_description_html(obj: Pledge) -> str:
        return obj.description

    @staticmethod
    def resolve_guiding_principles(obj: Pledge) -> list[str]:
        return _codes(obj.guiding_principles)

    @staticmethod
    def resolve_refugee_support_areas(obj: Pledge) -> list[str]:
        return _codes(obj.refugee_support_areas)

    @staticmethod
    def resolve_budget(obj: Pledge) -> str | None:
        return None if obj.budget is None else str(obj.budget)

    @staticmethod
    def resolve_partners(obj: Pledge) -> list[str]:
        return obj.partner_list

    @staticmethod
    def resolve_matches(obj: Pledge) -> int | None:
        return obj.matches_id

    @staticmethod
    def resolve_indicators(obj: Pledge) -> list[Indicator]:
        return list(obj.indicators.all())


class IndicatorValueOut(Schema):
    indicator: str = Field(description="Name of the pledge's indicator.")
    value: str = Field(description="Decimal as a string, in `unit`.")
    unit: str
    measured_on: datetime.date
    source: str

    @staticmethod
    def resolve_indicator(obj: IndicatorValue) -> str:
        return obj.indicator.name

    @staticmethod
    def resolve_value(obj: IndicatorValue) -> str:
        return str(obj.value)


class ProgressEntryOut(Schema):
    """One accepted progress report of a pledge (reports awaiting review are never shown)."""

    id: int
    reported_at: datetime.datetime = Field(description="When the report was filed.")
    accepted_at: datetime.datetime | None
    status: Literal["planning", "in_progress", "fulfilled", "partially_fulfilled", "discontinued"]
    percent_complete: int
    summary: str = Field(description="The narrative as plain text.")
    narrative_html: str = Field(description="Sanitised HTML.")
    indicator_values: list[IndicatorValueOut]
    evidence_level: Literal["self_reported", "evidence_attached", "verified"] = Field(
        description="`verified`: a reviewer checked it (see `verified_at`, `verification_method`); "
        "`evidence_attached`: files or links; `self_reported`: neither."
    )
    verified_at: datetime.datetime | None
    verification_method: str = Field(description="How it was verified; empty when not verified.")

    @staticmethod
    def resolve_reported_at(obj: ProgressReport) -> datetime.datetime:
        return obj.submitted_at

    @staticmethod
    def resolve_status(obj: ProgressReport) -> str:
        return obj.delivery_status

    @staticmethod
    def resolve_summary(obj: ProgressReport) -> str:
        from localcompacts.core.richtext import plain_text

        return plain_text(obj.narrative)

    @staticmethod
    def resolve_narrative_html(obj: ProgressReport) -> str:
        return obj.narrative

    @staticmethod
    def resolve_indicator_values(obj: ProgressReport) -> list[IndicatorValue]:
        return list(obj.indicator_values.all())


# --- Forums and statistics ----------------------------------------------------------------------


class ForumFigures(Schema):
    """Figures of a review forum, computed by `explore.forum_selectors.forum_figures` (as on its page)."""

    pledges_announced: int = Field(description="Published pledges announced at the forum.")
    governments_announcing: int = Field(description="Governments owning those pledges.")
    countries_announcing: int = Field(description="Countries of those governments.")
    official_sessions: int = Field(
        description="Official-programme sessions (side events excluded)."
    )
    official_sessions_with_local_speaker: int
    official_share: float | None = Field(
        description="Share (0–1) of official sessions with a local speaker; null without sessions."
    )
    local_speakers: int = Field(description="Distinct local or regional government speakers.")
    local_speaker_governments: int
    delegations: int = Field(description="National delegations recorded.")
    delegations_with_local_representative: int
    convenings: int = Field(description="High-level convenings held.")
    endorsements_in_run_up: int = Field(
        description="Verified declaration endorsements signed in the 12 months before the forum."
    )
    run_up_start: datetime.date


class ForumOut(Schema):
    slug: str
    name: str
    kind: str
    start_date: datetime.date
    end_date: datetime.date
    place: str
    website: str
    url: str
    figures: ForumFigures

    @staticmethod
    def resolve_url(obj: ReviewForum, context: dict[str, Any] | None) -> str:
        return _absolute(context, obj.get_absolute_url())


class YearCount(Schema):
    year: int
    count: int


class HeadlineFigures(Schema):
    governments: int
    pledges_published: int
    signatories: int
    countries: int


class ProgressStatusCounts(Schema):
    planning: int
    in_progress: int
    fulfilled: int
    partially_fulfilled: int
    discontinued: int


class EvidenceCounts(Schema):
    self_reported: int
    evidence_attached: int
    verified: int
    share_verified: float = Field(description="Share (0–1) of these reports that is verified.")


class TrafficLightCounts(Schema):
    """Published pledges by traffic light: `green` reported in the current round, `amber` report
    due, `red` silent for 24 months (stale)."""

    green: int
    amber: int
    red: int


class ProgressStatisticsOut(Schema):
    """Delivery of published pledges, from their latest accepted progress report."""

    total: int = Field(description="Published pledges and practices.")
    by_status: ProgressStatusCounts
    without_report: int = Field(description="Published pledges with no accepted report yet.")
    share_fulfilled: float = Field(description="Share (0–1) of published pledges fulfilled.")
    stale: int = Field(description="Published pledges whose progress is overdue for an update.")
    evidence: EvidenceCounts = Field(
        description="Published pledges by the evidence level of their latest accepted report."
    )
    evidence_by_compact: dict[str, EvidenceCounts]
    evidence_by_objective: dict[str, EvidenceCounts]
    evidence_by_region: dict[str, EvidenceCounts] = Field(
        description="Keyed by the M49 code of the lead government's region."
    )
    traffic_lights: TrafficLightCounts


class StatisticsOut(Schema):
    totals: HeadlineFigures
    published: int = Field(description="Published pledges and practices.")
    by_kind: list[Counted]
    by_compact: list[Counted]
    by_objective: list[Counted]
    by_region: list[Counted]
    by_population_group: list[Counted]
    by_year: list[YearCount]
    progress: ProgressStatisticsOut


# --- Partner writes -----------------------------------------------------------------------------


class TransitionOut(Schema):
    """One step of a workflow, as recorded."""

    id: int = Field(description="Id of the item (a published revision continues as its original).")
    action: str
    from_status: str
    status: str
    comment: str
    at: datetime.datetime

    @staticmethod
    def resolve_id(obj: StateTransition) -> int:
        return obj.object_id

    @staticmethod
    def resolve_from_status(obj: StateTransition) -> str:
        return obj.from_state

    @staticmethod
    def resolve_status(obj: StateTransition) -> str:
        return obj.to_state

    @staticmethod
    def resolve_at(obj: StateTransition) -> datetime.datetime:
        return obj.created_at


class ProgressReportOut(Schema):
    id: int
    pledge: int
    status: Literal["submitted", "accepted", "returned"]
    delivery_status: str
    percent_complete: int
    submitted_at: datetime.datetime
    accepted_at: datetime.datetime | None
    evidence_level: str

    @staticmethod
    def resolve_pledge(obj: ProgressReport) -> int:
        return obj.pledge_id


class BulkResultOut(Schema):
    rows: int
    created: int
    updated: int
