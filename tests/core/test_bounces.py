"""Bounces and complaints stop our mail: provider webhooks (real payload samples from
django-anymail's own test suite and the providers' documentation) and standard bounce messages."""

import base64
import hashlib
import hmac
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from localcompacts.core.audit import MailAction
from localcompacts.core.email import send_outgoing
from localcompacts.core.models import AuditEntry, OutgoingEmail, SuppressedAddress
from localcompacts.newsletter.models import Delivery, DeliveryStatus, SubscriberStatus

from ..newsletter.conftest import subscribe_and_confirm

pytestmark = pytest.mark.django_db

SECRET = "provider:s3cret-webhook-password"
MAILGUN_KEY = "TEST_WEBHOOK_SIGNING_KEY"
AUTH = {"Authorization": "Basic " + base64.b64encode(SECRET.encode()).decode()}


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_KEY}


def _mailgun_signed(data: dict) -> dict:
    """Mailgun signs timestamp + token with the webhook signing key (HMAC-SHA256)."""
    timestamp, token = "1534110422", "1234567890abcdef1234567890abcdef"
    signature = hmac.new(MAILGUN_KEY.encode(), f"{timestamp}{token}".encode(), hashlib.sha256)
    return {
        **data,
        "signature": {"timestamp": timestamp, "token": token, "signature": signature.hexdigest()},
    }


def _ses(notification: dict) -> tuple[str, dict]:
    """Amazon SES posts through SNS: the SES notification is a JSON string inside."""
    message = {
        "Type": "Notification",
        "MessageId": "19ba9823-d7f2-53c1-860e-cb10e0d13dfc",
        "Message": json.dumps(notification) + "\n",
        "Timestamp": "2018-03-26T17:58:59.675Z",
    }
    headers = {
        "x-amz-sns-message-id": message["MessageId"],
        "x-amz-sns-message-type": "Notification",
    }
    return json.dumps(message), headers


SES_BOUNCE = {
    "notificationType": "Bounce",
    "bounce": {
        "bounceType": "Permanent",
        "bounceSubType": "General",
        "reportingMTA": "dns; email.example.com",
        "bouncedRecipients": [
            {
                "emailAddress": "jane@example.com",
                "status": "5.1.1",
                "action": "failed",
                "diagnosticCode": "smtp; 550 5.1.1 <jane@example.com>... User unknown",
            }
        ],
        "timestamp": "2016-01-27T14:59:44.101Z",
        "feedbackId": "00000138111222aa-44455566-cccc-cccc-cccc-ddddaaaa068a-000000",
    },
    "mail": {
        "timestamp": "2016-01-27T14:59:38.237Z",
        "source": "john@example.com",
        "messageId": "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000",
        "destination": ["jane@example.com"],
    },
}
SES_COMPLAINT = {
    "notificationType": "Complaint",
    "complaint": {
        "userAgent": "AnyCompany Feedback Loop (V0.01)",
        "complainedRecipients": [{"emailAddress": "richard@example.com"}],
        "complaintFeedbackType": "abuse",
    },
    "mail": {
        "messageId": "000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000",
        "destination": ["richard@example.com"],
    },
}

