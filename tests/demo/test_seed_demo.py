import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings

from localcompacts.accounts.models import User
from localcompacts.governments.models import Endorsement, FocalPoint, LocalGovernment
from localcompacts.pledges.models import Indicator, Pledge, PledgeOwner, PledgeStatus

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "governments": list(
            LocalGovernment.objects.order_by("slug").values_list(
                "slug", "country__iso3", "latitude", "population"
            )
        ),
        "pledges": list(
            Pledge.objects.order_by("title", "status", "start_date").values_list(
                "title", "status", "language", "start_date", "budget", "currency"
            )
        ),
        "owners": sorted(
            PledgeOwner.objects.values_list("pledge__title", "government__slug", "is_lead")
        ),
        "objectives": sorted(
            Pledge.objectives.through.objects.values_list("pledge__title", "objective__code")
        ),
        "endorsements": list(
            Endorsement.objects.order_by("government__slug").values_list(
                "government__slug", "signed_on", "status"
            )
        ),
    }


def _wipe():
    Pledge.objects.all().delete()
    Endorsement.objects.all().delete()
    FocalPoint.objects.all().delete()
    LocalGovernment.objects.all().delete()
    User.objects.all().delete()


def test_same_seed_gives_the_same_data():
    call_command("seed_demo", governments=40, pledges=300, seed=7)
    first = _snapshot()
    _wipe()
    call_command("seed_demo", governments=40, pledges=300, seed=7)
    assert _snapshot() == first
    _wipe()
    call_command("seed_demo", governments=40, pledges=300, seed=8)
    assert _snapshot()["pledges"] != first["pledges"]


def test_seed_scales_across_chunks_and_keeps_plausible_proportions():
    call_command("seed_demo", governments=60, pledges=4500, seed=1)
    assert LocalGovernment.objects.count() == 60
    assert Pledge.objects.count() == 4500
    published = Pledge.objects.filter(status=PledgeStatus.PUBLISHED).count()
    assert 0.6 < published / 4500 < 0.85
    joint = Pledge.objects.annotate(n=Count("owners")).filter(n__gt=1).count()
    assert 0.05 < joint / 4500 < 0.15
    assert Pledge.objects.filter(matches__isnull=False).exists()
    assert set(Pledge.objects.values_list("language", flat=True)) == {"en", "fr", "es"}
    assert Indicator.objects.exists()
    # Every pledge has an owner and at least one objective.
    assert not Pledge.objects.filter(owners__isnull=True).exists()
    assert not Pledge.objects.filter(objectives__isnull=True).exists()
    # Matches point at published pledges only.
    assert (
        not Pledge.objects.filter(matches__isnull=False)
        .exclude(matches__status=PledgeStatus.PUBLISHED)
        .exists()
    )


def test_demo_accounts_are_created_with_their_roles():
    call_command("seed_demo", governments=10, pledges=20)
    roles = dict(User.objects.values_list("email", "role"))
    assert roles == {
        "admin@example.org": "secretariat",
        "reviewer@example.org": "reviewer",
        "focal@example.org": "focal_point",
        "focal2@example.org": "focal_point",
    }
    assert User.objects.get(email="focal@example.org").check_password("localcompacts-demo")
    assert FocalPoint.objects.filter(user__email="focal2@example.org").count() == 1


def test_seed_refuses_production_settings_and_a_full_database():
    with override_settings(PROFILE="production"), pytest.raises(CommandError, match="production"):
        call_command("seed_demo", governments=5, pledges=5)
    call_command("seed_demo", governments=5, pledges=5)
    with pytest.raises(CommandError, match="already has data"):
        call_command("seed_demo", governments=5, pledges=5)
    call_command("seed_demo", governments=5, pledges=5, if_empty=True)
    assert LocalGovernment.objects.count() == 5


def test_demo_progress_tells_the_story():
    """Rounds around IMRF 2022, GRF 2023, IMRF 2026 and the current cycle; most published pledges
    have an accepted report; every delivery status, review status and evidence level appears in
    a realistic share; some pledges are stale."""
    from localcompacts.core.workflow import transitions_of
    from localcompacts.progress.models import (
        DeliveryStatus,
        EvidenceLevel,
        IndicatorValue,
        ProgressAttachment,
        ProgressReport,
        ReportingRound,
        ReviewStatus,
    )
    from localcompacts.progress.selectors import progress_statistics

    call_command("seed_demo", governments=40, pledges=800, seed=3)
    assert ReportingRound.objects.count() == 4
    assert set(ReportingRound.objects.values_list("forum__slug", flat=True)) >= {
        "imrf-2022",
        "grf-2023",
        "imrf-2026",
    }
    stats = progress_statistics()
    published = stats["total"]
    with_accepted = published - stats["without_report"]
    assert with_accepted / published >= 0.8
    shares = {code: count / with_accepted for code, count in stats["by_status"].items()}
    assert 0.03 < shares[DeliveryStatus.PLANNING] < 0.2
    assert 0.15 < shares[DeliveryStatus.IN_PROGRESS] < 0.5
    assert 0.2 < shares[DeliveryStatus.FULFILLED] < 0.5
    assert 0.08 < shares[DeliveryStatus.PARTIALLY_FULFILLED] < 0.3
    assert 0.03 < shares[DeliveryStatus.DISCONTINUED] < 0.15
    assert 0.03 < stats["stale"] / published < 0.25
    assert set(ProgressReport.objects.values_list("status", flat=True)) == set(ReviewStatus.values)
    assert set(ProgressReport.objects.values_list("evidence_level", flat=True)) == set(
        EvidenceLevel.values
    )
    assert ProgressReport.objects.exclude(verification_withdrawn_reason="").exists()
    assert IndicatorValue.objects.exists() and ProgressAttachment.objects.exists()
    # Returned reports carry the reviewer's comment in the one transition log.
    returned = ProgressReport.objects.filter(status=ReviewStatus.RETURNED).first()
    assert any(step.comment for step in transitions_of(returned))
    assert all(stats["traffic_lights"].values())
