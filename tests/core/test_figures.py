"""Figures over the whole catalogue are recomputed by the worker: after a publish, visitors get the
previous figures at once (never a validator for them), and the new ones once the worker ran."""

import pytest
from django.urls import reverse

from localcompacts.core.models import StoredFigure
from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "catalogue": reverse("pledges:catalogue"),
    "map": reverse("explore:map"),
    "statistics": reverse("explore:statistics"),
    "home": reverse("explore:home"),
}


@pytest.fixture
def on_worker(settings):
    settings.PUBLIC_FIGURES_ON_WORKER = True


def a_few_seconds_later() -> None:
    """A process looks again for the new figures after PREVIOUS_FIGURE_SECONDS."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def catalogue_count(client) -> int:
    return client.get(PAGES["catalogue"]).context["page"].paginator.count


def test_after_a_publish_visitors_get_the_previous_figures_until_the_worker_ran(
    on_worker, government, anonymous_client, task_worker, django_capture_on_commit_callbacks
):
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Housing desk")
    assert catalogue_count(anonymous_client) == 1  # never computed: computed at once
    assert StoredFigure.objects.filter(key="pledges.catalogue-count").exists()

    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Language classes")
    with django_capture_on_commit_callbacks(execute=True):
        previous = anonymous_client.get(PAGES["catalogue"])
    assert previous.context["page"].paginator.count == 1  # the previous figure, served at once
    assert "ETag" not in previous and "max-age=5" in previous["Cache-Control"]
    # …and the list itself is current: only the whole-catalogue figures wait for the worker.
    assert "Language classes" in previous.content.decode()

    task_worker()
    a_few_seconds_later()
    current = anonymous_client.get(PAGES["catalogue"])
    assert current.context["page"].paginator.count == 2
    assert current["ETag"]


@pytest.mark.parametrize("figure_page", ["map", "statistics", "home"])
def test_every_figure_page_answers_from_the_previous_figures(
    on_worker,
    figure_page,
    government,
    anonymous_client,
    task_worker,
    django_capture_on_commit_callbacks,
):
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    assert anonymous_client.get(PAGES[figure_page]).status_code == 200
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        previous = anonymous_client.get(PAGES[figure_page])
    assert previous.status_code == 200 and "ETag" not in previous
    task_worker()
    a_few_seconds_later()
    assert anonymous_client.get(PAGES[figure_page])["ETag"]


def test_the_worker_recomputes_each_figure_once_per_change(on_worker, government, db):
    from django.utils import translation

    from localcompacts.core.figures import refresh_figures

    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    with translation.override("fr"):
        first = refresh_figures("fr")
    assert "pledges.catalogue-facets:fr" in first and "pledges.catalogue-count" in first
    assert refresh_figures("fr") == []  # nothing changed since
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    assert "pledges.catalogue-facets:fr" in refresh_figures("fr")
    assert "pledges.catalogue-facets:en" not in first  # languages nobody asked for cost nothing
