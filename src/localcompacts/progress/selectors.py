"""Reads about progress: what is due, what is stale, timelines and the figures for statistics."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, TypedDict

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import Region, objective_order
from localcompacts.core.people import Person
from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Indicator, Pledge, public_q

from .dates import months_before
from .models import (
    FINAL_DELIVERY_STATUSES,
    DeliveryStatus,
    EvidenceLevel,
    IndicatorValue,
    ProgressReport,
    ReportingRound,
    ReviewStatus,
    public_report_q,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations

STALE_AFTER_MONTHS = 24


class LastAccepted(TypedDict):
    """What `with_last_accepted` adds to each pledge."""

    last_accepted_at: datetime.datetime | None


class WithTrafficLight(LastAccepted):
    """What `with_traffic_light` adds: a `TrafficLight` value."""

    traffic_light: str


class LatestReport(WithTrafficLight):
    """What `with_latest_report` adds: the latest accepted report's columns (None without one)."""

    latest_progress: str | None
    latest_percent: int | None
    latest_accepted_at: datetime.datetime | None
    latest_evidence: str | None
    latest_verified_at: datetime.datetime | None
    latest_verification_method: str | None


class LatestStatus(TypedDict):
    """Each published pledge's latest accepted report's status and evidence level (None without)."""

    progress: str | None
    evidence: str | None


class StatusCount(TypedDict):
    code: str
    label: StrOrPromise
    count: int


class Delivery(TypedDict):
    by_status: list[StatusCount]
    without_report: int
    traffic_lights: dict[str, int]


class IndicatorSeries(TypedDict):
    indicator: Indicator
    points: list[tuple[datetime.date, Decimal]]  # (measured on, value), oldest first
    max: Decimal
    min: Decimal
    latest: Decimal | None


# Where a pledge of a round stands: its report's review state, or overdue once the round closed.
Bucket = Literal["submitted", "accepted", "returned", "overdue"]


class RoundCounts(TypedDict):
    due: int
    submitted: int
    accepted: int
    returned: int
    overdue: int


class RoundCountsOf(RoundCounts):
    """A round's counts for one government, country or partner."""

    name: str
    code: str


class RoundDashboard(TypedDict):
    totals: RoundCounts
    by_government: list[RoundCountsOf]
    by_country: list[RoundCountsOf]
    by_partner: list[RoundCountsOf]
    overdue_pledge_ids: list[int]
    closed: bool
    traffic_lights: dict[str, int]


# Counts by evidence level, with "reported" (their sum) and "share_verified" (0–1).
EvidenceShare = dict[str, float]


class EvidenceFigures(TypedDict):
    evidence: EvidenceShare
    evidence_by_compact: dict[str, EvidenceShare]
    evidence_by_objective: dict[str, EvidenceShare]
    evidence_by_region: dict[str, EvidenceShare]  # by M49 code of the lead government's region


class DeliveryFigures(EvidenceFigures):
    traffic_lights: dict[str, int]
    total: int
    by_status: dict[str, int]
    without_report: int
    by_compact: dict[str, dict[str, int]]  # by status, with "none"
    by_objective: dict[str, dict[str, int]]
    share_fulfilled: float
    stale: int


class RoundShare(TypedDict):
    round: ReportingRound
    due: int
    reported: int
    share: float


class ProgressStatistics(DeliveryFigures):
    evidence_by_region_named: dict[str, EvidenceShare]
    evidence_groups: list[tuple[StrOrPromise, dict[str, EvidenceShare]]]
    current_round: RoundShare | None


class ReportingRecord(TypedDict):
    accepted: int
    pending: int
    last_accepted: datetime.datetime | None
    stale: int
    published: int
    traffic_lights: dict[str, int]


class PledgeProgress(TypedDict):
    reports: list[ProgressReport]
    series: list[IndicatorSeries]
    stale: bool
    traffic_light: str | None
    traffic_light_label: StrOrPromise


