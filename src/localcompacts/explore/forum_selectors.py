"""Reads for the public forum pages and the forum part of a government's profile.

A forum's figures combine what the forum's records say (`forums.selectors`) with the pledges
announced there (`pledges.selectors`); forums sit below pledges, so the two meet here. The forum
page, the comparison page and the API read the same `forum_figures`.
"""

from dataclasses import dataclass, fields

from localcompacts.forums.models import ReviewForum
from localcompacts.forums.selectors import (
    ForumRecordFigures,
    Participation,
    forum_record_figures,
    government_participation,
)
from localcompacts.governments.models import LocalGovernment
from localcompacts.matching.selectors import pledges_matched_count
from localcompacts.pledges.selectors import announced_pledge_counts, announced_pledges


@dataclass(kw_only=True)
class ForumFigures(ForumRecordFigures):
    """The forum's own figures and the public pledges and practices announced there."""

    pledges: int
    pledge_governments: int
    pledge_countries: int


def forum_figures(forum: ReviewForum) -> ForumFigures:
    """Every figure of a forum (about a dozen queries), computed from the recorded rows."""
    record = forum_record_figures(forum)
    announced = announced_pledges(forum)
    return ForumFigures(
        **{f.name: getattr(record, f.name) for f in fields(record)},
        pledges=announced.pledges,
        pledge_governments=announced.governments,
        pledge_countries=announced.countries,
    )


def forum_comparison(forums: list[ReviewForum]) -> list[tuple[ReviewForum, ForumFigures]]:
    return [(forum, forum_figures(forum)) for forum in forums]


@dataclass
class ForumParticipation(Participation):
    pledges: int = 0  # public pledges and practices the government announced at the forum


def government_forum_participation(government: LocalGovernment) -> list[ForumParticipation]:
    """Where a government took part, forum by forum, newest first: its speakers, delegation
    members and convenings, and the pledges it announced there (4 or 5 queries)."""
    by_forum = {
        taken.forum.pk: ForumParticipation(**vars(taken))
        for taken in government_participation(government)
    }
    counts = announced_pledge_counts(government)
    if counts:
        for forum in ReviewForum.objects.filter(pk__in=counts):
            by_forum.setdefault(forum.pk, ForumParticipation(forum=forum)).pledges = counts[
                forum.pk
            ]
    return sorted(by_forum.values(), key=lambda p: p.forum.start_date, reverse=True)


def forum_pledges_matched(forum: ReviewForum) -> int:
    """Public pledges announced at the forum that are in a confirmed partnership."""
    return pledges_matched_count(forum.pledges.values("pk"))
