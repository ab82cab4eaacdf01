"""Every write about progress: rounds, reports, reviews and reminders. One transaction each."""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NotRequired, TypedDict

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from localcompacts.accounts.models import User
from localcompacts.core import audit
from localcompacts.core.caching import note_public_change
from localcompacts.core.errors import DomainError, PermissionDeniedError
from localcompacts.core.richtext import sanitize_html
from localcompacts.core.uploads import check_upload, safe_filename
from localcompacts.core.workflow import apply_transition
from localcompacts.forums.models import ReviewForum
from localcompacts.pledges.models import Pledge

from .audit import ProgressAction
from .models import (
    EvidenceLevel,
    IndicatorValue,
    ProgressAttachment,
    ProgressReport,
    ReportingRound,
    ReviewStatus,
    VerificationMethod,
)
from .permissions import can_edit_report, can_report_progress, can_verify_report
from .selectors import open_round_for

MAX_ATTACHMENTS = 5


class ReportData(TypedDict):
    """A report's own fields, as `ProgressReportForm.service_data` cleans them."""

    delivery_status: str
    discontinued_reason: str
    percent_complete: int
    narrative: str  # rich text, sanitised here
    challenges: str
    support_needed: str
    evidence_links: list[str]


class IndicatorValueData(TypedDict):
    """One measured value of one of the pledge's indicators."""

    indicator_id: int
    value: Decimal | str  # anything `Decimal(str(value))` reads; refused otherwise
    measured_on: datetime.date
    unit: NotRequired[str]  # the indicator's own unit when left out
    source: NotRequired[str]


class ProgressError(DomainError):
    """A report or round the rules refuse, with its problems by field ("__all__": the whole
    form): pages show them on the form, the API answers 422 with field errors."""

    code = "invalid"
    status = 422

    def __init__(self, errors: Mapping[str, str | list[str]]) -> None:
        super().__init__(
            "",
            errors={
                field: [problems] if isinstance(problems, str) else list(problems)
                for field, problems in errors.items()
            },
        )


def round_open(
    *,
    by: User,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    forum: ReviewForum | None = None,
    due_compact: str = "",
    due_forum: ReviewForum | None = None,
    due_kind: str = "",
) -> ReportingRound:
    if not by.is_secretariat:
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if closes_at <= opens_at:
        raise ProgressError({"closes_at": _("A round must close after it opens.")})
    with transaction.atomic():
        reporting_round = ReportingRound.objects.create(
            title=title,
            opens_at=opens_at,
            closes_at=closes_at,
            forum=forum,
            due_compact=due_compact,
            due_forum=due_forum,
            due_kind=due_kind,
            created_by=by,
        )
        audit.record(
            actor=by,
            action=ProgressAction.ROUND_OPENED,
            target=reporting_round,
            opens_at=opens_at.isoformat(),
            closes_at=closes_at.isoformat(),
        )
    return reporting_round


def _apply_values(report: ProgressReport, values: list[IndicatorValueData]) -> None:
    indicators = {indicator.pk: indicator for indicator in report.pledge.indicators.all()}
    errors: dict[str, str] = {}
    for position, item in enumerate(values):
        indicator = indicators.get(item["indicator_id"])
        if indicator is None:
            errors[f"indicator_{position}"] = _("This indicator does not belong to the pledge.")
            continue
        if (item.get("unit") or indicator.unit).strip().lower() != indicator.unit.strip().lower():
            errors[f"indicator_{indicator.pk}_unit"] = _(
                "The unit must be the indicator's unit (%(unit)s)."
            ) % {"unit": indicator.unit}
            continue
        try:
            value = Decimal(str(item["value"]))
        except Exception:  # noqa: BLE001 — any unparsable number is the person's typo
            errors[f"indicator_{indicator.pk}_value"] = _("Enter a number.")
            continue
        if not value.is_finite():
            errors[f"indicator_{indicator.pk}_value"] = _("Enter a number.")
            continue
        IndicatorValue.objects.update_or_create(
            report=report,
            indicator=indicator,
            defaults={
                "value": value,
                "unit": indicator.unit,
                "measured_on": item["measured_on"],
                "source": (item.get("source") or "")[:300],
            },
        )
    if errors:
        raise ProgressError(errors)


