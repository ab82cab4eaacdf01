"""Fill the taxonomy tables from the shipped reference data (used by migrations)."""

import csv
import gettext
from pathlib import Path
from typing import Any

import pycountry

from .data import taxonomies as ref

DATA_DIR = Path(__file__).resolve().parent / "data"


# pycountry's (iso-codes') catalogue for each column suffix that differs from its own name.
PYCOUNTRY_LOCALES = {"zh_hans": "zh_CN"}


def _translated_country_names(
    iso_names: dict[str, str], suffixes=("fr", "es")
) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {}
    for language in suffixes:
        catalogue: gettext.NullTranslations
        try:
            catalogue = gettext.translation(
                "iso3166-1",
                pycountry.LOCALES_DIR,
                languages=[PYCOUNTRY_LOCALES.get(language, language)],
            )
        except OSError:
            catalogue = gettext.NullTranslations()
        names[language] = {iso3: catalogue.gettext(name) for iso3, name in iso_names.items()}
    return names


def load_taxonomies(apps) -> None:
    Objective = apps.get_model("compacts", "Objective")
    GuidingPrinciple = apps.get_model("compacts", "GuidingPrinciple")
    RefugeeSupportArea = apps.get_model("compacts", "RefugeeSupportArea")
    SustainableDevelopmentGoal = apps.get_model("compacts", "SustainableDevelopmentGoal")
    PopulationGroup = apps.get_model("compacts", "PopulationGroup")
    Region = apps.get_model("compacts", "Region")
    Country = apps.get_model("compacts", "Country")

    for number, en, fr, es in ref.GCM_OBJECTIVES:
        Objective.objects.update_or_create(
            code=f"GCM-{number}",
            defaults={
                "compact": "GCM",
                "number": number,
                "name_en": en,
                "name_fr": fr,
                "name_es": es,
            },
        )
    for number, en, fr, es in ref.GCR_OBJECTIVES:
        Objective.objects.update_or_create(
            code=f"GCR-{number}",
            defaults={
                "compact": "GCR",
                "number": number,
                "name_en": en,
                "name_fr": fr,
                "name_es": es,
            },
        )
    for number, en, fr, es in ref.GCM_GUIDING_PRINCIPLES:
        GuidingPrinciple.objects.update_or_create(
            code=f"GCM-P{number}",
            defaults={"number": number, "name_en": en, "name_fr": fr, "name_es": es},
        )
    for position, (code, parent, en, fr, es) in enumerate(ref.GCR_AREAS, start=1):
        RefugeeSupportArea.objects.update_or_create(
            code=code,
            defaults={
                "parent": RefugeeSupportArea.objects.get(code=parent) if parent else None,
                "position": position,
                "name_en": en,
                "name_fr": fr,
                "name_es": es,
            },
        )
    for number, en, fr, es in ref.SDGS:
        SustainableDevelopmentGoal.objects.update_or_create(
            code=f"SDG-{number}",
            defaults={"number": number, "name_en": en, "name_fr": fr, "name_es": es},
        )
    for position, (code, en, fr, es) in enumerate(ref.POPULATION_GROUPS, start=1):
        PopulationGroup.objects.update_or_create(
            code=code,
            defaults={"position": position, "name_en": en, "name_fr": fr, "name_es": es},
        )
    # Historical models (from `apps`), so their rows are typed Any.
    regions: dict[str | None, Any] = {}
    for code, parent, en, fr, es in ref.M49_REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code,
            defaults={
                "parent": regions.get(parent),
                "name_en": en,
                "name_fr": fr,
                "name_es": es,
            },
        )

    with open(DATA_DIR / "m49_countries.csv", encoding="utf-8") as handle:
        subregion_of = {row["iso3"]: row["m49_subregion"] for row in csv.DictReader(handle)}
    countries = list(pycountry.countries)
    english = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in countries}
    translated = _translated_country_names({c.alpha_3: c.name for c in countries})
    for country in countries:
        subregion = regions.get(subregion_of.get(country.alpha_3, ""))
        Country.objects.update_or_create(
            iso3=country.alpha_3,
            defaults={
                "iso2": country.alpha_2,
                "m49": country.numeric,
                "name_en": english[country.alpha_3],
                "name_fr": translated["fr"][country.alpha_3],
                "name_es": translated["es"][country.alpha_3],
                "subregion": subregion,
                "region": subregion.parent if subregion else None,
            },
        )


UN_SUFFIXES = ("ar", "ru", "zh_hans")  # the order of the tuples in data/taxonomies_un.py


def load_un_language_names(apps) -> None:
    """Fill the Arabic, Russian and Chinese name columns (added by compacts 0003)."""
    from .data import taxonomies_un as un

    def fill(model_name: str, names: dict, code_of) -> None:
        model = apps.get_model("compacts", model_name)
        for key, translated in names.items():
            model.objects.filter(code=code_of(key)).update(
                **{
                    f"name_{suffix}": name
                    for suffix, name in zip(UN_SUFFIXES, translated, strict=True)
                }
            )

    fill("Objective", un.GCM_OBJECTIVES, lambda number: f"GCM-{number}")
    fill("Objective", un.GCR_OBJECTIVES, lambda number: f"GCR-{number}")
    fill("GuidingPrinciple", un.GCM_GUIDING_PRINCIPLES, lambda number: f"GCM-P{number}")
    fill("RefugeeSupportArea", un.GCR_AREAS, str)
    fill("SustainableDevelopmentGoal", un.SDGS, lambda number: f"SDG-{number}")
    fill("PopulationGroup", un.POPULATION_GROUPS, str)
    fill("Region", un.M49_REGIONS, str)

    Country = apps.get_model("compacts", "Country")
    countries = {c.alpha_3: c.name for c in pycountry.countries}
    translated = _translated_country_names(countries, UN_SUFFIXES)
    for country in Country.objects.all():
        Country.objects.filter(pk=country.pk).update(
            **{
                f"name_{suffix}": translated[suffix].get(country.iso3, country.name_en)
                for suffix in UN_SUFFIXES
            }
        )
