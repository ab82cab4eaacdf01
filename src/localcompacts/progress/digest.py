"""Accepted progress reports in the newsletter digest (matched by the pledge's compacts and
objectives); registered from `ProgressConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from localcompacts.newsletter.digest import DigestItem, DigestSource

from .models import ProgressReport


def accepted_progress_reports(since, until) -> list[DigestItem]:
    reports = (
        ProgressReport.objects.public()
        .filter(accepted_at__gte=since, accepted_at__lt=until)
        .select_related("pledge")
        .prefetch_related("pledge__objectives")
        .order_by("accepted_at", "id")[:200]
    )
    return [
        DigestItem(
            title=report.pledge.title,
            url=report.pledge.get_absolute_url(),
            summary=f"{report.get_delivery_status_display()} · {report.percent_complete} %",
            date=report.accepted_at.date(),
            compacts=frozenset(o.compact for o in report.pledge.objectives.all()),
            objectives=frozenset(o.code for o in report.pledge.objectives.all()),
        )
        for report in reports
    ]


ACCEPTED_REPORTS = DigestSource(
    label=_("Progress reported on pledges"), collect=accepted_progress_reports
)
