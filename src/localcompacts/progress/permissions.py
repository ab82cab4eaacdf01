"""Who may report and review progress: pure predicates for views, templates and the workflow."""

from localcompacts.governments.models import FocalPoint


def acts_for_owner(user, pledge) -> bool:
    """A focal point of any owner of the pledge: for a joint pledge any co-owner reports for all."""
    if user is None or not user.is_authenticated or not user.is_focal_point:
        return False
    return FocalPoint.objects.filter(
        user=user, government__pledge_ownerships__pledge=pledge
    ).exists()


def can_report_progress(user, pledge) -> bool:
    return pledge.is_published and acts_for_owner(user, pledge)


def can_edit_report(user, report) -> bool:
    from .models import ReviewStatus

    return report.status == ReviewStatus.RETURNED and acts_for_owner(user, report.pledge)


def can_review_progress(user, report=None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_reviewer)


def can_view_report(user, report) -> bool:
    from .models import ReviewStatus

    return (
        report.status == ReviewStatus.ACCEPTED
        or acts_for_owner(user, report.pledge)
        or can_review_progress(user)
    )
