"""Every workspace page is reached from `/workspace/` by clicking, and no page raises a script
error: each role starts at the workspace home, and a walk through the site's page types (public,
account, workspace, editor steps, review) fails on any console error or uncaught exception."""

from urllib.parse import urlparse

import pytest
from django.urls import URLResolver, get_resolver, reverse
from playwright.sync_api import expect

from localcompacts.forums.models import ReviewForum
from localcompacts.pledges import services
from localcompacts.pledges.models import PledgeStatus

from ..factories import (
    FocalPointUserFactory,
    LocalGovernmentFactory,
    PledgeFactory,
    ReviewerFactory,
    SecretariatFactory,
)
from ..pledges.helpers import draft, submitted
from .conftest import BROWSER

pytestmark = BROWSER
PASSWORD = "correct horse battery"


def workspace_pages() -> set[str]:
    """The paths of every workspace page that takes no parameter, read from the URLconf: a new
    page without a link from the workspace fails the test below."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    found = set()
    for route, _pattern in walk(get_resolver().url_patterns):
        if route.startswith("workspace/") and "<" not in route:
            found.add("/" + route)
    return found


@pytest.fixture
def people(db):
    government = LocalGovernmentFactory(name="Kampala", slug="kampala")
    focal_point = FocalPointUserFactory(email="focal@example.org", government=government)
    reviewer = ReviewerFactory(email="reviewer@example.org")
    SecretariatFactory(email="admin@example.org")
    unfinished = draft(government=government, by=focal_point, title="Unfinished draft")
    waiting = submitted(government=government, by=focal_point, title="Waiting for review")
    returned = submitted(government=government, by=focal_point, title="Sent back")
    services.pledge_transition(
        pledge=returned, action="request_changes", by=reviewer, comment="Add a budget."
    )
    public = PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government], title="Live")
    return {
        "government": government,
        "draft": unfinished,
        "submitted": waiting,
        "returned": returned,
        "published": public,
    }


def log_in(page, base, email):
    page.goto(base + reverse("accounts:login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_every_workspace_page_is_reached_from_the_home_by_clicking(live_server, browser, people):
    base = live_server.url
    home = reverse("workspace:home")
    wanted = workspace_pages()
    reached = {home}
    for email in ("focal@example.org", "reviewer@example.org", "admin@example.org"):
        page = browser.new_context().new_page()
        log_in(page, base, email)
        page.get_by_role("link", name="Workspace", exact=True).click()
        expect(page).to_have_url(base + home)
        # breadth first: every link to a workspace page, clicked from the page that shows it
        queue, seen = [home], {home}
        while queue:
            source = queue.pop(0)
            page.goto(base + source)
            hrefs = page.locator("main a[href^='/workspace/']").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
            for href in dict.fromkeys(hrefs):
                path = urlparse(href).path
                if path in seen or path not in wanted:
                    continue
                page.goto(base + source)
                page.locator(f"main a[href='{href}']").first.click()
                expect(page).to_have_url(base + href)
                seen.add(path)
                queue.append(path)
        reached |= seen
        page.context.close()
    assert wanted - reached == set(), "workspace pages no link leads to"


def page_types(people) -> dict[str, list[str]]:
    """What each role visits: public and account pages, the workspace, the editor's steps and
    the review pages."""
    from localcompacts.pledges.forms import STEP_NAMES

    forum = ReviewForum.objects.order_by("pk").first()
    public = [
        reverse("explore:home"),
        reverse("pledges:catalogue"),
        people["published"].get_absolute_url(),
        reverse("governments:list"),
        reverse("governments:detail", kwargs={"slug": people["government"].slug}),
        reverse("forums:list"),
        reverse("declaration:page"),
        reverse("publications:list"),
        reverse("publications:data-dictionary"),
        reverse("explore:map"),
        reverse("explore:statistics"),
        reverse("newsletter:subscribe"),
    ]
    if forum is not None:
        public.append(forum.get_absolute_url())
    account = [reverse("accounts:account")]
    workspace = sorted(workspace_pages())
    editor = [
        reverse("workspace:edit", kwargs={"pk": people["draft"].pk, "step": step})
        for step in STEP_NAMES
    ] + [reverse("workspace:pledge", kwargs={"pk": people["returned"].pk})]
    review = [
        reverse("workspace:review-item", kwargs={"pk": people["submitted"].pk}),
        reverse("workspace:review-item", kwargs={"pk": people["returned"].pk}),
    ]
    return {
        "anonymous": public + [reverse("accounts:login"), reverse("accounts:apply")],
        "focal@example.org": account + workspace + editor,
        "reviewer@example.org": workspace + review,
        "admin@example.org": workspace,
    }


def test_no_page_raises_a_script_error(live_server, browser, people):
    base = live_server.url
    problems: list[str] = []
    for who, paths in page_types(people).items():
        page = browser.new_context().new_page()
        page.on(
            "console",
            lambda message, page=page: (
                message.type == "error" and problems.append(f"{page.url}: {message.text}")
            ),
        )
        page.on("pageerror", lambda error, page=page: problems.append(f"{page.url}: {error}"))
        if who != "anonymous":
            log_in(page, base, who)
        for path in paths:
            before = len(problems)
            response = page.goto(base + path)
            assert response is not None and response.status < 500, path
            page.wait_for_load_state("networkidle")
            if response.status == 404 and path in workspace_pages():
                # another role's workspace page: the browser reports the 404 itself, nothing else
                assert all("404" in problem for problem in problems[before:]), problems[before:]
                del problems[before:]
        if who == "focal@example.org":  # the editor's htmx as one types (step 5 had a TypeError)
            page.goto(
                base
                + reverse("workspace:edit", kwargs={"pk": people["draft"].pk, "step": "partners"})
            )
            page.get_by_label("Partners").fill("Red Cross")
            page.wait_for_timeout(1200)
            page.get_by_role("button", name="Save draft").click()
            page.wait_for_load_state("networkidle")
        page.context.close()
    assert problems == []
