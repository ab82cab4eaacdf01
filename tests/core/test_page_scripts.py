"""Pages load only the scripts they use: htmx (51 KB) only where a page has hx- attributes."""

import re

import pytest
from django.urls import reverse

from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory

HX_ATTRIBUTE = re.compile(r"\shx-(?!headers=)[a-z-]+=")  # the body's hx-headers is inert alone
HTMX_SCRIPT = re.compile(r"<script[^>]+htmx[^>]*\.js")


@pytest.fixture
def pages(government, focal_point):
    pledge = PledgeFactory(
        owners=[government], status=PledgeStatus.PUBLISHED, title="Welcome centre"
    )
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT, title="Draft")
    public = [
        reverse("explore:home"),
        reverse("pledges:catalogue"),
        pledge.get_absolute_url(),
        reverse("governments:list"),
        reverse("governments:detail", args=[government.slug]),
        reverse("explore:statistics"),
        reverse("explore:map"),
        reverse("forums:list"),
        reverse("publications:list"),
        reverse("newsletter:subscribe"),
        reverse("accounts:login"),
    ]
    workspace = [
        reverse("workspace:pledge", kwargs={"pk": draft.pk}),
        reverse("workspace:edit", kwargs={"pk": draft.pk, "step": "basics"}),
        # the lead-pledge picker searches as one types
        reverse("matching:pledge-contribution", kwargs={"pk": pledge.pk}),
    ]
    return public, workspace


def _check(response, url) -> bool:
    assert response.status_code == 200, url
    html = response.content.decode()
    uses = bool(HX_ATTRIBUTE.search(html))
    loads = bool(HTMX_SCRIPT.search(html))
    assert uses == loads, f"{url}: hx- attributes {uses}, htmx script {loads}"
    return loads


def test_htmx_is_loaded_exactly_where_it_is_used(pages, anonymous_client, focal_point_client):
    public, workspace = pages
    loaded = [url for url in public if _check(anonymous_client.get(url), url)]
    loaded += [url for url in workspace if _check(focal_point_client.get(url), url)]
    assert reverse("pledges:catalogue") in loaded  # the catalogue filters as one types
    assert reverse("explore:home") not in loaded
