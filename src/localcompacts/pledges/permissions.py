"""Who may do what with a pledge: pure predicates used by views, templates, the workflow and the API.

Seeing is decided by `Pledge.objects.visible_to(user)`; these answer the questions after that.
"""

from localcompacts.core.people import Person
from localcompacts.governments.models import FocalPoint

from .models import Pledge, PledgeStatus

EDITABLE_STATES = frozenset({PledgeStatus.DRAFT, PledgeStatus.CHANGES_REQUESTED})


def acts_for_owner(user: Person | None, pledge: Pledge) -> bool:
    """A focal point of the pledge's lead owner or of any co-owner (joint pledge)."""
    if user is None or not user.is_authenticated or not user.is_focal_point:
        return False
    # Asked several times per page about the same pledge: remembered on the instance.
    cache: dict[int, bool] | None = getattr(pledge, "_owner_focal_point_cache", None)
    if cache is None:
        cache = {}
        setattr(pledge, "_owner_focal_point_cache", cache)  # noqa: B010 — not a model field
    if user.pk not in cache:
        cache[user.pk] = FocalPoint.objects.filter(
            user_id=user.pk, government__pledge_ownerships__pledge=pledge
        ).exists()
    return cache[user.pk]


def is_reviewer(user: Person | None, pledge: Pledge | None = None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_reviewer)


def reviews(user: Person | None, pledge: Pledge) -> bool:
    """A reviewer, on a pledge submitted at least once (drafts never submitted stay private)."""
    return is_reviewer(user) and pledge.was_submitted


def can_view_pledge(user: Person | None, pledge: Pledge) -> bool:
    return (
        pledge.is_published
        and not pledge.is_revision
        or acts_for_owner(user, pledge)
        or reviews(user, pledge)
    )


def can_edit_pledge(user: Person | None, pledge: Pledge) -> bool:
    """Owners edit drafts and pledges sent back to them; reviewers never edit a government's text."""
    return pledge.status in EDITABLE_STATES and acts_for_owner(user, pledge)


def can_propose_changes(user: Person | None, pledge: Pledge) -> bool:
    return pledge.is_published and not pledge.is_revision and acts_for_owner(user, pledge)


def can_comment(user: Person | None, pledge: Pledge) -> bool:
    return acts_for_owner(user, pledge) or reviews(user, pledge)


def can_manage_attachments(user: Person | None, pledge: Pledge) -> bool:
    return can_edit_pledge(user, pledge)
