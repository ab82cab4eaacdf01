"""E-mail about the review of a pledge, in each recipient's language, through the outbox.

Called by the workflow's `after` hook and the comment service, inside their transactions; the
outbox sends after commit. Keys make each message unique, so a retry never mails twice.
"""

from django.urls import reverse_lazy

from localcompacts.accounts.models import Role, User
from localcompacts.core.email import queue_email

from .models import Pledge

OWNER_TEMPLATES = {
    "submit": "pledges/email/submitted",
    "resubmit": "pledges/email/submitted",
    "request_changes": "pledges/email/changes_requested",
    "publish": "pledges/email/published",
    "decline": "pledges/email/declined",
}


def owner_focal_points(pledge: Pledge):
    return User.objects.filter(
        is_active=True,
        role=Role.FOCAL_POINT,
        focal_point_roles__government__pledge_ownerships__pledge=pledge,
    ).distinct()


def reviewers():
    return User.objects.filter(is_active=True, role__in=[Role.REVIEWER, Role.SECRETARIAT])


def _send(*, users, key: str, template: str, context: dict) -> None:
    for user in users:
        queue_email(
            key=f"{key}:user:{user.pk}",
            to=user.email,
            template=template,
            context={**context, "recipient": user},
            language=user.preferred_language,
        )


def _context(pledge: Pledge) -> dict:
    return {
        "pledge": pledge,
        "title": pledge.title,
        # Lazy: reversed when the e-mail is rendered, in the recipient's language (its prefix).
        "workspace_path": reverse_lazy("workspace:pledge", kwargs={"pk": pledge.pk}),
        "review_path": reverse_lazy("workspace:review-item", kwargs={"pk": pledge.pk}),
    }


def notify_transition(*, pledge: Pledge, record, by) -> None:
    template = OWNER_TEMPLATES.get(record.action)
    if template is None:
        return
    context = {**_context(pledge), "comment": record.comment, "action": record.action}
    key = f"pledge-{record.action}:{record.pk}"
    _send(users=owner_focal_points(pledge), key=key, template=template, context=context)
    if record.action in ("submit", "resubmit"):
        _send(
            users=reviewers(),
            key=f"{key}:review",
            template="pledges/email/awaiting_review",
            context=context,
        )


def notify_comment(*, comment) -> None:
    pledge = comment.pledge
    author = comment.author
    if author is not None and author.is_reviewer:
        users = owner_focal_points(pledge)
    else:  # a note on a draft never submitted is the government's own: reviewers do not see it
        users = reviewers() if pledge.was_submitted else []
    users = [user for user in users if author is None or user.pk != author.pk]
    _send(
        users=users,
        key=f"pledge-comment:{comment.pk}",
        template="pledges/email/comment",
        context={**_context(pledge), "comment": comment.body, "author": str(author or "")},
    )
