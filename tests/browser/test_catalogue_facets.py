"""The catalogue's facets and the statistics charts in Chromium: ticking and unticking a value
(with and without JavaScript, and with the back button), one checkbox per value, a clean address,
the phone layout (results before the collapsed filters) and chart labels inside their chart."""

import re
from urllib.parse import parse_qsl, urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory
from .conftest import BROWSER

pytestmark = BROWSER


@pytest.fixture
def catalogue(government):
    PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        title="Interpreters in every health clinic",
        objectives=["GCM-15"],
        kind="pledge",
    )
    PledgeFactory(
        owners=[LocalGovernmentFactory(name="Thiès")],
        status=PledgeStatus.PUBLISHED,
        title="Jobs for refugees",
        objectives=["GCR-2", "GCM-2"],
        kind="practice",
    )


def _params(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlparse(url).query)


def test_tick_untick_and_back(live_server, page, catalogue):
    url = live_server.url + reverse("pledges:catalogue")
    page.goto(url + "?objective=GCM-15")
    # GCM-15 shows once: in the GCM group, not also under "GCR objective"
    expect(page.locator('input[name="objective"][value="GCM-15"]')).to_have_count(1)
    gcm15 = page.get_by_role("checkbox", name=re.compile(r"^GCM-15"))
    expect(gcm15).to_be_checked()
    expect(page.get_by_role("status")).to_contain_text("1 published pledge or practice")

    gcm15.uncheck()  # htmx: the filter goes, the address follows, nothing is repeated
    expect(page.get_by_role("status")).to_contain_text("2 published pledges and practices")
    expect(page).not_to_have_url(re.compile(r"objective="))
    assert "sort=" not in page.url

    page.get_by_role("checkbox", name=re.compile(r"^Practice")).check()
    expect(page).to_have_url(re.compile(r"kind=practice"))
    expect(page.get_by_role("status")).to_contain_text("1 published pledge or practice")
    assert _params(page.url) == [("kind", "practice")]

    page.go_back()  # the previous state: no filter, both results
    expect(page).not_to_have_url(re.compile(r"kind="))
    expect(page.get_by_role("link", name="Interpreters in every health clinic")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Practice"))).not_to_be_checked()

    page.go_back()  # back to the first address, GCM-15 ticked again
    expect(page).to_have_url(re.compile(r"objective=GCM-15"))
    expect(page.get_by_role("checkbox", name=re.compile(r"^GCM-15"))).to_be_checked()


def test_a_search_ranks_by_relevance_unless_a_sort_is_chosen(live_server, page, catalogue):
    page.goto(live_server.url + reverse("pledges:catalogue"))
    expect(page.get_by_label("Sort by")).to_have_value("")
    page.get_by_label("Search words").fill("refugees")
    page.get_by_label("Search words").press("Enter")
    expect(page).to_have_url(re.compile(r"q=refugees"))
    assert "sort=" not in page.url
    page.get_by_label("Sort by").select_option("title")
    expect(page).to_have_url(re.compile(r"sort=title"))


def test_filters_work_without_javascript(live_server, browser, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("pledges:catalogue") + "?objective=GCM-15")
        expect(page.locator('input[name="objective"][value="GCM-15"]')).to_have_count(1)
        page.get_by_role("checkbox", name=re.compile(r"^GCM-15")).uncheck()
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_role("status")).to_contain_text("2 published pledges and practices")
        assert not any(name == "objective" for name, _ in _params(page.url))
        names = [name for name, _ in _params(page.url)]
        assert len(names) == len(set(names)), page.url
        page.get_by_role("checkbox", name=re.compile(r"^Practice")).check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_role("status")).to_contain_text("1 published pledge or practice")
        expect(page.get_by_role("checkbox", name=re.compile(r"^Practice"))).to_be_checked()
    finally:
        context.close()


def test_on_a_phone_the_results_come_before_the_filters(live_server, browser, catalogue):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("pledges:catalogue") + "?kind=pledge")
        first = page.get_by_role("link", name="Interpreters in every health clinic")
        expect(first).to_be_in_viewport()
        box = first.bounding_box()
        assert box["y"] + box["height"] <= 844, box
        toggle = page.locator("summary.facets-toggle")
        expect(toggle).to_be_visible()
        expect(toggle).to_contain_text("1 active")
        checkbox = page.get_by_role("checkbox", name=re.compile(r"^GCM-15"))
        expect(checkbox).to_be_hidden()
        toggle.click()
        expect(checkbox).to_be_visible()
        checkbox.check()  # htmx swaps the panel: it stays open
        expect(page.locator("summary.facets-toggle")).to_contain_text("2 active")
        expect(page.get_by_role("checkbox", name=re.compile(r"^GCM-15"))).to_be_visible()
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_are_always_shown(live_server, page, catalogue):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("pledges:catalogue"))
    expect(page.locator("summary.facets-toggle")).to_be_hidden()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Practice"))).to_be_visible()


def test_statistics_labels_are_inside_their_charts(live_server, page, catalogue):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("explore:statistics"))
    charts = page.locator(".chart svg")
    assert charts.count() >= 5
    outside = page.evaluate(
        """() => {
          const problems = [];
          for (const svg of document.querySelectorAll('.chart svg')) {
            const frame = svg.getBoundingClientRect();
            for (const text of svg.querySelectorAll('text')) {
              const box = text.getBoundingClientRect();
              if (box.width === 0) continue;
              if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 ||
                  box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
                problems.push(text.textContent.slice(0, 60));
              }
            }
          }
          return problems;
        }"""
    )
    assert outside == []
    # the objective code is visible at the start of its label, objectives in numeric order
    labels = page.locator("#chart-by-gcm-objective-title + .chart svg text.label")
    texts = labels.evaluate_all("els => els.map(e => e.textContent)")
    first_lines = [t.split(" · ")[0] for t in texts]
    assert first_lines[:3] == ["GCM-1", "GCM-2", "GCM-3"] and first_lines[-1] == "GCM-23"
