"""Query-count guards: lists cost a constant number of queries, whatever their length."""

from localcompacts.forums.models import ReviewForum
from localcompacts.pledges.models import PledgeStatus
from tests.factories import LocalGovernmentFactory, PledgeFactory


def test_pledge_list(anonymous_client, government, django_assert_max_num_queries):
    PledgeFactory.create_batch(25, status=PledgeStatus.PUBLISHED, owners=[government])
    with django_assert_max_num_queries(10):
        response = anonymous_client.get("/api/v1/pledges?page_size=25")
    assert len(response.json()["items"]) == 25


def test_government_list(anonymous_client, db, django_assert_max_num_queries):
    LocalGovernmentFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        response = anonymous_client.get("/api/v1/governments?page_size=30")
    assert len(response.json()["items"]) == 30


def test_taxonomies_and_forums(anonymous_client, db, django_assert_max_num_queries):
    for path in ("countries", "regions", "refugee-support-areas", "objectives"):
        with django_assert_max_num_queries(2):
            assert anonymous_client.get(f"/api/v1/{path}").status_code == 200
    # Forum figures are the forum page's own (`forum_figures`, about ten queries per forum); there
    # are a handful of review forums a year, so the list stays small.
    forums = ReviewForum.objects.count()
    with django_assert_max_num_queries(1 + 11 * forums):
        assert anonymous_client.get("/api/v1/forums").status_code == 200


def test_statistics(anonymous_client, government, django_assert_max_num_queries):
    PledgeFactory.create_batch(5, status=PledgeStatus.PUBLISHED, owners=[government])
    # pledge and progress statistics; evidence levels (by compact, objective, region) and traffic lights
    # + the home counts, a figure (core.figures) computed here the first time: read it, store it
    with django_assert_max_num_queries(28):
        assert anonymous_client.get("/api/v1/statistics").status_code == 200
