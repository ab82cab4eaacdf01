"""Subscribing from the footer and confirming, in a real browser, with labels as a screen reader."""

import re
from urllib.parse import urlsplit

from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.core.models import OutgoingEmail
from localcompacts.newsletter.models import Subscriber

from .conftest import BROWSER

pytestmark = BROWSER


def test_subscribe_from_the_footer_then_confirm(live_server, page, csp_violations):
    page.goto(live_server.url + reverse("explore:home"))
    footer = page.get_by_role("region", name="Subscribe to the newsletter")
    footer.get_by_label("Your e-mail for the newsletter").fill("awa@example.org")
    footer.get_by_label("How to greet you (optional)").fill("Awa")
    footer.get_by_label("Receive the newsletter in").select_option("fr")
    footer.get_by_label("Refugees (GCR)").check()
    page.wait_for_timeout(3100)  # people take a few seconds; faster forms are refused as bots
    footer.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    subscriber = Subscriber.objects.get(email="awa@example.org")
    assert subscriber.consent_form == "footer" and subscriber.compacts == ["GCR"]
    mail = OutgoingEmail.objects.get(to="awa@example.org")
    link = re.search(r"https?://\S+/newsletter/confirm/\S+/", mail.body_text).group(0)
    # The link opens the page in the language the subscriber chose (French), not the form's.
    assert urlsplit(link).path.startswith("/fr/newsletter/confirm/")
    page.goto(live_server.url + urlsplit(link).path)
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abonnement confirmé")
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert csp_violations == []
