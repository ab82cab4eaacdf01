"""Language in the address: every page under each language's prefix, machine addresses without,
old addresses redirected, alternates and canonical links, the switcher keeping page and filters,
e-mail links in the recipient's language, numbers and dates in the reader's format."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from localcompacts.core import languages
from localcompacts.core.models import OutgoingEmail
from localcompacts.core.urls_i18n import with_language
from localcompacts.pledges import services
from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory
from ..pledges.helpers import draft

pytestmark = pytest.mark.django_db


def test_every_language_has_its_prefix_the_default_included():
    for language in languages.CODES:
        with translation.override(language):
            assert reverse("pledges:catalogue") == f"/{language}/pledges/"
            assert reverse("workspace:home") == f"/{language}/workspace/"
            assert reverse("accounts:login") == f"/{language}/accounts/login/"
    assert "/zh-hans/" in with_language("/en/pledges/", "zh-hans")


def test_machine_and_operator_addresses_have_no_prefix(anonymous_client):
    with translation.override("ar"):
        assert reverse("core:healthz") == "/healthz"
        assert reverse("operations:readyz") == "/readyz"
        assert reverse("core:robots") == "/robots.txt"
        assert reverse("admin:index") == "/admin/"
        assert reverse("api-v1:openapi-json").startswith("/api/v1/")
    assert anonymous_client.get("/healthz").status_code == 200
    robots = anonymous_client.get("/robots.txt").content.decode()
    assert "Disallow: /ar/workspace/" in robots and "Disallow: /zh-hans/workspace/" in robots
    assert anonymous_client.get("/api/v1/pledges").status_code == 200
    assert anonymous_client.get("/en/api/v1/pledges").status_code == 404


@pytest.mark.parametrize(
    ("headers", "cookie", "expected"),
    [
        ({}, None, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "ar,en;q=0.5"}, None, "ar"),
        ({"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}, None, "zh-hans"),
        ({"HTTP_ACCEPT_LANGUAGE": "ar"}, "ru", "ru"),
    ],
)
def test_old_unprefixed_addresses_redirect_to_the_readers_language(
    anonymous_client, headers, cookie, expected
):
    if cookie:
        anonymous_client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = anonymous_client.get("/pledges/?objective=GCM-15&kind=pledge", **headers)
    assert response.status_code in (301, 302)
    assert response["Location"] == f"/{expected}/pledges/?objective=GCM-15&kind=pledge"
    assert anonymous_client.get(response["Location"]).status_code == 200


def test_arabic_pages_are_right_to_left(anonymous_client):
    html = anonymous_client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    html = anonymous_client.get("/ru/").content.decode()
    assert '<html lang="ru" dir="ltr">' in html


def test_every_page_links_its_alternates_and_canonical_address(anonymous_client, government):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    with translation.override("fr"):
        url = pledge.get_absolute_url()
    html = anonymous_client.get(url + "?utm=x").content.decode()
    site = settings.SITE_URL
    assert f'<link rel="canonical" href="{site}{url}">' in html
    bare = url.removeprefix("/fr")
    for language in languages.CODES:
        expected = f'<link rel="alternate" hreflang="{language}" href="{site}/{language}{bare}">'
        assert expected in html
    assert f'<link rel="alternate" hreflang="x-default" href="{site}{bare}">' in html
    assert len(re.findall(r'rel="alternate" hreflang=', html)) == len(languages.CODES) + 1


def test_the_language_switcher_keeps_the_page_and_its_filters(anonymous_client):
    with translation.override("fr"):
        page = reverse("pledges:catalogue") + "?objective=GCM-15&kind=practice"
    html = anonymous_client.get(page).content.decode()
    assert f'name="next" type="hidden" value="{page.replace("&", "&amp;")}"' in html
    assert "Changer</button>" in html  # not Django admin's "Modification"
    response = anonymous_client.post(reverse("core:set_language"), {"language": "ar", "next": page})
    assert response.status_code == 302
    assert response["Location"] == "/ar/pledges/?objective=GCM-15&kind=practice"
    assert anonymous_client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_emails_link_to_pages_in_the_recipients_language(focal_point, government, reviewer):
    focal_point.preferred_language = "fr"
    focal_point.save()
    reviewer.preferred_language = "ar"
    reviewer.save()
    pledge = draft(government=government, by=focal_point)
    services.pledge_transition(pledge=pledge, action="submit", by=focal_point)
    bodies = dict(OutgoingEmail.objects.values_list("to", "body_text"))
    assert f"{settings.SITE_URL}/fr/workspace/pledges/{pledge.pk}/" in bodies[focal_point.email]
    assert f"{settings.SITE_URL}/ar/workspace/review/{pledge.pk}/" in bodies[reviewer.email]


def test_numbers_follow_the_readers_locale(anonymous_client):
    government = LocalGovernmentFactory(population=401339)
    pledge = PledgeFactory(
        owners=[government], status=PledgeStatus.PUBLISHED, budget="450000.00", currency="JPY"
    )
    with translation.override("fr"):
        profile = anonymous_client.get(government.get_absolute_url()).content.decode()
        page = anonymous_client.get(pledge.get_absolute_url()).content.decode()
    assert "401\xa0339" in profile
    assert "450\xa0000 JPY" in page
    with translation.override("en"):
        page = anonymous_client.get(pledge.get_absolute_url()).content.decode()
    assert "450,000 JPY" in page
