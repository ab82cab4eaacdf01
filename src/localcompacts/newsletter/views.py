import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from localcompacts.core.ratelimit import client_ip, mail_to_unconfirmed_address_refused
from localcompacts.core.translation import current_language

from . import services
from .forms import MAX_FORM_SECONDS, MIN_FORM_SECONDS, PreferencesForm, SubscribeForm
from .models import ConsentForm, SubscriberStatus
from .selectors import subscriber_export
from .tokens import (
    InvalidLink,
    form_timestamp,
    manage_token,
    seconds_since_form_shown,
    subscriber_from_confirm_token,
    subscriber_from_manage_token,
)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        form = SubscribeForm(source=ConsentForm.PAGE, language=current_language())
        return render(request, "newsletter/subscribe.html", {"form": form})
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    if form.cleaned_data["website"]:
        # A bot filled the honeypot: answer as if it had worked.
        return redirect("newsletter:thanks")
    age = seconds_since_form_shown(form.cleaned_data["shown"])
    if age is None or not MIN_FORM_SECONDS <= age <= MAX_FORM_SECONDS:
        kept = {k: v for k, v in form.cleaned_data.items() if k not in {"shown", "website"}}
        form = SubscribeForm(initial={**kept, "shown": form_timestamp()})
        return render(
            request,
            "newsletter/subscribe.html",
            {
                "form": form,
                "time_error": _(
                    "The form was sent too quickly or has expired. Please check it and send it again."
                ),
            },
            status=400,
        )
    if mail_to_unconfirmed_address_refused(
        request,
        form="newsletter",
        address=form.cleaned_data["email"],
        per_ip=settings.NEWSLETTER_SUBSCRIBE_RATE_PER_HOUR,
    ):
        return render(request, "newsletter/rate_limited.html", status=429)
    services.subscribe(
        email=form.cleaned_data["email"],
        name=form.cleaned_data["name"],
        language=form.cleaned_data["language"],
        ip=client_ip(request),
        form=form.cleaned_data["source"],
        **form.interests(),
    )
    return redirect("newsletter:thanks")


@require_GET
def thanks(request):
    return render(request, "newsletter/thanks.html")


def _invalid_link(request):
    return render(request, "newsletter/invalid_link.html", status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button, POST confirms: mail scanners that open links do not confirm anything."""
    try:
        subscriber = subscriber_from_confirm_token(token)
    except InvalidLink:
        return _invalid_link(request)
    if request.method == "POST":
        try:
            services.confirm(subscriber=subscriber, ip=client_ip(request))
        except services.NewsletterError as error:
            return render(request, "newsletter/invalid_link.html", {"error": error}, status=400)
        return render(
            request,
            "newsletter/confirmed.html",
            {"subscriber": subscriber, "manage_token": manage_token(subscriber)},
        )
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058 one-click: mail providers POST here without a session or a CSRF token.
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        subscriber = subscriber_from_manage_token(token)
    except InvalidLink:
        return _invalid_link(request)
    if request.method == "POST":
        via = "one-click" if "List-Unsubscribe" in request.POST else "link"
        services.unsubscribe(subscriber=subscriber, via=via)
        return render(request, "newsletter/unsubscribed.html", {"token": token})
    return render(
        request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token: str):
    try:
        subscriber = subscriber_from_manage_token(token)
    except InvalidLink:
        return _invalid_link(request)
    initial = {
        "language": subscriber.language,
        "compacts": subscriber.compacts,
        "objectives": subscriber.objectives.all(),
        "regions": subscriber.regions.all(),
        "wants_publications": subscriber.wants_publications,
        "wants_forum_news": subscriber.wants_forum_news,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    saved = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.update_preferences(subscriber=subscriber, **form.cleaned_data)
            saved = True
        else:
            status = 400
    return render(
        request,
        "newsletter/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "token": token,
            "saved": saved,
            "is_active": subscriber.status == SubscriberStatus.ACTIVE,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def erase(request, token: str):
    try:
        subscriber = subscriber_from_manage_token(token)
    except InvalidLink:
        return _invalid_link(request)
    error = None
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            services.erase(subscriber=subscriber)
            return render(request, "newsletter/erased.html")
        error = _("Tick the box to confirm that every piece of your data should be deleted.")
    return render(
        request,
        "newsletter/erase.html",
        {"token": token, "error": error},
        status=400 if error else 200,
    )


@never_cache
@require_GET
def export(request, token: str):
    try:
        subscriber = subscriber_from_manage_token(token)
    except InvalidLink:
        return _invalid_link(request)
    response = HttpResponse(
        json.dumps(subscriber_export(subscriber), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-newsletter-data.json"'
    return response