def _apply_attachments(report: ProgressReport, files: Sequence["File[bytes]"]) -> None:
    if report.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ProgressError(
            {"attachments": _("Up to %(n)s files per report.") % {"n": MAX_ATTACHMENTS}}
        )
    for uploaded in files:
        try:
            kind = check_upload(uploaded)
        except ValidationError as error:
            raise ProgressError({"attachments": error.messages}) from error
        name = safe_filename(uploaded.name, kind)
        attachment = ProgressAttachment(
            report=report, name=name, kind=kind.code, size=uploaded.size
        )
        attachment.file.save(name, uploaded, save=False)
        attachment.save()


def _report_fields(data: ReportData) -> dict[str, object]:
    return {
        "delivery_status": data["delivery_status"],
        "discontinued_reason": data.get("discontinued_reason", "").strip(),
        "percent_complete": data["percent_complete"],
        "narrative": sanitize_html(data["narrative"]),
        "challenges": data.get("challenges", "").strip(),
        "support_needed": data.get("support_needed", "").strip(),
        "evidence_links": "\n".join(data.get("evidence_links", [])),
    }


def report_submit(
    *,
    pledge: Pledge,
    by: User,
    data: ReportData,
    indicator_values: list[IndicatorValueData],
    files: Sequence["File[bytes]"] = (),
    now: datetime.datetime | None = None,
) -> ProgressReport:
    """File a progress report on a published pledge. Inside an open round it counts for that round;
    the form is always open. Raises ProgressError (per field) or PermissionDeniedError."""
    if not can_report_progress(by, pledge):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if (
        data["delivery_status"] == "discontinued"
        and not data.get("discontinued_reason", "").strip()
    ):
        raise ProgressError({"discontinued_reason": _("Say why the pledge was discontinued.")})
    reporting_round = open_round_for(pledge, now)
    try:
        with transaction.atomic():
            if (
                reporting_round
                and ProgressReport.objects.filter(
                    pledge=pledge, reporting_round=reporting_round
                ).exists()
            ):
                raise ProgressError(
                    {
                        "__all__": _("A report for this pledge was already filed in “%(round)s”.")
                        % {"round": reporting_round.title}
                    }
                )
            report = ProgressReport.objects.create(
                pledge=pledge,
                reporting_round=reporting_round,
                submitted_by=by,
                submitted_at=now or timezone.now(),
                **_report_fields(data),
            )
            _apply_values(report, indicator_values)
            _apply_attachments(report, files)
            _refresh_evidence_level(report)
            audit.record(
                actor=by,
                action=ProgressAction.REPORT_SUBMITTED,
                target=report,
                pledge=pledge.pk,
                round=reporting_round.pk if reporting_round else None,
            )
            from .notifications import notify_report_submitted

            notify_report_submitted(report)
    except IntegrityError:  # two tabs submitting the same round's report at once
        raise ProgressError(
            {"__all__": _("A report for this pledge was already filed in this round.")}
        ) from None
    return report


def report_correct_and_resubmit(
    *,
    report: ProgressReport,
    by: User,
    data: ReportData,
    indicator_values: list[IndicatorValueData],
    files: Sequence["File[bytes]"] = (),
) -> ProgressReport:
    if not can_edit_report(by, report):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    with transaction.atomic():
        for field, value in _report_fields(data).items():
            setattr(report, field, value)
        report.save()
        _apply_values(report, indicator_values)
        _apply_attachments(report, files)
        _refresh_evidence_level(report)
        apply_transition(report, "resubmit", by=by)
    return report


def _refresh_evidence_level(report: ProgressReport) -> None:
    level = report.derived_evidence_level()
    if level != report.evidence_level:
        report.evidence_level = level
        report.save(update_fields=["evidence_level"])
        if report.status == ReviewStatus.ACCEPTED:  # the badge visitors see changed
            note_public_change()


class VerificationError(DomainError):
    code = "verification_refused"
    status = 409


def report_verify(
    *,
    report: ProgressReport,
    by: User,
    method: str,
    note: str = "",
    now: datetime.datetime | None = None,
) -> ProgressReport:
    """A reviewer records that an accepted report was checked: who, how and when.

    Verification is not a review status: the report stays accepted (a final state of the review
    workflow) and gains or loses a level of evidence, so it is a service with its own audit
    actions rather than a transition of `progress.workflow`."""
    if not can_verify_report(by, report):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if method not in VerificationMethod.values:
        raise ProgressError({"method": _("Choose how the report was verified.")})
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReviewStatus.ACCEPTED:
            raise VerificationError(_("Only accepted reports can be verified."))
        if report.verified_at:
            raise VerificationError(_("This report is already verified."))
        report.verified_by = by
        report.verified_at = now or timezone.now()
        report.verification_method = method
        report.verification_note = note.strip()
        report.verification_withdrawn_reason = ""
        report.evidence_level = EvidenceLevel.VERIFIED
        report.save()
        audit.record(
            actor=by,
            action=ProgressAction.REPORT_VERIFIED,
            target=report,
            pledge=report.pledge_id,
            method=method,
        )
    return report


