"""The step editor through HTTP: drafts, errors next to fields, hostile input, double submits."""

import pytest
from django.urls import reverse

from localcompacts.compacts.models import Objective, PopulationGroup
from localcompacts.core.models import StateTransition
from localcompacts.pledges import services
from localcompacts.pledges.models import Pledge, PledgeStatus

from .helpers import DESCRIPTION, draft, fill_in

LONG = "Language classes, legal advice and a job desk in one place for every newcomer. " * 5


def basics(**changes):
    data = {
        "kind": "pledge",
        "title": "Welcome centre",
        "summary": "One-stop centre.",
        "description": f"<p>{LONG}</p>",
        "language": "en",
        "pledge_type": "policy",
        "token": "6f1c1c38-7c0a-4a55-9a43-4f7a2a8f3b11",
    }
    data.update(changes)
    return data


def test_focal_point_writes_a_pledge_step_by_step(focal_point_client, government):
    response = focal_point_client.get(reverse("workspace:new"))
    assert response.status_code == 200
    response = focal_point_client.post(
        reverse("workspace:new"), basics(government=government.pk, next="1")
    )
    pledge = Pledge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workspace:edit", kwargs={"pk": pledge.pk, "step": "alignment"}
    )

    def step(name):
        return reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": name})

    gcm = Objective.objects.get(code="GCM-15")
    assert focal_point_client.post(step("alignment"), {"objectives": [gcm.pk]}).status_code == 302
    group = PopulationGroup.objects.first()
    focal_point_client.post(
        step("beneficiaries"), {"population_groups": [group.pk], "place": "Medina"}
    )
    response = focal_point_client.post(
        step("timeline"),
        {
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
            "budget": "15000",
            "currency": "xof",
            "indicators-TOTAL_FORMS": "2",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "People advised",
            "indicators-0-unit": "people",
            "indicators-0-baseline": "0",
            "indicators-0-target": "500",
            "indicators-1-name": "",
        },
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.currency == "XOF" and pledge.indicators.count() == 1
    page = focal_point_client.get(step("review"))
    assert page.status_code == 200
    assert "Submit for review" in page.content.decode()
    response = focal_point_client.post(
        reverse("workspace:transition", kwargs={"pk": pledge.pk, "action": "submit"})
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.SUBMITTED


def test_invalid_step_shows_every_error_and_keeps_input(focal_point_client, government):
    response = focal_point_client.post(
        reverse("workspace:new"),
        basics(
            government=government.pk, title="x" * 201, summary="", description="<p>Too short</p>"
        ),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"title", "summary", "description"}
    assert "Too short" in response.content.decode()
    assert not Pledge.objects.exists()


def test_bad_timeline_values_get_messages_not_500(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point)
    response = focal_point_client.post(
        reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "timeline"}),
        {
            "start_date": "2027-01-01",
            "end_date": "2026-01-01",
            "budget": "-5",
            "currency": "ZZZ",
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Households",
            "indicators-0-target": "not a number",
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"end_date", "budget", "currency"}
    assert set(response.context["formset"].forms[0].errors) >= {"unit", "target"}


def test_alignment_needs_an_objective(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point)
    response = focal_point_client.post(
        reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "alignment"}), {}
    )
    assert response.status_code == 400
    assert "objectives" in response.context["form"].errors


def test_html_and_script_are_shown_as_text_or_removed(
    focal_point_client, focal_point, government, reviewer_client
):
    script = "<script>alert(1)</script>"
    focal_point_client.post(
        reverse("workspace:new"),
        basics(
            government=government.pk,
            title=f"Centre {script}",
            summary=f"Summary {script}",
            description=f"<p onclick='x()'>{LONG}</p><img src=x onerror=alert(1)>{script}",
        ),
    )
    pledge = Pledge.objects.get()
    assert "<script" not in pledge.description and "onerror" not in pledge.description
    assert "onclick" not in pledge.description
    fill_in(pledge, by=focal_point)  # reviewers see a pledge once it is submitted
    services.pledge_transition(pledge=pledge, action="submit", by=focal_point)
    for client, url in [
        (focal_point_client, reverse("workspace:pledge", kwargs={"pk": pledge.pk})),
        (reviewer_client, reverse("workspace:review-item", kwargs={"pk": pledge.pk})),
    ]:
        html = client.get(url).content.decode()
        assert script not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    focal_point_client.post(
        reverse("workspace:comment", kwargs={"pk": pledge.pk}), {"body": script}
    )
    html = reviewer_client.get(
        reverse("workspace:review-item", kwargs={"pk": pledge.pk})
    ).content.decode()
    assert script not in html


