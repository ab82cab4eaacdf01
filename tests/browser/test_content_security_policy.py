"""The Content-Security-Policy holds on every main page in a real browser: no violations while
people browse, sign in and use htmx; an injected inline script is blocked and reported."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.forums.models import ReviewForum
from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory, SecretariatFactory
from .conftest import BROWSER

pytestmark = BROWSER


@pytest.fixture
def published(government):
    return PledgeFactory(
        owners=[government], status=PledgeStatus.PUBLISHED, title="Open a welcome centre in Dakar"
    )


def visit(page, url):
    response = page.goto(url)
    assert response.status < 500, url
    policy = response.headers["content-security-policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, url
    page.wait_for_load_state("load")
    return response


def test_public_pages_have_no_csp_violations_and_htmx_runs(
    live_server, page, csp_violations, published, government
):
    forum = ReviewForum.objects.order_by("pk").first()
    urls = [
        reverse("explore:home"),
        reverse("pledges:catalogue"),
        reverse("pledges:catalogue") + "?q=welcome",
        published.get_absolute_url(),
        reverse("governments:list"),
        reverse("governments:detail", kwargs={"slug": government.slug}),
        reverse("forums:list"),
        reverse("forums:detail", kwargs={"slug": forum.slug}),
        reverse("accounts:login"),
        "/no-such-page/",
    ]
    for url in urls:
        visit(page, live_server.url + url)
        # Scripts only where used: htmx (loaded with the nonce) runs on the catalogue only.
        catalogue = reverse("pledges:catalogue")
        on_catalogue = url == catalogue or url.startswith(catalogue + "?")
        expected = "object" if on_catalogue else "undefined"
        assert page.evaluate("typeof window.htmx") == expected, url
    # An htmx request swaps content in, which also makes htmx add its indicator styles.
    visit(page, live_server.url + reverse("pledges:catalogue"))
    page.evaluate(
        "url => htmx.ajax('GET', url, {target: '#main', select: '#main > *'})",
        reverse("forums:list"),
    )
    expect(page.get_by_role("heading", level=1)).not_to_have_text("")
    page.wait_for_load_state("networkidle")
    assert csp_violations == []


def test_signed_in_pages_and_the_admin_have_no_csp_violations(live_server, page, csp_violations):
    SecretariatFactory(email="admin@example.org")
    visit(page, live_server.url + reverse("accounts:login"))
    page.get_by_label("E-mail address", exact=True).fill("admin@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    for url in [
        reverse("explore:home"),
        reverse("pledges:catalogue"),
        "/admin/",
        "/admin/pledges/pledge/",
        "/admin/core/outgoingemail/",
    ]:
        visit(page, live_server.url + url)
    assert csp_violations == []


def test_an_injected_inline_script_is_blocked_and_reported(live_server, page, csp_violations):
    visit(page, live_server.url + reverse("explore:home"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__injected = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__injected === undefined")
    assert any(v.startswith("script-src") for v in csp_violations), csp_violations
