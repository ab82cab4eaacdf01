"""The workspace lists: what they show and a bounded number of queries."""

from django.urls import reverse

from localcompacts.compacts.models import Objective
from localcompacts.pledges import services
from localcompacts.pledges.workspace.review import QUEUE_PAGE

from ..factories import FocalPointUserFactory
from .helpers import draft, published, submitted


def test_review_queue_lists_waiting_items_with_flags_and_filters(
    reviewer_client, government, other_government, focal_point, other_focal_point
):
    waiting = submitted(government=government, by=focal_point, title="Waiting one")
    flagged = draft(
        government=other_government, by=other_focal_point, title="Vague one", complete=False
    )
    services.pledge_update_draft(
        pledge=flagged,
        by=other_focal_point,
        changes={"objectives": list(waiting.objectives.all())},
    )
    services.pledge_transition(pledge=flagged, action="submit", by=other_focal_point)
    draft(government=government, by=focal_point, title="Still a draft")
    html = reviewer_client.get(reverse("workspace:review")).content.decode()
    assert "Waiting one" in html and "Vague one" in html and "Still a draft" not in html
    assert "No measurable indicator" in html
    html = reviewer_client.get(reverse("workspace:review") + "?flagged=1").content.decode()
    assert "Vague one" in html and "Waiting one" not in html
    html = reviewer_client.get(reverse("workspace:review") + "?q=Medell").content.decode()
    assert "Vague one" in html and "Waiting one" not in html
    html = reviewer_client.get(
        reverse("workspace:review") + "?sort=title&status=bogus&kind=<x>"
    ).content
    assert b"Waiting one" in html


def test_flagged_filter_finds_pledges_beyond_the_first_page(
    reviewer_client, government, focal_point, django_assert_max_num_queries
):
    """The "flagged" filter applies before the page is cut at 50 rows."""
    for number in range(QUEUE_PAGE + 5):
        submitted(government=government, by=focal_point, title=f"Complete {number}")
    vague = draft(government=government, by=focal_point, title="Vague latecomer", complete=False)
    services.pledge_update_draft(
        pledge=vague, by=focal_point, changes={"objectives": list(Objective.objects.all()[:1])}
    )
    services.pledge_transition(pledge=vague, action="submit", by=focal_point)
    html = reviewer_client.get(reverse("workspace:review")).content.decode()
    assert "Vague latecomer" not in html  # oldest first: it stands beyond row 50
    with django_assert_max_num_queries(14):
        html = reviewer_client.get(reverse("workspace:review") + "?flagged=1").content.decode()
    assert "Vague latecomer" in html and "Complete 0" not in html


def test_review_queue_queries_do_not_grow(
    reviewer_client, government, focal_point, django_assert_max_num_queries
):
    for number in range(3):
        submitted(government=government, by=focal_point, title=f"Pledge {number}")
    with django_assert_max_num_queries(12) as few:
        reviewer_client.get(reverse("workspace:review"))
    for number in range(3, 15):
        submitted(government=government, by=focal_point, title=f"Pledge {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        reviewer_client.get(reverse("workspace:review"))


def test_dashboard_groups_by_status_and_queries_do_not_grow(
    focal_point_client, government, focal_point, reviewer, django_assert_max_num_queries
):
    published(government=government, by=focal_point, reviewer=reviewer, title="Live one")
    draft(government=government, by=focal_point, title="Draft one")
    with django_assert_max_num_queries(12) as few:
        response = focal_point_client.get(reverse("workspace:dashboard"))
    html = response.content.decode()
    assert "Live one" in html and "Draft one" in html
    for number in range(10):
        draft(government=government, by=focal_point, title=f"More {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        focal_point_client.get(reverse("workspace:dashboard"))


def test_reviewer_sees_diff_against_the_published_version(
    reviewer_client, government, focal_point, reviewer
):
    pledge = published(
        government=government, by=focal_point, reviewer=reviewer, title="Old <b>title</b>"
    )
    revision = services.pledge_start_revision(pledge=pledge, by=focal_point)
    services.pledge_update_draft(
        pledge=revision, by=focal_point, changes={"title": "New <i>title</i>"}
    )
    services.pledge_transition(pledge=revision, action="submit", by=focal_point)
    html = reviewer_client.get(
        reverse("workspace:review-item", kwargs={"pk": revision.pk})
    ).content.decode()
    assert "<del>Old" in html and "<ins>New" in html
    assert "&lt;i&gt;title&lt;/i&gt;" in html and "<i>title</i>" not in html
    # the public still sees the published text
    assert (
        "Old &lt;b&gt;title&lt;/b&gt;"
        in reviewer_client.get(pledge.get_absolute_url()).content.decode()
    )


def test_co_owner_sees_joint_pledge_in_dashboard(government, other_government, focal_point):
    pledge = draft(government=government, by=focal_point, title="Joint pledge")
    services.pledge_update_draft(
        pledge=pledge, by=focal_point, changes={}, co_owners=[other_government]
    )
    co_owner = FocalPointUserFactory(email="co@example.org", government=other_government)
    from django.test import Client

    client = Client()
    client.force_login(co_owner)
    assert "Joint pledge" in client.get(reverse("workspace:dashboard")).content.decode()
    assert (
        client.get(
            reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "basics"})
        ).status_code
        == 200
    )
