"""Search across scripts, on SQLite and PostgreSQL alike (issue 15, item 7): accents ignored,
Chinese words found inside titles, Arabic and Cyrillic words, and owners' translations."""

import pytest

from localcompacts.pledges.catalogue import CatalogueQuery
from localcompacts.pledges.models import PledgeStatus, PledgeTranslation
from localcompacts.pledges.selectors import pledge_catalogue

from ..factories import PledgeFactory

TITLES = {
    "arabic": "خطة القاهرة لإدماج المهاجرين",
    "chinese": "城市移民融合计划",
    "cyrillic": "Москва: центр для мигрантов",
    "montreal": "Welcome centre in Montréal",
    "sao_paulo": "Housing in São Paulo",
    "da_nang": "Đà Nẵng language classes",
    "lodz": "Łódź night shelter",
    "plain": "Montreal jobs fair",
}


@pytest.fixture
def pledges(government):
    return {
        key: PledgeFactory(
            owners=[government],
            status=PledgeStatus.PUBLISHED,
            title=title,
            summary="A short summary.",
            description="<p>Nothing else.</p>",
        )
        for key, title in TITLES.items()
    }


def _found(q: str, **params) -> set[str]:
    return {pledge.title for pledge in pledge_catalogue(CatalogueQuery(q=q, **params))}


@pytest.mark.parametrize(
    ("q", "keys"),
    [
        ("montreal", {"montreal", "plain"}),
        ("Montréal", {"montreal", "plain"}),
        ("MONTRÉAL", {"montreal", "plain"}),
        ("sao paulo", {"sao_paulo"}),
        ("São Paulo", {"sao_paulo"}),
        ("da nang", {"da_nang"}),
        ("Đà Nẵng", {"da_nang"}),
        ("lodz", {"lodz"}),
        ("москва", {"cyrillic"}),
        ("МОСКВА мигрант", {"cyrillic"}),  # a word prefix, any case
        ("المهاجرين", {"arabic"}),
        ("القاهرة", {"arabic"}),
        ("移民", {"chinese"}),  # two characters inside a title: shorter than a trigram
        ("移民融合", {"chinese"}),  # four: through the trigram index
        ("融合 计划", {"chinese"}),
        ("移民 montreal", set()),  # every word must be found
        ("難民", set()),
    ],
)
def test_words_in_every_script_are_found(pledges, q, keys):
    assert _found(q) == {TITLES[key] for key in keys}


def test_relevance_order_works_with_words_of_every_kind(pledges):
    for q in ("移民", "montreal", "移民融合", "москва"):
        assert _found(q, sort="relevance")


def test_translations_are_searched_and_follow_their_changes(pledges):
    pledge = pledges["plain"]
    translation = PledgeTranslation.objects.create(
        pledge=pledge, language="fr", title="Salon de l’emploi à Montréal pour les réfugiés"
    )
    PledgeTranslation.objects.create(pledge=pledge, language="zh", title="蒙特利尔难民就业博览会")
    assert _found("refugies") == {pledge.title}
    assert _found("难民") == {pledge.title}
    assert _found("难民就业") == {pledge.title}
    translation.title = "Salon de l’emploi"
    translation.save()
    assert _found("refugies") == set()
    translation.delete()
    assert _found("salon") == set()


def test_a_changed_title_is_found_by_its_new_words_only(pledges):
    pledge = pledges["chinese"]
    pledge.title = "难民住房"
    pledge.save()
    assert _found("移民融合") == set() and _found("移民") == set()
    assert _found("难民住房") == {"难民住房"} and _found("住房") == {"难民住房"}
    pledge.delete()
    assert _found("住房") == set()
