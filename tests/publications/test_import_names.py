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
