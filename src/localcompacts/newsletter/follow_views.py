"""Following: the follow button's target, the confirmation and one-click unsubscribe links of
visitors' follows, and "My follows" in a signed-in person's account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from localcompacts.core.ratelimit import client_ip, mail_to_unconfirmed_address_refused
from localcompacts.core.translation import current_language

from .models import Follow, FollowKind
from .services import follows as services
from .tokens import InvalidLink, follow_from_confirm_token, follow_from_manage_token
from .views import _invalid_link


def _next(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@require_POST
def follow(request):
    """The follow button: signed in, the follow starts at once; a visitor confirms by e-mail."""
    kind = request.POST.get("kind", "")
    if kind not in FollowKind.values:
        raise Http404
    if not request.user.is_authenticated and mail_to_unconfirmed_address_refused(
        request, form="follow", address=request.POST.get("email", "")[:254]
    ):  # a visitor's follow e-mails an address nobody has confirmed yet
        return render(request, "newsletter/rate_limited.html", status=429)
    try:
        services.follow_start(
            kind=kind,
            value=request.POST.get("value", ""),
            user=request.user,
            email=request.POST.get("email", "")[:254],
            language=current_language(),
            ip=client_ip(request),
        )
    except services.FollowError as error:
        messages.error(request, error.message)
        return redirect(_next(request))
    if request.user.is_authenticated:
        messages.success(request, _("You follow it now. See “My follows” in your account."))
        return redirect(_next(request))
    return render(request, "newsletter/follow_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def follow_confirm(request, token: str):
    """GET shows a button, POST confirms (mail scanners that open links confirm nothing)."""
    try:
        found = follow_from_confirm_token(token)
    except InvalidLink:
        return _invalid_link(request)
    confirmed = False
    if request.method == "POST":
        services.follow_confirm(follow=found, ip=client_ip(request))
        confirmed = True
    return render(
        request,
        "newsletter/follow_confirm.html",
        {"what": services.describe(found), "confirmed": confirmed},
    )


@csrf_exempt  # RFC 8058 one-click: mail providers POST here without a session or a CSRF token.
@never_cache
@require_http_methods(["GET", "POST"])
def follow_unsubscribe(request, token: str):
    try:
        found = follow_from_manage_token(token)
    except InvalidLink:
        return render(request, "newsletter/follow_unsubscribe.html", {"stopped": True})
    if request.method == "POST":
        via = "one-click" if "List-Unsubscribe" in request.POST else "link"
        services.follow_stop(follow=found, via=via)
        return render(request, "newsletter/follow_unsubscribe.html", {"stopped": True})
    return render(request, "newsletter/follow_unsubscribe.html", {"what": services.describe(found)})


@login_required
def my_follows(request):
    items = []
    for found in (
        Follow.objects.filter(user=request.user)
        .select_related("pledge", "government", "objective")
        .order_by("kind", "-created_at")
    ):
        items.append({"follow": found, "what": services.describe(found), "url": _url_of(found)})
    return render(request, "newsletter/my_follows.html", {"follows": items})


def _url_of(found: Follow) -> str:
    from django.urls import reverse

    # A follow's kind names its one target column (`Follow.target_of`); the others are empty.
    if found.pledge is not None:
        return found.pledge.get_absolute_url()
    if found.government is not None:
        return found.government.get_absolute_url()
    if found.objective is not None:
        return f"{reverse('pledges:catalogue')}?objective={found.objective.code}"
    return f"{reverse('pledges:catalogue')}?{found.search}"


@login_required
@require_POST
def stop_mine(request, pk: int):
    found = get_object_or_404(Follow, pk=pk, user=request.user)
    services.follow_stop(follow=found, by=request.user)
    messages.success(request, _("You no longer follow it."))
    return redirect("follows:mine")
