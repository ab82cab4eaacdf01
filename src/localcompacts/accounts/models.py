"""People who sign in, the role each plays, and the partner organisations reviewers work for."""

from typing import Any, ClassVar

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from localcompacts.core import languages


class Role(models.TextChoices):
    # A registered person with no rights beyond the public's (e.g. a pending focal-point request).
    MEMBER = "member", _("Member")
    FOCAL_POINT = "focal_point", _("Focal point")
    REVIEWER = "reviewer", _("Reviewer")
    SECRETARIAT = "secretariat", _("Secretariat")


class PartnerOrganisation(models.Model):
    """A Mayors Mechanism partner or UN agency whose staff review submissions (MMC, UCLG, IOM, UNHCR…)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("partner organisation")

    def __str__(self) -> str:
        return self.acronym


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.SECRETARIAT)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person; signs in with e-mail. Which governments they act for is in `governments.FocalPoint`."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    partner_organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=7,
        choices=languages.choices(),
        default=languages.DEFAULT_LANGUAGE,
    )
    is_staff = models.BooleanField(_("can use the admin site"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (self.role == Role.SECRETARIAT or self.is_superuser)

    @property
    def is_reviewer(self) -> bool:
        """Reviewers and the secretariat may review; the secretariat can do everything a reviewer can."""
        return self.is_active and (self.role == Role.REVIEWER or self.is_secretariat)

    @property
    def is_focal_point(self) -> bool:
        return self.is_active and self.role == Role.FOCAL_POINT


class FocalPointRequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class FocalPointRequest(models.Model):
    """Someone asks to act for a local government — an existing one, or a new one they propose.

    The secretariat approves (which creates the account, the `FocalPoint` link and, if proposed,
    the government) or declines with a reason; see `accounts.services`.
    """

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=languages.choices(),
        default=languages.DEFAULT_LANGUAGE,
    )
    government = models.ForeignKey(
        "governments.LocalGovernment",
        verbose_name=_("government"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_name = models.CharField(_("name of the new government"), max_length=200, blank=True)
    proposed_country = models.ForeignKey(
        "compacts.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    proposed_longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FocalPointRequestStatus.choices,
        default=FocalPointRequestStatus.PENDING,
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="focal_point_requests"
    )
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("focal-point request")
        indexes = [models.Index(fields=["status", "created_at"], name="fp_request_status")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}> → {self.government_name}"

    @property
    def government_name(self) -> str:
        return self.government.name if self.government is not None else self.proposed_name

    @property
    def proposes_new_government(self) -> bool:
        return not self.government_id
