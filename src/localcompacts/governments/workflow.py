"""The endorsement workflow: the secretariat verifies or rejects (with a reason) a pending one.

pending → verified | rejected. Withdrawing is not a transition: the focal point's pending
endorsement and its letter are deleted (`services.endorsement_withdraw`), so there is no row left
to carry a state.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core.workflow import Transition, Workflow, register

from .audit import EndorsementAction
from .models import Endorsement, EndorsementStatus
from .permissions import can_verify_endorsement

S = EndorsementStatus


def _after(endorsement: Endorsement, transition, record, by) -> None:
    """Who decided and when, the reason of a rejection, and e-mail to the focal points."""
    from .services import notify_focal_points

    endorsement.rejection_reason = record.comment if transition.target == S.REJECTED else ""
    endorsement.verified_by = by
    endorsement.verified_at = timezone.now()
    endorsement.save(update_fields=["rejection_reason", "verified_by", "verified_at"])
    event = "verified" if transition.target == S.VERIFIED else "rejected"
    notify_focal_points(endorsement, event=event, template=f"governments/email/endorsement_{event}")


ENDORSEMENT_WORKFLOW = Workflow(
    name="endorsement",
    transitions=[
        Transition(
            S.PENDING,
            S.VERIFIED,
            "verify",
            can_verify_endorsement,
            label=_("Verify"),
            recorded_as=EndorsementAction.VERIFIED,
        ),
        Transition(
            S.PENDING,
            S.REJECTED,
            "reject",
            can_verify_endorsement,
            label=_("Reject"),
            comment_required=True,
            recorded_as=EndorsementAction.REJECTED,
        ),
    ],
    final_states={S.VERIFIED, S.REJECTED},
    after=_after,
    groups={"public": {S.VERIFIED}},
    messages={
        "state": _("Only endorsements awaiting verification can be decided."),
        "comment": _("Say why the endorsement is rejected."),
    },
)
register(Endorsement, ENDORSEMENT_WORKFLOW)
