import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from localcompacts.core.models import AuditEntry, OutgoingEmail
from localcompacts.core.workflow import transitions_of
from localcompacts.governments.models import Endorsement, EndorsementStatus
from localcompacts.governments.services import (
    EndorsementError,
    endorsement_reject,
    endorsement_verify,
)
from tests.factories import (
    FocalPointUserFactory,
    LocalGovernmentFactory,
    pdf_upload,
    submit_endorsement,
)

ENDORSE = reverse("declaration:endorse")


def _form(government, **overrides):
    data = {
        "government": government.pk,
        "signatory_name": "Soham El Wardini",
        "signatory_title": "Mayor",
        "signed_on": "2019-03-01",
        "letter": pdf_upload("Lettre signée — Dakar.pdf"),
    }
    data.update(overrides)
    return data


def test_focal_point_endorses_through_the_form(focal_point_client, focal_point, government):
    page = focal_point_client.get(ENDORSE)
    assert page.status_code == 200
    assert 'name="letter"' in page.content.decode()
    response = focal_point_client.post(ENDORSE, _form(government))
    endorsement = Endorsement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == endorsement.get_absolute_url()
    assert endorsement.status == EndorsementStatus.PENDING
    assert endorsement.submitted_by == focal_point
    assert endorsement.letter.name.endswith("Lettre_signée_Dakar.pdf")
    entry = AuditEntry.objects.get(action="endorsement.submitted")
    assert entry.actor == focal_point and entry.target_id == str(endorsement.pk)
    # Not public yet.
    assert "Dakar" not in _declaration_table(focal_point_client)


def _declaration_table(client) -> str:
    html = client.get(reverse("declaration:page")).content.decode()
    return html.split("<h2>", 1)[-1]


