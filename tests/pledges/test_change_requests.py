"""A reviewer's change request comes first: a callout on the owners' pages until it is resolved,
an entry in the comment thread, and the decision buttons after the content they judge. Step 6
shows the pledge as it will be published."""

from django.urls import reverse

from localcompacts.pledges import services

from .helpers import draft, submitted

REQUEST = "Name the district and add a budget."


def _returned(government, focal_point, reviewer):
    pledge = submitted(government=government, by=focal_point, title="Welcome desk")
    services.pledge_transition(
        pledge=pledge, action="request_changes", by=reviewer, comment=REQUEST
    )
    return pledge


def test_the_request_is_a_callout_on_the_page_and_in_the_editor(
    focal_point_client, government, focal_point, reviewer
):
    pledge = _returned(government, focal_point, reviewer)
    for url in (
        reverse("workspace:pledge", kwargs={"pk": pledge.pk}),
        reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "basics"}),
        reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "review"}),
    ):
        html = focal_point_client.get(url).content.decode()
        callout = html.index('class="callout"')
        assert REQUEST in html[callout : callout + 2000]
        assert callout < html.index('id="main"') + 1500  # at the top of the page
        if "basics" in url:
            assert callout < html.index('class="editor-form"')
    page = focal_point_client.get(reverse("workspace:pledge", kwargs={"pk": pledge.pk}))
    html = page.content.decode()
    thread = html[html.index('id="comments"') :]
    assert "No comments yet" not in thread and REQUEST in thread


def test_the_callout_goes_once_the_pledge_is_resubmitted(
    focal_point_client, government, focal_point, reviewer
):
    pledge = _returned(government, focal_point, reviewer)
    services.pledge_transition(pledge=pledge, action="resubmit", by=focal_point)
    html = focal_point_client.get(reverse("workspace:pledge", kwargs={"pk": pledge.pk}))
    assert 'class="callout"' not in html.content.decode()


def test_decision_buttons_come_after_the_content(reviewer_client, government, focal_point):
    pledge = submitted(government=government, by=focal_point, title="Welcome desk")
    html = reviewer_client.get(
        reverse("workspace:review-item", kwargs={"pk": pledge.pk})
    ).content.decode()
    assert html.index('id="content-heading"') < html.index('id="decide-heading"')


def test_step_six_shows_the_pledge_as_published(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point, title="Welcome desk")
    html = focal_point_client.get(
        reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "review"})
    ).content.decode()
    assert "as it will be published" in html
    for shown in ("Welcome desk", "Medina district", "People advised", "GCM-15", "Dakar"):
        assert shown in html
