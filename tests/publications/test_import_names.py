"""Import what people have: columns named in any shipped language, values given as names or
codes, governments named in a pledge row matched by name and country or created by the import."""

import pytest

from localcompacts.governments.models import LocalGovernment
from localcompacts.pledges.models import Pledge
from localcompacts.publications.exchange.importing import check_table, read_rows
from localcompacts.publications.exchange.matching import apply_mapping, propose_mapping
from localcompacts.publications.exchange.services import import_table

pytestmark = pytest.mark.django_db

CITY_ACTIONS = (
    "Ville,Pays,Titre de l'action,Objectifs,Population groups,Partners,Start date\n"
    "Dakar,Senegal,Guichet d'accueil,\"Assurer l'accès des migrants aux services de base\","
    '"Host communities; réfugiés","Croix-Rouge, section de Dakar; UNHCR",2025-01-01\n'
    "Thiès,Sénégal,Cours de langue,Objective 16,Migrants,,\n"
)


def mapped_rows(text: str):
    rows = read_rows(text.encode(), extension="csv")
    mapping = propose_mapping(list(rows[0][1]), remembered={})
    return mapping, apply_mapping(rows, mapping)


def test_columns_named_in_french_and_english_are_proposed_as_fields():
    mapping, _rows = mapped_rows(CITY_ACTIONS)
    assert mapping == {
        "ville": "owners",
        "pays": "country",
        "titre de l'action": "",  # not a label: the person maps it by hand
        "objectifs": "objectives",
        "population groups": "population_groups",
        "partners": "partners",
        "start date": "start_date",
    }
    remembered = propose_mapping(["titre de l'action"], remembered={"titre de l'action": "title"})
    assert remembered == {"titre de l'action": "title"}


def test_names_in_any_language_and_governments_by_name_and_country(government, secretariat):
    mapping, rows = mapped_rows(CITY_ACTIONS)
    mapping["titre de l'action"] = "title"
    from localcompacts.publications.exchange.matching import apply_mapping as remap

    rows = remap(read_rows(CITY_ACTIONS.encode(), extension="csv"), mapping)
    preview = import_table(
        table=check_table("pledges", rows), state="draft", by=secretariat, dry_run=True
    )
    assert preview.ok, preview.problems
    assert preview.governments_created == ["Thiès"]
    first = preview.preview[0]
    assert first["owners"] == [("Dakar", False)]
    assert first["objectives"] == ["GCM-15"]
    assert first["population_groups"] == ["host-communities", "refugees"]
    assert first["partners"] == ["Croix-Rouge, section de Dakar", "UNHCR"]
    assert preview.preview[1]["owners"] == [("Thiès", True)]
    assert preview.preview[1]["objectives"] == ["GCM-16"]
    assert not Pledge.objects.exists() and not LocalGovernment.objects.filter(name="Thiès").exists()

    done = import_table(
        table=check_table("pledges", rows), state="draft", by=secretariat, dry_run=False
    )
    assert done.ok and done.created == 2
    thies = LocalGovernment.objects.get(name="Thiès")
    assert thies.country.iso3 == "SEN"
    assert Pledge.objects.get(title="Cours de langue").ownerships.get().government == thies
    # The same file again updates the same pledges (ids derived from owner and title).
    again = import_table(
        table=check_table(
            "pledges", remap(read_rows(CITY_ACTIONS.encode(), extension="csv"), mapping)
        ),
        state="draft",
        by=secretariat,
        dry_run=False,
    )
    assert again.ok and again.created == 0 and again.updated == 2
    assert LocalGovernment.objects.filter(name="Thiès").count() == 1


def test_an_unknown_name_without_a_country_is_a_clear_problem(government, secretariat):
    text = "title,owners,population_groups\nA desk,Nowhere City,aliens\n"
    table = check_table("pledges", read_rows(text.encode(), extension="csv"))
    messages = {(p.column, p.message) for p in table.problems}
    assert (
        "owners",
        "Unknown government “Nowhere City”. Give its id or name, or a country column to create it.",
    ) in messages
    assert ("population_groups", "Unknown code or name “aliens”.") in messages


def test_the_upload_page_maps_columns_previews_and_imports_without_javascript(
    government, admin_client, media_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from localcompacts.core.models import AuditEntry

    url = reverse("publications:import")
    upload = SimpleUploadedFile("actions.csv", CITY_ACTIONS.encode())
    page = admin_client.post(
        url, {"kind": "pledges", "state": "draft", "dry_run": "on", "file": upload}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Match the columns of your file to the fields" in html
    form = page.context["mapping_form"]
    data = {"upload": form.initial["upload"], "state": "draft", "dry_run": "on"}
    for index in range(len(form.columns)):
        data[f"column_{index}"] = form.fields[f"column_{index}"].initial
    # The title column is not proposed: without it the form says which field is missing.
    refused = admin_client.post(url, data)
    assert refused.status_code == 400
    assert "Choose the column that holds “Title”." in refused.content.decode()
    data[f"column_{form.columns.index('titre de l' + chr(39) + 'action')}"] = "title"
    checked = admin_client.post(url, data)
    assert checked.status_code == 200, checked.context["result"].problems
    html = checked.content.decode()
    assert "The first rows as they will be stored" in html
    assert "Thiès <strong>(new: will be created)</strong>" in html
    assert not Pledge.objects.exists()
    del data["dry_run"]
    done = admin_client.post(url, data)
    assert done.status_code == 200
    assert Pledge.objects.count() == 2
    assert AuditEntry.objects.filter(action="import_mapping.saved").exists()
    # The next file with the same column names gets the remembered choice.
    again = admin_client.post(
        url,
        {
            "kind": "pledges",
            "state": "draft",
            "file": SimpleUploadedFile("a.csv", CITY_ACTIONS.encode()),
        },
    )
    mapping = again.context["mapping_form"]
    assert (
        mapping.fields[f"column_{mapping.columns.index('titre de l' + chr(39) + 'action')}"].initial
        == "title"
    )


def test_abandoned_pending_imports_are_forgotten_after_a_day(settings, tmp_path, db):
    """A file kept for the mapping step that nobody imported is deleted by the periodic task."""
    import datetime
    import os

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from localcompacts.publications.tasks import forget_abandoned_imports

    settings.MEDIA_ROOT = tmp_path / "media"
    old = default_storage.save("imports/pending/old.csv", ContentFile(b"title\n"))
    fresh = default_storage.save("imports/pending/fresh.csv", ContentFile(b"title\n"))
    two_days_ago = (datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    assert forget_abandoned_imports.call() == 1
    assert not default_storage.exists(old) and default_storage.exists(fresh)
