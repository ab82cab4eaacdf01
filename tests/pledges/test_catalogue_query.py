import pytest
from django.http import QueryDict
from django.urls import reverse

from localcompacts.compacts.models import Country
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import PledgeStatus
from localcompacts.pledges.selectors import pledge_catalogue

from ..factories import LocalGovernmentFactory, PledgeFactory


def test_parameters_are_parsed_and_bad_ones_reported():
    query = CatalogueQuery.from_params(
        QueryDict(
            "q=welcome++centre&objective=GCM-15&objective=gcm-99&sdg=SDG-11&country=sen&page=-1&sort=weird&year=abc"
        )
    )
    assert query.q == "welcome centre"
    assert query.objective == ["GCM-15"]
    assert query.sdg == ["SDG-11"]
    assert query.country == ["SEN"]
    assert query.page == 1
    assert query.sort == "relevance"
    assert len(query.problems) == 3  # gcm-99, sort, year


def test_long_search_text_is_cut_not_refused():
    query = CatalogueQuery.from_params(QueryDict(mutable=True) | {"q": "x" * 10_000})
    assert len(query.q) == 200 and query.problems


@pytest.mark.django_db
def test_filters_narrow_and_unpublished_never_appear(government):
    colombia = LocalGovernmentFactory(
        name="Bogotá", slug="bogota", country=Country.objects.get(iso3="COL")
    )
    a = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, objectives=["GCM-15"])
    b = PledgeFactory(
        owners=[colombia], status=PledgeStatus.PUBLISHED, objectives=["GCM-15", "GCR-2"]
    )
    PledgeFactory(owners=[colombia], status=PledgeStatus.DRAFT, objectives=["GCM-15"])
    assert set(pledge_catalogue(CatalogueQuery.from_params(QueryDict("objective=GCM-15")))) == {
        a,
        b,
    }
    assert list(pledge_catalogue(CatalogueQuery.from_params(QueryDict("country=COL")))) == [b]
    assert list(pledge_catalogue(CatalogueQuery.from_params(QueryDict("region=011")))) == [a]
    assert list(pledge_catalogue(CatalogueQuery.from_params(QueryDict("region=019")))) == [b]
    assert list(pledge_catalogue(CatalogueQuery.from_params(QueryDict("compact=GCR")))) == [b]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params", ["page=-1", "page=abc", "page=99999", "objective=%3Cscript%3E", "q=" + "a" * 10000]
)
def test_invalid_parameters_give_a_clean_page(anonymous_client, params):
    assert anonymous_client.get(reverse("pledges:catalogue") + "?" + params).status_code == 200