def report_verification_withdraw(
    *, report: ProgressReport, by: User, reason: str
) -> ProgressReport:
    """Withdraw a verification (a mistake, or new facts); the reason is shown and audited."""
    if not can_verify_report(by, report):
        raise PermissionDeniedError(_("You are not allowed to do this."))
    if not reason.strip():
        raise ProgressError({"reason": _("Say why the verification is withdrawn.")})
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if not report.verified_at:
            raise VerificationError(_("This report is not verified."))
        method = report.verification_method
        report.verified_by = None
        report.verified_at = None
        report.verification_method = ""
        report.verification_note = ""
        report.verification_withdrawn_reason = reason.strip()
        report.evidence_level = report.derived_evidence_level()
        report.save()
        note_public_change()  # no timestamp moves: the fingerprint must still change
        audit.record(
            actor=by,
            action=ProgressAction.REPORT_VERIFICATION_WITHDRAWN,
            target=report,
            pledge=report.pledge_id,
            method=method,
            reason=reason.strip(),
        )
    return report


def report_review(
    *, report: ProgressReport, by: User, action: str, comment: str = ""
) -> ProgressReport:
    """Accept or return a report (the shared state machine checks state and rights)."""
    apply_transition(report, action, by=by, comment=comment)
    return report


REMINDER_KINDS = ("opened", "closes_in_14_days", "closes_in_3_days", "overdue")


def reminders_due(
    reporting_round: ReportingRound, now: datetime.datetime | None = None
) -> list[str]:
    now = now or timezone.now()
    kinds = []
    if reporting_round.opens_at <= now < reporting_round.closes_at:
        kinds.append("opened")
        left = reporting_round.closes_at - now
        if left <= datetime.timedelta(days=14):
            kinds.append("closes_in_14_days")
        if left <= datetime.timedelta(days=3):
            kinds.append("closes_in_3_days")
    if now >= reporting_round.closes_at:
        kinds.append("overdue")
    return kinds


class _Recipient(TypedDict):
    user: User
    pledges: list[Pledge]  # theirs, without a report in the round


def send_round_reminders(
    *, reporting_round: ReportingRound, kind: str, key_suffix: str = ""
) -> int:
    """E-mail the focal points of pledges still without a report in the round. The outbox key makes
    each (round, kind, person) e-mail unique, so a rerun or a retried task sends nothing twice."""
    from .notifications import queue_round_reminder
    from .selectors import pledges_due

    due = pledges_due(reporting_round)
    if kind != "opened":
        due = due.exclude(progress_reports__reporting_round=reporting_round)
    recipients: dict[int, _Recipient] = {}
    for pledge in due.prefetch_related("owners__focal_points__user"):
        for government in pledge.owners.all():
            for focal_point in government.focal_points.all():
                entry = recipients.setdefault(
                    focal_point.user_id, {"user": focal_point.user, "pledges": []}
                )
                if pledge not in entry["pledges"]:
                    entry["pledges"].append(pledge)
    sent = 0
    with transaction.atomic():
        for entry in recipients.values():
            if entry["user"].is_active and queue_round_reminder(
                reporting_round=reporting_round,
                kind=kind,
                user=entry["user"],
                pledges=entry["pledges"],
                key_suffix=key_suffix,
            ):
                sent += 1
    return sent


def remind_overdue_now(*, reporting_round: ReportingRound, by: User) -> int:
    """The dashboard's one-click reminder: at most one per person and day."""
    if not by.is_secretariat:
        raise PermissionDeniedError(_("You are not allowed to do this."))
    count = send_round_reminders(
        reporting_round=reporting_round,
        kind="overdue",
        key_suffix=f"manual-{timezone.now():%Y-%m-%d}",
    )
    audit.record(
        actor=by,
        action=ProgressAction.ROUND_OVERDUE_REMINDED,
        target=reporting_round,
        recipients=count,
    )
    return count
