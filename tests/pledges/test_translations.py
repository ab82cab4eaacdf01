"""Content in any language (issue 15, item 6): ISO 639-1 text languages with their direction,
owners' translations edited with the pledge and shown to readers of that language."""

import pytest
from django.urls import reverse
from django.utils import translation

from localcompacts.core import content_languages
from localcompacts.pledges.models import Pledge, PledgeStatus, PledgeTranslation
from localcompacts.pledges.services import pledge_start_revision

from ..factories import PledgeFactory
from .helpers import DESCRIPTION, draft  # noqa: F401


def test_content_languages_are_every_iso_639_1_language_with_its_direction():
    assert len(content_languages.CODES) == 184
    assert {"pt", "tr", "de", "am", "ar", "zh", "he"} <= set(content_languages.CODES)
    assert {code for code in content_languages.CODES if content_languages.direction(code) == "rtl"} == {
        "ar", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"
    }  # fmt: skip
    with translation.override("fr"):
        assert content_languages.name("ar") == "Arabe"


def _post_basics(client, pledge, **extra):
    data = {
        "kind": "pledge",
        "title": pledge.title,
        "summary": pledge.summary,
        "description": pledge.description,
        "language": "pt",
        "pledge_type": "policy",
        "translations-TOTAL_FORMS": "2",
        "translations-INITIAL_FORMS": "0",
        "translations-0-language": "fr",
        "translations-0-title": "Centre d’accueil de Dakar",
        "translations-0-summary": "Un guichet unique.",
        "translations-1-language": "ar",
        "translations-1-title": "مركز استقبال داكار",
        "stay": "1",
    }
    data.update(extra)
    return client.post(reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "basics"}), data)


def test_owners_add_translations_in_the_first_step(focal_point_client, government):
    pledge = PledgeFactory(owners=[government], title="Centro de acolhimento", language="pt")
    page = focal_point_client.get(
        reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "basics"})
    )
    assert 'name="translations-0-language"' in page.content.decode()
    response = _post_basics(focal_point_client, pledge)
    assert response.status_code == 302, response.context and response.context["translations"].errors
    assert dict(pledge.translations.values_list("language", "title")) == {
        "fr": "Centre d’accueil de Dakar",
        "ar": "مركز استقبال داكار",
    }
    pledge.refresh_from_db()
    assert pledge.language == "pt"
    # a language twice, or the text's own language, is refused and the input kept
    response = _post_basics(
        focal_point_client,
        pledge,
        **{"translations-1-language": "fr", "translations-1-title": "Bis"},
    )
    assert response.status_code == 400
    assert "Bis" in response.content.decode()
    response = _post_basics(focal_point_client, pledge, **{"translations-0-language": "pt"})
    assert response.status_code == 400


def test_catalogue_and_page_show_the_readers_language_marked_as_translation(
    anonymous_client, government
):
    pledge = PledgeFactory(
        owners=[government],
        status=PledgeStatus.PUBLISHED,
        title="خطة القاهرة للترحيب",
        summary="ملخص قصير",
        language="ar",
    )
    PledgeTranslation.objects.create(
        pledge=pledge, language="fr", title="Plan d’accueil du Caire", summary="Un court résumé."
    )
    with translation.override("en"):
        html = anonymous_client.get(reverse("pledges:catalogue")).content.decode()
    assert 'lang="ar" dir="rtl">خطة القاهرة للترحيب' in html
    with translation.override("fr"):  # the French pages: /fr/…
        html = anonymous_client.get(reverse("pledges:catalogue")).content.decode()
        assert 'lang="fr" dir="ltr">Plan d’accueil du Caire' in html
        html = anonymous_client.get(pledge.get_absolute_url()).content.decode()
    assert 'lang="fr" dir="ltr">Plan d’accueil du Caire</h1>' in html
    assert 'href="#original"' in html
    assert '<p lang="ar" dir="rtl"><strong>خطة القاهرة للترحيب</strong></p>' in html


def test_translations_go_through_review_with_a_revision(
    focal_point_client, focal_point, government
):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED, title="Welcome")
    PledgeTranslation.objects.create(pledge=pledge, language="es", title="Bienvenida")
    revision = pledge_start_revision(pledge=pledge, by=focal_point)
    assert list(revision.translations.values_list("language", "title")) == [("es", "Bienvenida")]
    response = _post_basics(focal_point_client, revision, language="en")
    assert response.status_code == 302
    # the published pledge keeps its translations until reviewers publish the revision
    assert list(pledge.translations.values_list("language", flat=True)) == ["es"]
    from localcompacts.pledges.services.revisions import apply_revision

    apply_revision(revision=Pledge.objects.get(pk=revision.pk))
    assert sorted(pledge.translations.values_list("language", flat=True)) == ["ar", "fr"]


@pytest.mark.parametrize("code", ["xx", "eng", ""])
def test_an_unknown_text_language_is_refused(code):
    from django.core.exceptions import ValidationError

    field = Pledge._meta.get_field("language")
    with pytest.raises(ValidationError):
        field.clean(code, None)
