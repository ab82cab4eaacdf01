import datetime

from localcompacts.pledges.quality import QualityInput, quality_issues

GOOD = QualityInput(
    description_text="x " * 200,
    end_date=datetime.date(2028, 1, 1),
    measurable_indicators=1,
    population_groups=2,
    place="Whole city",
)


def codes(**changes):
    data = QualityInput(**{**GOOD.__dict__, **changes})
    return [issue.code for issue in quality_issues(data)]


def test_a_trackable_pledge_has_no_issue():
    assert codes() == []


def test_each_gap_is_named_in_plain_words():
    assert codes(measurable_indicators=0) == ["no_indicator"]
    assert codes(end_date=None) == ["no_end_date"]
    assert codes(population_groups=0) == ["no_population_group"]
    assert codes(place="   ") == ["no_place"]
    assert codes(description_text="We will help.") == ["vague_description"]
    issues = quality_issues(
        QualityInput(
            description_text="",
            end_date=None,
            measurable_indicators=0,
            population_groups=0,
            place="",
        )
    )
    assert len(issues) == 5
    assert all(str(issue.message) for issue in issues)
