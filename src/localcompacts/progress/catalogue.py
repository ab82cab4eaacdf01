"""Progress in the public catalogue: a facet and a filter by latest accepted status, and "stale"."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from localcompacts.pledges.facets import Choices, Facet
from localcompacts.pledges.models import Pledge

from .models import DeliveryStatus, EvidenceLevel, ProgressReport
from .selectors import stale_condition, with_last_accepted


def with_latest_status(pledges):
    latest = (
        ProgressReport.objects.public()
        .filter(pledge=OuterRef("pk"))
        .order_by("-accepted_at", "-id")
    )
    return pledges.annotate(latest_progress=Subquery(latest.values("delivery_status")[:1]))


def filter_by_progress(pledges, chosen: list[str]):
    condition = Q(pk__in=[])
    statuses = [value for value in chosen if value in DeliveryStatus.values]
    if statuses:
        condition |= Q(latest_progress__in=statuses)
    if "none" in chosen:
        condition |= Q(latest_progress__isnull=True)
    if "stale" in chosen:
        condition |= stale_condition()
    matching = with_latest_status(with_last_accepted(Pledge.objects.public())).filter(condition)
    return pledges.filter(pk__in=matching.values("pk"))


def progress_counts(ids):
    labels = dict(DeliveryStatus.choices)
    rows = (
        with_latest_status(Pledge.objects.filter(pk__in=ids))
        .values("latest_progress")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status = {row["latest_progress"]: row["n"] for row in rows}
    options = [
        (code, str(labels[code]), by_status[code])
        for code in DeliveryStatus.values
        if by_status.get(code)
    ]
    if by_status.get(None):
        options.append(("none", str(_("No accepted progress report")), by_status[None]))
    stale = with_last_accepted(Pledge.objects.filter(pk__in=ids)).filter(stale_condition()).count()
    if stale:
        options.append(("stale", str(_("Stale (no report in 24 months)")), stale))
    return options


PROGRESS_FACET = Facet(
    "progress",
    Choices((*DeliveryStatus.values, "none", "stale")),
    filter_by_progress,
    _("Reported progress"),
    progress_counts,
    description="Latest accepted progress status; `none` (no accepted report) or `stale`.",
)


def with_latest_evidence(pledges):
    latest = (
        ProgressReport.objects.public()
        .filter(pledge=OuterRef("pk"))
        .order_by("-accepted_at", "-id")
    )
    return pledges.annotate(latest_evidence=Subquery(latest.values("evidence_level")[:1]))


def filter_by_evidence(pledges, chosen: list[str]):
    levels = [value for value in chosen if value in EvidenceLevel.values]
    matching = with_latest_evidence(Pledge.objects.public()).filter(latest_evidence__in=levels)
    return pledges.filter(pk__in=matching.values("pk"))


def evidence_counts(ids):
    labels = dict(EvidenceLevel.choices)
    rows = (
        with_latest_evidence(Pledge.objects.filter(pk__in=ids))
        .values("latest_evidence")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_level = {row["latest_evidence"]: row["n"] for row in rows}
    return [
        (code, str(labels[code]), by_level[code])
        for code in EvidenceLevel.values
        if by_level.get(code)
    ]


EVIDENCE_FACET = Facet(
    "evidence",
    Choices(tuple(EvidenceLevel.values)),
    filter_by_evidence,
    _("Evidence of progress"),
    evidence_counts,
    description=(
        "Evidence level of the latest accepted progress report: `self_reported`, "
        "`evidence_attached` or `verified`."
    ),
)
