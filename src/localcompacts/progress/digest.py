"""Accepted progress reports in the newsletter digest (matched by the pledge's compacts and objectives)."""

from django.utils.translation import gettext_lazy as _

from localcompacts.newsletter.digest import DigestItem, register_source

from .models import ProgressReport


@register_source(key="progress", label=_("Progress reported on pledges"), position=20)
def accepted_progress_reports(since, until):
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
