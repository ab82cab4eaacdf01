"""The secretariat's desk: compose, preview, test, schedule, counts; subscriber list and export."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from localcompacts.core.models import AuditEntry
from localcompacts.core.workflow import transitions_of
from localcompacts.newsletter import services
from localcompacts.newsletter.models import Issue, IssueStatus, Subscriber
from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory, UserFactory
from .conftest import subscribe_and_confirm

pytestmark = pytest.mark.django_db


def _compose(admin_client, **extra):
    pledge = PledgeFactory(status=PledgeStatus.PUBLISHED, title="Welcome desk in Dakar")
    data = {
        "subject_en": "Local Compacts at the IMRF",
        "body_en": "<p>Dear <strong>readers</strong>,</p><script>alert(1)</script><ul><li>one</li></ul>",
        "subject_fr": "Local Compacts au FEMI",
        "body_fr": "<p>Chers lecteurs,</p>",
        "subject_es": "",
        "body_es": "",
        "featured_pledges": [pledge.pk],
        **extra,
    }
    response = admin_client.post(reverse("admin:newsletter_issue_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Issue.objects.get(subject_en=data["subject_en"])


def test_compose_preview_test_schedule_send_and_count(
    admin_client, secretariat, smtp_server, run_worker, django_capture_on_commit_callbacks
):
    subscribe_and_confirm("fr@example.org", language="fr", name="=HYPERLINK(1)")
    subscribe_and_confirm("es@example.org", language="es")
    issue = _compose(admin_client)
    assert "<script>" not in issue.body_en and "<strong>readers</strong>" in issue.body_en
    assert AuditEntry.objects.filter(action="newsletter_issue.created", actor=secretariat).exists()

    preview_url = reverse("admin:newsletter_issue_preview", kwargs={"pk": issue.pk})
    page = admin_client.get(preview_url + "?language=fr")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Local Compacts au FEMI" in html and "Chers lecteurs" in html  # text part
    assert "Welcome desk in Dakar" in html
    raw = admin_client.get(
        reverse("admin:newsletter_issue_preview_html", kwargs={"pk": issue.pk, "language": "en"})
    )
    assert raw.status_code == 200 and raw["X-Frame-Options"] == "SAMEORIGIN"
    assert b"<strong>readers</strong>" in raw.content and b"<script" not in raw.content

    # A test to oneself, not counted as a delivery.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(preview_url, {"action": "test", "language": "en"})
    run_worker()
    [test_mail] = smtp_server.to("admin@example.org")
    assert test_mail["Subject"] == "[Test] Local Compacts at the IMRF"
    assert "- one" in smtp_server.text(test_mail)

    # Schedule for now; the dispatcher sends it.
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    admin_client.post(preview_url, {"action": "schedule", "when": when})
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_due_issues()
    run_worker()
    [fr] = smtp_server.to("fr@example.org")  # (confirmations were never sent here)
    assert fr["Subject"] == "Local Compacts au FEMI"
    [es] = smtp_server.to("es@example.org")
    assert es["Subject"] == "Local Compacts at the IMRF"  # no Spanish text: English
    assert es["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    steps = [(t.to_state, t.actor) for t in transitions_of(issue)]
    assert steps == [("scheduled", secretariat), ("sending", None), ("sent", None)]
    assert AuditEntry.objects.filter(action="newsletter_issue.sent").count() == 1

    changelist = admin_client.get(reverse("admin:newsletter_issue_changelist")).content.decode()
    assert '<td class="field-sent">2</td>' in changelist
    # A sent issue can no longer be changed.
    response = admin_client.post(
        reverse("admin:newsletter_issue_change", args=[issue.pk]), {"subject_en": "Changed"}
    )
    issue.refresh_from_db()
    assert issue.subject_en == "Local Compacts at the IMRF" and response.status_code == 403


def test_subscriber_csv_export_is_for_the_secretariat_neutralised_and_logged(
    admin_client, secretariat
):
    subscribe_and_confirm("a@example.org", name="=cmd|' /C calc'!A0")
    subscribe_and_confirm("b@example.org", name="@SUM(1+1)")
    url = reverse("admin:newsletter_subscriber_changelist")
    ids = list(Subscriber.objects.values_list("pk", flat=True))
    response = admin_client.post(url, {"action": "export_csv", "_selected_action": ids})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    names = {row[0]: row[1] for row in rows[1:]}
    assert names == {"a@example.org": "'=cmd|' /C calc'!A0", "b@example.org": "'@SUM(1+1)"}
    entry = AuditEntry.objects.get(action="newsletter.subscribers_exported")
    assert entry.actor == secretariat and entry.data["count"] == 2


def test_subscriber_list_filters(admin_client):
    subscribe_and_confirm("a@example.org", language="fr")
    services.subscribe(email="b@example.org", ip=None, form="footer")
    url = reverse("admin:newsletter_subscriber_changelist")
    html = admin_client.get(url, {"status": "pending"}).content.decode()
    assert "b@example.org" in html and "a@example.org" not in html
    html = admin_client.get(url, {"language": "fr"}).content.decode()
    assert "a@example.org" in html and "b@example.org" not in html


@pytest.mark.parametrize("who", ["anonymous", "reviewer", "staff_member"])
def test_only_the_secretariat_sees_subscribers(who, reviewer_client, anonymous_client):
    subscribe_and_confirm("a@example.org")
    clients = {"anonymous": anonymous_client, "reviewer": reviewer_client}
    if who == "staff_member":
        client = Client()
        client.force_login(UserFactory(email="staff@example.org", is_staff=True))
    else:
        client = clients[who]
    for url in (
        reverse("admin:newsletter_subscriber_changelist"),
        reverse("admin:newsletter_issue_changelist"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"a@example.org" not in response.content
    response = client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Subscriber.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code in (302, 403)
    assert not AuditEntry.objects.filter(action="newsletter.subscribers_exported").exists()


def test_bounce_recorded_from_the_admin(admin_client):
    subscriber = subscribe_and_confirm("gone@example.org")
    admin_client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {"action": "record_hard_bounce", "_selected_action": [subscriber.pk]},
    )
    subscriber.refresh_from_db()
    assert subscriber.status == "bounced" and subscriber.bounced_at is not None


def test_subscriber_list_query_count_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries
):
    for n in range(25):
        subscribe_and_confirm(f"s{n}@example.org")
    with django_assert_max_num_queries(20):
        response = admin_client.get(reverse("admin:newsletter_subscriber_changelist"))
    assert response.status_code == 200


def test_secretariat_corrects_a_subscriber_through_the_service(admin_client, secretariat):
    subscriber = subscribe_and_confirm("a@example.org", name="Amna")
    url = reverse("admin:newsletter_subscriber_change", args=[subscriber.pk])
    response = admin_client.post(
        url, {"name": "Amina", "language": "es", "compacts": "[]", "wants_publications": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    subscriber.refresh_from_db()
    assert subscriber.name == "Amina" and subscriber.language == "es"
    assert subscriber.email == "a@example.org" and subscriber.is_active
    assert AuditEntry.objects.filter(
        action="newsletter.preferences_changed", actor=secretariat
    ).exists()