def pledges_due(reporting_round: ReportingRound) -> QuerySet[Pledge]:
    pledges = Pledge.objects.public()
    if reporting_round.due_compact:
        pledges = pledges.filter(objectives__compact=reporting_round.due_compact)
    if reporting_round.due_forum_id:
        pledges = pledges.filter(announced_at_id=reporting_round.due_forum_id)
    if reporting_round.due_kind:
        pledges = pledges.filter(kind=reporting_round.due_kind)
    return Pledge.objects.filter(pk__in=pledges.values("pk"))


def open_round_for(pledge: Pledge, now: datetime.datetime | None = None) -> ReportingRound | None:
    now = now or timezone.now()
    for reporting_round in ReportingRound.objects.filter(opens_at__lte=now, closes_at__gt=now):
        if pledges_due(reporting_round).filter(pk=pledge.pk).exists():
            return reporting_round
    return None


def with_last_accepted(
    pledges: QuerySet[Pledge],
) -> QuerySet[WithAnnotations[Pledge, LastAccepted]]:
    """`last_accepted_at`: when the latest accepted report was accepted. A subquery, not an
    aggregate, so querysets carrying it can still be grouped (the traffic light counts)."""
    latest = (
        ProgressReport.objects.public()
        .filter(pledge=OuterRef("pk"))
        .order_by("-accepted_at")
        .values("accepted_at")[:1]
    )
    return pledges.annotate(last_accepted_at=Subquery(latest))


def stale_condition(now: datetime.datetime | None = None) -> Q:
    """A published pledge is stale with no accepted report in the last 24 months (counting from its
    publication when it never had one), or when it is past its end date without a final status."""
    now = now or timezone.now()
    cutoff = months_before(now, STALE_AFTER_MONTHS)
    final_report = ProgressReport.objects.public().filter(
        pledge=OuterRef("pk"), delivery_status__in=FINAL_DELIVERY_STATUSES
    )
    silent = Q(last_accepted_at__lt=cutoff) | Q(
        last_accepted_at__isnull=True, published_at__lt=cutoff
    )
    overdue = Q(end_date__lt=now.date()) & Q(~Exists(final_report))
    return public_q() & (silent | overdue)


def stale_pledges(
    now: datetime.datetime | None = None,
) -> QuerySet[WithAnnotations[Pledge, LastAccepted]]:
    return with_last_accepted(Pledge.objects.public()).filter(stale_condition(now))


class TrafficLight(TextChoices):
    """One light per published pledge, declared once (the UN Partnerships platform's
    green/amber/red): the pledge page, government profiles, the round dashboard and /statistics/
    all read `with_traffic_light`."""

    GREEN = "green", _("Reported this round")
    AMBER = "amber", _("Report due")
    RED = "red", _("Silent for 24 months")


def reported_this_round_condition(now: datetime.datetime | None = None) -> Q:
    """A report filed (and not returned) in the current round, or since it opened; with no round
    yet, in the last twelve months."""
    now = now or timezone.now()
    reporting_round = current_round(now)
    since = reporting_round.opens_at if reporting_round else months_before(now, 12)
    filed = Q(submitted_at__gte=since)
    if reporting_round:
        filed |= Q(reporting_round=reporting_round)
    reports = (
        ProgressReport.objects.filter(pledge=OuterRef("pk"))
        .exclude(status=ReviewStatus.RETURNED)
        .filter(filed)
    )
    return Q(Exists(reports))


def with_traffic_light(
    pledges: QuerySet[Pledge], now: datetime.datetime | None = None
) -> QuerySet[WithAnnotations[Pledge, WithTrafficLight]]:
    """Red when stale (`stale_condition`, as the stale list), green when reported this round,
    amber otherwise: the report is due."""
    now = now or timezone.now()
    return with_last_accepted(pledges).annotate(
        traffic_light=Case(
            When(stale_condition(now), then=Value(TrafficLight.RED)),
            When(reported_this_round_condition(now), then=Value(TrafficLight.GREEN)),
            default=Value(TrafficLight.AMBER),
            output_field=CharField(),
        )
    )


