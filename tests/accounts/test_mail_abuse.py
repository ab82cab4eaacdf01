"""Forms that e-mail an address nobody has confirmed: rate limits per IP address and per target
address (counted in the shared cache, `core.ratelimit`), no typed text in those mails, and no
flood of pending requests in the secretariat's queue."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from localcompacts.accounts.models import FocalPointRequest
from localcompacts.core.models import OutgoingEmail
from tests.factories import FocalPointUserFactory
from tests.newsletter.conftest import form_data as newsletter_form

pytestmark = pytest.mark.django_db

APPLY = reverse("accounts:apply")
SPAM = "FREE PRIZE 0 — call +1 555 0100"


@pytest.fixture(autouse=True)
def _empty_counters(settings):
    settings.MAIL_FORM_RATE_PER_IP_PER_HOUR = 5
    settings.MAIL_RATE_PER_ADDRESS_PER_HOUR = 3
    caches["shared"].clear()


def application(n: int, email: str = "victim@example.org") -> dict:
    return {
        "full_name": f"{SPAM} {n}",
        "position": SPAM,
        "email": email,
        "government": "",
        "proposed_name": f"{SPAM} {n}",
        "proposed_country": "SEN",
        "proposed_latitude": "14.79",
        "proposed_longitude": "-16.93",
    }


def test_twelve_applications_from_one_address_in_a_minute_queue_at_most_the_allowed_mails(
    anonymous_client,
):
    answers = [anonymous_client.post(APPLY, application(n)).status_code for n in range(12)]
    assert answers[:3] == [302, 302, 302]
    assert set(answers[3:]) == {429}
    assert OutgoingEmail.objects.filter(to="victim@example.org").count() == 3
    assert FocalPointRequest.objects.count() == 3
    refused = anonymous_client.post(APPLY, application(99))
    assert "Too many requests" in refused.content.decode()
    assert f"{SPAM} 99" in refused.content.decode()  # what was typed is kept


def test_one_ip_address_cannot_mail_many_addresses(anonymous_client):
    for n in range(12):
        anonymous_client.post(APPLY, application(n, email=f"person{n}@example.org"))
    assert OutgoingEmail.objects.count() == 5
    assert FocalPointRequest.objects.count() == 5


def test_many_ip_addresses_cannot_flood_one_mailbox(anonymous_client):
    for n in range(12):
        anonymous_client.post(APPLY, application(n), REMOTE_ADDR=f"198.51.100.{n}")
    assert OutgoingEmail.objects.filter(to="victim@example.org").count() == 3


def test_pending_requests_per_address_are_capped_beyond_the_hourly_limit(anonymous_client):
    """The queue stays bounded after the hourly counters are reset (the next hour)."""
    for n in range(3):
        anonymous_client.post(APPLY, application(n))
    caches["shared"].clear()
    refused = anonymous_client.post(APPLY, application(3))
    assert refused.status_code == 400
    assert "already waiting for the secretariat" in refused.content.decode()
    assert FocalPointRequest.objects.count() == 3


def test_the_confirmation_of_an_application_repeats_nothing_that_was_typed(anonymous_client):
    anonymous_client.post(APPLY, application(1))
    mail = OutgoingEmail.objects.get()
    assert "FREE PRIZE" not in mail.subject and "FREE PRIZE" not in mail.body_text
    assert "555" not in mail.body_text
    assert "not yet on Local Compacts" in mail.body_text


def test_an_application_for_a_listed_government_names_it(anonymous_client, government):
    data = {**application(1), "government": government.pk, "proposed_name": ""}
    for name in ("proposed_country", "proposed_latitude", "proposed_longitude"):
        data.pop(name)
    assert anonymous_client.post(APPLY, data).status_code == 302
    mail = OutgoingEmail.objects.get()
    assert government.name in mail.body_text and "FREE PRIZE" not in mail.body_text + mail.subject


def test_newsletter_confirmation_is_limited_per_address_and_repeats_no_name(anonymous_client):
    url = reverse("newsletter:subscribe")
    answers = [
        anonymous_client.post(
            url,
            newsletter_form(email="victim@example.org", name=SPAM),
            REMOTE_ADDR=f"203.0.113.{n}",
        ).status_code
        for n in range(6)
    ]
    assert answers == [302, 302, 302, 429, 429, 429]
    mails = OutgoingEmail.objects.filter(to="victim@example.org")
    assert mails.count() == 1  # one confirmation per address and hour (the outbox key)
    assert "FREE PRIZE" not in mails.get().body_text and "FREE PRIZE" not in mails.get().subject


def test_password_reset_is_limited_per_address_whether_or_not_it_has_an_account(
    anonymous_client,
):
    FocalPointUserFactory(email="awa@example.org")
    url = reverse("accounts:password_reset")
    for address in ("awa@example.org", "nobody@example.org"):
        answers = [
            anonymous_client.post(url, {"email": address}, REMOTE_ADDR=f"192.0.2.{n}").status_code
            for n in range(5)
        ]
        assert answers == [302, 302, 302, 429, 429]
    assert OutgoingEmail.objects.filter(to="awa@example.org").count() <= 3


def test_the_limits_are_shared_across_the_forms_for_one_address(anonymous_client):
    """An attacker cannot add the forms' limits up against one mailbox."""
    anonymous_client.post(APPLY, application(1))
    anonymous_client.post(reverse("accounts:password_reset"), {"email": "victim@example.org"})
    anonymous_client.post(
        reverse("newsletter:subscribe"), newsletter_form(email="victim@example.org")
    )
    blocked = anonymous_client.post(APPLY, application(2), REMOTE_ADDR="198.51.100.9")
    assert blocked.status_code == 429
