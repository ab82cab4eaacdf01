"""The comment thread between reviewers and a pledge's owners."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from localcompacts.core import audit
from localcompacts.core.people import Person

from ..audit import PledgeAction
from ..models import Pledge, PledgeComment
from ..permissions import can_comment
from .editing import PledgeEditError

MAX_COMMENT_CHARS = 5000
# The same text from the same person on the same pledge within this time is one comment sent twice
# (a double click, a resent form on a slow connection), not a second comment.
REPEAT_WINDOW = datetime.timedelta(minutes=2)


def comment_add(*, pledge: Pledge, by: Person, body: str) -> PledgeComment:
    body = (body or "").strip()
    if not body:
        raise PledgeEditError(_("Write a comment first."))
    if len(body) > MAX_COMMENT_CHARS:
        raise PledgeEditError(
            _("A comment can have at most %(limit)s characters.") % {"limit": MAX_COMMENT_CHARS}
        )
    if not can_comment(by, pledge):
        raise PledgeEditError(_("You cannot comment on this pledge."))
    from .. import notifications

    with transaction.atomic():
        Pledge.objects.select_for_update().filter(pk=pledge.pk).first()  # one comment at a time
        repeated = PledgeComment.objects.filter(
            pledge=pledge,
            author_id=by.pk,
            body=body,
            created_at__gte=timezone.now() - REPEAT_WINDOW,
        ).first()
        if repeated:
            return repeated
        comment = PledgeComment.objects.create(pledge=pledge, author_id=by.pk, body=body)
        audit.record(actor=by, action=PledgeAction.COMMENTED, target=pledge, comment=comment.pk)
        notifications.notify_comment(comment=comment)
    return comment
