"""The public profile of a local government."""

import datetime

from django.urls import reverse

from localcompacts.governments.models import Endorsement, EndorsementStatus
from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory


def test_profile_shows_endorsement_pledges_practices_figures_and_map(government, anonymous_client):
    Endorsement.objects.create(
        government=government,
        signatory_name="Barthélémy Dias",
        signatory_title="Mayor",
        signed_on=datetime.date(2018, 12, 10),
        status=EndorsementStatus.VERIFIED,
    )
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Public pledge")
    PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        kind="practice",
        title="Public practice",
        objectives=["GCM-15", "GCR-2"],
    )
    PledgeFactory(owners=[government], status=PledgeStatus.SUBMITTED, title="Hidden draft")
    html = anonymous_client.get(
        reverse("governments:detail", kwargs={"slug": "dakar"})
    ).content.decode()
    assert "Barthélémy Dias" in html
    assert "Public pledge" in html and "Public practice" in html and "Hidden draft" not in html
    assert "GCM-15 · " in html and "GCR-2 · " in html
    assert ">2</td>" in html  # GCM-15: both published ones, not the draft
    # a small map of the region around Dakar, not the whole world
    assert "world-110m.svg" not in html and 'class="world-map regional-map"' in html
    svg = html[html.index('<svg class="world-map regional-map"') : html.index("</svg>")]
    assert 500 < len(svg) < 40_000
    assert 'viewBox="142.56 63.31 40 24"' in svg  # Dakar: 14.7° N, 17.4° W, at the centre


def test_profile_runs_constant_queries(government, anonymous_client, django_assert_max_num_queries):
    PledgeFactory.create_batch(8, owners=[government], status=PledgeStatus.PUBLISHED)
    with django_assert_max_num_queries(26):
        anonymous_client.get(reverse("governments:detail", kwargs={"slug": "dakar"}))
