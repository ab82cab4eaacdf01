"""Needs and offers of pledges and partner organisations, and the matches made between them.

A `NeedOffer` is one typed item a party needs or offers. A `Match` joins two parties: suggested by
the platform (one need, one offer, a score and its reasons), declared by a pledge's own "matches"
link, or a contribution to a multi-stakeholder pledge; its status moves through `workflow.py` until
both parties accept it and it becomes a confirmed partnership.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    NEED = "need", _("Need")
    OFFER = "offer", _("Offer")


class ItemType(models.TextChoices):
    FUNDING = "funding", _("Funding")
    EXPERTISE = "expertise", _("Technical expertise")
    PEER_EXCHANGE = "peer_exchange", _("Peer exchange or study visit")
    DATA = "data", _("Data")
    TRAINING = "training", _("Training")
    IN_KIND = "in_kind", _("In-kind support")


class NeedOffer(models.Model):
    """What a pledge (or a partner organisation without a pledge) needs or offers.

    `profile` holds the codes and terms the matcher compares (objectives, groups, countries,
    regions, languages, words), written by the service with each change so that scoring a few
    hundred candidates reads one column instead of five relations.
    """

    MAX_PER_PARTY = 12

    pledge = models.ForeignKey(
        "pledges.Pledge",
        verbose_name=_("pledge"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="needs_offers",
    )
    partner = models.ForeignKey(
        "accounts.PartnerOrganisation",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="needs_offers",
    )
    direction = models.CharField(_("need or offer"), max_length=5, choices=Direction.choices)
    item_type = models.CharField(_("type"), max_length=20, choices=ItemType.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    objectives = models.ManyToManyField(
        "compacts.Objective", blank=True, related_name="needs_offers", verbose_name=_("objectives")
    )
    population_groups = models.ManyToManyField(
        "compacts.PopulationGroup",
        blank=True,
        related_name="needs_offers",
        verbose_name=_("population groups"),
    )
    region = models.ForeignKey(
        "compacts.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs_offers",
    )
    # Space-separated language codes ("en es"): the languages the exchange can happen in.
    languages = models.CharField(_("languages"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    profile = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Indexed: the public fingerprint reads the latest value on every page view.
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["direction", "id"]
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        indexes = [models.Index(fields=["direction", "item_type", "is_open"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pledge__isnull=False, partner__isnull=True)
                | models.Q(pledge__isnull=True, partner__isnull=False),
                name="needoffer_one_party",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="needoffer_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.get_item_type_display()}"

    @property
    def language_list(self) -> list[str]:
        return self.languages.split()


class MatchKey(models.Model):
    """The inverted index that picks candidates: one row per (type, objective) of an open item, or
    per (type, population group) when the item names no objective. A need looks up the offers
    under its own keys, so the matcher reads a few thousand index rows, not every item."""

    item = models.ForeignKey(NeedOffer, on_delete=models.CASCADE, related_name="keys")
    direction = models.CharField(max_length=5, choices=Direction.choices)
    key = models.CharField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["direction", "key", "item"], name="matchkey_lookup")]

    def __str__(self) -> str:
        return f"{self.direction} {self.key}"


class MatchKind(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested need and offer")
    DECLARED = "declared", _("Declared by the pledge (“matches”)")
    CONTRIBUTION = "contribution", _("Contribution to a multi-stakeholder pledge")


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    ACCEPTED = "accepted", _("Accepted by a facilitator")
    INTRODUCED = "introduced", _("Introduced")
    CONFIRMED = "confirmed", _("Confirmed partnership")
    DISMISSED = "dismissed", _("Dismissed")
    DECLINED = "declined", _("Declined")


class Answer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MatchQuerySet(models.QuerySet["Match"]):
    def confirmed(self) -> "MatchQuerySet":
        return self.filter(status=MatchStatus.CONFIRMED)

    def for_pledge(self, pledge_id: int) -> "MatchQuerySet":
        return self.filter(
            models.Q(first_pledge_id=pledge_id) | models.Q(second_pledge_id=pledge_id)
        )


class Match(models.Model):
    """Two parties brought together. The first party is the one in need (or the lead pledge of a
    multi-stakeholder pledge, or the pledge that declared the match); the second offers (or
    contributes). Each party answers for itself; both accepting confirms the partnership."""

    kind = models.CharField(
        _("kind"), max_length=12, choices=MatchKind.choices, default=MatchKind.SUGGESTED
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED
    )
    need = models.ForeignKey(
        NeedOffer, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey(
        NeedOffer, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    first_pledge = models.ForeignKey(
        "pledges.Pledge", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    first_partner = models.ForeignKey(
        "accounts.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    second_pledge = models.ForeignKey(
        "pledges.Pledge", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    second_partner = models.ForeignKey(
        "accounts.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.FloatField(_("score"), default=0)
    # The place of this offer in the need's own list of suggestions, and of the need in the offer's
    # (None: not in that list); a suggestion in neither list is removed when they are recomputed.
    need_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    offer_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    # [{"code": "objectives", "values": ["GCM-15"]}, …]: rendered in the reader's language.
    reasons = models.JSONField(default=list)
    first_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    second_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    dismiss_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Indexed: the public fingerprint reads the latest value on every page view.
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "-id"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        indexes = [
            models.Index(fields=["status", "-score"], name="match_queue"),
            models.Index(fields=["first_pledge", "status"], name="match_first_pledge"),
            models.Index(fields=["second_pledge", "status"], name="match_second_pledge"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "offer"],
                condition=models.Q(need__isnull=False, offer__isnull=False),
                name="match_one_per_pair",
            ),
            models.UniqueConstraint(
                fields=["kind", "first_pledge", "second_pledge"],
                condition=~models.Q(kind="suggested"),
                name="match_one_declared_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(first_pledge__isnull=False)
                | models.Q(first_partner__isnull=False),
                name="match_first_party",
            ),
            models.CheckConstraint(
                condition=models.Q(second_pledge__isnull=False)
                | models.Q(second_partner__isnull=False),
                name="match_second_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_party} ↔ {self.second_party}"

    @property
    def first_party(self):
        return self.first_pledge or self.first_partner

    @property
    def second_party(self):
        return self.second_pledge or self.second_partner

    @property
    def is_confirmed(self) -> bool:
        return self.status == MatchStatus.CONFIRMED
