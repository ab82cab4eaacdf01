"""The e-mail providers' tracking webhooks (bounces and complaints, see `core.bounces`).

Point the provider's event webhook at `SITE_URL/email/webhooks/<provider>/tracking/` with the
basic-auth credentials of `EMAIL_WEBHOOK_SECRET` (`https://user:password@host/…`). django-anymail
parses each provider's payload and checks the credentials (and Mailgun's signature); its
`tracking` signal reaches `core.bounces.on_tracking_event`. Without a secret configured the URLs
answer 404: an unauthenticated endpoint would let anyone stop our mail to any address.
"""

import importlib.util

from anymail.webhooks.amazon_ses import AmazonSESTrackingWebhookView
from anymail.webhooks.brevo import BrevoTrackingWebhookView
from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from anymail.webhooks.sendgrid import SendGridTrackingWebhookView
from django.conf import settings
from django.http import Http404
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

# provider in the URL → (anymail view, ANYMAIL settings it needs besides WEBHOOK_SECRET)
PROVIDERS = {
    "brevo": (BrevoTrackingWebhookView, ()),
    "mailgun": (MailgunTrackingWebhookView, ("MAILGUN_WEBHOOK_SIGNING_KEY",)),
    "postmark": (PostmarkTrackingWebhookView, ()),
    "sendgrid": (SendGridTrackingWebhookView, ()),
}
# Amazon SES's view needs boto3 (to confirm the SNS subscription): the `ses` extra.
if importlib.util.find_spec("boto3") is not None:
    PROVIDERS["amazon_ses"] = (AmazonSESTrackingWebhookView, ())


def _guarded(view_class, needs: tuple[str, ...]):
    view = view_class.as_view()

    @csrf_exempt  # the provider authenticates with basic auth (and a signature), not a cookie
    def webhook(request, *args, **kwargs):
        configured = getattr(settings, "ANYMAIL", {})
        if not all(configured.get(name) for name in ("WEBHOOK_SECRET", *needs)):
            raise Http404("This webhook is not configured.")
        return view(request, *args, **kwargs)

    return webhook


app_name = "email_webhooks"
urlpatterns = [
    path(f"{name}/tracking/", _guarded(view, needs), name=f"{name}_tracking")
    for name, (view, needs) in PROVIDERS.items()
]
