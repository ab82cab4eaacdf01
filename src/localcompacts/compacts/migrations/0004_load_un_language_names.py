from django.db import migrations


def load(apps, schema_editor):
    from localcompacts.compacts.loading import load_un_language_names

    load_un_language_names(apps)


class Migration(migrations.Migration):
    dependencies = [("compacts", "0003_site_languages_ar_ru_zh_hans")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
