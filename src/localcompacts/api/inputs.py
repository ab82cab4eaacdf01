"""What the partner API accepts (request bodies of the write operations).

The types here only say what JSON is well-formed; the rules (lengths, required fields, dates in
order, currencies, indicator rows…) are the web editor's forms, applied by the routers.
"""

import datetime
from typing import TYPE_CHECKING, Annotated, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from localcompacts.publications.exchange.services import IMPORT_STATES

from .schemas import ContentLanguage

# The workflow states an imported pledge may enter, as the data exchange declares them (a Literal
# built at run time, which pydantic checks; to the type checker it is a string).
if TYPE_CHECKING:
    ImportState = str
else:
    ImportState = Literal[tuple(str(state) for state in IMPORT_STATES)]

Code = Annotated[str, StringConstraints(min_length=1, max_length=40)]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]{1,220}$")]
Text = Annotated[str, StringConstraints(max_length=20000)]
Decimal = Annotated[str, StringConstraints(pattern=r"^-?[0-9]{1,16}(\.[0-9]{1,2})?$")]


class IndicatorIn(Schema):
    name: Annotated[str, StringConstraints(max_length=200)]
    unit: Annotated[str, StringConstraints(max_length=50)] = ""
    baseline: Decimal | None = Field(None, description="Decimal as a string; 0 when left out.")
    target: Decimal | None = Field(None, description="Decimal as a string.")
    target_date: datetime.date | None = None


class PledgeFieldsIn(Schema):
    """Fields of a draft, grouped as the editor's steps. Leave a field out to keep its value."""

    kind: Literal["pledge", "practice"] | None = None
    title: Annotated[str, StringConstraints(max_length=200)] | None = None
    summary: Annotated[str, StringConstraints(max_length=600)] | None = None
    description: Text | None = Field(None, description="HTML; sanitised on saving.")
    language: ContentLanguage | None = None
    pledge_type: Literal["financial", "technical", "policy", "process", ""] | None = None
    objectives: list[Code] | None = Field(None, max_length=50, examples=[["GCM-15"]])
    refugee_support_areas: list[Code] | None = Field(None, max_length=50)
    guiding_principles: list[Code] | None = Field(None, max_length=50)
    sdgs: list[Code] | None = Field(None, max_length=20)
    population_groups: list[Code] | None = Field(None, max_length=50)
    place: Annotated[str, StringConstraints(max_length=200)] | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    budget: Decimal | None = Field(None, description="Decimal as a string, in `currency`.")
    currency: Annotated[str, StringConstraints(max_length=3)] | None = None
    indicators: list[IndicatorIn] | None = Field(
        None, max_length=20, description="Replaces all indicators (at most 20)."
    )
    partners: list[Annotated[str, StringConstraints(max_length=300)]] | None = Field(
        None, max_length=100
    )
    co_owners: list[Slug] | None = Field(
        None, max_length=50, description="Slugs of co-owning governments (joint pledge)."
    )
    matches: int | None = Field(None, ge=1, le=2_147_483_647)


class PledgeCreateIn(PledgeFieldsIn):
    government: Slug = Field(description="Slug of the government you act for (the lead owner).")
    title: Annotated[str, StringConstraints(max_length=200)]
    summary: Annotated[str, StringConstraints(max_length=600)]
    description: Text


class PledgeTransitionIn(Schema):
    action: Literal[
        "submit", "resubmit", "withdraw", "start_review", "request_changes", "publish", "decline"
    ]
    comment: Annotated[str, StringConstraints(max_length=5000)] = Field(
        "", description="Required for request_changes and decline."
    )


class IndicatorValueIn(Schema):
    indicator_id: int = Field(ge=1, le=2_147_483_647)
    value: Decimal
    unit: Annotated[str, StringConstraints(max_length=50)] = ""
    measured_on: datetime.date
    source: Annotated[str, StringConstraints(max_length=300)] = ""


class ProgressReportIn(Schema):
    delivery_status: Literal[
        "planning", "in_progress", "fulfilled", "partially_fulfilled", "discontinued"
    ]
    discontinued_reason: Annotated[str, StringConstraints(max_length=2000)] = ""
    percent_complete: int = Field(ge=0, le=100)
    narrative: Text = Field(description="HTML, at least 20 characters of text; sanitised.")
    challenges: Annotated[str, StringConstraints(max_length=5000)] = ""
    support_needed: Annotated[str, StringConstraints(max_length=5000)] = ""
    evidence_links: list[Annotated[str, StringConstraints(max_length=1000)]] = Field(
        default_factory=list, max_length=20
    )
    indicator_values: list[IndicatorValueIn] = Field(default_factory=list, max_length=20)


class ReportReviewIn(Schema):
    action: Literal["accept", "return"]
    comment: Annotated[str, StringConstraints(max_length=5000)] = Field(
        "", description="Required when returning a report."
    )


CellText = Annotated[str, StringConstraints(max_length=20000, pattern=r"^[^\x00]*$")]
Cell = CellText | int | float | bool | list[CellText] | None
Column = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]


class GovernmentRowsIn(Schema):
    rows: list[dict[Column, Cell]] = Field(
        min_length=1,
        max_length=5000,
        description="One object per government, keyed by the import columns (see docs/data-exchange.md).",
    )


class PledgeRowsIn(Schema):
    state: ImportState = Field(
        "draft", description="Workflow state of NEW pledges; existing ones keep theirs."
    )
    rows: list[dict[Column, Cell]] = Field(
        min_length=1,
        max_length=5000,
        description="One object per pledge, keyed by the import columns; lists for code columns.",
    )
