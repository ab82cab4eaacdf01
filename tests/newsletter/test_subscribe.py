import time

import pytest
from django.urls import reverse

from localcompacts.core.models import AuditEntry, OutgoingEmail
from localcompacts.newsletter.models import CONSENT_TEXT_VERSION, Subscriber, SubscriberStatus
from localcompacts.newsletter.tokens import form_timestamp

from ..urls import url_in
from .conftest import form_data

pytestmark = pytest.mark.django_db
URL = reverse("newsletter:subscribe")


def test_footer_of_every_page_has_the_subscribe_form(anonymous_client):
    html = anonymous_client.get(reverse("explore:home")).content.decode()
    assert f'action="{URL}"' in html
    assert 'id="footer-newsletter-email"' in html
    assert 'name="website"' in html  # honeypot
    assert "<script>" not in html.split("<footer", 1)[1]


def test_page_form_offers_interests_and_shows_the_consent_text(anonymous_client):
    response = anonymous_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("GCM-1", "GCR-4", "Publications and reports", "Regions"):
        assert label in html
    assert "proof of your consent" in html


def test_subscription_is_pending_with_the_proof_of_consent(anonymous_client):
    response = anonymous_client.post(
        URL,
        form_data(compacts=["GCR"], source="footer", email="Fatou@Example.org"),
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302 and response.url == reverse("newsletter:thanks")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "fatou@example.org"
    assert subscriber.status == SubscriberStatus.PENDING and not subscriber.is_active
    assert subscriber.compacts == ["GCR"] and subscriber.language == "fr"
    assert subscriber.consent_ip == "203.0.113.7"
    assert subscriber.consent_form == "footer"
    assert subscriber.consent_text_version == CONSENT_TEXT_VERSION
    assert subscriber.consent_at is not None and subscriber.confirmed_at is None
    mail = OutgoingEmail.objects.get(to="fatou@example.org")
    assert mail.language == "fr" and "Confirmez" in mail.subject
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The audit log names the subscriber by number only.
    entry = AuditEntry.objects.get(action="newsletter.subscription_requested")
    assert "fatou" not in entry.target_label.lower()


@pytest.mark.parametrize("state", ["pending", "active", "unsubscribed", "bounced"])
def test_a_known_address_gets_the_same_answer_as_a_new_one(anonymous_client, state):
    new = anonymous_client.post(URL, form_data(email="new@example.org"))
    anonymous_client.post(URL, form_data(email="known@example.org"))
    Subscriber.objects.filter(email="known@example.org").update(status=state)
    known = anonymous_client.post(URL, form_data(email="known@example.org"))
    # Same status, same redirect, same (empty) body; the thanks page names no address.
    assert (known.status_code, known.url, known.content) == (new.status_code, new.url, new.content)
    assert "known@" not in anonymous_client.get(known.url).content.decode()
    assert Subscriber.objects.filter(email="known@example.org").count() == 1


def test_an_active_subscriber_is_not_changed_by_someone_else_s_request(anonymous_client):
    anonymous_client.post(URL, form_data(language="fr"))
    Subscriber.objects.update(status=SubscriberStatus.ACTIVE)
    anonymous_client.post(URL, form_data(language="es", name="Someone else"))
    subscriber = Subscriber.objects.get()
    assert subscriber.is_active and subscriber.language == "fr" and subscriber.name == "Fatou Diop"
    # They are told by mail instead, once a day.
    anonymous_client.post(URL, form_data())
    assert OutgoingEmail.objects.filter(key__startswith="newsletter-already").count() == 1


def test_honeypot_filled_looks_like_success_but_stores_nothing(anonymous_client):
    response = anonymous_client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302 and response.url == reverse("newsletter:thanks")
    assert not Subscriber.objects.exists() and not OutgoingEmail.objects.exists()


@pytest.mark.parametrize(
    "shown",
    [
        lambda: form_timestamp(time.time()),  # sent at once: a bot
        lambda: form_timestamp(time.time() - 2 * 24 * 3600),  # stale
        lambda: "1700000000.0:forged",  # tampered
        lambda: "",
    ],
)
def test_time_check_refuses_and_keeps_what_was_typed(anonymous_client, shown):
    response = anonymous_client.post(URL, form_data(shown=shown()))
    assert response.status_code == 400
    html = response.content.decode()
    assert "too quickly or has expired" in html
    assert 'value="fatou@example.org"' in html
    assert not Subscriber.objects.exists()


def test_rate_limit_per_ip_address(anonymous_client, settings):
    settings.NEWSLETTER_SUBSCRIBE_RATE_PER_HOUR = 3
    for n in range(3):
        assert anonymous_client.post(URL, form_data(email=f"p{n}@example.org")).status_code == 302
    blocked = anonymous_client.post(URL, form_data(email="p9@example.org"))
    assert blocked.status_code == 429
    assert not Subscriber.objects.filter(email="p9@example.org").exists()
    # Another address is not blocked.
    other = anonymous_client.post(
        URL, form_data(email="p8@example.org"), REMOTE_ADDR="198.51.100.1"
    )
    assert other.status_code == 302


def test_invalid_input_is_shown_next_to_the_field(anonymous_client):
    response = anonymous_client.post(URL, form_data(email="not-an-address", language="de"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert 'aria-invalid="true"' in html
    assert not Subscriber.objects.exists()


def test_pages_are_translated(anonymous_client):
    html = anonymous_client.get(url_in("es", "newsletter:subscribe")).content.decode()
    assert "Suscribirse" in html
    html = anonymous_client.get(url_in("fr", "newsletter:subscribe")).content.decode()
    assert "S’abonner" in html or "S'abonner" in html
