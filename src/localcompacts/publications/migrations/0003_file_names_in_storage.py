"""Editions' PDFs are now named by their storage name ("publications/<key>.pdf"), not by the file's
name in a local folder: existing rows get the folder in front (the files themselves stay where
they are, which is that folder of the default storage)."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat


def forwards(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    Publication.objects.exclude(file_name="").exclude(file_name__contains="/").update(
        file_name=Concat(Value("publications/"), "file_name")
    )


def backwards(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    for publication in Publication.objects.filter(file_name__startswith="publications/"):
        publication.file_name = publication.file_name.removeprefix("publications/")
        publication.save(update_fields=["file_name"])


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_language_code_fits_zh_hans")]
    operations = [migrations.RunPython(forwards, backwards)]