def test_a_renamed_executable_is_refused_and_what_was_typed_is_kept(focal_point_client, government):
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = focal_point_client.post(
        ENDORSE, _form(government, letter=fake, signatory_name="<b>Mrs Mayor</b>")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "not a real PDF file" in html
    assert 'value="&lt;b&gt;Mrs Mayor&lt;/b&gt;"' in html
    assert not Endorsement.objects.exists()


def test_future_date_and_missing_fields_are_explained(focal_point_client, government):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = focal_point_client.post(
        ENDORSE, _form(government, signed_on=future, signatory_title="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be in the future" in html
    assert "This field is required." in html


def test_focal_point_cannot_endorse_for_another_government(other_focal_point_client, government):
    response = other_focal_point_client.post(ENDORSE, _form(government))
    assert response.status_code == 400
    assert not Endorsement.objects.exists()


def test_double_submission_creates_one_endorsement(focal_point_client, government):
    first = focal_point_client.post(ENDORSE, _form(government))
    second = focal_point_client.post(ENDORSE, _form(government))
    assert first.status_code == 302
    assert second.status_code == 400
    assert "already awaiting verification" in second.content.decode()
    assert Endorsement.objects.count() == 1


def test_secretariat_verifies_and_the_focal_point_is_told(
    admin_client, secretariat, focal_point, government
):
    endorsement = submit_endorsement(government=government, by=focal_point)
    response = admin_client.post(reverse("endorsement_review:verify", args=[endorsement.pk]))
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.VERIFIED
    assert endorsement.verified_by == secretariat
    mail = OutgoingEmail.objects.get(to=focal_point.email)
    assert "verified" in mail.subject
    assert AuditEntry.objects.filter(action="endorsement.verified", actor=secretariat).exists()
    [step] = transitions_of(endorsement)  # the one transition log of every status model
    assert (step.from_state, step.to_state, step.actor) == ("pending", "verified", secretariat)
    with pytest.raises(EndorsementError):
        endorsement_verify(endorsement=endorsement, by=secretariat)


def test_rejection_needs_a_reason_and_reaches_the_focal_point_in_their_language(
    admin_client, secretariat, focal_point, government
):
    focal_point.preferred_language = "fr"
    focal_point.save()
    endorsement = submit_endorsement(government=government, by=focal_point)
    url = reverse("endorsement_review:reject", args=[endorsement.pk])
    admin_client.post(url, {"reason": "  "})
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.PENDING
    admin_client.post(url, {"reason": "The letter is not signed."})
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.REJECTED
    assert endorsement.rejection_reason == "The letter is not signed."
    mail = OutgoingEmail.objects.get(to=focal_point.email)
    assert mail.language == "fr"
    assert "The letter is not signed." in mail.body_text
    assert "Bonjour" in mail.body_text
    # After a rejection the focal point may send a new endorsement.
    again = submit_endorsement(government=government, by=focal_point)
    assert again.status == EndorsementStatus.PENDING
    with pytest.raises(EndorsementError):
        endorsement_reject(endorsement=endorsement, by=secretariat, reason="again")


def test_public_page_lists_verified_endorsements_with_counts_by_region(
    anonymous_client, secretariat, django_assert_max_num_queries
):
    from localcompacts.compacts.models import Country

    colombia = Country.objects.get(iso3="COL")
    for index in range(6):
        government = LocalGovernmentFactory(name=f"Ciudad {index}", country=colombia)
        person = FocalPointUserFactory(government=government)
        endorsement = submit_endorsement(government=government, by=person)
        if index < 4:
            endorsement_verify(endorsement=endorsement, by=secretariat)
    senegal = LocalGovernmentFactory(name="Ziguinchor")
    endorsement_verify(
        endorsement=submit_endorsement(
            government=senegal, by=FocalPointUserFactory(government=senegal)
        ),
        by=secretariat,
    )
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(reverse("declaration:page"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in html
    assert "5</span> local and regional governments have endorsed" in html
    assert '<th scope="row">Americas</th><td>4</td>' in html
    assert '<th scope="row">Africa</th><td>1</td>' in html
    assert "Ziguinchor" in html and "Ciudad 3" in html
    assert "Ciudad 5" not in html  # still pending
    # The nav links to the page.
    assert f'href="{reverse("declaration:page")}"' in html


def test_letter_is_served_as_a_download_with_a_safe_type(
    focal_point_client, focal_point, government
):
    endorsement = submit_endorsement(government=government, by=focal_point)
    response = focal_point_client.get(reverse("declaration:letter", args=[endorsement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_reviewer_sees_pending_endorsements_read_only(reviewer_client, focal_point, government):
    endorsement = submit_endorsement(government=government, by=focal_point)
    queue = reviewer_client.get(reverse("endorsement_review:queue"))
    assert queue.status_code == 200
    assert "Dakar" in queue.content.decode()
    detail = reviewer_client.get(endorsement.get_absolute_url()).content.decode()
    assert "Verify and publish" not in detail
    assert "Only the secretariat verifies endorsements." in detail


def test_admin_actions_verify_and_reject_with_a_reason(
    admin_client, secretariat, focal_point, government, other_government, other_focal_point
):
    first = submit_endorsement(government=government, by=focal_point)
    second = submit_endorsement(government=other_government, by=other_focal_point)
    url = reverse("admin:governments_endorsement_changelist")
    admin_client.post(url, {"action": "verify", "_selected_action": [first.pk]})
    asked = admin_client.post(url, {"action": "reject", "_selected_action": [second.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    admin_client.post(
        url,
        {"action": "reject", "_selected_action": [second.pk], "apply": "1", "reason": "Unsigned"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EndorsementStatus.VERIFIED
    assert second.status == EndorsementStatus.REJECTED
    assert second.rejection_reason == "Unsigned"


def test_visible_to_agrees_with_the_predicate(
    role_clients,
    focal_point,
    other_focal_point,
    reviewer,
    secretariat,
    government,
    other_government,
):
    from django.contrib.auth.models import AnonymousUser

    from localcompacts.governments.permissions import can_view_endorsement

    mine = submit_endorsement(government=government, by=focal_point)
    theirs = submit_endorsement(government=other_government, by=other_focal_point)
    theirs = endorsement_verify(endorsement=theirs, by=secretariat)
    everyone = [AnonymousUser(), focal_point, other_focal_point, reviewer, secretariat]
    for user in everyone:
        visible = set(Endorsement.objects.visible_to(user))
        assert visible == {e for e in (mine, theirs) if can_view_endorsement(user, e)}, user


def test_government_page_offers_its_focal_point_to_endorse(
    focal_point_client, other_focal_point_client, government
):
    url = government.get_absolute_url()
    assert f"{ENDORSE}?government=dakar" in focal_point_client.get(url).content.decode()
    assert ENDORSE not in other_focal_point_client.get(url).content.decode()
    form = focal_point_client.get(f"{ENDORSE}?government=dakar").content.decode()
    assert f'<option value="{government.pk}" selected>' in form


def test_focal_point_withdraws_a_pending_endorsement(
    focal_point_client, focal_point, government, secretariat, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    endorsement = submit_endorsement(government=government, by=focal_point)
    name = endorsement.letter.name
    assert default_storage.exists(name)
    page = focal_point_client.get(endorsement.get_absolute_url()).content.decode()
    assert "Withdraw this endorsement" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = focal_point_client.post(reverse("declaration:withdraw", args=[endorsement.pk]))
    assert response.status_code == 302
    assert not Endorsement.objects.exists()
    assert not default_storage.exists(name)
    entry = AuditEntry.objects.get(action="endorsement.withdrawn")
    assert entry.actor == focal_point and entry.target_id == str(endorsement.pk)
    # A verified endorsement cannot be withdrawn.
    verified = endorsement_verify(
        endorsement=submit_endorsement(government=government, by=focal_point), by=secretariat
    )
    assert "Withdraw" not in focal_point_client.get(verified.get_absolute_url()).content.decode()
    focal_point_client.post(reverse("declaration:withdraw", args=[verified.pk]))
    assert Endorsement.objects.filter(pk=verified.pk).exists()


def test_review_queue_and_account_page_run_a_bounded_number_of_queries(
    reviewer_client, focal_point_client, focal_point, government, django_assert_max_num_queries
):
    for index in range(6):
        other = LocalGovernmentFactory(name=f"Queue city {index}")
        submit_endorsement(government=other, by=FocalPointUserFactory(government=other))
    submit_endorsement(government=government, by=focal_point)
    with django_assert_max_num_queries(10):
        response = reviewer_client.get(reverse("endorsement_review:queue"))
    assert response.content.decode().count("Queue city") == 6
    with django_assert_max_num_queries(10):
        assert focal_point_client.get(reverse("accounts:account")).status_code == 200
