"""Reads about progress: what is due, what is stale, timelines and the figures for statistics."""

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from localcompacts.compacts.models import objective_order
from localcompacts.pledges.models import Pledge, public_q

from .dates import months_before
from .models import (
    FINAL_DELIVERY_STATUSES,
    DeliveryStatus,
    IndicatorValue,
    ProgressReport,
    ReportingRound,
    ReviewStatus,
    public_report_q,
)

STALE_AFTER_MONTHS = 24


def pledges_due(reporting_round: ReportingRound) -> QuerySet[Pledge]:
    pledges = Pledge.objects.public()
    if reporting_round.due_compact:
        pledges = pledges.filter(objectives__compact=reporting_round.due_compact)
    if reporting_round.due_forum_id:
        pledges = pledges.filter(announced_at_id=reporting_round.due_forum_id)
    if reporting_round.due_kind:
        pledges = pledges.filter(kind=reporting_round.due_kind)
    return Pledge.objects.filter(pk__in=pledges.values("pk"))


def open_round_for(pledge: Pledge, now=None) -> ReportingRound | None:
    now = now or timezone.now()
    for reporting_round in ReportingRound.objects.filter(opens_at__lte=now, closes_at__gt=now):
        if pledges_due(reporting_round).filter(pk=pledge.pk).exists():
            return reporting_round
    return None


def with_last_accepted(pledges: QuerySet[Pledge]) -> QuerySet[Pledge]:
    return pledges.annotate(
        last_accepted_at=Max(
            "progress_reports__accepted_at",
            filter=public_report_q("progress_reports"),
        )
    )


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
    overdue = Q(end_date__lt=now.date()) & ~Exists(final_report)
    return public_q() & (silent | overdue)


def stale_pledges(now=None) -> QuerySet[Pledge]:
    return with_last_accepted(Pledge.objects.public()).filter(stale_condition(now))


def is_stale(pledge: Pledge, now=None) -> bool:
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


def indicator_series(pledge: Pledge, reports: list[ProgressReport]) -> list[dict]:
    """For each indicator: baseline, target and the reported values in order, for a small chart."""
    series = []
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


def round_dashboard(reporting_round: ReportingRound, now=None) -> dict:
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
    by_government: dict[str, dict] = {}
    by_country: dict[str, dict] = {}
    # Partners are the organisations a pledge names (one per line); a pledge counts for each.
    by_partner: dict[str, dict] = {}
    totals = {"due": 0, "submitted": 0, "accepted": 0, "returned": 0, "overdue": 0}
    overdue_pledges = []
    for row in rows:
        state = report_state.get(row["pk"])
        bucket = {
            ReviewStatus.ACCEPTED: "accepted",
            ReviewStatus.SUBMITTED: "submitted",
            ReviewStatus.RETURNED: "returned",
        }.get(state)
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
    }


def current_round(now=None) -> ReportingRound | None:
    now = now or timezone.now()
    return ReportingRound.objects.filter(opens_at__lte=now).order_by("-opens_at").first()


def progress_statistics(now=None) -> dict:
    """The progress figures for /statistics/ and the API: by status, compact and objective; shares.

    The delivery figures read every published pledge's latest accepted report: at the current
    time they are computed once per change of public content (see `core.caching`, whose
    fingerprint holds accepted reports and the day). The current round's figures stay live.
    """
    if now is None:
        from localcompacts.core.caching import cached_while_unchanged

        now = timezone.now()
        figures = cached_while_unchanged("progress-figures", lambda: _delivery_figures(now))
    else:
        figures = _delivery_figures(now)
    reporting_round = current_round(now)
    in_round = None
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
    return {**figures, "current_round": in_round}


def _delivery_figures(now) -> dict:
    published = Pledge.objects.public()
    latest = (
        ProgressReport.objects.public()
        .filter(pledge=OuterRef("pk"))
        .order_by("-accepted_at", "-id")
    )
    with_status = published.annotate(progress=Subquery(latest.values("delivery_status")[:1]))
    by_status = dict.fromkeys(DeliveryStatus.values, 0)
    no_report = 0
    for status, count in with_status.values_list("progress").annotate(n=Count("pk")).order_by():
        if status is None:
            no_report += count
        else:
            by_status[status] = count
    by_compact = {}
    for compact, status, count in (
        with_status.values_list("objectives__compact", "progress")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ):
        if compact:
            by_compact.setdefault(compact, dict.fromkeys([*DeliveryStatus.values, "none"], 0))
            by_compact[compact][status or "none"] += count
    by_objective = {}
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
        "total": total,
        "by_status": by_status,
        "without_report": no_report,
        "by_compact": by_compact,
        "by_objective": by_objective,
        "share_fulfilled": by_status[DeliveryStatus.FULFILLED] / total if total else 0,
        "stale": stale_pledges(now).count(),
    }


def government_reporting_record(government) -> dict:
    reports = ProgressReport.objects.filter(pledge__owners=government).distinct()
    return {
        "accepted": reports.filter(status=ReviewStatus.ACCEPTED).count(),
        "pending": reports.filter(status=ReviewStatus.SUBMITTED).count(),
        "last_accepted": reports.filter(status=ReviewStatus.ACCEPTED).aggregate(
            m=Max("accepted_at")
        )["m"],
        "stale": stale_pledges().filter(owners=government).count(),
        "published": Pledge.objects.public().filter(owners=government).count(),
    }


def review_queue() -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(status=ReviewStatus.SUBMITTED)
        .select_related("pledge", "reporting_round", "submitted_by")
        .order_by("submitted_at", "id")
    )


def reports_visible_to(user) -> QuerySet[ProgressReport]:
    from .permissions import can_review_progress

    reports = ProgressReport.objects.all()
    if can_review_progress(user):
        return reports
    if user.is_authenticated and user.is_focal_point:
        return reports.filter(
            (public_report_q() & public_q("pledge")) | Q(pledge__owners__focal_points__user=user)
        ).distinct()
    return reports.filter(public_report_q(), public_q("pledge"))


def pledge_progress(pledge: Pledge) -> dict:
    """What the public pledge page shows: accepted reports, indicator series, staleness."""
    reports = public_timeline(pledge)
    return {
        "reports": reports,
        "series": indicator_series(pledge, reports),
        "stale": is_stale(pledge),
    }
