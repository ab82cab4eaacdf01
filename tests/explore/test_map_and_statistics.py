"""Map markers and statistics: published pledges only, filters applied, CSV safe for spreadsheets."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from localcompacts.compacts.models import Country, PopulationGroup
from localcompacts.explore import selectors
from localcompacts.explore.views import csv_cell
from localcompacts.governments.models import Endorsement, EndorsementStatus
from localcompacts.pledges.models import PledgeStatus

from ..factories import LocalGovernmentFactory, PledgeFactory

PUBLISHED = PledgeStatus.PUBLISHED


@pytest.fixture
def data(db, government, other_government):
    other_government.country = Country.objects.get(iso3="COL")
    other_government.latitude, other_government.longitude = 6.24, -75.58
    other_government.save()
    PledgeFactory.create_batch(
        2, owners=[government], status=PUBLISHED, objectives=["GCM-15"], kind="practice"
    )
    shared = PledgeFactory(
        owners=[other_government, government], status=PUBLISHED, objectives=["GCR-2"]
    )
    shared.population_groups.set(PopulationGroup.objects.filter(code="refugees"))
    hidden = LocalGovernmentFactory(name="Hidden Town", country=Country.objects.get(iso3="FRA"))
    PledgeFactory(owners=[hidden], status=PledgeStatus.IN_REVIEW, objectives=["GCM-1"])
    for gov, day in [
        (government, datetime.date(2018, 12, 10)),
        (other_government, datetime.date(2020, 3, 1)),
    ]:
        Endorsement.objects.create(
            government=gov,
            signatory_name="Mayor",
            signatory_title="Mayor",
            signed_on=day,
            status=EndorsementStatus.VERIFIED,
        )
    Endorsement.objects.create(
        government=hidden,
        signatory_name="X",
        signatory_title="Y",
        signed_on=datetime.date(2019, 1, 1),
    )


def test_statistics_count_published_pledges_only(data):
    gcm = selectors.pledges_by_objective("GCM")
    assert len(gcm) == 23 and [r.key for r in gcm][:2] == ["GCM-1", "GCM-2"]
    assert {r.key: r.value for r in gcm}["GCM-15"] == 2
    assert {r.key: r.value for r in gcm}["GCM-1"] == 0  # only the unpublished pledge has it
    assert {r.key: r.value for r in selectors.pledges_by_compact()} == {"GCM": 2, "GCR": 1}
    regions = {r.label: r.value for r in selectors.pledges_by_region()}
    assert regions["Africa"] == 3 and regions["Americas"] == 1 and regions["Europe"] == 0
    groups = {r.key: r.value for r in selectors.pledges_by_population_group()}
    assert groups["refugees"] == 1 and groups["migrants"] == 0
    assert sum(r.value for r in selectors.pledges_published_per_year()) == 3
    signatories = selectors.signatories_over_time()
    assert [(r.key, r.value) for r in signatories] == [("2018", 1), ("2019", 1), ("2020", 2)]


def test_statistics_page_has_charts_tables_and_csv(data, anonymous_client):
    html = anonymous_client.get(reverse("explore:statistics")).content.decode()
    assert html.count('role="img"') == len(selectors.STATISTICS)
    assert html.count("<caption>") >= len(selectors.STATISTICS)
    assert "GCM-23 · " in html
    response = anonymous_client.get(
        reverse("explore:statistics-csv", kwargs={"name": "by-gcm-objective"})
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["code", "label", "count"] and len(rows) == 24
    assert (
        anonymous_client.get(reverse("explore:statistics-csv", kwargs={"name": "nope"})).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Dakar", "Dakar"),
        (3, "3"),
    ],
)
def test_csv_cells_are_neutralised(value, expected):
    assert csv_cell(value) == expected


def test_map_places_governments_with_published_pledges(data, anonymous_client, government):
    from localcompacts.pledges.catalogue import CatalogueQuery

    markers = {m.slug: m for m in selectors.map_markers(CatalogueQuery())}
    assert set(markers) == {"dakar", "medellin"}
    assert markers["dakar"].count == 3 and markers["medellin"].count == 1
    assert markers["dakar"].r > markers["medellin"].r
    assert markers["dakar"].x == pytest.approx(-17.44 + 180)
    assert markers["dakar"].endorsed_on == datetime.date(2018, 12, 10)

    filtered = selectors.map_markers(CatalogueQuery.from_params({"objective": "GCR-2"}))
    assert {m.slug: m.count for m in filtered} == {"dakar": 1, "medellin": 1}

    html = anonymous_client.get(reverse("explore:map") + "?kind=practice").content.decode()
    assert "Hidden Town" not in html and "Medellín" not in html
    assert 'aria-label="Dakar, Senegal: 2 pledges and practices"' in html
    summary = anonymous_client.get(reverse("explore:map") + "?government=dakar").content.decode()
    assert (
        'id="summary"' in summary
        and f'href="{reverse("governments:detail", kwargs={"slug": "dakar"})}"' in summary
    )
    assert "Hidden Town" not in anonymous_client.get(reverse("explore:map")).content.decode()


def test_map_and_statistics_run_constant_queries(
    data, anonymous_client, django_assert_max_num_queries
):
    PledgeFactory.create_batch(10, owners=[LocalGovernmentFactory()], status=PUBLISHED)
    # 22: one GROUP BY per facet: evidence of progress and needs and offers added one each
    with django_assert_max_num_queries(22):
        anonymous_client.get(reverse("explore:map") + "?objective=GCM-15")
    # Evidence levels by compact, objective and region and the traffic lights add a few fixed
    # queries (computed once per change of public content).
    with django_assert_max_num_queries(28):  # and matchmaking's figures; +2: a figure stored
        anonymous_client.get(reverse("explore:statistics"))


def test_map_draws_the_governments_with_most_pledges_and_still_finds_the_others(
    data, anonymous_client, monkeypatch
):
    """A large catalogue draws at most MAP_MARKER_LIMIT governments and says so."""
    monkeypatch.setattr(selectors, "MAP_MARKER_LIMIT", 1)
    html = anonymous_client.get(reverse("explore:map")).content.decode()
    assert "2 local governments with matching published pledges or practices." in html
    assert "show the 1 with the most" in html
    assert (
        f'href="{reverse("governments:detail", kwargs={"slug": "dakar"})}"' in html
        and f'href="{reverse("governments:detail", kwargs={"slug": "medellin"})}"' not in html
    )
    # Medellín is not drawn, but its summary opens from a link or a shared address.
    summary = anonymous_client.get(reverse("explore:map") + "?government=medellin").content.decode()
    assert 'id="summary"' in summary and "See the profile of Medellín" in summary
