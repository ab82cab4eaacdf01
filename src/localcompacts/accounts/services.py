"""Writes for accounts: focal-point requests, reviewer invitations, passwords, two-factor devices.

Keyword-only, one transaction each, an audit entry for every change; e-mail goes through the outbox.
Approving and declining a focal-point request are transitions of `accounts.workflow`; the two
services here are its thin wrappers, raising `AccountError` when the table refuses.
"""

from decimal import Decimal

from axes.models import AccessAttempt
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from localcompacts.compacts.models import Country
from localcompacts.core import languages
from localcompacts.core.audit import record
from localcompacts.core.email import queue_email
from localcompacts.core.errors import DomainError
from localcompacts.core.urls_i18n import absolute_url
from localcompacts.core.workflow import TransitionError, apply_transition
from localcompacts.governments.audit import FocalPointAction, GovernmentAction
from localcompacts.governments.models import FocalPoint, LocalGovernment

from .audit import FocalPointRequestAction, UserAction
from .models import FocalPointRequest, FocalPointRequestStatus, PartnerOrganisation, Role, User


class AccountError(DomainError):
    """A refused account step; the message is translated and meant for the person."""


def set_password_url(user: User, language: str | None = None) -> str:
    """An absolute link to choose a password (Django's reset link; valid PASSWORD_RESET_TIMEOUT),
    in `language` (the person's own by default)."""
    return absolute_url(
        "accounts:password_reset_confirm",
        language=language or user.preferred_language,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


# --- Focal-point requests -----------------------------------------------------------------------


# Pending requests one e-mail address may have in the secretariat's queue at a time: the public
# form cannot fill the queue, whatever the rate limits let through over the hours.
MAX_PENDING_REQUESTS_PER_ADDRESS = 3


def focal_point_request_submit(
    *,
    full_name: str,
    position: str,
    email: str,
    language: str = "en",
    government: LocalGovernment | None = None,
    proposed_name: str = "",
    proposed_country: Country | None = None,
    proposed_latitude: Decimal | None = None,
    proposed_longitude: Decimal | None = None,
) -> FocalPointRequest:
    email = User.objects.normalize_email(email).strip().lower()
    proposed_name = proposed_name.strip()
    if government is None and not (proposed_name and proposed_country):
        raise AccountError(_("Choose a government, or propose a new one with its country."))
    if government is not None and proposed_name:
        raise AccountError(_("Choose an existing government or propose a new one, not both."))
    with transaction.atomic():
        # The same person asking twice for the same government (two clicks, two tabs) is one request.
        duplicate = FocalPointRequest.objects.filter(
            email__iexact=email,
            status=FocalPointRequestStatus.PENDING,
            government=government,
            proposed_name__iexact=proposed_name,
        ).first()
        if duplicate is not None:
            return duplicate
        waiting = FocalPointRequest.objects.filter(
            email__iexact=email, status=FocalPointRequestStatus.PENDING
        ).count()
        if waiting >= MAX_PENDING_REQUESTS_PER_ADDRESS:
            raise AccountError(
                _(
                    "Requests from this e-mail address are already waiting for the secretariat; "
                    "it will answer them first."
                )
            )
        request = FocalPointRequest.objects.create(
            full_name=full_name.strip(),
            position=position.strip(),
            email=email,
            language=language if language in languages.CODES else languages.DEFAULT_LANGUAGE,
            government=government,
            proposed_name=proposed_name,
            proposed_country=proposed_country if government is None else None,
            proposed_latitude=proposed_latitude if government is None else None,
            proposed_longitude=proposed_longitude if government is None else None,
        )
        record(actor=None, action=FocalPointRequestAction.SUBMITTED, target=request, email=email)
        queue_email(
            key=f"focal-point-request-received:{request.pk}",
            to=email,
            language=request.language,
            template="accounts/email/request_received",
            # Nothing typed into the form goes to an address nobody has confirmed yet: only a
            # government chosen from the list is named.
            context={"government": government.name if government else ""},
        )
    return request


def _unique_government_slug(name: str, country_code: str) -> str:
    base = (slugify(name) or "government")[:200]
    slug = base
    if LocalGovernment.objects.filter(slug=slug).exists():
        slug = f"{base}-{country_code.lower()}"
    counter = 2
    while LocalGovernment.objects.filter(slug=slug).exists():
        slug = f"{base}-{country_code.lower()}-{counter}"
        counter += 1
    return slug


def approve_request(request: FocalPointRequest, *, by: User) -> tuple[User, LocalGovernment]:
    """The account, the government (created when proposed) and the link an approval makes.

    Runs inside the approval's transition (`accounts.workflow`), which then saves the request.
    """
    user = User.objects.select_for_update().filter(email__iexact=request.email).first()
    if user is not None and user.role in {Role.REVIEWER, Role.SECRETARIAT}:
        raise AccountError(_("This e-mail address belongs to a reviewer or secretariat account."))
    if user is None:
        user = User.objects.create_user(
            email=request.email,
            password=None,
            full_name=request.full_name,
            role=Role.FOCAL_POINT,
            preferred_language=request.language,
        )
        record(actor=by, action=UserAction.CREATED, target=user, role=Role.FOCAL_POINT)
    elif user.role != Role.FOCAL_POINT:
        previous = user.role
        user.role = Role.FOCAL_POINT
        user.save(update_fields=["role"])
        record(actor=by, action=UserAction.ROLE_CHANGED, target=user, old=previous, new=user.role)

    government = request.government
    if government is None:
        country = request.proposed_country
        assert country is not None  # a request names a government or proposes one with its country
        government = LocalGovernment.objects.create(
            name=request.proposed_name,
            slug=_unique_government_slug(request.proposed_name, country.iso3),
            country=country,
            latitude=request.proposed_latitude,
            longitude=request.proposed_longitude,
        )
        record(
            actor=by,
            action=GovernmentAction.CREATED,
            target=government,
            country=country.iso3,
            focal_point_request=request.pk,
        )
    link, created = FocalPoint.objects.get_or_create(
        user=user, government=government, defaults={"position": request.position}
    )
    if created:
        record(actor=by, action=FocalPointAction.ADDED, target=link, user=user.pk)
    return user, government


def _decide(request: FocalPointRequest, action: str, *, by: User, reason: str = "") -> None:
    """Take a transition of the focal-point request workflow (`accounts.workflow`)."""
    try:
        apply_transition(request, action, by=by, comment=reason)
    except TransitionError as error:
        raise AccountError(error.message, code=error.code) from error


def focal_point_request_approve(*, request: FocalPointRequest, by: User) -> User:
    """Create or update the account, link it to the government (created if proposed), tell them."""
    _decide(request, "approve", by=by)
    user = request.user
    assert user is not None  # the approval's `after` step linked the account
    return user


def focal_point_request_decline(*, request: FocalPointRequest, by: User, reason: str) -> None:
    _decide(request, "decline", by=by, reason=reason)


# --- Reviewers ----------------------------------------------------------------------------------


def reviewer_invite(
    *,
    email: str,
    full_name: str,
    organisation: PartnerOrganisation,
    by: User,
    language: str = "en",
) -> User:
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise AccountError(_("Someone already has an account with this e-mail address."))
        user = User.objects.create_user(
            email=email,
            password=None,
            full_name=full_name.strip(),
            role=Role.REVIEWER,
            partner_organisation=organisation,
            preferred_language=language,
        )
        record(
            actor=by,
            action=UserAction.INVITED,
            target=user,
            role=Role.REVIEWER,
            organisation=organisation.acronym,
        )
        queue_email(
            key=f"reviewer-invited:{user.pk}",
            to=user.email,
            language=language,
            template="accounts/email/reviewer_invited",
            context={
                "person": user,
                "organisation": organisation,
                "inviter": by,
                "set_password_url": set_password_url(user),
            },
        )
    return user


# --- Passwords ----------------------------------------------------------------------------------


def password_changed(*, user: User, how: str) -> None:
    """Record a password change (the form has already set it); `how` is "change" or "reset"."""
    with transaction.atomic():
        action = UserAction.PASSWORD_RESET if how == "reset" else UserAction.PASSWORD_CHANGED
        record(actor=user, action=action, target=user)


def password_reset_requested(*, user: User, uidb64: str, token: str) -> None:
    reset_url = absolute_url(
        "accounts:password_reset_confirm",
        language=user.preferred_language,
        kwargs={"uidb64": uidb64, "token": token},
    )
    with transaction.atomic():
        queue_email(
            key=f"password-reset:{user.pk}:{token}",
            to=user.email,
            language=user.preferred_language,
            template="accounts/email/password_reset",
            context={"person": user, "reset_url": reset_url},
        )


# --- Two-factor authentication (TOTP) -----------------------------------------------------------


def confirmed_device(user: User | AnonymousUser) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def unconfirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def two_factor_start(*, user: User) -> TOTPDevice:
    """A new secret to scan; it counts only once a code from it has been confirmed."""
    with transaction.atomic():
        if confirmed_device(user) is not None:
            raise AccountError(_("Two-factor authentication is already on."))
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def two_factor_confirm(*, user: User, token: str) -> TOTPDevice:
    device = unconfirmed_device(user)
    if device is None:
        raise AccountError(_("Start again: scan a new code first."))
    # Checked outside the transaction so that django-otp's throttle counts wrong codes.
    two_factor_check(device, token)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(actor=user, action=UserAction.TWO_FACTOR_ENABLED, target=user)
    return device


def two_factor_check(device: TOTPDevice, token: str) -> None:
    """Refuse a wrong or throttled code (django-otp doubles the wait after each wrong code)."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise AccountError(_("Too many wrong codes. Wait a little, then enter the current code."))
    if not device.verify_token((token or "").strip()):
        raise AccountError(_("That code is not right. Enter the current 6-digit code."))


def two_factor_disable(*, user: User, token: str) -> None:
    device = confirmed_device(user)
    if device is None:
        raise AccountError(_("Two-factor authentication is not on."))
    two_factor_check(device, token)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        record(actor=user, action=UserAction.TWO_FACTOR_DISABLED, target=user)


# --- Login lockouts -----------------------------------------------------------------------------


def login_lockout_lift(*, username: str, by: User) -> int:
    """Unlock an account from every address: delete its failed-login records (django-axes keeps
    one per address and browser). Returns how many were deleted; audited on the account when it
    exists, else on one of the records."""
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(username__iexact=username)
        first = attempts.order_by("pk").first()
        if first is None:
            return 0
        user = User.objects.filter(email__iexact=username).first()
        record(
            actor=by,
            action=UserAction.UNLOCKED,
            target=user or first,
            username=username,
            records=attempts.count(),
        )
        deleted: int
        deleted, _kinds = attempts.delete()
        return deleted
