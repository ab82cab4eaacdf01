import pytest
from django.utils import translation

from localcompacts.compacts.models import (
    Country,
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    Region,
    SustainableDevelopmentGoal,
)

pytestmark = pytest.mark.django_db


def test_migrations_load_every_taxonomy_with_the_un_counts():
    assert Objective.objects.filter(compact="GCM").count() == 23
    assert GuidingPrinciple.objects.count() == 10
    assert Objective.objects.filter(compact="GCR").count() == 4
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert PopulationGroup.objects.count() == 7
    # Three groups of areas in need of support: 1 + (1 + 10) + (1 + 5).
    assert RefugeeSupportArea.objects.filter(parent__isnull=True).count() == 3
    assert RefugeeSupportArea.objects.count() == 18


def test_codes_are_the_uns():
    assert list(Objective.objects.filter(compact="GCM").values_list("code", flat=True)) == [
        f"GCM-{n}" for n in range(1, 24)
    ]
    assert (
        Objective.objects.get(code="GCM-15").name_en
        == "Provide access to basic services for migrants"
    )
    assert Objective.objects.get(code="GCR-2").name_en == "Enhance refugee self-reliance"
    assert (
        SustainableDevelopmentGoal.objects.get(code="SDG-11").name_en
        == "Sustainable cities and communities"
    )


def test_every_name_exists_in_english_french_and_spanish():
    for model in (
        Objective,
        GuidingPrinciple,
        RefugeeSupportArea,
        SustainableDevelopmentGoal,
        PopulationGroup,
        Region,
    ):
        for row in model.objects.all():
            assert row.name_en and row.name_fr and row.name_es, (model.__name__, row.code)


def test_name_follows_the_active_language():
    objective = Objective.objects.get(code="GCM-15")
    with translation.override("fr"):
        assert objective.name == "Assurer l'accès des migrants aux services de base"
    with translation.override("es"):
        assert objective.name == "Proporcionar a los migrantes acceso a servicios básicos"


def test_countries_come_from_iso_3166_and_sit_in_m49_regions():
    assert Country.objects.count() >= 249
    senegal = Country.objects.get(iso3="SEN")
    assert (senegal.iso2, senegal.m49) == ("SN", "686")
    assert senegal.subregion.code == "011" and senegal.region.code == "002"
    assert Country.objects.get(iso3="COL").subregion.name_en == "South America"
    # Only Antarctica lies outside every M49 region.
    assert list(Country.objects.filter(region__isnull=True).values_list("iso3", flat=True)) == [
        "ATA"
    ]
    assert Country.objects.get(iso3="FRA").name_fr == "France"
    assert Region.objects.filter(parent__isnull=True).count() == 5
