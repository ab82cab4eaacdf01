"""E-mail through the outbox: queue in the caller's transaction, send on the worker, at most once.

    queue_email(key="pledge-published:42:7", to=user.email, language=user.preferred_language,
                template="pledges/email/published", context={...})

renders `<template>.subject.txt`, `<template>.txt` and, if it exists, `<template>.html` in the
recipient's language, stores an `OutgoingEmail` and, after commit, enqueues `deliver_email`.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail, SuppressedAddress

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def render_email(*, template: str, context: dict, language: str) -> tuple[str, str, str]:
    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html: str
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = ""
    return subject, text, html


def queue_email(
    *, key: str, to: str, template: str, context: dict, language: str = "en", headers=None
) -> OutgoingEmail | None:
    """Store the message and send it after commit; returns None if `key` was already queued."""
    subject, text, html = render_email(template=template, context=context, language=language)
    try:
        with transaction.atomic():
            message = OutgoingEmail.objects.create(
                key=key[:200],
                to=to,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                headers=headers or {},
                language=language,
            )
    except IntegrityError:
        return None
    from .tasks import deliver_email

    transaction.on_commit(lambda: deliver_email.enqueue(message.pk))
    return message


def stable_message_id(message: OutgoingEmail) -> str:
    """One Message-ID per outbox message, the same on every attempt: if a worker is killed after
    the mail server accepted a message but before the outbox recorded it, the retry carries the
    same id, so mail clients (and the scale-out benchmark) recognise the copy."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localcompacts.org"
    return f"<outbox-{message.pk}-{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def send_outgoing(message_id: int) -> bool:
    """Send one queued message unless it was already sent. Returns True when it was sent now."""
    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutgoingEmail.Status.PENDING:
            return False
        if SuppressedAddress.objects.filter(email=message.to.strip().lower()).exists():
            # The address bounced for good or complained (core.bounces): never mail it again.
            message.status = OutgoingEmail.Status.SUPPRESSED
            message.save(update_fields=["status"])
            return False
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers={"Message-ID": stable_message_id(message), **message.headers},
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        message.attempts += 1
        try:
            email.send()
        except Exception as error:  # noqa: BLE001 — any transport failure is retried later
            message.last_error = str(error)[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutgoingEmail.Status.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            logger.warning("e-mail %s failed (attempt %s): %s", message.pk, message.attempts, error)
            return False
        message.status = OutgoingEmail.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at"])
        return True
