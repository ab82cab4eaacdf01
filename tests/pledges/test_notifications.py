"""Review e-mail goes through the outbox and the real worker to a real SMTP server."""

import pytest
from django.urls import reverse
from django.utils import translation

from localcompacts.core.models import OutgoingEmail
from localcompacts.pledges import services

from ..factories import ReviewerFactory
from .helpers import draft, submitted


@pytest.fixture
def reference_data(transactional_db):
    """Taxonomies and partners as migrations load them (an earlier transactional test may have
    flushed them; loading is idempotent)."""
    import importlib

    from django.apps import apps

    from localcompacts.compacts.loading import load_taxonomies

    load_taxonomies(apps)
    importlib.import_module(
        "localcompacts.accounts.migrations.0002_load_partner_organisations"
    ).load(apps, None)


# The worker closes the database connection between tasks (close_old_connections), which ends the
# surrounding test transaction on PostgreSQL; so this test commits for real (transactional).
@pytest.mark.django_db(transaction=True)
def test_changes_requested_reaches_the_focal_point_in_their_language(
    reference_data,
    government,
    focal_point,
    reviewer,
    smtp_server,
    task_worker,
    django_capture_on_commit_callbacks,
):
    focal_point.preferred_language = "fr"
    focal_point.save()
    pledge = submitted(government=government, by=focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        services.pledge_transition(
            pledge=pledge, action="request_changes", by=reviewer, comment="Add a target date."
        )
    task_worker()
    [message] = smtp_server.to("focal@example.org")[-1:]
    assert "Modifications demandées" in message["Subject"]
    body = smtp_server.text(message)
    assert "Add a target date." in body
    with translation.override("fr"):  # the link opens the page in the recipient's language
        assert reverse("workspace:pledge", kwargs={"pk": pledge.pk}) in body


def test_each_event_mails_the_right_people(government, focal_point, reviewer):
    ReviewerFactory(email="second-reviewer@example.org")
    pledge = draft(government=government, by=focal_point)
    services.pledge_transition(pledge=pledge, action="submit", by=focal_point)
    sent = set(OutgoingEmail.objects.values_list("to", "subject"))
    assert ("focal@example.org", f"We received your pledge “{pledge.title}”") in sent
    assert ("reviewer@example.org", f"Pledge awaiting review: “{pledge.title}”") in sent
    assert ("second-reviewer@example.org", f"Pledge awaiting review: “{pledge.title}”") in sent

    OutgoingEmail.objects.all().delete()
    services.comment_add(pledge=pledge, by=reviewer, body="Which district?")
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["focal@example.org"]
    OutgoingEmail.objects.all().delete()
    services.comment_add(pledge=pledge, by=focal_point, body="Medina.")
    assert set(OutgoingEmail.objects.values_list("to", flat=True)) == {
        "reviewer@example.org",
        "second-reviewer@example.org",
    }
    OutgoingEmail.objects.all().delete()
    services.pledge_transition(pledge=pledge, action="publish", by=reviewer)
    assert list(OutgoingEmail.objects.values_list("to", "subject")) == [
        ("focal@example.org", f"Published: “{pledge.title}”")
    ]
    OutgoingEmail.objects.all().delete()
    other = submitted(government=government, by=focal_point, title="Second")
    OutgoingEmail.objects.all().delete()
    services.pledge_transition(pledge=other, action="decline", by=reviewer, comment="Duplicate.")
    [mail] = OutgoingEmail.objects.all()
    assert mail.to == "focal@example.org" and "Duplicate." in mail.body_text
