"""Bounces and complaints: an address that cannot or must not be mailed stops being mailed.

Two ways in, one way through:

- the e-mail provider's tracking webhook (Amazon SES, Brevo, Mailgun, Postmark, SendGrid), parsed
  by django-anymail, whose `tracking` signal arrives in `on_tracking_event`;
- a standard bounce message, a delivery status notification (RFC 3464) or an abuse report (ARF,
  RFC 5965), given to `manage.py process_bounce` (e.g. piped from the bounce mailbox).

Each hard bounce or complaint becomes a `DeliveryProblem` and goes through
`record_delivery_problem`, which adds the address to `SuppressedAddress` (the outbox skips it from
then on, see `core.email.send_outgoing`), drops its pending mail, writes an audit entry and lets
the apps above react through `DELIVERY_PROBLEM_HANDLERS` (the newsletter marks the subscriber).
Soft bounces (mailbox full, greylisting) change nothing: the provider retries them.
"""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.utils import getaddresses
from typing import Any

from django.db import transaction

from .audit import MailAction, record
from .models import OutgoingEmail, SuppressedAddress
from .registry import ExtensionPoint

# The largest bounce message `parse_bounce_message` reads (DSNs quote at most the headers or a
# part of the original message).
MAX_BOUNCE_MESSAGE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class DeliveryProblem:
    """A hard bounce or a complaint about mail sent to `email`."""

    email: str
    complaint: bool
    source: str  # who reported it: "Postmark webhook", "bounce message"…
    detail: str = ""


DeliveryProblemHandler = Callable[[DeliveryProblem, OutgoingEmail | None], None]

DELIVERY_PROBLEM_HANDLERS: ExtensionPoint[DeliveryProblemHandler] = ExtensionPoint(
    "core.delivery_problem_handlers",
    "Called in the transaction that suppresses an address, with the problem and the last mail "
    "sent to it (or None): apps above core mark their own records (newsletter subscribers).",
)


def is_suppressed(address: str) -> bool:
    return SuppressedAddress.objects.filter(email=address.strip().lower()).exists()


def record_delivery_problem(*, problem: DeliveryProblem) -> SuppressedAddress:
    """Stop mailing `problem.email`; a complaint outranks an earlier bounce. Idempotent: providers
    retry webhooks, and the same bounce may arrive by webhook and by message."""
    address = problem.email.strip().lower()
    reason: str = (
        SuppressedAddress.Reason.COMPLAINED
        if problem.complaint
        else SuppressedAddress.Reason.BOUNCED
    )
    with transaction.atomic():
        suppressed, created = SuppressedAddress.objects.select_for_update().get_or_create(
            email=address,
            defaults={"reason": reason, "source": problem.source[:60], "detail": problem.detail},
        )
        if not created:
            if suppressed.reason == SuppressedAddress.Reason.COMPLAINED:
                reason = suppressed.reason
            suppressed.reason = reason
            suppressed.source = problem.source[:60]
            suppressed.detail = problem.detail
            suppressed.save(update_fields=["reason", "source", "detail", "updated_at"])
        OutgoingEmail.objects.filter(
            to__iexact=address, status=OutgoingEmail.Status.PENDING
        ).update(
            status=OutgoingEmail.Status.SUPPRESSED, last_error=f"{reason}: {problem.source}"[:2000]
        )
        last_sent = (
            OutgoingEmail.objects.filter(to__iexact=address, status=OutgoingEmail.Status.SENT)
            .order_by("-sent_at", "-id")
            .first()
        )
        record(
            actor=None,
            action=(
                MailAction.ADDRESS_COMPLAINED
                if reason == SuppressedAddress.Reason.COMPLAINED
                else MailAction.ADDRESS_BOUNCED
            ),
            target=suppressed,
            source=problem.source,
            detail=problem.detail[:500],
            email_id=last_sent.pk if last_sent else None,
        )
        for handler in DELIVERY_PROBLEM_HANDLERS:
            handler(problem, last_sent)
    return suppressed


# --- Provider webhooks (django-anymail) -------------------------------------------------------


def _is_soft_bounce(raw: dict[str, Any]) -> bool:
    """Anymail reports some temporary failures as "bounced": tell them apart by the provider's
    own event (a soft bounce is retried by the provider and must not stop our mail)."""
    bounce = raw.get("bounce")
    return bool(
        raw.get("event") == "soft_bounce"  # Brevo
        or raw.get("Type") in ("SoftBounce", "Transient", "DnsError")  # Postmark
        or raw.get("type") == "blocked"  # SendGrid: a temporary block, not a bad address
        or (isinstance(bounce, dict) and bounce.get("bounceType") in ("Transient", "Undetermined"))
    )


