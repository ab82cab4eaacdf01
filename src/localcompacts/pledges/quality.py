"""What makes a pledge hard to track, in plain words. The author sees it before submitting; the
reviewer sees the same list. `quality_issues()` is pure; `pledge_quality()` gathers its input."""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from localcompacts.core.richtext import plain_text, sanitize_html

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MIN_DESCRIPTION_CHARS = 300
MAX_DESCRIPTION_CHARS = 5000


@dataclass(frozen=True)
class QualityInput:
    description_text: str
    end_date: datetime.date | None
    measurable_indicators: int
    population_groups: int
    place: str


@dataclass(frozen=True)
class QualityIssue:
    code: str
    message: "StrOrPromise"


MESSAGES = {
    "no_indicator": _(
        "No measurable indicator: add at least one with a unit and a target, so progress can be counted."
    ),
    "no_end_date": _("No end date: say by when the pledge will be delivered."),
    "no_population_group": _("No population group: say who benefits (migrants, refugees…)."),
    "no_place": _("No place: say where it happens (the whole territory, a district…)."),
    "vague_description": _(
        "The description is very short: explain what will be done, by whom and how (at least 300 characters)."
    ),
}


def quality_issues(data: QualityInput) -> list[QualityIssue]:
    found = []
    if data.measurable_indicators < 1:
        found.append("no_indicator")
    if data.end_date is None:
        found.append("no_end_date")
    if data.population_groups < 1:
        found.append("no_population_group")
    if not data.place.strip():
        found.append("no_place")
    if len(" ".join(data.description_text.split())) < MIN_DESCRIPTION_CHARS:
        found.append("vague_description")
    return [QualityIssue(code, MESSAGES[code]) for code in found]


def pledge_quality(pledge, *, indicators=None, population_groups=None) -> list[QualityIssue]:
    """The checklist for one pledge; pass counts already annotated to avoid queries in lists."""
    return quality_issues(
        _input(pledge, indicators=indicators, population_groups=population_groups)
    )


def _input(pledge, *, indicators=None, population_groups=None) -> QualityInput:
    if indicators is None:
        indicators = sum(1 for i in pledge.indicators.all() if i.unit and i.target is not None)
    if population_groups is None:
        population_groups = len(pledge.population_groups.all())
    return QualityInput(
        description_text=plain_text(pledge.description),
        end_date=pledge.end_date,
        measurable_indicators=indicators,
        population_groups=population_groups,
        place=pledge.place,
    )


def quality_while_typing(pledge, data) -> list[QualityIssue]:
    """The checklist for the saved pledge with what the editor's current step holds (unsaved).

    `data` is the step's form data; anything malformed simply counts as missing."""
    from dataclasses import replace

    current = _input(pledge)
    changes: dict[str, Any] = {}
    if "description" in data:
        changes["description_text"] = plain_text(sanitize_html(data.get("description", "")))
    if "place" in data:
        changes["place"] = data.get("place", "")
        changes["population_groups"] = len(data.getlist("population_groups"))
    if "end_date" in data:
        try:
            changes["end_date"] = datetime.date.fromisoformat(data.get("end_date", ""))
        except ValueError:
            changes["end_date"] = None
    if "indicators-TOTAL_FORMS" in data:
        rows = 0
        for number in range(20):
            prefix = f"indicators-{number}-"
            if all(data.get(prefix + name, "").strip() for name in ("name", "unit", "target")):
                rows += 1
        changes["measurable_indicators"] = rows
    return quality_issues(replace(current, **changes))


def submission_problems(pledge) -> list[tuple[str, str]]:
    """What must be fixed before a pledge can be submitted, as (editor step, message) pairs.

    Unlike the quality checklist, these block submission."""
    problems = []
    if not pledge.title.strip():
        problems.append(("basics", gettext("Give the pledge a title.")))
    if not pledge.summary.strip():
        problems.append(("basics", gettext("Write a short summary.")))
    length = len(plain_text(pledge.description))
    if not MIN_DESCRIPTION_CHARS <= length <= MAX_DESCRIPTION_CHARS:
        problems.append(
            (
                "basics",
                gettext("The description must have between %(min)s and %(max)s characters.")
                % {"min": MIN_DESCRIPTION_CHARS, "max": MAX_DESCRIPTION_CHARS},
            )
        )
    if not pledge.objectives.exists() and not pledge.refugee_support_areas.exists():
        problems.append(
            (
                "alignment",
                gettext("Choose at least one GCM or GCR objective or GCR area in need of support."),
            )
        )
    return problems


def not_ready_reason(pledge) -> str | None:
    problems = submission_problems(pledge)
    if not problems:
        return None
    return gettext("The pledge is not complete yet: %(problems)s") % {
        "problems": " ".join(message for _step, message in problems)
    }
