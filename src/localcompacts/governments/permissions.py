"""Who may do what with governments and their declaration endorsements: pure predicates.

Views, templates and the admin use the same functions. Anything a person may not see is a 404.
"""

from typing import TypeGuard

from localcompacts.core.people import Person

from .models import Endorsement, EndorsementStatus, LocalGovernment


def _active(user: Person | None) -> TypeGuard[Person]:
    return user is not None and user.is_authenticated and user.is_active


def acts_for(user: Person | None, government: LocalGovernment) -> bool:
    """The user is a focal point of this government."""
    if not _active(user) or not user.is_focal_point:
        return False
    return government.focal_points.filter(user_id=user.pk).exists()


def can_endorse(user: Person | None, government: LocalGovernment) -> bool:
    return acts_for(user, government)


def can_view_endorsement(user: Person | None, endorsement: Endorsement) -> bool:
    if endorsement.status == EndorsementStatus.VERIFIED:
        return True
    if not _active(user):
        return False
    return user.is_reviewer or acts_for(user, endorsement.government)


def can_view_endorsement_letter(user: Person | None, endorsement: Endorsement) -> bool:
    """The signed letter is evidence for the secretariat, never public."""
    if not _active(user) or not endorsement.letter:
        return False
    return user.is_reviewer or acts_for(user, endorsement.government)


def can_review_endorsements(user: Person | None) -> bool:
    """Reviewers see the queue read-only; only the secretariat decides."""
    return _active(user) and user.is_reviewer


def can_verify_endorsement(user: Person | None, endorsement: Endorsement) -> bool:
    return _active(user) and user.is_secretariat and endorsement.status == EndorsementStatus.PENDING


can_reject_endorsement = can_verify_endorsement


def can_withdraw_endorsement(user: Person | None, endorsement: Endorsement) -> bool:
    return endorsement.status == EndorsementStatus.PENDING and acts_for(
        user, endorsement.government
    )