def test_double_submit_creates_one_pledge_and_one_transition(focal_point_client, government):
    data = basics(government=government.pk)
    first = focal_point_client.post(reverse("workspace:new"), data)
    second = focal_point_client.post(reverse("workspace:new"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Pledge.objects.count() == 1


def test_second_click_on_submit_is_refused_with_409(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point)
    url = reverse("workspace:transition", kwargs={"pk": pledge.pk, "action": "submit"})
    assert focal_point_client.post(url).status_code == 302
    second = focal_point_client.post(url)
    assert second.status_code == 409
    assert "Submitted" in second.content.decode()
    assert StateTransition.objects.count() == 1


def test_reviewer_request_change_needs_reason(reviewer_client, government, focal_point):
    from .helpers import submitted

    pledge = submitted(government=government, by=focal_point)
    response = reviewer_client.post(
        reverse("workspace:transition", kwargs={"pk": pledge.pk, "action": "request_changes"}),
        {"comment": ""},
    )
    assert response.status_code == 400
    assert "Please give a reason." in response.content.decode()


@pytest.mark.parametrize(
    "step", ["basics", "alignment", "beneficiaries", "timeline", "partners", "review"]
)
def test_every_step_renders(focal_point_client, government, focal_point, step):
    pledge = draft(government=government, by=focal_point)
    assert (
        focal_point_client.get(
            reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": step})
        ).status_code
        == 200
    )


def test_description_fixture_is_long_enough():
    from localcompacts.core.richtext import plain_text

    assert len(plain_text(DESCRIPTION)) >= 300


def test_tampered_or_huge_input_gets_400_not_500(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point)

    def step(name):
        return reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": name})

    # no formset management data at all
    assert focal_point_client.post(step("timeline"), {"end_date": "2027-01-01"}).status_code == 400
    # absurd row counts and non-numbers
    response = focal_point_client.post(
        step("timeline"),
        {"indicators-TOTAL_FORMS": "100000", "indicators-INITIAL_FORMS": "x", "budget": "1e999"},
    )
    assert response.status_code == 400
    # ids that do not exist, and a pledge number that is not published
    response = focal_point_client.post(step("alignment"), {"objectives": ["999999", "abc"]})
    assert response.status_code == 400
    response = focal_point_client.post(step("partners"), {"matched_pledge": str(pledge.pk)})
    assert response.status_code == 400
    assert "matches" in response.context["form"].errors  # posted as matched_pledge
    # an oversize comment and an unknown step
    long_comment = {"body": "x" * 5001}
    assert (
        focal_point_client.post(
            reverse("workspace:comment", kwargs={"pk": pledge.pk}), long_comment
        ).status_code
        == 400
    )
    assert focal_point_client.get(step("nonsense")).status_code == 404
    assert (
        focal_point_client.post(
            reverse("workspace:transition", kwargs={"pk": pledge.pk, "action": "fly"})
        ).status_code
        == 409
    )
    assert focal_point_client.get(step("timeline") + "?rows=abc").status_code == 200


def test_live_quality_check_follows_unsaved_input(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point, complete=False)
    url = reverse("workspace:quality", kwargs={"pk": pledge.pk})
    html = focal_point_client.post(url, {"place": "", "population_groups": []}).content.decode()
    assert "No place" in html and "No population group" in html
    html = focal_point_client.post(
        url, {"place": "Medina", "population_groups": ["1"]}
    ).content.decode()
    assert "No place" not in html and "No population group" not in html
    html = focal_point_client.post(url, {"description": "<p>Short.</p>"}).content.decode()
    assert "very short" in html
    html = focal_point_client.post(
        url,
        {
            "end_date": "not a date",
            "indicators-TOTAL_FORMS": "1",
            "indicators-0-name": "People",
            "indicators-0-unit": "people",
            "indicators-0-target": "5",
        },
    ).content.decode()
    assert "No end date" in html and "No measurable indicator" not in html


def test_a_comment_sent_twice_is_kept_and_mailed_once(
    government, focal_point, reviewer, reviewer_client
):
    """A double click or a form resent on a slow connection does not post the comment twice."""
    import datetime

    from localcompacts.core.models import OutgoingEmail
    from localcompacts.pledges.models import PledgeComment

    from .helpers import submitted

    pledge = submitted(government=government, by=focal_point)
    OutgoingEmail.objects.all().delete()
    url = reverse("workspace:review-comment", kwargs={"pk": pledge.pk})
    for _ in range(2):
        assert reviewer_client.post(url, {"body": "Which district?"}).status_code == 302
    assert list(PledgeComment.objects.values_list("body", flat=True)) == ["Which district?"]
    assert OutgoingEmail.objects.count() == 1
    # The same words later, or other words at once, are new comments.
    PledgeComment.objects.update(created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    reviewer_client.post(url, {"body": "Which district?"})
    reviewer_client.post(url, {"body": "And which year?"})
    assert PledgeComment.objects.count() == 3
