"""E-mails about matches, through the outbox (one per key, in the recipient's language).

An introduction names the other side's pledge or organisation and links to the person's own
workspace; it never carries the other party's contact details (those are shown once both accept).
"""

from django.db.models import Q
from django.urls import reverse

from localcompacts.accounts.models import User
from localcompacts.core.email import queue_email


def party_people(pledge, partner):
    """The active people who answer for a party: the focal points of the pledge's owners, or the
    partner organisation's reviewers."""
    if pledge is not None:
        people = User.objects.filter(
            focal_point_roles__government__pledge_ownerships__pledge=pledge
        )
    else:
        people = User.objects.filter(
            Q(partner_organisation=partner) & Q(role__in=["reviewer", "secretariat"])
        )
    return people.filter(is_active=True).distinct().order_by("pk")


def notify_introduced(match) -> None:
    url = reverse("matching:answer", kwargs={"pk": match.pk})
    sides = (
        ("first", match.first_pledge, match.first_partner, match.second_party),
        ("second", match.second_pledge, match.second_partner, match.first_party),
    )
    for side, pledge, partner, other in sides:
        for user in party_people(pledge, partner):
            queue_email(
                key=f"match-introduced:{match.pk}:{side}:{user.pk}",
                to=user.email,
                language=user.preferred_language,
                template="matching/email/introduced",
                context={"own": pledge or partner, "other": other, "url": url},
            )
