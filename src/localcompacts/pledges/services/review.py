"""Moving a pledge through review: a thin service over the one state machine."""

from localcompacts.core.people import Person
from localcompacts.core.workflow import StateTransition, apply_transition

from ..models import Pledge


def pledge_transition(
    *, pledge: Pledge, action: str, by: Person | None, comment: str = ""
) -> StateTransition:
    """submit, resubmit, start_review, request_changes, publish, decline or withdraw.

    Raises `core.workflow.TransitionError` (the API answers 409) when the table does not allow it.
    """
    return apply_transition(pledge, action, by=by, comment=comment)
