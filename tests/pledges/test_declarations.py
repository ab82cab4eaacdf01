"""Facets, status groups and languages are declared once; the rest is derived from the declaration."""

from django.conf import settings

from localcompacts.api.routers.pledges import CatalogueFilters
from localcompacts.core import content_languages, languages
from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.facets import CATALOGUE_FACETS, catalogue_facet_declarations
from localcompacts.pledges.models import Pledge, public_q


def test_the_api_query_schema_and_the_page_parameters_come_from_the_facets():
    names = [facet.name for facet in catalogue_facet_declarations()]
    assert list(CatalogueFilters.model_fields) == ["q", *names, "sort"]
    assert CatalogueQuery.parameters() == tuple(names)
    assert "progress" in CATALOGUE_FACETS  # registered by progress, after pledges' own
    assert names[-1] == "progress"


def test_public_means_the_workflow_public_group():
    assert str(Pledge.objects.public().query) == str(Pledge.objects.filter(public_q()).query)
    assert "published" in str(Pledge.objects.public().query)


def test_languages_feed_settings_and_choices():
    assert [code for code, _name in settings.LANGUAGES] == list(languages.CODES)
    # content is written in any ISO 639-1 language, the site's own among them
    text_languages = dict(Pledge._meta.get_field("language").choices)
    assert set(text_languages) == set(content_languages.CODES)
    # the site's own among them, by their ISO 639-1 code (Chinese is "zh", whatever its script)
    assert {code.split("-")[0] for code in languages.CODES} <= set(text_languages)
    assert settings.LANGUAGE_CODE == languages.DEFAULT_LANGUAGE
