"""Who may report and review progress: pure predicates for views, templates and the workflow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from localcompacts.core.people import Person
from localcompacts.pledges.models import Pledge
from localcompacts.pledges.permissions import acts_for_owner

if TYPE_CHECKING:
    from .models import ProgressReport

__all__ = [
    "acts_for_owner",
    "can_edit_report",
    "can_report_progress",
    "can_review_progress",
    "can_view_report",
]


def can_report_progress(user: Person | None, pledge: Pledge) -> bool:
    return pledge.is_published and acts_for_owner(user, pledge)


def can_edit_report(user: Person | None, report: ProgressReport) -> bool:
    from .models import ReviewStatus

    return report.status == ReviewStatus.RETURNED and acts_for_owner(user, report.pledge)


def can_review_progress(user: Person | None, report: ProgressReport | None = None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_reviewer)


def can_view_report(user: Person | None, report: ProgressReport) -> bool:
    from .models import ReviewStatus

    return (
        report.status == ReviewStatus.ACCEPTED
        or acts_for_owner(user, report.pledge)
        or can_review_progress(user)
    )


def can_verify_report(user: Person | None, report: ProgressReport | None = None) -> bool:
    """Reviewers verify accepted reports (they are not the pledge's owners)."""
    return can_review_progress(user, report) and (
        report is None or not acts_for_owner(user, report.pledge)
    )
