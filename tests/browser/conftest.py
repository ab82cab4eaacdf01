"""Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright.

They are marked `needs("chromium")` (tests/conftest.py): skipped where Chromium is missing, a
failure under CI=true.
Every browser test module sets `pytestmark = BROWSER` (below): the live server needs committed rows,
so each test runs in a transactional database, which is flushed afterwards; the reference data that
migrations load is loaded again before each test.
"""

import importlib
import os

import pytest

BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.needs("chromium"))


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; the ORM calls that set up and
    flush data around browser tests are still synchronous and safe."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def csp_violations(page):
    """Collects `securitypolicyviolation` events on every page the test visits."""
    found: list[str] = []
    page.expose_function("__reportCspViolation", lambda text: found.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return found


REFERENCE_LOADERS = [
    "localcompacts.accounts.migrations.0002_load_partner_organisations",
    "localcompacts.forums.migrations.0002_load_review_forums",
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The taxonomies, forums and partners that migrations load (a flush removes them)."""
    from django.apps import apps

    from localcompacts.compacts.loading import load_taxonomies

    load_taxonomies(apps)
    for module in REFERENCE_LOADERS:
        importlib.import_module(module).load(apps, None)
