"""Programme rows: one per speaker; a session without speakers is a row with the speaker columns empty."""

from django.utils.translation import gettext as _

from ..audit import ForumAction
from ..models import OrganisationType, ProgrammeSession, SessionType, Speaker
from .reading import (
    RowProblem,
    cell_text,
    governments_by_reference,
    parse_bool,
    parse_choice,
    parse_date,
    parse_time,
    split_references,
)

COLUMNS = [
    "session_title",
    "session_type",
    "date",
    "start_time",
    "end_time",
    "official",
    "speaker_name",
    "speaker_title",
    "organisation",
    "organisation_type",
    "governments",
]
REQUIRED = ["session_title", "session_type", "date"]
RECORDED_AS = ForumAction.PROGRAMME_IMPORTED


def describe(item: dict) -> str:
    """One imported row as the audit entry names it."""
    start = f" {item['start_time']:%H:%M}" if item.get("start_time") else ""
    speaker = f" — {item['speaker_name']}" if item.get("speaker_name") else ""
    return f"{item['date']:%Y-%m-%d}{start} {item['title']}{speaker}"


def check_rows(forum, rows, report) -> list[dict]:
    references = {ref for _n, row in rows for ref in split_references(row.get("governments", ""))}
    governments = governments_by_reference(references)
    sessions: dict[tuple, tuple[int, str, bool]] = {}
    clean = []
    for number, row in rows:
        problems: list[RowProblem] = []

        def problem(column, message, number=number, problems=problems):
            problems.append(RowProblem(number, column, str(message)))

        values = {column: row.get(column, "") for column in COLUMNS}
        item = {"row": number}
        for column in REQUIRED:
            if values[column] == "":
                problem(column, _("This cell is required."))
        item["title"] = cell_text(values["session_title"])[:300]
        if values["session_type"] != "":
            try:
                item["session_type"] = parse_choice(values["session_type"], SessionType)
            except ValueError as error:
                problem("session_type", error)
        if values["date"] != "":
            try:
                item["date"] = parse_date(values["date"])
                if not forum.start_date <= item["date"] <= forum.end_date:
                    problem(
                        "date",
                        _("The date is outside the forum (%(start)s to %(end)s).")
                        % {"start": forum.start_date, "end": forum.end_date},
                    )
            except ValueError as error:
                problem("date", error)
        for column in ("start_time", "end_time"):
            try:
                item[column] = parse_time(values[column])
            except ValueError as error:
                problem(column, error)
        if (
            item.get("start_time")
            and item.get("end_time")
            and item["end_time"] < item["start_time"]
        ):
            problem("end_time", _("The session cannot end before it starts."))
        try:
            item["official"] = parse_bool(values["official"], default=True)
        except ValueError as error:
            problem("official", error)
        item["speaker_name"] = " ".join(cell_text(values["speaker_name"]).split())[:200]
        item["speaker_title"] = cell_text(values["speaker_title"])[:200]
        item["organisation"] = cell_text(values["organisation"])[:200]
        item["organisation_type"] = ""
        refs = split_references(values["governments"])
        item["governments"] = [governments[r] for r in refs if r in governments]
        for ref in refs:
            if ref not in governments:
                problem(
                    "governments",
                    _("No local government has the slug or external id “%(ref)s”.") % {"ref": ref},
                )
        speaker_details = (
            item["speaker_title"] or item["organisation"] or values["organisation_type"] or refs
        )
        if item["speaker_name"]:
            if values["organisation_type"] == "":
                problem(
                    "organisation_type", _("Say which kind of organisation the speaker is from.")
                )
            else:
                try:
                    item["organisation_type"] = parse_choice(
                        values["organisation_type"], OrganisationType
                    )
                except ValueError as error:
                    problem("organisation_type", error)
        elif speaker_details:
            problem("speaker_name", _("Name the speaker, or leave all speaker columns empty."))
        if "session_type" in item and "date" in item and "official" in item:
            key = (item["title"].casefold(), item["date"], item.get("start_time"))
            seen = sessions.setdefault(key, (number, item["session_type"], item["official"]))
            if seen[1:] != (item["session_type"], item["official"]):
                problem(
                    "session_type",
                    _("Row %(row)s describes the same session with another type or official flag.")
                    % {"row": seen[0]},
                )
        report.problems.extend(problems)
        clean.append(item)
    return clean


def apply_rows(forum, items) -> dict:
    created = {"sessions": 0, "speakers": 0}
    positions: dict[int, int] = {}
    for item in items:
        session, made = ProgrammeSession.objects.update_or_create(
            forum=forum,
            title=item["title"],
            date=item["date"],
            start_time=item["start_time"],
            defaults={
                "session_type": item["session_type"],
                "end_time": item["end_time"],
                "is_official": item["official"],
            },
        )
        created["sessions"] += made
        if not item["speaker_name"]:
            continue
        position = positions.get(session.pk, 0)
        positions[session.pk] = position + 1
        speaker, made = Speaker.objects.update_or_create(
            session=session,
            name=item["speaker_name"],
            defaults={
                "title": item["speaker_title"],
                "organisation": item["organisation"],
                "organisation_type": item["organisation_type"],
                "position": position,
            },
        )
        speaker.governments.set(item["governments"])
        created["speakers"] += made
    return created
