"""Every transition of the pledge table, allowed and refused, and changes to published pledges."""

import pytest

from localcompacts.core.models import StateTransition
from localcompacts.core.workflow import TransitionError, transitions_of
from localcompacts.pledges import services
from localcompacts.pledges.models import Pledge, PledgeStatus
from localcompacts.pledges.workflow import PLEDGE_WORKFLOW

from .helpers import draft, published, submitted

S = PledgeStatus

# (start state, action, who, expected end state or None if refused)
CASES = [
    (S.DRAFT, "submit", "owner", S.SUBMITTED),
    (S.DRAFT, "submit", "reviewer", None),
    (S.DRAFT, "submit", "other", None),
    (S.DRAFT, "publish", "reviewer", None),
    (S.DRAFT, "withdraw", "owner", S.WITHDRAWN),
    (S.SUBMITTED, "start_review", "reviewer", S.IN_REVIEW),
    (S.SUBMITTED, "start_review", "owner", None),
    (S.SUBMITTED, "publish", "reviewer", S.PUBLISHED),
    (S.SUBMITTED, "publish", "owner", None),
    (S.SUBMITTED, "submit", "owner", None),
    (S.SUBMITTED, "withdraw", "owner", S.WITHDRAWN),
    (S.SUBMITTED, "withdraw", "reviewer", None),
    (S.IN_REVIEW, "request_changes", "reviewer", S.CHANGES_REQUESTED),
    (S.IN_REVIEW, "request_changes", "secretariat", S.CHANGES_REQUESTED),
    (S.IN_REVIEW, "decline", "reviewer", S.DECLINED),
    (S.IN_REVIEW, "publish", "secretariat", S.PUBLISHED),
    (S.IN_REVIEW, "resubmit", "owner", None),
    (S.CHANGES_REQUESTED, "resubmit", "owner", S.SUBMITTED),
    (S.CHANGES_REQUESTED, "publish", "reviewer", None),
    (S.CHANGES_REQUESTED, "withdraw", "owner", S.WITHDRAWN),
    (S.PUBLISHED, "withdraw", "owner", None),
    (S.PUBLISHED, "decline", "reviewer", None),
    (S.DECLINED, "resubmit", "owner", None),
    (S.WITHDRAWN, "submit", "owner", None),
]


def _bring_to(state, pledge, owner, reviewer):
    path = {
        S.DRAFT: [],
        S.SUBMITTED: [("submit", owner)],
        S.IN_REVIEW: [("submit", owner), ("start_review", reviewer)],
        S.CHANGES_REQUESTED: [("submit", owner), ("request_changes", reviewer)],
        S.PUBLISHED: [("submit", owner), ("publish", reviewer)],
        S.DECLINED: [("submit", owner), ("decline", reviewer)],
        S.WITHDRAWN: [("withdraw", owner)],
    }[state]
    for action, by in path:
        services.pledge_transition(pledge=pledge, action=action, by=by, comment="because")


@pytest.mark.parametrize(("state", "action", "who", "expected"), CASES)
def test_transition_table(
    state, action, who, expected, government, focal_point, other_focal_point, reviewer, secretariat
):
    pledge = draft(government=government, by=focal_point)
    _bring_to(state, pledge, focal_point, reviewer)
    people = {
        "owner": focal_point,
        "other": other_focal_point,
        "reviewer": reviewer,
        "secretariat": secretariat,
    }
    before = StateTransition.objects.count()
    if expected is None:
        with pytest.raises(TransitionError) as error:
            services.pledge_transition(pledge=pledge, action=action, by=people[who], comment="x")
        assert str(error.value.message)
        pledge.refresh_from_db()
        assert pledge.status == state
        assert StateTransition.objects.count() == before
    else:
        services.pledge_transition(pledge=pledge, action=action, by=people[who], comment="x")
        pledge.refresh_from_db()
        assert pledge.status == expected
        assert StateTransition.objects.count() == before + 1


def test_request_changes_and_decline_need_a_reason(government, focal_point, reviewer):
    pledge = submitted(government=government, by=focal_point)
    for action in ("request_changes", "decline"):
        with pytest.raises(TransitionError) as error:
            services.pledge_transition(pledge=pledge, action=action, by=reviewer, comment=" ")
        assert error.value.code == "comment"


