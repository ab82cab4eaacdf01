from django.db import migrations

PARTNERS = [
    ("MMC", "Mayors Migration Council", "https://www.mayorsmigrationcouncil.org"),
    ("UCLG", "United Cities and Local Governments", "https://www.uclg.org"),
    ("IOM", "International Organization for Migration (UN Migration)", "https://www.iom.int"),
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees", "https://www.unhcr.org"),
]


def load(apps, schema_editor):
    PartnerOrganisation = apps.get_model("accounts", "PartnerOrganisation")
    for acronym, name, website in PARTNERS:
        PartnerOrganisation.objects.update_or_create(
            acronym=acronym, defaults={"name": name, "website": website}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
