"""Atom feeds, sitemap.xml, robots.txt and the sharing metadata of public pages."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse

from localcompacts.pledges.models import PledgeStatus
from localcompacts.progress import services

from ..factories import LocalGovernmentFactory, PledgeFactory
from ..progress.conftest import report_data

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _atom(response) -> ET.Element:
    """Parse a feed with a real XML parser and check what RFC 4287 requires of it."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 — our own response
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='alternate']") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert entry.find(f"{ATOM}link") is not None
    return feed


def _titles(feed) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


@pytest.fixture
def reported_pledge(government, focal_point, reviewer):
    pledge = PledgeFactory(
        owners=[government], status=PledgeStatus.PUBLISHED, title="Language classes in Dakar"
    )
    report = services.report_submit(
        pledge=pledge, by=focal_point, data=report_data(), indicator_values=[]
    )
    services.report_review(report=report, by=reviewer, action="accept")
    return pledge


def test_pledge_page_advertises_a_progress_feed_that_parses(anonymous_client, reported_pledge):
    page = anonymous_client.get(reported_pledge.get_absolute_url()).content.decode()
    feed_url = reverse("explore:feed-pledge", args=[reported_pledge.pk])
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Progress of this pledge" href="{feed_url}">'
        in page
    )
    feed = _atom(anonymous_client.get(feed_url))
    (title,) = _titles(feed)
    assert "Language classes in Dakar" in title and "In progress" in title


def test_catalogue_feed_follows_the_filters(anonymous_client, reported_pledge):
    other = PledgeFactory(
        owners=[LocalGovernmentFactory()], status=PledgeStatus.PUBLISHED, title="Other pledge"
    )
    everything = _atom(anonymous_client.get(reverse("explore:feed-catalogue")))
    assert {"Language classes in Dakar", "Other pledge"} <= set(_titles(everything))
    code = reported_pledge.objectives.first().code
    other.objectives.clear()
    filtered = _atom(anonymous_client.get(reverse("explore:feed-catalogue") + f"?objective={code}"))
    assert _titles(filtered) == ["Language classes in Dakar"]
    catalogue = anonymous_client.get(reverse("pledges:catalogue") + f"?objective={code}")
    assert reverse("explore:feed-objective", args=[code]) in catalogue.content.decode()
    objective = _atom(anonymous_client.get(reverse("explore:feed-objective", args=[code])))
    assert "Language classes in Dakar" in _titles(objective)


def test_government_feed_has_pledges_and_progress(anonymous_client, reported_pledge, government):
    page = anonymous_client.get(reverse("governments:detail", args=[government.slug]))
    feed_url = reverse("explore:feed-government", args=[government.slug])
    assert feed_url in page.content.decode()
    titles = _titles(_atom(anonymous_client.get(feed_url)))
    assert "Language classes in Dakar" in titles
    assert any(title.startswith("Progress on") for title in titles)


def test_feeds_of_unknown_or_unpublished_things_are_404(anonymous_client, government):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    assert anonymous_client.get(reverse("explore:feed-pledge", args=[draft.pk])).status_code == 404
    missing = reverse("explore:feed-government", args=["nowhere"])
    assert anonymous_client.get(missing).status_code == 404
    assert (
        anonymous_client.get(reverse("explore:feed-objective", args=["GCM-99"])).status_code == 404
    )


def test_sitemap_lists_public_pages_and_robots_names_it(
    anonymous_client, reported_pledge, government
):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    robots = anonymous_client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    index = ET.fromstring(anonymous_client.get("/sitemap.xml").content)  # noqa: S314 — our own response
    sitemap_ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sections = [loc.text for loc in index.iter(f"{sitemap_ns}loc")]
    addresses = []
    for section in sections:
        body = ET.fromstring(  # noqa: S314 — our own response
            anonymous_client.get(section.removeprefix("http://testserver")).content
        )
        addresses += [loc.text for loc in body.iter(f"{sitemap_ns}loc")]
    assert f"http://testserver{reported_pledge.get_absolute_url()}" in addresses
    assert f"http://testserver{government.get_absolute_url()}" in addresses
    assert f"http://testserver{reverse('explore:statistics')}" in addresses
    assert f"http://testserver{draft.get_absolute_url()}" not in addresses


def test_shared_links_carry_title_summary_and_government(
    anonymous_client, reported_pledge, government
):
    page = anonymous_client.get(reported_pledge.get_absolute_url()).content.decode()
    assert (
        f'<meta property="og:title" content="Language classes in Dakar — {government.name}">'
        in page
    )
    assert '<meta property="og:description"' in page
    canonical = (
        f'<link rel="canonical" href="{settings.SITE_URL}{reported_pledge.get_absolute_url()}">'
    )
    assert canonical in page
    profile = anonymous_client.get(government.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{government.name}">' in profile
    forum = anonymous_client.get(reverse("forums:detail", args=["imrf-2022"])).content.decode()
    assert 'property="og:title"' in forum and 'rel="canonical"' in forum
