import pytest
from django.core.management import call_command

from localcompacts.explore.forum_selectors import forum_figures
from localcompacts.forums.models import (
    ConveningCoHost,
    OutcomeDocument,
    ProgrammeSession,
    ReviewForum,
    Speaker,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "sessions": list(
            ProgrammeSession.objects.order_by(
                "forum__slug", "date", "start_time", "title"
            ).values_list("forum__slug", "title", "session_type", "is_official")
        ),
        "speakers": sorted(
            Speaker.objects.values_list("session__title", "name", "organisation_type")
        ),
        "announced": sorted(
            ReviewForum.objects.get(slug="imrf-2022").pledges.values_list("title", flat=True)
        ),
    }


def test_demo_imrf_2022_matches_the_public_record():
    call_command("seed_demo", governments=60, pledges=400, seed=3)
    imrf = ReviewForum.objects.get(slug="imrf-2022")
    figures = forum_figures(imrf)
    assert imrf.is_demo_data
    assert figures.official_sessions == 20
    assert figures.official_share_percent == 85
    assert figures.delegations_with_local_representative == 5
    assert figures.convening_count == 3
    cohosts = set(
        ConveningCoHost.objects.filter(convening__forum=imrf).values_list("title", flat=True)
    )
    assert {
        "President of the United Nations General Assembly",
        "Deputy Secretary-General of the United Nations",
        "European Commissioner for Home Affairs",
    } <= cohosts
    assert figures.pledges == 70
    assert ProgrammeSession.objects.filter(forum=imrf, session_type="side_event").exists()
    document = OutcomeDocument.objects.get(forum=imrf)
    assert "demo" in document.title
    assert document.drafts.count() == 2
    latest = document.drafts.order_by("sequence").last()
    assert latest.paragraphs.filter(confirmed=True).exists()
    assert "Demo text" in latest.paragraphs.get(number=1).text
    smaller = forum_figures(ReviewForum.objects.get(slug="imrf-2026"))
    assert 0 < smaller.official_sessions < figures.official_sessions


def test_demo_forums_are_deterministic_and_pledges_capped_by_what_exists():
    call_command("seed_demo", governments=10, pledges=30, seed=5)
    first = _snapshot()
    imrf = ReviewForum.objects.get(slug="imrf-2022")
    published = imrf.pledges.model.objects.filter(status="published").count()
    assert len(first["announced"]) == min(70, published)
    from .demo_helpers import wipe

    wipe()
    call_command("seed_demo", governments=10, pledges=30, seed=5)
    assert _snapshot() == first
