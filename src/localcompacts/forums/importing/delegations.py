"""Delegation rows: one per member of a member state's delegation."""

from django.db.models import Q
from django.utils.translation import gettext as _

from localcompacts.compacts.models import Country

from ..audit import ForumAction
from ..models import DelegationMember, NationalDelegation
from .reading import RowProblem, cell_text, governments_by_reference, parse_bool

COLUMNS = [
    "country",
    "member_name",
    "member_title",
    "organisation",
    "represents_local_government",
    "government",
]
REQUIRED = ["country", "member_name"]
RECORDED_AS = ForumAction.DELEGATIONS_IMPORTED


def describe(item: dict) -> str:
    """One imported row as the audit entry names it."""
    return f"{item['country'].iso3}: {item['name']}"


def check_rows(forum, rows, report) -> list[dict]:
    codes = {cell_text(row.get("country", "")).upper() for _n, row in rows}
    countries = {c.iso3: c for c in Country.objects.filter(Q(iso3__in=codes) | Q(iso2__in=codes))}
    countries.update({c.iso2: c for c in countries.copy().values()})
    references = {cell_text(row.get("government", "")) for _n, row in rows} - {""}
    governments = governments_by_reference(references)
    clean = []
    for number, row in rows:
        problems: list[RowProblem] = []

        def problem(column, message, number=number, problems=problems):
            problems.append(RowProblem(number, column, str(message)))

        values = {column: row.get(column, "") for column in COLUMNS}
        item = {"row": number}
        code = cell_text(values["country"]).upper()
        if not code:
            problem("country", _("This cell is required."))
        elif code not in countries:
            problem("country", _("Write the member state as an ISO 3166 alpha-3 code, e.g. SEN."))
        else:
            item["country"] = countries[code]
        item["name"] = " ".join(cell_text(values["member_name"]).split())[:200]
        if not item["name"]:
            problem("member_name", _("This cell is required."))
        item["title"] = cell_text(values["member_title"])[:200]
        item["organisation"] = cell_text(values["organisation"])[:200]
        reference = cell_text(values["government"])
        item["government"] = governments.get(reference) if reference else None
        if reference and item["government"] is None:
            problem(
                "government",
                _("No local government has the slug or external id “%(ref)s”.")
                % {"ref": reference},
            )
        try:
            item["represents"] = parse_bool(
                values["represents_local_government"], default=bool(reference)
            )
        except ValueError as error:
            problem("represents_local_government", error)
        else:
            if reference and not item["represents"]:
                problem(
                    "represents_local_government",
                    _("A member linked to a local government represents it: write yes."),
                )
        report.problems.extend(problems)
        clean.append(item)
    return clean


def apply_rows(forum, items) -> dict:
    created = {"delegations": 0, "members": 0}
    for item in items:
        delegation, made = NationalDelegation.objects.get_or_create(
            forum=forum, country=item["country"]
        )
        created["delegations"] += made
        _member, made = DelegationMember.objects.update_or_create(
            delegation=delegation,
            name=item["name"],
            defaults={
                "title": item["title"],
                "organisation": item["organisation"],
                "represents_local_government": item["represents"],
                "government": item["government"],
            },
        )
        created["members"] += made
    return created
