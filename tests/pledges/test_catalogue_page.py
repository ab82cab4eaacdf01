"""The public catalogue: full-text relevance, facets with live counts, bad input, query budget."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from localcompacts.compacts.models import Country, PopulationGroup, SustainableDevelopmentGoal
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import Pledge, PledgeStatus
from localcompacts.pledges.selectors import catalogue_facets, pledge_catalogue

from ..factories import LocalGovernmentFactory, PledgeFactory

PUBLISHED = PledgeStatus.PUBLISHED


def find(params: str) -> list[str]:
    return [p.title for p in pledge_catalogue(CatalogueQuery.from_params(QueryDict(params)))]


def facet(params: str, key: str) -> dict[str, int]:
    facets = catalogue_facets(CatalogueQuery.from_params(QueryDict(params)))
    return {o.value: o.count for f in facets if (f.key or f.name) == key for o in f.options}


@pytest.fixture
def catalogue(db, government, other_government):
    other_government.country = Country.objects.get(iso3="COL")
    other_government.save()
    kenya = LocalGovernmentFactory(name="Nairobi", country=Country.objects.get(iso3="KEN"))
    a = PledgeFactory(
        owners=[government],
        status=PUBLISHED,
        title="Interpreters in every health clinic",
        summary="Language support for newcomers.",
        description="<p>Staff trained in the city.</p>",
        objectives=["GCM-15", "GCM-16"],
        kind="pledge",
    )
    b = PledgeFactory(
        owners=[other_government],
        status=PUBLISHED,
        title="Housing first for families",
        summary="Shelter for families arriving in the city.",
        description="<p>Doctors and health visitors call on each interpreters team.</p>",
        objectives=["GCM-15", "GCR-2"],
        kind="practice",
        pledge_type="financial",
    )
    c = PledgeFactory(
        owners=[kenya, government],
        status=PUBLISHED,
        title="Jobs for refugees",
        summary="Work permits and training.",
        description="<p>Vocational training.</p>",
        objectives=["GCR-2"],
    )
    b.sdgs.set(SustainableDevelopmentGoal.objects.filter(code__in=["SDG-3", "SDG-11"]))
    a.sdgs.set(SustainableDevelopmentGoal.objects.filter(code="SDG-3"))
    c.population_groups.set(PopulationGroup.objects.filter(code="refugees"))
    PledgeFactory(
        owners=[government],
        status=PledgeStatus.SUBMITTED,
        title="Secret interpreters plan for health",
        objectives=["GCM-15"],
    )
    return a, b, c


def test_title_match_ranks_above_description_match(catalogue):
    assert find("q=interpreters") == [
        "Interpreters in every health clinic",
        "Housing first for families",
    ]
    assert find("q=health+interpreters") == [
        "Interpreters in every health clinic",
        "Housing first for families",
    ]
    # every word must appear; words match as prefixes; case and accents do not matter
    assert find("q=interpret+JOBS") == []
    assert find("q=interpr") == find("q=interpreters")
    assert find("q=refugees&sort=title") == ["Jobs for refugees"]


def test_search_index_follows_edits(catalogue):
    a, _, _ = catalogue
    a.title = "Translators in every clinic"
    a.save()
    assert find("q=translators") == ["Translators in every clinic"]
    assert "Translators in every clinic" not in find("q=interpreters")
    a.delete()
    assert find("q=translators") == []


def test_each_facet_narrows_and_counts_add_up(catalogue):
    assert facet("", "gcm") == {"GCM-15": 2, "GCM-16": 1}
    assert facet("", "gcr") == {"GCR-2": 2}
    assert facet("", "compact") == {"GCM": 2, "GCR": 2}
    assert facet("", "kind") == {"pledge": 2, "practice": 1}
    assert facet("", "country") == {"SEN": 2, "COL": 1, "KEN": 1}
    assert facet("", "sdg") == {"SDG-3": 2, "SDG-11": 1}
    assert facet("", "population") == {"refugees": 1}
    for params, key in [
        ("objective=GCM-16", "gcm"),
        ("kind=practice", "kind"),
        ("country=KEN", "country"),
        ("sdg=SDG-11", "sdg"),
        ("population=refugees", "population"),
        ("type=financial", "type"),
    ]:
        results = find(params)
        chosen = params.split("=")[1]
        assert len(results) == facet("", key)[chosen], params
        # counts within the narrowed set are never above the number of results
        assert all(n <= len(results) for n in facet(params, key).values())
    # a kind splits the set: the kind counts add up to the total
    assert sum(facet("", "kind").values()) == len(find(""))


def test_facets_combine(catalogue):
    assert find("objective=GCM-15&objective=GCR-2") == ["Housing first for families"]
    assert find("objective=GCR-2&country=SEN") == ["Jobs for refugees"]
    assert find("q=health&kind=pledge&country=SEN") == ["Interpreters in every health clinic"]
    assert find("objective=GCM-16&kind=practice") == []
    assert facet("objective=GCR-2", "country") == {"SEN": 1, "COL": 1, "KEN": 1}
    assert facet("q=refugees&country=SEN", "kind") == {"pledge": 1}


def test_unpublished_pledges_never_appear(catalogue, anonymous_client):
    assert "Secret interpreters plan for health" not in find("q=secret")
    assert facet("q=interpreters", "gcm") == {"GCM-15": 2, "GCM-16": 1}
    assert facet("", "gcm")["GCM-15"] == 2
    response = anonymous_client.get(reverse("pledges:catalogue") + "?q=secret")
    assert b"Secret interpreters" not in response.content
    assert b"No published pledge or practice matches this search." in response.content


@pytest.mark.parametrize(
    "params",
    [
        "objective=GCM-99&sdg=SDG-42&country=xx&region=abc&forum=%3Cscript%3E&year=1",
        "page=-1",
        "page=abc",
        "page=99999",
        "sort=nonsense",
        "q=" + "x" * 10_000,
        "q=%22%27%29%28*+OR+NEAR+AND+-+%5E",
        "q=%E2%80%8B",
        "q=___+l_%C3%A9cole+%E6%9D%B1%E4%BA%AC+NEAR+OR",
        "kind=pledge&kind=pledge&type=nope",
    ],
)
def test_invalid_parameters_give_a_clean_page(catalogue, anonymous_client, params):
    response = anonymous_client.get(reverse("pledges:catalogue") + "?" + params)
    assert response.status_code == 200
    assert b"Pledges and practices" in response.content


def test_pagination_bounds(db, government, anonymous_client):
    PledgeFactory.create_batch(25, owners=[government], status=PUBLISHED)
    first = anonymous_client.get(reverse("pledges:catalogue") + "?page=-1").context["page"]
    assert first.number == 1
    last = anonymous_client.get(reverse("pledges:catalogue") + "?page=500").context["page"]
    assert last.number == 2 and len(last.object_list) == 5
    assert b'rel="next"' in anonymous_client.get(reverse("pledges:catalogue")).content


def test_htmx_request_gets_the_results_partial(catalogue, anonymous_client):
    response = anonymous_client.get(
        reverse("pledges:catalogue") + "?q=jobs", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="catalogue-body"' in html and "Jobs for refugees" in html
    assert 'hx-swap-oob="innerHTML"' in html


def test_filters_work_without_javascript(catalogue, anonymous_client):
    html = anonymous_client.get(reverse("pledges:catalogue") + "?objective=GCR-2").content.decode()
    assert 'method="get"' in html
    assert 'name="objective" value="GCR-2" id="f-gcr-gcr-2" checked' in html
    assert "Remove GCR-2" in html


@pytest.mark.parametrize("size", [3, 30])
def test_catalogue_runs_a_constant_number_of_queries(
    db, government, anonymous_client, django_assert_max_num_queries, size
):
    PledgeFactory.create_batch(size, owners=[government], status=PUBLISHED)
    # the whole catalogue's count and facets are figures (core.figures), stored here the first time
    with django_assert_max_num_queries(28):
        anonymous_client.get(
            reverse("pledges:catalogue") + "?q=welcome&kind=pledge&objective=GCM-15&country=SEN"
        )


def test_queries_do_not_grow_with_page_size(db, government, anonymous_client):
    PledgeFactory.create_batch(3, owners=[government], status=PUBLISHED)
    with CaptureQueriesContext(connection) as small:
        anonymous_client.get(reverse("pledges:catalogue"))
    PledgeFactory.create_batch(20, owners=[LocalGovernmentFactory()], status=PUBLISHED)
    with CaptureQueriesContext(connection) as full:
        anonymous_client.get(reverse("pledges:catalogue"))
    assert len(full) == len(small)
    assert Pledge.objects.published().count() == 23


@pytest.mark.parametrize("params", ["q=welcome", "kind=pledge&sort=title", "q=welcome&sort=oldest"])
def test_large_result_sets_page_like_small_ones(
    db, government, anonymous_client, params, monkeypatch
):
    """Small result sets are paged from ids read once, large ones by the database: same pages."""
    from localcompacts.pledges import selectors

    for number in range(25):
        PledgeFactory(
            owners=[government],
            status=PUBLISHED,
            kind="pledge",
            title=f"Welcome desk {number:02d}",
            summary="welcome " * (number % 4 + 1),
        )

    def pages():
        seen = []
        for page in (1, 2):
            for cache in caches.all():  # compute both pages, not their kept copies
                cache.clear()
            response = anonymous_client.get(reverse("pledges:catalogue") + f"?{params}&page={page}")
            context = response.context
            facets = {o.value: o.count for f in context["facets"] for o in f.options}
            seen.append(
                (
                    [p.title for p in context["page"].object_list],
                    context["page"].paginator.count,
                    facets,
                )
            )
        return seen

    materialised = pages()
    monkeypatch.setattr(selectors, "MATERIALISE_UP_TO", 10)  # now 25 matches are "many"
    by_database = pages()
    assert materialised == by_database
    assert materialised[0][1] == 25 and len(materialised[1][0]) == 5
    # Large result sets' counts and facets are cached, until something is published.
    PledgeFactory(owners=[government], status=PUBLISHED, kind="pledge", title="Welcome desk 25")
    assert pages()[0][1] == 26


def test_htmx_gets_the_canonical_address(catalogue, anonymous_client):
    """htmx shows the address the server names: no empty or default parameter, none twice."""
    url = reverse("pledges:catalogue")
    response = anonymous_client.get(
        url + "?q=&sort=&objective=GCM-15&objective=GCM-15&kind=pledge",
        headers={"HX-Request": "true"},
    )
    assert response["HX-Push-Url"] == url + "?objective=GCM-15&kind=pledge"
    paged = anonymous_client.get(url + "?kind=pledge&page=2", headers={"HX-Request": "true"})
    assert paged["HX-Push-Url"] == url + "?kind=pledge&page=2"  # pages of htmx links stay


def test_a_chosen_objective_has_one_checkbox(catalogue, anonymous_client):
    html = anonymous_client.get(reverse("pledges:catalogue") + "?objective=GCM-15").content
    assert html.decode().count('name="objective" value="GCM-15"') == 1
