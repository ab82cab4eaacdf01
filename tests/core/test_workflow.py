"""The generic state machine, exercised with a tiny two-step table on a pledge row."""

import pytest

from localcompacts.core.audit import AuditAction, audit_actions
from localcompacts.core.models import AuditEntry, StateTransition
from localcompacts.core.workflow import (
    Transition,
    TransitionError,
    Workflow,
    apply_transition,
    by_system,
    or_system,
    transitions_of,
)

from ..factories import PledgeFactory


@audit_actions
class ToyAction(AuditAction):
    SENT = "toy.sent", "Toy sent"
    REFUSED = "toy.refused", "Toy refused"


TOY = Workflow(
    name="toy",
    transitions=[
        Transition(
            "draft",
            "submitted",
            "send",
            allowed=lambda user, obj: user.is_focal_point,
            recorded_as=ToyAction.SENT,
        ),
        Transition(
            "submitted",
            "declined",
            "refuse",
            allowed=lambda user, obj: user.is_reviewer,
            comment_required=True,
            recorded_as=ToyAction.REFUSED,
        ),
    ],
    final_states={"declined"},
)


@pytest.fixture
def item(government):
    return PledgeFactory(owners=[government])


def test_allowed_transition_changes_state_and_records_it(item, focal_point):
    record = apply_transition(item, "send", by=focal_point, comment=" first ", workflow=TOY)
    item.refresh_from_db()
    assert item.status == "submitted"
    assert (record.from_state, record.to_state, record.action) == ("draft", "submitted", "send")
    assert record.actor == focal_point and record.comment == "first"
    assert list(transitions_of(item)) == [record]
    entry = AuditEntry.objects.get(action="toy.sent")
    assert entry.target_id == str(item.pk) and entry.actor == focal_point


def test_wrong_state_is_refused_and_nothing_is_written(item, reviewer):
    with pytest.raises(TransitionError) as error:
        apply_transition(item, "refuse", by=reviewer, comment="no", workflow=TOY)
    assert error.value.code == "state"
    assert "Draft" in error.value.message
    assert not StateTransition.objects.exists()


def test_person_without_the_right_is_refused(item, reviewer):
    with pytest.raises(TransitionError) as error:
        apply_transition(item, "send", by=reviewer, workflow=TOY)
    assert error.value.code == "permission"
    item.refresh_from_db()
    assert item.status == "draft"


def test_comment_required_and_unknown_action(item, focal_point, reviewer):
    apply_transition(item, "send", by=focal_point, workflow=TOY)
    with pytest.raises(TransitionError) as error:
        apply_transition(item, "refuse", by=reviewer, comment="  ", workflow=TOY)
    assert error.value.code == "comment"
    with pytest.raises(TransitionError):
        apply_transition(item, "teleport", by=reviewer, workflow=TOY)


def test_same_transition_twice_is_refused_the_second_time(item, focal_point):
    apply_transition(item, "send", by=focal_point, workflow=TOY)
    with pytest.raises(TransitionError):
        apply_transition(item, "send", by=focal_point, workflow=TOY)
    assert StateTransition.objects.count() == 1


def test_available_lists_only_what_the_person_may_do(item, focal_point, reviewer, anonymous_client):
    from django.contrib.auth.models import AnonymousUser

    assert [t.action for t in TOY.available(item, focal_point)] == ["send"]
    assert TOY.available(item, reviewer) == []
    assert TOY.available(item, AnonymousUser()) == []


def test_ambiguous_table_is_rejected():
    with pytest.raises(ValueError):
        Workflow(
            name="bad",
            transitions=[
                Transition("a", "b", "go", allowed=lambda u, o: True),
                Transition("a", "c", "go", allowed=lambda u, o: True),
            ],
        )


SYSTEM_TOY = Workflow(
    name="system_toy",
    transitions=[
        Transition("draft", "submitted", "send", allowed=by_system, recorded_as=ToyAction.SENT),
        Transition(
            "submitted",
            "declined",
            "refuse",
            allowed=or_system(lambda user, obj: user.is_reviewer),
            comment_required=True,
            recorded_as=ToyAction.REFUSED,
        ),
    ],
    messages={"comment": "Say why.", "state": "Too late."},
)


def test_system_steps_are_taken_by_none_only(item, focal_point, reviewer):
    from django.contrib.auth.models import AnonymousUser

    for person in (focal_point, AnonymousUser()):
        with pytest.raises(TransitionError) as error:
            apply_transition(item, "send", by=person, workflow=SYSTEM_TOY)
        assert error.value.code == "permission"
    record = apply_transition(item, "send", by=None, workflow=SYSTEM_TOY, data={"size": 3})
    assert record.actor is None
    entry = AuditEntry.objects.get(action="toy.sent")
    assert entry.actor is None and entry.data["size"] == 3 and entry.data["to_state"] == "submitted"


def test_or_system_allows_the_person_or_the_application_and_messages_are_the_workflows(
    item, focal_point, reviewer
):
    apply_transition(item, "send", by=None, workflow=SYSTEM_TOY)
    with pytest.raises(TransitionError, match="Say why."):
        apply_transition(item, "refuse", by=reviewer, workflow=SYSTEM_TOY)
    with pytest.raises(TransitionError) as error:
        apply_transition(item, "refuse", by=focal_point, comment="no", workflow=SYSTEM_TOY)
    assert error.value.code == "permission"
    apply_transition(item, "refuse", by=None, comment="duplicate", workflow=SYSTEM_TOY)
    with pytest.raises(TransitionError, match="Too late."):
        apply_transition(item, "send", by=None, workflow=SYSTEM_TOY)


def test_the_six_status_models_have_their_workflow():
    from localcompacts.accounts.models import FocalPointRequest
    from localcompacts.core.workflow import workflow_for
    from localcompacts.governments.models import Endorsement
    from localcompacts.newsletter.models import Issue
    from localcompacts.pledges.models import Pledge
    from localcompacts.progress.models import ProgressReport
    from localcompacts.publications.models import Publication

    for model in (Pledge, ProgressReport, Endorsement, FocalPointRequest, Publication, Issue):
        assert workflow_for(model).transitions


def test_a_transition_without_an_audit_action_is_rejected():
    with pytest.raises(ValueError, match="recorded_as"):
        Workflow(name="silent", transitions=[Transition("a", "b", "go", allowed=lambda u, o: True)])
