import re

import pytest
from django.test import Client
from django.urls import reverse

from localcompacts.accounts.models import FocalPointRequest, FocalPointRequestStatus, Role, User
from localcompacts.accounts.services import (
    AccountError,
    focal_point_request_approve,
    focal_point_request_decline,
    focal_point_request_submit,
)
from localcompacts.compacts.models import Country
from localcompacts.core.models import AuditEntry, OutgoingEmail
from localcompacts.core.workflow import transitions_of
from localcompacts.governments.models import FocalPoint, LocalGovernment
from tests.factories import ReviewerFactory

from ..urls import url_in

APPLY = reverse("accounts:apply")


def _new_government_form(**overrides):
    data = {
        "full_name": "Awa Ndiaye",
        "position": "Head of the integration office",
        "email": "awa@example.org",
        "government": "",
        "proposed_name": "Thiès",
        "proposed_country": "SEN",
        "proposed_latitude": "14.79",
        "proposed_longitude": "-16.93",
    }
    data.update(overrides)
    return data


def test_apply_for_an_existing_government(anonymous_client, government):
    page = anonymous_client.get(APPLY)
    assert page.status_code == 200
    assert '<option value="SEN">' in page.content.decode()
    response = anonymous_client.post(
        APPLY,
        {
            "full_name": "Moussa Diop",
            "position": "Deputy mayor",
            "email": "moussa@example.org",
            "government": government.pk,
        },
    )
    assert response.status_code == 302
    request = FocalPointRequest.objects.get()
    assert request.government == government and request.status == FocalPointRequestStatus.PENDING
    assert OutgoingEmail.objects.filter(to="moussa@example.org").count() == 1
    assert AuditEntry.objects.filter(action="focal_point_request.submitted").exists()


def test_apply_in_french_records_the_language(db):
    client = Client(headers={"accept-language": "fr"})
    assert client.post(url_in("fr", "accounts:apply"), _new_government_form()).status_code == 302
    assert FocalPointRequest.objects.get().language == "fr"


def test_invalid_application_explains_each_field_and_keeps_what_was_typed(anonymous_client, db):
    response = anonymous_client.post(
        APPLY,
        _new_government_form(
            proposed_country="", proposed_latitude="123", full_name="<script>x</script>"
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Needed when your government is not in the list." in html or "required" in html
    assert "less than or equal to 90" in html
    assert 'value="&lt;script&gt;x&lt;/script&gt;"' in html
    assert "<script>x" not in html
    assert not FocalPointRequest.objects.exists()


def test_choosing_a_government_and_proposing_one_is_refused(anonymous_client, government):
    response = anonymous_client.post(APPLY, _new_government_form(government=government.pk))
    assert response.status_code == 400
    assert not FocalPointRequest.objects.exists()


def test_double_submission_is_one_request(anonymous_client, db):
    anonymous_client.post(APPLY, _new_government_form())
    anonymous_client.post(APPLY, _new_government_form())
    assert FocalPointRequest.objects.count() == 1


def _proposed(email="awa@example.org", language="en"):
    return focal_point_request_submit(
        full_name="Awa Ndiaye",
        position="Officer",
        email=email,
        language=language,
        proposed_name="Thiès",
        proposed_country=Country.objects.get(iso3="SEN"),
        proposed_latitude=14.79,
        proposed_longitude=-16.93,
    )


def test_approval_creates_government_account_and_link(admin_client, secretariat):
    request = _proposed()
    response = admin_client.post(reverse("secretariat:request_approve", args=[request.pk]))
    assert response.status_code == 302
    user = User.objects.get(email="awa@example.org")
    assert user.role == Role.FOCAL_POINT and not user.has_usable_password()
    government = LocalGovernment.objects.get(name="Thiès")
    assert government.country.iso3 == "SEN" and str(government.latitude) == "14.79000"
    assert FocalPoint.objects.filter(user=user, government=government).exists()
    request.refresh_from_db()
    assert request.status == FocalPointRequestStatus.APPROVED and request.decided_by == secretariat
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "user.created",
        "government.created",
        "focal_point.added",
        "focal_point_request.approved",
    } <= actions
    mail = OutgoingEmail.objects.get(key=f"focal-point-request-approved:{request.pk}")
    assert reverse("accounts:password_reset") in mail.body_text
    with pytest.raises(AccountError):
        focal_point_request_approve(request=request, by=secretariat)


def test_approval_of_an_existing_member_keeps_their_password(secretariat, government):
    from tests.factories import UserFactory

    member = UserFactory(email="member@example.org")
    request = focal_point_request_submit(
        full_name="M", position="P", email="member@example.org", government=government
    )
    focal_point_request_approve(request=request, by=secretariat)
    member.refresh_from_db()
    assert member.role == Role.FOCAL_POINT and member.has_usable_password()
    mail = OutgoingEmail.objects.get(key=f"focal-point-request-approved:{request.pk}")
    assert reverse("accounts:login") in mail.body_text


def test_reviewers_cannot_be_turned_into_focal_points(secretariat, government):
    ReviewerFactory(email="rev@example.org")
    request = focal_point_request_submit(
        full_name="R", position="P", email="rev@example.org", government=government
    )
    with pytest.raises(AccountError):
        focal_point_request_approve(request=request, by=secretariat)


def test_decline_needs_a_reason_and_tells_the_applicant(admin_client, secretariat):
    request = _proposed(language="es")
    url = reverse("secretariat:request_decline", args=[request.pk])
    response = admin_client.post(url, {"reason": ""})
    assert response.status_code == 400
    admin_client.post(url, {"reason": "We could not confirm your position."})
    request.refresh_from_db()
    assert request.status == FocalPointRequestStatus.DECLINED
    mail = OutgoingEmail.objects.get(key=f"focal-point-request-declined:{request.pk}")
    assert mail.language == "es" and "We could not confirm your position." in mail.body_text
    assert not User.objects.filter(email="awa@example.org").exists()
    [step] = transitions_of(request)
    assert (step.to_state, step.comment) == ("declined", "We could not confirm your position.")
    with pytest.raises(AccountError):
        focal_point_request_decline(request=request, by=secretariat, reason="again")


def test_workspace_lists_pending_requests(admin_client, django_assert_max_num_queries):
    for index in range(5):
        _proposed(email=f"p{index}@example.org")
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("secretariat:requests"))
    assert response.content.decode().count("Thiès") == 5


