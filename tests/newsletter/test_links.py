"""Signed links: confirmation (expiring), preferences, one-click unsubscribe, export, erasure."""

import json
import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import translation

from localcompacts.compacts.models import Objective
from localcompacts.core.models import AuditEntry, OutgoingEmail
from localcompacts.newsletter import services
from localcompacts.newsletter.models import Subscriber, SubscriberStatus
from localcompacts.newsletter.tokens import confirm_token, manage_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    services.subscribe(
        email="amina@example.org",
        name="Amina",
        language="es",
        compacts=["GCM"],
        objectives=list(Objective.objects.filter(code="GCM-16")),
        ip="192.0.2.10",
        form="page",
    )
    return Subscriber.objects.get(email="amina@example.org")


@pytest.fixture
def active(pending):
    services.confirm(subscriber=pending, ip="192.0.2.11")
    pending.refresh_from_db()
    return pending


def test_confirmation_needs_a_click_not_just_an_open(anonymous_client, pending):
    url = reverse("newsletter:confirm", kwargs={"token": confirm_token(pending)})
    assert anonymous_client.get(url).status_code == 200  # a mail scanner opening the link
    pending.refresh_from_db()
    assert pending.status == SubscriberStatus.PENDING
    response = anonymous_client.post(url, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.is_active
    assert pending.confirmed_ip == "192.0.2.99" and pending.confirmed_at is not None
    # Following it again changes nothing.
    confirmed_at = pending.confirmed_at
    assert anonymous_client.post(url).status_code == 200
    pending.refresh_from_db()
    assert pending.confirmed_at == confirmed_at


def test_expired_confirmation_link_is_refused(anonymous_client, pending, monkeypatch):
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    token = confirm_token(pending)
    monkeypatch.undo()
    url = reverse("newsletter:confirm", kwargs={"token": token})
    for response in (anonymous_client.get(url), anonymous_client.post(url)):
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    pending.refresh_from_db()
    assert pending.status == SubscriberStatus.PENDING


@pytest.mark.parametrize("name", ["confirm", "unsubscribe", "preferences", "erase", "export"])
def test_tampered_links_are_refused(anonymous_client, active, name):
    good = confirm_token(active) if name == "confirm" else manage_token(active)
    other = Subscriber.objects.create(
        email="x@example.org", consent_at=active.consent_at, consent_form="page"
    )
    forged_payload = signing.dumps({"s": other.pk, "t": other.token}, salt="wrong-salt")
    for token in (good[:-2] + "xx", "abc", forged_payload, good.replace(":", ":a", 1)):
        url = reverse(f"newsletter:{name}", kwargs={"token": token})
        response = anonymous_client.get(url) if name == "export" else anonymous_client.post(url)
        assert response.status_code == 400, token
    active.refresh_from_db()
    assert active.is_active
    # A confirmation link is not an unsubscribe link (different salt), and vice versa.
    url = reverse("newsletter:unsubscribe", kwargs={"token": confirm_token(active)})
    assert anonymous_client.post(url).status_code == 400


def test_confirming_a_closed_subscription_is_refused(anonymous_client, active):
    services.unsubscribe(subscriber=active)
    url = reverse("newsletter:confirm", kwargs={"token": confirm_token(active)})
    assert anonymous_client.post(url).status_code == 400
    active.refresh_from_db()
    assert active.status == SubscriberStatus.UNSUBSCRIBED


def test_one_click_unsubscribe_is_csrf_exempt_and_idempotent(active):
    client = Client(enforce_csrf_checks=True)
    url = reverse("newsletter:unsubscribe", kwargs={"token": manage_token(active)})
    for _ in range(2):
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
    active.refresh_from_db()
    assert active.status == SubscriberStatus.UNSUBSCRIBED and active.unsubscribed_at
    assert AuditEntry.objects.filter(action="newsletter.unsubscribed").count() == 1
    # Other forms of the newsletter keep their CSRF protection.
    prefs = reverse("newsletter:preferences", kwargs={"token": manage_token(active)})
    assert client.post(prefs, {"language": "fr"}).status_code == 403


def test_preferences_change_language_and_interests(anonymous_client, active):
    url = reverse("newsletter:preferences", kwargs={"token": manage_token(active)})
    page = anonymous_client.get(url)
    assert page.status_code == 200
    assert re.search(r'name="compacts" value="GCM"[^>]*checked', page.content.decode())
    gcr2 = Objective.objects.get(code="GCR-2")
    response = anonymous_client.post(
        url,
        {"language": "fr", "compacts": ["GCR"], "objectives": [gcr2.pk], "wants_forum_news": "on"},
    )
    assert response.status_code == 200
    active.refresh_from_db()
    assert active.language == "fr" and active.compacts == ["GCR"]
    assert [o.code for o in active.objectives.all()] == ["GCR-2"]
    assert active.wants_forum_news and not active.wants_publications
    bad = anonymous_client.post(url, {"language": "xx"})
    assert bad.status_code == 400


def test_export_gives_the_subscriber_their_data_as_json(anonymous_client, active):
    url = reverse("newsletter:export", kwargs={"token": manage_token(active)})
    response = anonymous_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "amina@example.org" and data["name"] == "Amina"
    assert data["interests"]["objectives"] == ["GCM-16"]
    assert data["consent"]["ip_address"] == "192.0.2.10"
    assert data["consent"]["confirmation_ip_address"] == "192.0.2.11"
    assert data["consent"]["form"] == "page"


def test_erase_removes_the_personal_data(anonymous_client, active):
    token = manage_token(active)
    url = reverse("newsletter:erase", kwargs={"token": token})
    assert anonymous_client.get(url).status_code == 200
    refused = anonymous_client.post(url)  # box not ticked
    assert refused.status_code == 400 and Subscriber.objects.filter(pk=active.pk).exists()
    assert OutgoingEmail.objects.filter(to="amina@example.org").exists()
    assert anonymous_client.post(url, {"confirm": "yes"}).status_code == 200
    assert not Subscriber.objects.filter(email="amina@example.org").exists()
    assert not OutgoingEmail.objects.filter(to="amina@example.org").exists()
    # Nothing in the audit log names the person.
    for entry in AuditEntry.objects.all():
        assert "amina" not in f"{entry.target_label} {entry.data}".lower()
    assert AuditEntry.objects.filter(action="newsletter.subscriber_erased").exists()
    # Old links are dead.
    prefs = reverse("newsletter:preferences", kwargs={"token": token})
    assert anonymous_client.get(prefs).status_code == 400


def test_unconfirmed_subscriptions_are_purged_after_30_days(pending, active):
    import datetime

    from django.utils import timezone

    Subscriber.objects.filter(email="amina@example.org").update(status="pending")
    old = services.subscribe  # a second, fresh pending subscription stays
    old(email="fresh@example.org", ip=None, form="footer")
    Subscriber.objects.filter(email="amina@example.org").update(
        consent_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert services.purge_unconfirmed() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["fresh@example.org"]


def test_confirming_leads_to_preferences_and_mails_a_welcome(anonymous_client, pending):
    url = reverse("newsletter:confirm", kwargs={"token": confirm_token(pending)})
    html = anonymous_client.post(url).content.decode()
    preferences = reverse("newsletter:preferences", kwargs={"token": manage_token(pending)})
    assert preferences in html
    welcome = OutgoingEmail.objects.get(key__startswith="newsletter-welcome:")
    assert welcome.to == "amina@example.org"
    with translation.override(pending.language):  # the e-mail links to her language's pages
        preferences_in_her_language = reverse(
            "newsletter:preferences", kwargs={"token": manage_token(pending)}
        )
    assert preferences_in_her_language in welcome.body_text
    assert "unsubscribe" in welcome.body_text
    anonymous_client.post(url)  # confirming again sends no second welcome
    assert OutgoingEmail.objects.filter(key__startswith="newsletter-welcome:").count() == 1


def test_unsubscribe_asks_before_and_says_after(anonymous_client, active):
    url = reverse("newsletter:unsubscribe", kwargs={"token": manage_token(active)})
    before = anonymous_client.get(url).content.decode()
    assert "Unsubscribe amina@example.org?" in before
    assert "You will receive no more e-mail" not in before
    after = anonymous_client.post(url).content.decode()
    assert "You will receive no more e-mail" in after
