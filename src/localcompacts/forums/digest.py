"""Review forums coming up, in the newsletter digest of subscribers who want forum news;
registered from `ForumsConfig.ready()`."""

import datetime

from django.utils.translation import gettext_lazy as _

from localcompacts.newsletter.digest import DigestItem, DigestSource

from .models import ForumKind, ReviewForum

FORUM_NOTICE = datetime.timedelta(days=30)


def upcoming_forums(since, until) -> list[DigestItem]:
    """Each forum once: in the digest whose period contains the day 30 days before it opens."""
    compact_of = {ForumKind.IMRF: "GCM", ForumKind.GRF: "GCR"}
    forums = ReviewForum.objects.filter(
        start_date__gt=(since + FORUM_NOTICE).date(), start_date__lte=(until + FORUM_NOTICE).date()
    ).order_by("start_date")
    return [
        DigestItem(
            title=forum.name,
            url=forum.get_absolute_url(),
            summary=forum.place,
            date=forum.start_date,
            compacts=frozenset({compact_of[forum.kind]})
            if forum.kind in compact_of
            else frozenset(),
        )
        for forum in forums
    ]


UPCOMING_FORUMS = DigestSource(
    label=_("Review forums coming up"), collect=upcoming_forums, interest="forum_news"
)
