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
from localcompacts.core.translation import name_fields

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


def test_every_name_exists_in_every_site_language():
    columns = name_fields()
    assert "name_zh_hans" in columns and "name_ar" in columns
    for model in (
        Objective,
        GuidingPrinciple,
        RefugeeSupportArea,
        SustainableDevelopmentGoal,
        PopulationGroup,
        Region,
        Country,
    ):
        for row in model.objects.all():
            missing = [column for column in columns if not getattr(row, column)]
            assert not missing, (model.__name__, str(row), missing)


def test_name_follows_the_active_language():
    objective = Objective.objects.get(code="GCM-15")
    with translation.override("fr"):
        assert objective.name == "Assurer l'accès des migrants aux services de base"
    with translation.override("es"):
        assert objective.name == "Proporcionar a los migrantes acceso a servicios básicos"
    with translation.override("ar"):
        assert objective.name == "توفير إمكانية حصول المهاجرين على الخدمات الأساسية"
    with translation.override("ru"):
        assert objective.name == "Предоставление мигрантам доступа к базовым услугам"
    with translation.override("zh-hans"):
        assert objective.name == "为移民提供获得基本服务的机会"
        assert Country.objects.get(iso3="EGY").name == "埃及"


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
