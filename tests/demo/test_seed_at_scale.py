"""What the fast seed path must keep: the matcher's own suggestions, a few shared evidence files in
the site's storage, ids that continue after the seed, and a bound on the noise at large sizes."""

import random

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from localcompacts.demo import rows
from localcompacts.demo.matching import seed_needs_offers
from localcompacts.demo.seed import seed_demo
from localcompacts.matching import suggestions
from localcompacts.matching.models import Match, MatchKind, NeedOffer
from localcompacts.pledges.models import Pledge
from localcompacts.progress.models import ProgressAttachment, ProgressReport

pytestmark = pytest.mark.django_db

MATCH_FIELDS = (
    "need_id",
    "offer_id",
    "first_pledge_id",
    "first_partner_id",
    "second_pledge_id",
    "second_partner_id",
    "score",
    "reasons",
    "need_rank",
    "offer_rank",
)


def test_suggestions_worked_out_in_memory_are_the_matchers():
    """The seed's in-memory suggestions equal what `suggest_for_items` writes when run over the
    same items in batches of 500, needs first (more than two batches here)."""
    seed_demo(governments=40, pledges=900, seed=11, matching=False)
    seed_needs_offers(rng=random.Random(5), share=1.0, suggest=True)
    suggested = Match.objects.filter(kind=MatchKind.SUGGESTED)
    in_memory = list(suggested.order_by("pk").values_list(*MATCH_FIELDS))
    assert NeedOffer.objects.count() > 1000 and len(in_memory) > 1000

    suggested.delete()
    ids = list(NeedOffer.objects.order_by("direction", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        suggestions.suggest_for_items(ids[start : start + 500])

    assert list(suggested.order_by("pk").values_list(*MATCH_FIELDS)) == in_memory


def test_noise_is_capped_and_the_clusters_stay():
    seed_demo(governments=20, pledges=300, seed=2, matching=False)
    planted = seed_needs_offers(rng=random.Random(1), most=10, clusters=3)
    noisy = NeedOffer.objects.exclude(
        pk__in=[pk for c in planted["clusters"] for s in c.values() for pk in s]
    )
    assert noisy.filter(pledge__isnull=False).values("pledge").distinct().count() <= 10
    assert len(planted["clusters"]) == 3


def test_evidence_is_a_few_stored_files_and_ids_continue_after_the_seed():
    call_command("seed_demo", governments=20, pledges=400, seed=4)
    files = set(ProgressAttachment.objects.values_list("file", "kind"))
    assert 1 < len(files) <= 3
    assert all(default_storage.exists(name) for name, _kind in files)
    assert {kind for _name, kind in files} <= {"pdf", "png"}

    largest = Pledge.objects.order_by("-pk").values_list("pk", flat=True).first()
    pledge = Pledge.objects.create(title="After the seed", summary="A new pledge.")
    assert pledge.pk > largest
    report = ProgressReport.objects.create(
        pledge=pledge, delivery_status="planning", percent_complete=0
    )
    assert report.pk > ProgressReport.objects.exclude(pk=report.pk).order_by("-pk")[0].pk


def test_inserter_names_the_columns_left_without_a_value():
    with pytest.raises(ValueError, match="title"):
        rows.Inserter(Pledge, ["id", "summary"])
