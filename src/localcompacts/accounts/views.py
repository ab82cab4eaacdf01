"""Signing in (with a second factor for those who turned it on), passwords, the account page and
the public focal-point application."""

import base64
import io

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from localcompacts.core.forms import add_domain_error
from localcompacts.core.ratelimit import mail_to_unconfirmed_address_refused
from localcompacts.governments.selectors import endorsements_of_user_governments

from . import services
from .forms import (
    EmailAuthenticationForm,
    FocalPointRequestForm,
    OneTimeCodeForm,
    QueuedPasswordResetForm,
)
from .models import User

PENDING_LOGIN = "accounts_pending_second_factor"


class LoginView(auth_views.LoginView):
    """Password first; people with two-factor authentication on then give a code."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if services.confirmed_device(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING_LOGIN] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_redirect_url(),
        }
        return redirect("accounts:login_code")


@never_cache
@sensitive_post_parameters("code")
def login_code(request):
    pending = request.session.get(PENDING_LOGIN)
    user = User.objects.filter(pk=(pending or {}).get("user"), is_active=True).first()
    device = services.confirmed_device(user) if user is not None else None
    if device is None:
        request.session.pop(PENDING_LOGIN, None)
        return redirect("accounts:login")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_check(device, form.cleaned_data["code"])
        except services.AccountError as error:
            add_domain_error(form, error, field="code")
        else:
            request.session.pop(PENDING_LOGIN, None)
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            target = pending.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse(settings.LOGIN_REDIRECT_URL)
            return redirect(target)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/login_code.html", {"form": form}, status=status)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user, how="change")
        messages.success(self.request, _("Your password is changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Counted whether or not the address has an account, so the answer reveals nothing.
        address = form.cleaned_data["email"]
        if mail_rate_limited(form, self.request, name="password-reset", address=address):
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user, how="reset")
        return response


@login_required
def account(request):
    user = request.user
    focal_point_roles = user.focal_point_roles.select_related("government__country").order_by(
        "government__name"
    )
    return render(
        request,
        "accounts/account.html",
        {
            "focal_point_roles": focal_point_roles,
            "endorsements": endorsements_of_user_governments(user)[:20]
            if user.is_focal_point
            else [],
            "two_factor_on": services.confirmed_device(user) is not None,
            "can_see_audit_log": user.is_staff and user.has_perm("core.view_auditentry"),
        },
    )


def mail_rate_limited(form, request, *, name: str, address: str) -> bool:
    """Refuse a post that would e-mail an unconfirmed address too often (`core.ratelimit`),
    with the reason on the form, which keeps what was typed."""
    if not mail_to_unconfirmed_address_refused(request, form=name, address=address):
        return False
    form.add_error(
        None,
        _(
            "Too many requests were sent from your network, or for this e-mail address, in the "
            "last hour. Please try again later."
        ),
    )
    return True


def apply(request):
    """The public form to ask to become the focal point of a government."""
    if request.method == "POST":
        form = FocalPointRequestForm(request.POST)
        status = 400
        if form.is_valid() and mail_rate_limited(
            form, request, name="apply", address=form.cleaned_data["email"]
        ):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.focal_point_request_submit(
                    full_name=data["full_name"],
                    position=data["position"],
                    email=data["email"],
                    language=translation.get_language() or "en",
                    government=data["government"],
                    proposed_name=data["proposed_name"],
                    proposed_country=data["proposed_country"],
                    proposed_latitude=data["proposed_latitude"],
                    proposed_longitude=data["proposed_longitude"],
                )
            except services.AccountError as error:
                add_domain_error(form, error)
            else:
                return redirect("accounts:apply_done")
    else:
        initial = {}
        if request.user.is_authenticated:
            initial = {"full_name": request.user.full_name, "email": request.user.email}
        form = FocalPointRequestForm(initial=initial)
        status = 200
    return render(request, "accounts/apply.html", {"form": form}, status=status)


def apply_done(request):
    return render(request, "accounts/apply_done.html")


def _two_factor_allowed(user) -> bool:
    return user.is_reviewer


@login_required
@sensitive_post_parameters("code")
def two_factor(request):
    """Turn TOTP on (start → scan → confirm a code) or off (confirm a code). Reviewers and secretariat."""
    user = request.user
    if not _two_factor_allowed(user):
        raise Http404
    form = OneTimeCodeForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                services.two_factor_start(user=user)
                return redirect("accounts:two_factor")
            form = OneTimeCodeForm(request.POST)
            if form.is_valid() and action == "confirm":
                device = services.two_factor_confirm(user=user, token=form.cleaned_data["code"])
                otp_login(request, device)
                messages.success(request, _("Two-factor authentication is on."))
                return redirect("accounts:account")
            if form.is_valid() and action == "disable":
                services.two_factor_disable(user=user, token=form.cleaned_data["code"])
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("accounts:account")
        except services.AccountError as error:
            add_domain_error(form, error, field="code")
        status = 400
    confirmed = services.confirmed_device(user)
    pending = None if confirmed else services.unconfirmed_device(user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "confirmed": confirmed,
            "pending": pending,
            "secret": _grouped_secret(pending) if pending else "",
        },
        status=status,
    )


def _grouped_secret(device) -> str:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor_qr(request):
    """The QR code of a device being set up, as SVG from our own origin (no inline markup, no CDN)."""
    if not _two_factor_allowed(request.user):
        raise Http404
    device = services.unconfirmed_device(request.user)
    if device is None:
        raise Http404
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer,
        kind="svg",
        scale=5,
        omitsize=True,
        dark="#000",
        light="#fff",
        title=_("QR code to scan"),
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


def lockout(request, original_response=None, credentials=None):
    """What django-axes shows after AXES_FAILURE_LIMIT wrong passwords: a page, not a bare 403."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    return render(
        request,
        "accounts/lockout.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "minutes": minutes,
            "reset_url": reverse("accounts:password_reset"),
        },
        status=429,
    )