def problem_from_tracking_event(event: Any, esp_name: str) -> DeliveryProblem | None:
    """The hard bounce or complaint in an anymail `AnymailTrackingEvent`, or None."""
    if not event.recipient:
        return None
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    detail = " ".join(part for part in (event.description, event.mta_response) if part).strip()
    source = f"{esp_name} webhook"
    if event.event_type == "complained":
        return DeliveryProblem(event.recipient, complaint=True, source=source, detail=detail)
    if event.event_type == "bounced" and not _is_soft_bounce(raw):
        return DeliveryProblem(event.recipient, complaint=False, source=source, detail=detail)
    if event.event_type == "rejected" and event.reject_reason in ("bounced", "invalid"):
        # The provider refused to send to an address it already knows is dead.
        return DeliveryProblem(event.recipient, complaint=False, source=source, detail=detail)
    return None


def on_tracking_event(sender, event, esp_name, **kwargs) -> None:
    """Receiver of anymail's `tracking` signal (connected in `CoreConfig.ready`)."""
    problem = problem_from_tracking_event(event, esp_name)
    if problem is not None:
        record_delivery_problem(problem=problem)


# --- Standard bounce messages (RFC 3464 DSN, RFC 5965 ARF) ------------------------------------

_STATUS = re.compile(r"^\s*([245])\.\d{1,3}\.\d{1,3}")


def _address(value: str) -> str:
    """`rfc822; jane@example.org` → `jane@example.org`."""
    value = value.split(";", 1)[-1].strip()
    addresses = [addr for _name, addr in getaddresses([value]) if "@" in addr]
    return addresses[0].lower() if addresses else ""


def _field_blocks(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the email package splits delivery-status into blocks
        return [block for block in payload if isinstance(block, Message)]
    text = payload if isinstance(payload, str) else str(payload)
    blocks = [email.message_from_string(block.strip() + "\n") for block in text.split("\n\n")]
    return [block for block in blocks if block.keys()]


def _original_recipients(report: Message) -> list[str]:
    """The To of the message quoted in a report (message/rfc822 or text/rfc822-headers)."""
    for part in report.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) else payload
            recipients = inner.get_all("To", []) if isinstance(inner, Message) else []
            if recipients:
                return [a.lower() for _n, a in getaddresses(recipients) if "@" in a]
        if part.get_content_type() == "text/rfc822-headers":
            payload = part.get_payload(decode=True)
            text = payload.decode(errors="replace") if isinstance(payload, bytes) else ""
            headers = email.message_from_string(text)
            return [a.lower() for _n, a in getaddresses(headers.get_all("To", [])) if "@" in a]
    return []


def parse_bounce_message(raw: bytes) -> list[DeliveryProblem]:
    """The hard bounces and complaints a DSN or ARF report states; [] for anything else (an
    out-of-office reply, a delayed-delivery notice, a message that is not a report)."""
    if len(raw) > MAX_BOUNCE_MESSAGE_BYTES:
        raise ValueError(f"bounce message larger than {MAX_BOUNCE_MESSAGE_BYTES} bytes")
    # compat32: the parser splits message/delivery-status into one Message per field block.
    message = email.message_from_bytes(raw, policy=policy.compat32)
    if message.get_content_type() != "multipart/report":
        return []
    report_type = str(message.get_param("report-type") or "").lower()
    problems: list[DeliveryProblem] = []
    if report_type == "delivery-status":
        for part in message.walk():
            if part.get_content_type() != "message/delivery-status":
                continue
            for block in _field_blocks(part)[1:]:  # the first block is about the reporting MTA
                action = (block.get("Action") or "").strip().lower()
                status = _STATUS.match(block.get("Status") or "")
                recipient = _address(block.get("Final-Recipient") or "") or _address(
                    block.get("Original-Recipient") or ""
                )
                if action == "failed" and status and status.group(1) == "5" and recipient:
                    detail = " ".join(
                        (block.get("Status") or "", block.get("Diagnostic-Code") or "")
                    ).strip()
                    problems.append(
                        DeliveryProblem(
                            recipient, complaint=False, source="bounce message", detail=detail
                        )
                    )
    elif report_type == "feedback-report":
        for part in message.walk():
            if part.get_content_type() != "message/feedback-report":
                continue
            fields = _field_blocks(part)
            feedback_type = next(
                (
                    b.get("Feedback-Type", "").strip().lower()
                    for b in fields
                    if b.get("Feedback-Type")
                ),
                "",
            )
            if feedback_type not in ("abuse", "fraud", "virus", "other", ""):
                continue
            recipients = [
                _address(value)
                for block in fields
                for value in block.get_all("Original-Rcpt-To", [])
            ] or _original_recipients(message)
            for recipient in filter(None, recipients):
                problems.append(
                    DeliveryProblem(
                        recipient,
                        complaint=True,
                        source="complaint report",
                        detail=f"Feedback-Type: {feedback_type or 'abuse'}",
                    )
                )
    return problems