# (provider, payload, extra headers, address, complaint?)
WEBHOOK_SAMPLES = [
    ("amazon_ses", *_ses(SES_BOUNCE), "jane@example.com", False),
    ("amazon_ses", *_ses(SES_COMPLAINT), "richard@example.com", True),
    (
        "postmark",
        json.dumps(
            {
                "RecordType": "Bounce",
                "ID": 901542550,
                "Type": "HardBounce",
                "TypeCode": 1,
                "ServerID": 23,
                "Name": "Hard bounce",
                "MessageID": "2706ee8a-737c-4285-b032-ccd317af53ed",
                "Description": "The server was unable to deliver your message"
                " (ex: unknown user, mailbox not found).",
                "Details": "smtp;550 5.1.1 The email account that you tried to reach"
                " does not exist.",
                "Email": "bounce@example.com",
                "From": "sender@example.com",
                "BouncedAt": "2016-04-27T16:28:50.3963933-04:00",
                "DumpAvailable": True,
                "Inactive": True,
                "CanActivate": True,
                "Subject": "Postmark event test",
            }
        ),
        {},
        "bounce@example.com",
        False,
    ),
    (
        "postmark",
        json.dumps(
            {
                "RecordType": "SpamComplaint",
                "ID": 901542550,
                "Type": "SpamComplaint",
                "TypeCode": 512,
                "Name": "Spam complaint",
                "MessageID": "2706ee8a-737c-4285-b032-ccd317af53ed",
                "ServerID": 1234,
                "Description": "",
                "Details": "Test spam complaint details",
                "Email": "spam@example.com",
                "From": "sender@example.com",
                "BouncedAt": "2016-04-27T16:28:50.3963933-04:00",
                "Inactive": True,
                "CanActivate": False,
                "Subject": "Postmark event test",
            }
        ),
        {},
        "spam@example.com",
        True,
    ),
    (
        "sendgrid",
        json.dumps(
            [
                {
                    "ip": "167.89.17.173",
                    "status": "5.1.1",
                    "smtp-id": "<wrfRRvF7Q0GgwUo2CvDmEA@ismtpd0006p1sjc2.sendgrid.net>",
                    "sg_event_id": "lC0Rc-FuQmKbnxCWxX1jRQ",
                    "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
                    "sg_message_id": "Lli-03HcQ5-JLybO9fXsJg.filter0077p1las1.21536.5717FC482.0",
                    "tls": 1,
                    "event": "bounce",
                    "email": "noreply@example.com",
                    "timestamp": 1461095250,
                    "type": "bounce",
                }
            ]
        ),
        {},
        "noreply@example.com",
        False,
    ),
    (
        "sendgrid",
        json.dumps(
            [
                {  # SendGrid's event webhook reference, "spamreport"
                    "email": "example@test.com",
                    "timestamp": 1513299569,
                    "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
                    "event": "spamreport",
                    "category": "cat facts",
                    "sg_event_id": "sg_event_id",
                    "sg_message_id": "sg_message_id",
                }
            ]
        ),
        {},
        "example@test.com",
        True,
    ),
    (
        "brevo",
        json.dumps(
            {
                "event": "hard_bounce",
                "email": "not-a-user@example.com",
                "ts_epoch": 1520363423000,
                "message-id": "<201803011158.9876543210@smtp-relay.mailin.fr>",
                "reason": " RecipientError: 550 5.5.0"
                " Requested action not taken: mailbox unavailable.",
                "tag": "header-tag",
            }
        ),
        {},
        "not-a-user@example.com",
        False,
    ),
    (
        "brevo",
        json.dumps(
            {
                "event": "spam",
                "email": "recipient@example.com",
                "ts_epoch": 1520363423000,
                "message-id": "<201803011158.9876543210@smtp-relay.mailin.fr>",
            }
        ),
        {},
        "recipient@example.com",
        True,
    ),
    (
        "mailgun",
        json.dumps(
            _mailgun_signed(
                {
                    "event-data": {
                        "event": "failed",
                        "severity": "permanent",
                        "reason": "bounce",
                        "recipient": "invalid@example.com",
                        "timestamp": 1534110422.389832,
                        "log-level": "error",
                        "message": {
                            "headers": {
                                "to": "invalid@example.com",
                                "message-id": "20180812214658.1.0DF563D0B3597700@example.org",
                                "from": "Test Sender ",
                            }
                        },
                        "delivery-status": {
                            "attempt-no": 1,
                            "description": "",
                            "code": 550,
                            "message": "5.1.1 The email account that you tried to reach"
                            " does not exist.",
                        },
                    }
                }
            )
        ),
        {},
        "invalid@example.com",
        False,
    ),
    (
        "mailgun",
        json.dumps(
            _mailgun_signed(
                {
                    "event-data": {
                        "event": "complained",
                        "id": "ncV2XwymRUKbPek_MIM-Gw",
                        "timestamp": 1377214260.049634,
                        "log-level": "warn",
                        "recipient": "recipient@example.com",
                        "message": {
                            "headers": {
                                "to": "foo@recipient.com",
                                "message-id": "20130718032413.263EE2E0926@example.org",
                                "from": "Sender Name <sender@example.org>",
                                "subject": "We are not spammer",
                            }
                        },
                    }
                }
            )
        ),
        {},
        "recipient@example.com",
        True,
    ),
]


def _post(client, provider, body, headers, auth=True):
    url = reverse(f"email_webhooks:{provider}_tracking")
    return client.post(
        url,
        data=body,
        content_type="text/plain" if provider == "amazon_ses" else "application/json",
        headers={**headers, **(AUTH if auth else {})},
    )


@pytest.mark.parametrize(
    ("provider", "body", "headers", "address", "complaint"),
    WEBHOOK_SAMPLES,
    ids=[f"{s[0]}-{'complaint' if s[4] else 'bounce'}" for s in WEBHOOK_SAMPLES],
)
def test_provider_webhooks_suppress_the_address(
    client, provider, body, headers, address, complaint
):
    response = _post(client, provider, body, headers)
    assert response.status_code == 200, response.content
    suppressed = SuppressedAddress.objects.get(email=address)
    assert suppressed.reason == ("complained" if complaint else "bounced")
    action = MailAction.ADDRESS_COMPLAINED if complaint else MailAction.ADDRESS_BOUNCED
    assert AuditEntry.objects.filter(action=action, target_id=str(suppressed.pk)).count() == 1
    # Providers retry webhooks: the same event again changes nothing.
    assert _post(client, provider, body, headers).status_code == 200
    assert SuppressedAddress.objects.filter(email=address).count() == 1


def test_webhooks_refuse_wrong_credentials_and_answer_404_unconfigured(client, settings):
    provider, body, headers, address, _complaint = WEBHOOK_SAMPLES[2]  # Postmark bounce
    assert _post(client, provider, body, headers, auth=False).status_code == 400
    wrong = {"Authorization": "Basic " + base64.b64encode(b"provider:guess").decode()}
    assert _post(client, provider, body, {**headers, **wrong}, auth=False).status_code == 400
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    assert _post(client, provider, body, headers).status_code == 404
    assert not SuppressedAddress.objects.exists()


