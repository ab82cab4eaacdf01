import datetime

from django.db import migrations

FORUMS = [
    ("grf-2019", "Global Refugee Forum 2019", "grf", (2019, 12, 17), (2019, 12, 18), "Geneva"),
    ("imrf-2022", "International Migration Review Forum 2022", "imrf", (2022, 5, 17), (2022, 5, 20),
     "United Nations Headquarters, New York"),
    ("grf-2023", "Global Refugee Forum 2023", "grf", (2023, 12, 13), (2023, 12, 15), "Geneva"),
    ("imrf-2026", "International Migration Review Forum 2026", "imrf", (2026, 5, 5), (2026, 5, 8),
     "United Nations Headquarters, New York"),
    ("grf-2027", "Global Refugee Forum 2027", "grf", (2027, 12, 1), (2027, 12, 3), "Geneva"),
]


def load(apps, schema_editor):
    ReviewForum = apps.get_model("forums", "ReviewForum")
    for slug, name, kind, start, end, place in FORUMS:
        ReviewForum.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "start_date": datetime.date(*start),
                "end_date": datetime.date(*end),
                "place": place,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
