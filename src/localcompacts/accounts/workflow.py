"""The focal-point request workflow: the secretariat approves or declines (with a reason).

pending → approved | declined. Approving creates or updates the account, links it to the
government (created first when it was proposed) and sends the set-password link; declining tells
the applicant why. Both run in the transition's transaction (`after`), see `core.workflow`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.email import queue_email
from localcompacts.core.urls_i18n import absolute_url
from localcompacts.core.workflow import Transition, Workflow, register

from .audit import FocalPointRequestAction
from .models import FocalPointRequest, FocalPointRequestStatus, Role, User

S = FocalPointRequestStatus


def can_decide_request(user, request: FocalPointRequest) -> bool:
    return user.is_secretariat


def _approval_problem(request: FocalPointRequest):
    """The applicant's address must not belong to a reviewer or the secretariat."""
    taken = User.objects.filter(
        email__iexact=request.email, role__in=[Role.REVIEWER, Role.SECRETARIAT]
    )
    if taken.exists():
        return _("This e-mail address belongs to a reviewer or secretariat account.")
    return None


def _after(request: FocalPointRequest, transition, record, by) -> None:
    from .services import approve_request, set_password_url

    request.decided_by = by
    request.decided_at = timezone.now()
    if transition.target == S.APPROVED:
        user, government = approve_request(request, by=by)
        request.user = user
        request.government = government
        request.save(update_fields=["user", "government", "decided_by", "decided_at"])
        queue_email(
            key=f"focal-point-request-approved:{request.pk}",
            to=user.email,
            language=request.language,
            template="accounts/email/request_approved",
            context={
                "person": user,
                "government": government.name,
                "set_password_url": None
                if user.has_usable_password()
                else set_password_url(user, request.language),
                "login_url": absolute_url("accounts:login", language=request.language),
            },
        )
    else:
        request.decline_reason = record.comment
        request.save(update_fields=["decline_reason", "decided_by", "decided_at"])
        queue_email(
            key=f"focal-point-request-declined:{request.pk}",
            to=request.email,
            language=request.language,
            template="accounts/email/request_declined",
            context={
                "request": request,
                "government": request.government_name,
                "reason": record.comment,
            },
        )


FOCAL_POINT_REQUEST_WORKFLOW = Workflow(
    name="focal_point_request",
    transitions=[
        Transition(
            S.PENDING,
            S.APPROVED,
            "approve",
            can_decide_request,
            label=_("Approve"),
            check=_approval_problem,
            recorded_as=FocalPointRequestAction.APPROVED,
        ),
        Transition(
            S.PENDING,
            S.DECLINED,
            "decline",
            can_decide_request,
            label=_("Decline"),
            comment_required=True,
            recorded_as=FocalPointRequestAction.DECLINED,
        ),
    ],
    final_states={S.APPROVED, S.DECLINED},
    after=_after,
    groups={"open": {S.PENDING}},
    messages={
        "state": _("This request has already been decided."),
        "comment": _("Say why the request is declined."),
    },
)
register(FocalPointRequest, FOCAL_POINT_REQUEST_WORKFLOW)