def test_a_soft_bounce_changes_nothing(client):
    soft = json.dumps(
        {
            "event": "soft_bounce",
            "email": "full-mailbox@example.com",
            "ts_epoch": 1520363423000,
            "message-id": "<201803011158.9876543210@smtp-relay.mailin.fr>",
            "reason": "452 4.2.2 Mailbox full",
        }
    )
    assert _post(client, "brevo", soft, {}).status_code == 200
    transient = dict(SES_BOUNCE, bounce={**SES_BOUNCE["bounce"], "bounceType": "Transient"})
    assert _post(client, "amazon_ses", *_ses(transient)).status_code == 200
    assert not SuppressedAddress.objects.exists()


def test_the_outbox_skips_a_suppressed_address(client):
    message = OutgoingEmail.objects.create(
        key="notice:1", to="Bounce@Example.com", subject="Your pledge", body_text="…"
    )
    provider, body, headers, _address, _complaint = WEBHOOK_SAMPLES[2]  # bounce@example.com
    assert _post(client, provider, body, headers).status_code == 200
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SUPPRESSED  # pending mail dropped at once
    later = OutgoingEmail.objects.create(
        key="notice:2", to="bounce@example.com", subject="Reminder", body_text="…"
    )
    assert send_outgoing(later.pk) is False
    later.refresh_from_db()
    assert later.status == OutgoingEmail.Status.SUPPRESSED and later.attempts == 0


def test_a_newsletter_subscriber_who_bounces_is_marked_with_the_delivery(client):
    from localcompacts.newsletter.models import Issue

    subscriber = subscribe_and_confirm("bounce@example.com")
    issue = Issue.objects.create(subject_en="Digest")
    sent = OutgoingEmail.objects.create(
        key="newsletter:1:1",
        to="bounce@example.com",
        subject="Digest",
        body_text="…",
        status=OutgoingEmail.Status.SENT,
    )
    delivery = Delivery.objects.create(issue=issue, subscriber=subscriber, email=sent)
    provider, body, headers, _address, _complaint = WEBHOOK_SAMPLES[2]  # Postmark hard bounce
    assert _post(client, provider, body, headers).status_code == 200
    subscriber.refresh_from_db()
    delivery.refresh_from_db()
    assert subscriber.status == SubscriberStatus.BOUNCED and subscriber.bounced_at
    assert delivery.status == DeliveryStatus.BOUNCED
    assert AuditEntry.objects.filter(
        action="newsletter.bounce_recorded", target_id=str(subscriber.pk), actor=None
    ).exists()


DSN = b"""\
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: bounces@localcompacts.example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system at host mx.example.org. Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Arrival-Date: Thu,  3 Dec 2026 07:00:00 +0000

Final-Recipient: rfc822; gone@example.net
Original-Recipient: rfc822;gone@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <gone@example.net>: Recipient address rejected

Final-Recipient: rfc822; busy@example.net
Action: delayed
Status: 4.2.2
Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

--B
Content-Type: text/rfc822-headers

From: Local Compacts <no-reply@localcompacts.example.org>
To: gone@example.net, busy@example.net
Subject: Your pledge was published

--B--
"""

ARF = b"""\
From: <abuse@mailbox-provider.example>
To: <abuse@localcompacts.example.org>
Subject: FW: Newsletter
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="part1"

--part1
Content-Type: text/plain; charset="US-ASCII"

This is an email abuse report for an email message received from IP 192.0.2.1.

--part1
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <no-reply@localcompacts.example.org>
Original-Rcpt-To: <reader@example.net>
Arrival-Date: Thu, 3 Dec 2026 06:00:00 +0000

--part1
Content-Type: message/rfc822
Content-Disposition: inline

From: <no-reply@localcompacts.example.org>
To: <reader@example.net>
Subject: Newsletter
Date: Thu, 3 Dec 2026 05:00:00 +0000

The newsletter.
--part1--
"""


def test_a_delivery_status_notification_records_only_its_hard_bounces(tmp_path):
    path = tmp_path / "bounce.eml"
    path.write_bytes(DSN)
    out = io.StringIO()
    call_command("process_bounce", str(path), stdout=out)
    assert "hard bounce recorded for gone@example.net" in out.getvalue()
    assert list(SuppressedAddress.objects.values_list("email", "reason", "source")) == [
        ("gone@example.net", "bounced", "bounce message")
    ]


def test_an_abuse_report_records_a_complaint_from_stdin(monkeypatch):
    subscriber = subscribe_and_confirm("reader@example.net")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARF)))
    call_command("process_bounce", "-", stdout=io.StringIO())
    assert SuppressedAddress.objects.get(email="reader@example.net").reason == "complained"
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.COMPLAINED


def test_other_messages_change_nothing(tmp_path):
    path = tmp_path / "reply.eml"
    path.write_bytes(b"From: someone@example.net\nSubject: Out of office\n\nBack Monday.\n")
    out = io.StringIO()
    call_command("process_bounce", str(path), stdout=out)
    assert "no hard bounce or complaint" in out.getvalue()
    assert not SuppressedAddress.objects.exists()
