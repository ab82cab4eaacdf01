"""The public pledge page: tags link to the catalogue, matches, citation, similar pledges."""

import pytest
from django.urls import reverse

from localcompacts.compacts.models import PopulationGroup
from localcompacts.pledges.models import Indicator, PledgeStatus
from localcompacts.pledges.selectors import pledge_similar

from ..factories import LocalGovernmentFactory, PledgeFactory

PUBLISHED = PledgeStatus.PUBLISHED


@pytest.fixture
def pledge(government, other_government):
    main = PledgeFactory(
        owners=[government, other_government],
        status=PUBLISHED,
        title="Interpreters in health clinics",
        objectives=["GCM-15", "GCM-16"],
    )
    main.population_groups.set(PopulationGroup.objects.filter(code="migrants"))
    Indicator.objects.create(
        pledge=main, name="Clinics with interpreters", unit="clinics", target=12
    )
    return main


def test_pledge_page_shows_everything_public(pledge, anonymous_client, government):
    matching = PledgeFactory(owners=[LocalGovernmentFactory()], status=PUBLISHED, matches=pledge)
    PledgeFactory(
        owners=[government], status=PledgeStatus.DRAFT, matches=pledge, title="Draft match"
    )
    response = anonymous_client.get(pledge.get_absolute_url())
    html = response.content.decode()
    assert f'href="{reverse("pledges:catalogue")}?objective=GCM-15"' in html
    assert f'href="{reverse("pledges:catalogue")}?population=migrants"' in html
    assert (
        f'href="{reverse("governments:detail", kwargs={"slug": "dakar"})}"' in html
        and f'href="{reverse("governments:detail", kwargs={"slug": "medellin"})}"' in html
    )
    assert matching.get_absolute_url() in html and "Draft match" not in html
    assert "Clinics with interpreters" in html
    assert f"/api/v1/pledges/{pledge.pk}" in html
    assert (
        f"http://testserver/pledges/{pledge.pk}/" in html
        or reverse("pledges:detail-short", kwargs={"pk": pledge.pk}) in html
    )
    assert 'id="citation"' in html and "Dakar; Medellín" in html


def test_short_url_redirects_to_the_slug(pledge, anonymous_client):
    response = anonymous_client.get(reverse("pledges:detail-short", kwargs={"pk": pledge.pk}))
    assert response.status_code == 301 and response["Location"] == pledge.get_absolute_url()


def test_unpublished_pledge_is_404_for_the_public(government, anonymous_client):
    draft = PledgeFactory(owners=[government], status=PledgeStatus.SUBMITTED)
    assert anonymous_client.get(draft.get_absolute_url()).status_code == 404


def test_similar_pledges_share_objectives_or_words(pledge, government):
    both = PledgeFactory(owners=[government], status=PUBLISHED, objectives=["GCM-15", "GCM-16"])
    one = PledgeFactory(owners=[government], status=PUBLISHED, objectives=["GCM-16"])
    words = PledgeFactory(
        owners=[government], status=PUBLISHED, title="More interpreters", objectives=["GCM-2"]
    )
    PledgeFactory(owners=[government], status=PUBLISHED, title="Roads", objectives=["GCM-3"])
    PledgeFactory(owners=[government], status=PledgeStatus.DRAFT, objectives=["GCM-15", "GCM-16"])
    similar = pledge_similar(pledge)
    assert similar[0] == both
    assert set(similar) == {both, one, words}


def test_pledge_page_runs_constant_queries(pledge, anonymous_client, django_assert_max_num_queries):
    for _ in range(6):
        PledgeFactory(owners=[LocalGovernmentFactory()], status=PUBLISHED, matches=pledge)
    # 25 on a first (uncached) view: the page's owners for its title and sharing metadata, its
    # translations, and the progress block's timeline and traffic light are fixed extras.
    with django_assert_max_num_queries(28):  # +2 matchmaking block
        anonymous_client.get(pledge.get_absolute_url())
    with django_assert_max_num_queries(4):  # again: the body comes from the fragment cache
        anonymous_client.get(pledge.get_absolute_url())
