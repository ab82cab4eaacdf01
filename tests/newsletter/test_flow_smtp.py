"""The whole journey through the real worker and a real SMTP server."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from localcompacts.newsletter import services
from localcompacts.newsletter.models import Subscriber, SubscriberStatus
from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory
from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_subscribe_confirm_digest_unsubscribe_then_nothing(
    smtp_server, run_worker, government, django_capture_on_commit_callbacks
):
    browser = Client()
    address = "fatou@example.org"

    # 1. Subscribe in French from the page.
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(reverse("newsletter:subscribe"), form_data(email=address))
    assert response.status_code == 302
    run_worker()

    # 2. The confirmation arrives in French with one-click unsubscribe headers.
    [confirmation] = smtp_server.to(address)
    assert (
        confirmation["Subject"].strip()
        == "Confirmez votre abonnement à la lettre de Local Compacts"
    )
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert confirmation["List-Unsubscribe"].strip().startswith("<http://")
    text = smtp_server.text(confirmation)
    assert text.startswith("Bonjour,") and "Fatou" not in text  # nothing typed, unconfirmed
    confirm_url = re.search(r"https?://\S+/newsletter/confirm/\S+/", text).group(0)
    subscriber = Subscriber.objects.get(email=address)
    assert subscriber.status == SubscriberStatus.PENDING

    # 3. Follow the link: a page with a button; the click confirms.
    path = urlsplit(confirm_url).path
    assert browser.get(path).status_code == 200
    assert browser.post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active

    # 4. A pledge is published; the digest reaches the subscriber, in French.
    pledge = PledgeFactory(
        status=PledgeStatus.PUBLISHED, owners=[government], title="Centre d'accueil de Dakar"
    )
    with django_capture_on_commit_callbacks(execute=True):
        issue = services.compose_digest()
    assert issue is not None
    run_worker()
    [_, digest] = smtp_server.to(address)
    assert digest["Subject"].strip() == "Nouveautés sur Local Compacts"
    digest_text = smtp_server.text(digest)
    assert "Centre d'accueil de Dakar" in digest_text
    assert pledge.get_absolute_url() in digest_text
    html = digest.get_body(preferencelist=("html",)).get_content()
    assert "Centre d&#x27;accueil de Dakar" in html
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # 5. The mail client unsubscribes with one POST (RFC 8058): no session, no CSRF token.
    unsubscribe_url = digest["List-Unsubscribe"].strip().strip("<>")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        urlsplit(unsubscribe_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED

    # 6. Another pledge, another digest, an editorial issue: nothing more reaches them.
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.compose_digest() is not None
    run_worker()
    assert len(smtp_server.to(address)) == 2