def test_admin_actions_approve_and_decline(admin_client, secretariat):
    first = _proposed(email="one@example.org")
    second = _proposed(email="two@example.org")
    url = reverse("admin:accounts_focalpointrequest_changelist")
    admin_client.post(url, {"action": "approve", "_selected_action": [first.pk]})
    admin_client.post(
        url, {"action": "decline", "_selected_action": [second.pk], "apply": "1", "reason": "No"}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == FocalPointRequestStatus.APPROVED
    assert second.status == FocalPointRequestStatus.DECLINED and second.decline_reason == "No"


# A real transaction: the worker's close_old_connections() drops a PostgreSQL connection that is
# inside a test's wrapping transaction; serialized_rollback restores the reference data afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_approved_applicant_gets_the_email_over_smtp_and_sets_a_password(
    secretariat,
    smtp_server,
    task_worker,
    django_capture_on_commit_callbacks,
):
    """End to end: apply in French, approval, real SMTP, follow the link, choose a password, log in."""
    applicant = Client(headers={"accept-language": "fr"})
    assert applicant.post(url_in("fr", "accounts:apply"), _new_government_form()).status_code == 302
    request = FocalPointRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        focal_point_request_approve(request=request, by=secretariat)
    task_worker()
    received = smtp_server.to("awa@example.org")
    approved = [m for m in received if "Thiès" in m["Subject"] and "point focal" in m["Subject"]]
    assert len(approved) == 1, [m["Subject"] for m in received]
    text = smtp_server.text(approved[0])
    assert "Bonjour Awa" in text
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", text).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    browser = Client()
    page = browser.get(path, follow=True)
    assert page.status_code == 200
    assert 'name="new_password1"' in page.content.decode()
    done = browser.post(
        page.redirect_chain[-1][0],
        {"new_password1": "thies-welcomes-everyone", "new_password2": "thies-welcomes-everyone"},
        follow=True,
    )
    assert done.status_code == 200
    login = Client()
    response = login.post(
        reverse("accounts:login"),
        {"username": "awa@example.org", "password": "thies-welcomes-everyone"},
    )
    assert response.status_code == 302
    account = login.get(reverse("accounts:account")).content.decode()
    assert "Thiès" in account


def test_a_signed_in_person_finds_their_name_and_address_filled_in(focal_point_client, focal_point):
    html = focal_point_client.get(APPLY).content.decode()
    assert f'value="{focal_point.email}"' in html
