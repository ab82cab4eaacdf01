"""Names in any script import and get readable transliterated slugs (issue 15, item 8)."""

import pytest
from django.urls import reverse

from localcompacts.governments.models import FormerSlug, LocalGovernment
from localcompacts.pledges.models import Pledge
from localcompacts.publications.exchange.importing import check_table, read_rows
from localcompacts.publications.exchange.services import import_table

from ..factories import LocalGovernmentFactory, PledgeFactory

NAMES = "name,country\nالقاهرة,EGY\nМосква,RUS\nĐà Nẵng,VNM\n北京,CHN\nSão Paulo,BRA\n"


def _import(text: str, by):
    table = check_table("governments", read_rows(text.encode(), extension="csv"))
    return import_table(table=table, state="draft", by=by, dry_run=False)


def test_governments_named_in_any_script_import_with_transliterated_slugs(secretariat):
    result = _import(NAMES, secretariat)
    assert result.ok, result.problems
    slugs = dict(LocalGovernment.objects.values_list("name", "slug"))
    assert slugs == {
        "القاهرة": "lqhr",
        "Москва": "moskva",
        "Đà Nẵng": "da-nang",
        "北京": "bei-jing",
        "São Paulo": "sao-paulo",
    }


def test_a_name_without_letters_asks_for_a_slug_and_is_not_a_duplicate_of_another(secretariat):
    result = _import("name,country\n★,SEN\n☆,SEN\n", secretariat)
    assert {(p.row, p.column) for p in result.problems} == {(2, "slug"), (3, "slug")}


def test_same_transliteration_for_two_governments_with_their_own_ids_gets_a_free_slug(
    secretariat,
):
    result = _import("external_id,name,country\nA,San José,CRI\nB,San Jose,USA\n", secretariat)
    assert result.ok, result.problems
    assert sorted(LocalGovernment.objects.values_list("slug", flat=True)) == [
        "san-jose",
        "san-jose-2",
    ]


def test_same_name_twice_without_ids_is_still_one_government(secretariat):
    result = _import("name,country\nМосква,RUS\nМосква,RUS\n", secretariat)
    assert [(p.row, p.column) for p in result.problems] == [(3, "external_id")]


def test_pledge_page_address_is_transliterated_and_old_addresses_redirect(
    anonymous_client, government
):
    pledge = PledgeFactory(title="Москва: центр для мигрантов", status="published")
    pledge.owners.add(government)
    assert pledge.get_absolute_url() == reverse(
        "pledges:detail", kwargs={"pk": pledge.pk, "slug": "moskva-tsentr-dlia-migrantov"}
    )
    assert anonymous_client.get(pledge.get_absolute_url()).status_code == 200
    old = reverse("pledges:detail", kwargs={"pk": pledge.pk, "slug": "pledge"})
    response = anonymous_client.get(old)
    assert response.status_code == 301 and response["Location"] == pledge.get_absolute_url()
    assert Pledge.objects.get(pk=pledge.pk).slug != "pledge"


@pytest.mark.parametrize(
    ("title", "slug"), [("القاهرة", "lqhr"), ("北京", "bei-jing"), ("Đà Nẵng", "da-nang")]
)
def test_every_pledge_has_a_readable_slug(db, title, slug):
    assert PledgeFactory.build(title=title).slug == slug


def test_a_changed_government_slug_redirects_from_the_old_address(anonymous_client, admin_client):
    government = LocalGovernmentFactory(name="Đà Nẵng", slug="a-nang")
    from localcompacts.governments.services import government_keep_former_slug

    government.slug = "da-nang"
    government.save()
    government_keep_former_slug(government=government, old_slug="a-nang")
    assert FormerSlug.objects.filter(slug="a-nang", government=government).exists()
    response = anonymous_client.get(reverse("governments:detail", kwargs={"slug": "a-nang"}))
    assert response.status_code == 301
    assert response["Location"] == reverse("governments:detail", kwargs={"slug": "da-nang"})
    missing = anonymous_client.get(reverse("governments:detail", kwargs={"slug": "nowhere"}))
    assert missing.status_code == 404


def test_the_data_migration_transliterates_lossy_and_empty_slugs_and_keeps_chosen_ones(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "localcompacts.governments.migrations.0004_transliterate_slugs"
    )
    lossy = LocalGovernmentFactory(name="Đà Nẵng", slug="a-nang-vn")
    chosen = LocalGovernmentFactory(name="Москва", slug="moscow")
    empty = LocalGovernmentFactory(name="北京", slug="")
    migration.transliterate(apps, None)
    lossy.refresh_from_db(), chosen.refresh_from_db(), empty.refresh_from_db()
    assert (lossy.slug, chosen.slug, empty.slug) == ("da-nang-vn", "moscow", "bei-jing")
    assert list(FormerSlug.objects.values_list("slug", flat=True)) == ["a-nang-vn"]