def traffic_light_of(pledge: Pledge, now: datetime.datetime | None = None) -> str | None:
    if not pledge.is_published:
        return None
    return (
        with_traffic_light(Pledge.objects.filter(pk=pledge.pk), now)
        .values_list("traffic_light", flat=True)
        .first()
    )


def traffic_lights_for(
    pledge_ids: Iterable[int], now: datetime.datetime | None = None
) -> dict[int, str]:
    """The light of each published pledge among `pledge_ids` (one query), for lists of cards."""
    return dict(
        with_traffic_light(Pledge.objects.public().filter(pk__in=list(pledge_ids)), now)
        .order_by()
        .values_list("pk", "traffic_light")
    )


def traffic_light_counts(
    pledges: QuerySet[Pledge] | None = None, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Published pledges (of `pledges`, all by default) per light, every light present."""
    published = Pledge.objects.public()
    if pledges is not None:
        published = published.filter(pk__in=pledges.values("pk"))
    rows = (
        with_traffic_light(published, now)
        .order_by()
        .values_list("traffic_light")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(TrafficLight.values, 0)
    counts.update(dict(rows))
    return counts


def with_latest_report(
    pledges: QuerySet[Pledge], now: datetime.datetime | None = None
) -> QuerySet[WithAnnotations[Pledge, LatestReport]]:
    """Each pledge's latest accepted report as `latest_*` attributes, and its traffic light: the
    progress layout of exports and the open-data dump read these."""
    latest = (
        ProgressReport.objects.public()
        .filter(pledge=OuterRef("pk"))
        .order_by("-accepted_at", "-id")
    )

    def of_latest(field: str) -> Subquery:
        return Subquery(latest.values(field)[:1])

    return with_traffic_light(pledges, now).annotate(
        latest_progress=of_latest("delivery_status"),
        latest_percent=of_latest("percent_complete"),
        latest_accepted_at=of_latest("accepted_at"),
        latest_evidence=of_latest("evidence_level"),
        latest_verified_at=of_latest("verified_at"),
        latest_verification_method=of_latest("verification_method"),
    )


def delivery_of(pledges: QuerySet[Pledge], now: datetime.datetime | None = None) -> Delivery:
    """The published pledges among `pledges` by latest accepted status (with "none") and by
    traffic light: the progress of a forum's announced pledges, for its page."""
    published = Pledge.objects.public().filter(pk__in=pledges.values("pk"))
    latest = (
        ProgressReport.objects.public()
        .filter(pledge=OuterRef("pk"))
        .order_by("-accepted_at", "-id")
    )
    counts = dict.fromkeys([*DeliveryStatus.values, "none"], 0)
    for status, count in (
        published.annotate(progress=Subquery(latest.values("delivery_status")[:1]))
        .order_by()
        .values_list("progress")
        .annotate(n=Count("pk"))
    ):
        counts[status or "none"] = count
    return {
        "by_status": [
            {"code": code, "label": label, "count": counts[code]}
            for code, label in DeliveryStatus.choices
        ],
        "without_report": counts["none"],
        "traffic_lights": traffic_light_counts(published, now),
    }


def is_stale(pledge: Pledge, now: datetime.datetime | None = None) -> bool:
    return stale_pledges(now).filter(pk=pledge.pk).exists()


def latest_accepted_status(pledge: Pledge) -> str | None:
    report = ProgressReport.objects.public().filter(pledge=pledge).order_by("-accepted_at").first()
    return report.delivery_status if report else None


def public_timeline(pledge: Pledge) -> list[ProgressReport]:
    """Accepted reports, oldest first, with their indicator values (two queries)."""
    return list(
        ProgressReport.objects.public()
        .filter(pledge=pledge)
        .order_by("accepted_at", "id")
        .prefetch_related(
            Prefetch(
                "indicator_values", queryset=IndicatorValue.objects.select_related("indicator")
            )
        )
    )


def indicator_series(pledge: Pledge, reports: list[ProgressReport]) -> list[IndicatorSeries]:
    """For each indicator: baseline, target and the reported values in order, for a small chart."""
    series: list[IndicatorSeries] = []
    for indicator in pledge.indicators.all():
        points = [
            (value.measured_on, value.value)
            for report in reports
            for value in report.indicator_values.all()
            if value.indicator_id == indicator.pk
        ]
        span = max([indicator.target, indicator.baseline, *[v for _d, v in points]])
        low = min([indicator.baseline, Decimal(0), *[v for _d, v in points]])
        series.append(
            {
                "indicator": indicator,
                "points": points,
                "max": span,
                "min": low,
                "latest": points[-1][1] if points else None,
            }
        )
    return series


def round_dashboard(
    reporting_round: ReportingRound, now: datetime.datetime | None = None
) -> RoundDashboard:
    """Due, submitted, accepted and overdue pledges of a round, overall and by government and country."""
    now = now or timezone.now()
    due = pledges_due(reporting_round)
    reports = ProgressReport.objects.filter(reporting_round=reporting_round)
    report_state = dict(reports.values_list("pledge_id", "status"))
    rows = (
        due.order_by()
        .values(
            "pk",
            "ownerships__government__name",
            "ownerships__government__slug",
            "ownerships__government__country__iso3",
            "ownerships__government__country__name_en",
            "partners",
        )
        .filter(ownerships__is_lead=True)
    )
    closed = reporting_round.is_overdue(now)
    by_government: dict[str, RoundCountsOf] = {}
    by_country: dict[str, RoundCountsOf] = {}
    # Partners are the organisations a pledge names (one per line); a pledge counts for each.
    by_partner: dict[str, RoundCountsOf] = {}
    totals: RoundCounts = {"due": 0, "submitted": 0, "accepted": 0, "returned": 0, "overdue": 0}
    overdue_pledges = []
    buckets: dict[str | None, Bucket] = {
        ReviewStatus.ACCEPTED: "accepted",
        ReviewStatus.SUBMITTED: "submitted",
        ReviewStatus.RETURNED: "returned",
    }
    for row in rows:
        state = report_state.get(row["pk"])
        bucket = buckets.get(state)
        if bucket is None and closed:
            bucket = "overdue"
            overdue_pledges.append(row["pk"])
        partners = {line.strip() for line in (row["partners"] or "").splitlines() if line.strip()}
        for key, label, target in (
            *((partner.casefold(), partner, by_partner) for partner in sorted(partners)),
            (
                row["ownerships__government__slug"],
                row["ownerships__government__name"],
                by_government,
            ),
            (
                row["ownerships__government__country__iso3"],
                row["ownerships__government__country__name_en"],
                by_country,
            ),
        ):
            entry = target.setdefault(
                key,
                {
                    "name": label,
                    "code": key,
                    "due": 0,
                    "submitted": 0,
                    "accepted": 0,
                    "returned": 0,
                    "overdue": 0,
                },
            )
            entry["due"] += 1
            if bucket:
                entry[bucket] += 1
        totals["due"] += 1
        if bucket:
            totals[bucket] += 1
    return {
        "totals": totals,
        "by_government": sorted(by_government.values(), key=lambda e: (-e["overdue"], e["name"])),
        "by_country": sorted(by_country.values(), key=lambda e: (-e["overdue"], e["name"])),
        "by_partner": sorted(by_partner.values(), key=lambda e: (-e["overdue"], e["name"])),
        "overdue_pledge_ids": overdue_pledges,
        "closed": closed,
        "traffic_lights": traffic_light_counts(due, now),
    }


def current_round(now: datetime.datetime | None = None) -> ReportingRound | None:
    now = now or timezone.now()
    return ReportingRound.objects.filter(opens_at__lte=now).order_by("-opens_at").first()


def progress_statistics(now: datetime.datetime | None = None) -> ProgressStatistics:
    """The progress figures for /statistics/ and the API: by status, compact and objective; shares.

    The delivery figures read every published pledge's latest accepted report: at the current
    time they are computed once per change of public content (see `core.caching`, whose
    fingerprint holds accepted reports and the day). The current round's figures stay live.
    """
    if now is None:
        from localcompacts.core.caching import cached_while_unchanged

        now = timezone.now()
        figures: DeliveryFigures = cached_while_unchanged(
            "progress-figures", lambda: _delivery_figures(now)
        )
    else:
        figures = _delivery_figures(now)
    reporting_round = current_round(now)
    in_round: RoundShare | None = None
    if reporting_round:
        due = pledges_due(reporting_round)
        due_count = due.count()
        reported = due.filter(
            Exists(
                ProgressReport.objects.filter(
                    pledge=OuterRef("pk"), reporting_round=reporting_round
                )
            )
        ).count()
        in_round = {
            "round": reporting_round,
            "due": due_count,
            "reported": reported,
            "share": reported / due_count if due_count else 0,
        }
    # Region names follow the reader's language, so they are looked up outside the cache.
    names = {
        region.code: region.name
        for region in Region.objects.filter(code__in=figures["evidence_by_region"])
    }
    named_regions = {
        names.get(code, code): counts for code, counts in figures["evidence_by_region"].items()
    }
    evidence_groups: list[tuple[StrOrPromise, dict[str, EvidenceShare]]] = [
        (_("Evidence of progress by compact"), figures["evidence_by_compact"]),
        (_("Evidence of progress by objective"), figures["evidence_by_objective"]),
        (_("Evidence of progress by region of the lead government"), named_regions),
    ]
    return {
        **figures,
        "evidence_by_region_named": named_regions,
        "evidence_groups": evidence_groups,
        "current_round": in_round,
    }


def _delivery_figures(now: datetime.datetime) -> DeliveryFigures:
    published: QuerySet[Pledge] = Pledge.objects.public()
    latest = (
        ProgressReport.objects.public()
        .filter(pledge=OuterRef("pk"))
        .order_by("-accepted_at", "-id")
    )
    with_status = published.annotate(
        progress=Subquery(latest.values("delivery_status")[:1]),
        evidence=Subquery(latest.values("evidence_level")[:1]),
    )
    by_status = dict.fromkeys(DeliveryStatus.values, 0)
    no_report = 0
    for status, count in with_status.values_list("progress").annotate(n=Count("pk")).order_by():
        if status is None:
            no_report += count
        else:
            by_status[status] = count
    by_compact: dict[str, dict[str, int]] = {}
    for compact, status, count in (
        with_status.values_list("objectives__compact", "progress")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ):
        if compact:
            by_compact.setdefault(compact, dict.fromkeys([*DeliveryStatus.values, "none"], 0))
            by_compact[compact][status or "none"] += count
    by_objective: dict[str, dict[str, int]] = {}
    for code, status, count in (
        with_status.values_list("objectives__code", "progress")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ):
        if code:
            by_objective.setdefault(code, dict.fromkeys([*DeliveryStatus.values, "none"], 0))
            by_objective[code][status or "none"] += count
    # GCM-1, GCM-2 … GCM-23, then GCR-1 …: by compact, then by number (not as text)
    by_objective = dict(sorted(by_objective.items(), key=lambda item: objective_order(item[0])))
    total = published.count()
    return {
        **_evidence_figures(with_status),
        "traffic_lights": traffic_light_counts(now=now),
        "total": total,
        "by_status": by_status,
        "without_report": no_report,
        "by_compact": by_compact,
        "by_objective": by_objective,
        "share_fulfilled": by_status[DeliveryStatus.FULFILLED] / total if total else 0,
        "stale": stale_pledges(now).count(),
    }


def _evidence_share(counts: dict[str, int]) -> EvidenceShare:
    reported = sum(counts.values())
    verified = counts.get(EvidenceLevel.VERIFIED, 0)
    return {
        **counts,
        "reported": reported,
        "share_verified": verified / reported if reported else 0,
    }


def _evidence_figures(
    with_status: QuerySet[WithAnnotations[Pledge, LatestStatus]],
) -> EvidenceFigures:
    """Published pledges by the evidence level of their latest accepted report: overall and by
    compact, objective and region (of the lead government) with the share that is verified."""
    reported = with_status.filter(
        Q(evidence__isnull=False)
    )  # a Q: the checker misreads lookups on annotations
    by_level = dict.fromkeys(EvidenceLevel.values, 0)
    by_level.update(dict(reported.order_by().values_list("evidence").annotate(n=Count("pk"))))

    def grouped_by(path: str, *, lead_only: bool = False) -> dict[str, EvidenceShare]:
        rows = reported.order_by()
        if lead_only:
            rows = rows.filter(ownerships__is_lead=True)
        grouped: dict[str, dict[str, int]] = {}
        for key, level, count in rows.values_list(path, "evidence").annotate(
            n=Count("pk", distinct=True)
        ):
            if key:
                grouped.setdefault(key, dict.fromkeys(EvidenceLevel.values, 0))[level] = count
        return {key: _evidence_share(counts) for key, counts in sorted(grouped.items())}

    return {
        "evidence": _evidence_share(by_level),
        "evidence_by_compact": grouped_by("objectives__compact"),
        "evidence_by_objective": grouped_by("objectives__code"),
        "evidence_by_region": grouped_by(
            "ownerships__government__country__region__code", lead_only=True
        ),
    }


def government_reporting_record(government: LocalGovernment) -> ReportingRecord:
    reports = ProgressReport.objects.filter(pledge__owners=government).distinct()
    return {
        "accepted": reports.filter(status=ReviewStatus.ACCEPTED).count(),
        "pending": reports.filter(status=ReviewStatus.SUBMITTED).count(),
        "last_accepted": reports.filter(status=ReviewStatus.ACCEPTED).aggregate(
            m=Max("accepted_at")
        )["m"],
        "stale": stale_pledges().filter(owners=government).count(),
        "published": Pledge.objects.public().filter(owners=government).count(),
        "traffic_lights": traffic_light_counts(Pledge.objects.filter(owners=government)),
    }


def review_queue() -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(status=ReviewStatus.SUBMITTED)
        .select_related("pledge", "reporting_round", "submitted_by")
        .order_by("submitted_at", "id")
    )


