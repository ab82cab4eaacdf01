import pytest

from localcompacts.core.models import AuditEntry
from localcompacts.forums.audit import ForumAction
from localcompacts.forums.diffing import diff_paragraphs
from localcompacts.forums.keywords import LOCAL_GOVERNMENT_TERMS, find_local_terms
from localcompacts.forums.models import OutcomeDocument
from localcompacts.forums.selectors import forum_outcomes
from localcompacts.forums.services import (
    outcome_draft_add,
    outcome_paragraph_confirm,
    split_paragraphs,
)

from .builders import make_forum


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("We recognise the role of local governments in inclusion.", "local government*"),
        ("Local authorities provide services.", "local authorit*"),
        ("Cities welcome newcomers.", "cities"),
        ("Le rôle des collectivités locales est essentiel.", "collectivités locales"),
        ("Les villes accueillent.", "villes"),
        ("Las autoridades locales y las ciudades.", "autoridades locales"),
        ("Los gobiernos locales y regionales se comprometen.", "gobierno* local*"),
        ("ندرك دور السلطات المحلية في الإدماج.", "السلطات المحلية"),
        ("وتعمل البلديات على ذلك.", "البلديات"),
        ("我们认识到地方政府的作用。", "地方政府"),
        ("城市在融合方面发挥作用。", "城市"),
        ("Мы признаём роль местных органов власти.", "местн* орган* власти"),
        ("Органы местного самоуправления участвуют.", "орган* местного самоуправления"),
        ("Мэры городов выступили.", "мэр*"),
    ],
)
def test_terms_are_found_in_the_six_languages(text, term):
    assert term in find_local_terms(text)


@pytest.mark.parametrize(
    "text",
    [
        "States will build capacity for data collection.",  # 'city' inside 'capacity'
        "National authorities shall cooperate.",
        "Les autorités nationales coopèrent.",
        "Los Estados cooperarán.",
        "الدول الأعضاء تتعاون.",
        "会员国将合作。",
        "Государства будут сотрудничать.",
    ],
)
def test_texts_without_local_terms_are_not_marked(text):
    assert find_local_terms(text) == []


def test_the_term_list_covers_the_six_un_languages():
    assert set(LOCAL_GOVERNMENT_TERMS) == {"en", "fr", "es", "ar", "zh", "ru"}
    assert all(LOCAL_GOVERNMENT_TERMS.values())


def test_split_paragraphs_on_blank_lines():
    assert split_paragraphs("One\nline.\n\n\n  Two.  \n \nThree.") == [
        "One line.",
        "Two.",
        "Three.",
    ]


@pytest.mark.django_db
def test_drafts_are_stored_by_paragraph_marked_and_confirmed_by_an_editor(secretariat):
    document = OutcomeDocument.objects.create(forum=make_forum(), title="Progress Declaration")
    zero = outcome_draft_add(
        document=document,
        label="Zero draft",
        text="States reaffirm the Compact.\n\nCities and local authorities matter.",
        by=secretariat,
    )
    paragraphs = list(zero.paragraphs.order_by("number"))
    assert [p.number for p in paragraphs] == [1, 2]
    assert paragraphs[0].matched_terms == ""
    assert paragraphs[1].matched_terms == "local authorit*; cities"
    assert paragraphs[1].is_suggested and not paragraphs[1].mentions_local  # not yet confirmed
    outcome_paragraph_confirm(paragraph=paragraphs[1], mentions_local=True, by=secretariat)
    assert AuditEntry.objects.filter(action=ForumAction.OUTCOME_PARAGRAPH_CONFIRMED).exists()

    final = outcome_draft_add(
        document=document,
        label="Adopted",
        text=(
            "States reaffirm the Compact.\n\nCities and local authorities matter.\n\n"
            "Les collectivités locales sont partenaires."
        ),
        by=secretariat,
        is_adopted=True,
    )
    assert final.sequence == 2
    carried, new = final.paragraphs.get(number=2), final.paragraphs.get(number=3)
    assert carried.confirmed is True  # unchanged text keeps the editor's decision
    assert new.matched_terms == "collectivités locales" and new.confirmed is None


def test_diff_marks_insertions_and_deletions_and_escapes_text():
    before = ["Same paragraph.", "States will act <quickly>.", "Dropped paragraph."]
    after = ["Same paragraph.", "States and cities will act <quickly>.", "Brand new."]
    rows = diff_paragraphs(before, after)
    assert [r.status for r in rows] == ["equal", "changed", "changed"]
    assert rows[0].html == "Same paragraph."
    assert "<ins> and cities</ins>" in rows[1].html
    assert "&lt;quickly&gt;" in rows[1].html and "<quickly>" not in rows[1].html
    only_added = diff_paragraphs(["A."], ["A.", "<script>x</script>"])
    assert only_added[1].status == "inserted"
    assert only_added[1].html == "<ins>&lt;script&gt;x&lt;/script&gt;</ins>"
    only_removed = diff_paragraphs(["A.", "B."], ["A."])
    assert only_removed[1].status == "deleted" and only_removed[1].html == "<del>B.</del>"


@pytest.mark.django_db
def test_forum_outcomes_shows_the_latest_text_and_the_change_from_the_previous_draft():
    forum = make_forum()
    document = OutcomeDocument.objects.create(forum=forum, title="Declaration")
    outcome_draft_add(document=document, label="Zero", text="States act.", by=None)
    outcome_draft_add(document=document, label="Final", text="States and cities act.", by=None)
    (view,) = forum_outcomes(forum)
    assert view.latest.label == "Final" and view.previous.label == "Zero"
    assert [p.text for p in view.paragraphs] == ["States and cities act."]
    assert "<ins>" in view.diff[0].html
