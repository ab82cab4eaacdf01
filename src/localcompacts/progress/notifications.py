"""E-mails about progress, through the outbox (one per key, in the recipient's language).

Addresses are lazy (`reverse_lazy`, bound `get_absolute_url`): they are made when the e-mail is
rendered, in the recipient's language, so links carry that language's prefix.
"""

from django.urls import reverse_lazy

from localcompacts.accounts.models import User
from localcompacts.core.email import queue_email


def _owners_focal_points(pledge):
    return User.objects.filter(
        focal_point_roles__government__pledge_ownerships__pledge=pledge, is_active=True
    ).distinct()


def notify_report_submitted(report) -> None:
    reviewers = User.objects.filter(is_active=True, role__in=["reviewer", "secretariat"])
    for user in reviewers:
        queue_email(
            key=f"progress-submitted:{report.pk}:{report.submitted_at:%Y%m%d%H%M%S}:{user.pk}",
            to=user.email,
            language=user.preferred_language,
            template="progress/email/submitted",
            context={
                "report": report,
                "pledge": report.pledge,
                "url": reverse_lazy("progress:report-detail", kwargs={"pk": report.pk}),
            },
        )


def notify_report_transition(report, action: str, record) -> None:
    if action not in {"accept", "return"}:
        return
    for user in _owners_focal_points(report.pledge):
        queue_email(
            key=f"progress-{action}:{record.pk}:{user.pk}",
            to=user.email,
            language=user.preferred_language,
            template=f"progress/email/{action}ed",
            context={
                "report": report,
                "pledge": report.pledge,
                "comment": record.comment,
                "url": report.pledge.get_absolute_url,
            },
        )


def queue_round_reminder(
    *, reporting_round, kind: str, user, pledges, key_suffix: str = ""
) -> bool:
    key = f"progress-reminder:{reporting_round.pk}:{kind}:{user.pk}"
    if key_suffix:
        key = f"{key}:{key_suffix}"
    message = queue_email(
        key=key,
        to=user.email,
        language=user.preferred_language,
        template="progress/email/reminder",
        context={
            "round": reporting_round,
            "kind": kind,
            "user": user,
            "pledges": pledges,
            "url": reverse_lazy("progress:my-reports"),
        },
    )
    return message is not None
