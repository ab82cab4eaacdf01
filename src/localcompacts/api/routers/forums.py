"""Review forums (IMRF, GRF, GFMD…) with their figures."""

from typing import Annotated

from django.db.models import QuerySet
from ninja import Path, Router

from localcompacts.explore.forum_selectors import forum_figures
from localcompacts.forums.models import ReviewForum

from ..auth import ApiRequest
from ..schemas import Error, ForumOut

router = Router(tags=["forums"])
Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]


def forums_with_figures() -> QuerySet[ReviewForum]:
    """Forums, newest first; each one's figures come from `explore.forum_selectors.forum_figures`,
    the function behind the forum page and the comparison page."""
    return ReviewForum.objects.order_by("-start_date", "-id")


def _with_figures(forum: ReviewForum) -> ReviewForum:
    figures = forum_figures(forum)
    forum.figures = {  # type: ignore[attr-defined]  # an attribute only for ForumOut
        "pledges_announced": figures.pledges,
        "governments_announcing": figures.pledge_governments,
        "countries_announcing": figures.pledge_countries,
        "official_sessions": figures.official_sessions,
        "official_sessions_with_local_speaker": figures.official_sessions_with_local_speaker,
        "official_share": figures.official_share,
        "local_speakers": figures.local_speakers,
        "local_speaker_governments": figures.local_speaker_governments,
        "delegations": figures.delegations,
        "delegations_with_local_representative": figures.delegations_with_local_representative,
        "convenings": figures.convening_count,
        "endorsements_in_run_up": figures.endorsements_in_run_up,
        "run_up_start": figures.run_up_start,
    }
    return forum


@router.get("/forums", response={200: list[ForumOut]}, summary="Review forums, newest first")
def forum_list(request: ApiRequest) -> list[ReviewForum]:
    return [_with_figures(forum) for forum in forums_with_figures()]


@router.get("/forums/{slug}", response={200: ForumOut, 404: Error}, summary="One review forum")
def forum_detail(request: ApiRequest, slug: Slug) -> ReviewForum:
    return _with_figures(forums_with_figures().get(slug=slug))