def verification_queue() -> QuerySet[ProgressReport]:
    """Accepted reports that carry evidence (files or links) nobody has verified yet, oldest
    acceptance first: the reviewers' second queue (verifying is done on the report's page)."""
    return (
        ProgressReport.objects.filter(
            status=ReviewStatus.ACCEPTED, evidence_level=EvidenceLevel.EVIDENCE_ATTACHED
        )
        .select_related("pledge", "reporting_round")
        .order_by("accepted_at", "id")
    )


def reports_visible_to(user: Person) -> QuerySet[ProgressReport]:
    from .permissions import can_review_progress

    reports = ProgressReport.objects.all()
    if can_review_progress(user):
        return reports
    if user.is_authenticated and user.is_focal_point:
        return reports.filter(
            (public_report_q() & public_q("pledge")) | Q(pledge__owners__focal_points__user=user)
        ).distinct()
    return reports.filter(public_report_q(), public_q("pledge"))


def pledge_progress(pledge: Pledge) -> PledgeProgress:
    """What the public pledge page shows: accepted reports, indicator series, staleness."""
    reports = public_timeline(pledge)
    light = traffic_light_of(pledge)
    return {
        "reports": reports,
        "series": indicator_series(pledge, reports),
        "stale": light == TrafficLight.RED,
        "traffic_light": light,
        "traffic_light_label": TrafficLight(light).label if light else "",
    }
