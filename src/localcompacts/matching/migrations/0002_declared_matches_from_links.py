"""Each existing "matches" link between two published pledges becomes a confirmed partnership of
kind "declared" (the worker keeps them in step from now on, see `services.sync_declared_match`)."""

from django.db import migrations
from django.utils import timezone


def links_to_matches(apps, schema_editor):
    Pledge = apps.get_model("pledges", "Pledge")
    Match = apps.get_model("matching", "Match")
    now = timezone.now()
    links = Pledge.objects.filter(
        matches__isnull=False, status="published", matches__status="published"
    ).values_list("pk", "matches_id", "published_at")
    Match.objects.bulk_create(
        [
            Match(
                kind="declared",
                status="confirmed",
                first_pledge_id=pledge_id,
                second_pledge_id=matched_id,
                first_answer="accepted",
                second_answer="accepted",
                score=1.0,
                confirmed_at=published_at or now,
                created_at=now,
                updated_at=now,
            )
            for pledge_id, matched_id, published_at in links.iterator(chunk_size=2000)
            if pledge_id != matched_id
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


def matches_to_nothing(apps, schema_editor):
    apps.get_model("matching", "Match").objects.filter(kind="declared").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_needs_offers_and_matches"),
        ("pledges", "0005_rename_pledge_audit_actions"),
    ]

    operations = [migrations.RunPython(links_to_matches, matches_to_nothing)]