def test_incomplete_draft_cannot_be_submitted(government, focal_point):
    pledge = draft(government=government, by=focal_point, complete=False)
    with pytest.raises(TransitionError) as error:
        services.pledge_transition(pledge=pledge, action="submit", by=focal_point)
    assert error.value.code == "invalid"
    assert "objective" in error.value.message


def test_publish_sets_dates_and_timeline(government, focal_point, reviewer):
    pledge = published(government=government, by=focal_point, reviewer=reviewer)
    pledge.refresh_from_db()
    assert pledge.submitted_at and pledge.published_at
    steps = [(t.action, t.actor) for t in transitions_of(pledge)]
    assert steps == [("submit", focal_point), ("publish", reviewer)]


def test_co_owner_focal_point_may_submit(
    government, other_government, focal_point, other_focal_point
):
    pledge = draft(government=government, by=focal_point)
    services.pledge_update_draft(
        pledge=pledge, by=focal_point, changes={}, co_owners=[other_government]
    )
    assert PLEDGE_WORKFLOW.can(pledge, "submit", other_focal_point)
    services.pledge_transition(pledge=pledge, action="submit", by=other_focal_point)


def test_reviewer_cannot_edit_text(government, focal_point, reviewer):
    pledge = draft(government=government, by=focal_point)
    with pytest.raises(services.PledgeEditError):
        services.pledge_update_draft(pledge=pledge, by=reviewer, changes={"title": "Mine now"})


def test_changes_to_a_published_pledge_stay_private_until_published(
    government, focal_point, reviewer
):
    pledge = published(government=government, by=focal_point, reviewer=reviewer, title="Old title")
    revision = services.pledge_start_revision(pledge=pledge, by=focal_point)
    assert services.pledge_start_revision(pledge=pledge, by=focal_point) == revision
    services.pledge_update_draft(pledge=revision, by=focal_point, changes={"title": "New title"})
    services.pledge_transition(pledge=revision, action="submit", by=focal_point)
    pledge.refresh_from_db()
    assert pledge.title == "Old title" and pledge.status == S.PUBLISHED
    assert list(Pledge.objects.published()) == [pledge]

    services.pledge_transition(pledge=revision, action="publish", by=reviewer)
    pledge.refresh_from_db()
    assert pledge.title == "New title"
    assert not Pledge.objects.filter(pk=revision.pk).exists()
    assert [t.action for t in transitions_of(pledge)] == ["submit", "publish", "submit", "publish"]
    assert pledge.indicators.count() == 1


def test_declined_changes_leave_the_published_pledge(government, focal_point, reviewer):
    pledge = published(government=government, by=focal_point, reviewer=reviewer, title="Old title")
    revision = services.pledge_start_revision(pledge=pledge, by=focal_point)
    services.pledge_update_draft(pledge=revision, by=focal_point, changes={"title": "New title"})
    services.pledge_transition(pledge=revision, action="submit", by=focal_point)
    services.pledge_transition(pledge=revision, action="decline", by=reviewer, comment="No.")
    pledge.refresh_from_db()
    assert pledge.title == "Old title"
    # a new proposal can start after a final decision
    assert services.pledge_start_revision(pledge=pledge, by=focal_point) != revision


def test_admin_actions_go_through_the_workflow(admin_client, government, focal_point):
    pledge = submitted(government=government, by=focal_point)
    still_draft = draft(government=government, by=focal_point, title="Not yet")
    response = admin_client.post(
        "/admin/pledges/pledge/",
        {"action": "workflow_publish", "_selected_action": [pledge.pk, still_draft.pk]},
        follow=True,
    )
    assert response.status_code == 200
    pledge.refresh_from_db()
    still_draft.refresh_from_db()
    assert pledge.status == S.PUBLISHED and still_draft.status == S.DRAFT
    assert "This cannot be done now" in response.content.decode()
    assert [t.action for t in transitions_of(pledge)] == ["submit", "publish"]
    assert admin_client.get(f"/admin/pledges/pledge/{pledge.pk}/change/").status_code == 200
    assert admin_client.get("/admin/core/statetransition/").status_code == 200
