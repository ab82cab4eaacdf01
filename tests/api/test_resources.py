import datetime

import pytest

from localcompacts.explore.forum_selectors import forum_figures
from localcompacts.forums.models import ReviewForum
from localcompacts.governments.models import Endorsement, EndorsementStatus
from localcompacts.pledges.models import PledgeStatus
from tests.factories import LocalGovernmentFactory, PledgeFactory


def endorse(government, status=EndorsementStatus.VERIFIED, signed_on=datetime.date(2018, 12, 8)):
    return Endorsement.objects.create(
        government=government,
        signatory_name="A. Mayor",
        signatory_title="Mayor",
        signed_on=signed_on,
        status=status,
    )


# --- Governments --------------------------------------------------------------------------------


def test_government_list_filters_by_country_region_and_endorsement(anonymous_client, government):
    from localcompacts.compacts.models import Country

    colombian = LocalGovernmentFactory(name="Bogotá", country=Country.objects.get(iso3="COL"))
    endorse(government)
    endorse(colombian, status=EndorsementStatus.PENDING)

    def names(query):
        response = anonymous_client.get(f"/api/v1/governments?{query}")
        assert response.status_code == 200
        return [item["name"] for item in response.json()["items"]]

    assert names("") == ["Bogotá", "Dakar"]
    assert names("country=COL") == ["Bogotá"]
    assert names("region=002") == ["Dakar"]  # Africa
    assert names("region=011") == ["Dakar"]  # Western Africa (sub-region)
    assert names("endorsed=true") == ["Dakar"]  # a pending endorsement does not count
    assert names("endorsed=false") == ["Bogotá"]


@pytest.mark.parametrize("query", ["country=XX", "region=2", "endorsed=maybe", "page_size=0"])
def test_government_list_rejects_invalid_filters(anonymous_client, query):
    response = anonymous_client.get(f"/api/v1/governments?{query}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_government_detail_counts_published_pledges_only(anonymous_client, government):
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government])
    PledgeFactory(status=PledgeStatus.PUBLISHED, kind="practice", owners=[government])
    PledgeFactory(status=PledgeStatus.SUBMITTED, owners=[government])
    endorse(government)
    body = anonymous_client.get("/api/v1/governments/dakar").json()
    assert body["published_pledges"] == 2
    assert body["published_by_kind"] == {"pledge": 1, "practice": 1}
    assert body["endorsed_on"] == "2018-12-08"
    assert body["country"] == "SEN" and body["region"] == "011"


def test_government_detail_404(anonymous_client, db):
    response = anonymous_client.get("/api/v1/governments/nowhere")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert anonymous_client.get("/api/v1/governments/no%20where").status_code == 422


# --- Endorsements -------------------------------------------------------------------------------


def test_endorsements_lists_verified_only(anonymous_client, government, other_government):
    endorse(government)
    endorse(other_government, status=EndorsementStatus.PENDING)
    endorse(LocalGovernmentFactory(), status=EndorsementStatus.REJECTED)
    body = anonymous_client.get("/api/v1/endorsements").json()
    assert body["count"] == 1
    assert body["items"][0]["government"]["slug"] == "dakar"
    assert body["items"][0]["signed_on"] == "2018-12-08"
    assert anonymous_client.get("/api/v1/endorsements?country=COL").json()["count"] == 0


# --- Forums -------------------------------------------------------------------------------------


def test_forums_with_their_figures(anonymous_client, government, other_government):
    forum = ReviewForum.objects.get(slug="imrf-2022")
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government], announced_at=forum)
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[other_government], announced_at=forum)
    PledgeFactory(status=PledgeStatus.DRAFT, owners=[government], announced_at=forum)
    forums = anonymous_client.get("/api/v1/forums").json()
    assert "imrf-2022" in [f["slug"] for f in forums]
    body = anonymous_client.get("/api/v1/forums/imrf-2022").json()
    figures = body["figures"]
    assert figures["pledges_announced"] == 2
    assert figures["governments_announcing"] == 2
    # The forum page's own figures (explore.forum_selectors.forum_figures), not a second computation.
    expected = forum_figures(forum)
    assert figures["official_sessions"] == expected.official_sessions
    assert figures["local_speakers"] == expected.local_speakers
    assert figures["convenings"] == expected.convening_count
    assert figures["endorsements_in_run_up"] == expected.endorsements_in_run_up
    assert anonymous_client.get("/api/v1/forums/nope").status_code == 404


# --- Taxonomies ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "count", "first"),
    [
        ("objectives", 27, "GCM-1"),
        ("guiding-principles", 10, "GCM-P1"),
        ("sdgs", 17, "SDG-1"),
        ("population-groups", 7, None),
        ("refugee-support-areas", None, "GCR-A1"),
        ("regions", None, "002"),
    ],
)
def test_taxonomies(anonymous_client, path, count, first):
    response = anonymous_client.get(f"/api/v1/{path}")
    assert response.status_code == 200
    items = response.json()
    if count is not None:
        assert len(items) == count
    if first is not None:
        assert items[0]["code"] == first


def test_countries(anonymous_client, db):
    items = anonymous_client.get("/api/v1/countries").json()
    senegal = next(c for c in items if c["iso3"] == "SEN")
    assert senegal["region"] == "002" and senegal["subregion"] == "011"


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ({"data": {"lang": "fr"}}, "fr"),
        ({"HTTP_ACCEPT_LANGUAGE": "es"}, "es"),
        ({"data": {"lang": "es"}, "HTTP_ACCEPT_LANGUAGE": "fr"}, "es"),  # lang= wins
        ({}, "en"),
    ],
)
def test_taxonomies_in_the_requested_language(anonymous_client, db, how, expected):
    from localcompacts.compacts.models import Objective

    objective = Objective.objects.get(code="GCM-1")
    response = anonymous_client.get("/api/v1/objectives", **how)
    assert response.json()[0]["name"] == objective.name_in(expected)
    assert response["Content-Language"] == expected
    assert "Accept-Language" in response["Vary"]


# --- Statistics ---------------------------------------------------------------------------------


def test_statistics_count_published_pledges(anonymous_client, government):
    PledgeFactory(status=PledgeStatus.PUBLISHED, owners=[government], objectives=["GCM-15"])
    PledgeFactory(
        status=PledgeStatus.PUBLISHED,
        kind="practice",
        owners=[government],
        objectives=["GCM-15", "GCR-2"],
    )
    PledgeFactory(status=PledgeStatus.DRAFT, owners=[government], objectives=["GCM-15"])
    body = anonymous_client.get("/api/v1/statistics").json()
    assert body["published"] == 2
    assert body["totals"]["pledges_published"] == 2
    by = {
        key: {row["code"]: row["count"] for row in body[key]}
        for key in ("by_kind", "by_compact", "by_objective", "by_region")
    }
    assert by["by_kind"] == {"pledge": 1, "practice": 1}
    assert by["by_compact"] == {"GCM": 2, "GCR": 1}
    assert by["by_objective"]["GCM-15"] == 2 and by["by_objective"]["GCR-2"] == 1
    assert by["by_region"]["002"] == 2
    assert sum(row["count"] for row in body["by_year"]) == 2
