"""Review forums (IMRF, GRF, GFMD…) with their figures."""

from typing import Annotated

from django.db.models import Count, Q
from ninja import Path, Router

from localcompacts.forums.models import ReviewForum
from localcompacts.pledges.models import PledgeStatus

from ..schemas import Error, ForumOut

router = Router(tags=["forums"])
Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]
PUBLISHED = Q(pledges__status=PledgeStatus.PUBLISHED)


def forums_with_figures():
    """Forums with the figures the API shows. EXTENSION POINT: when the forums app gains its own
    computed figures (a selector in `forums/selectors.py`), call it here and add the fields to
    `schemas.ForumFigures`; the figures below are those available from pledges alone."""
    return ReviewForum.objects.annotate(
        pledges_announced=Count("pledges", filter=PUBLISHED, distinct=True),
        governments_announcing=Count("pledges__owners", filter=PUBLISHED, distinct=True),
    ).order_by("-start_date", "-id")


def _with_figures(forum: ReviewForum) -> ReviewForum:
    forum.figures = {
        "pledges_announced": forum.pledges_announced,
        "governments_announcing": forum.governments_announcing,
    }
    return forum


@router.get("/forums", response={200: list[ForumOut]}, summary="Review forums, newest first")
def forum_list(request):
    return [_with_figures(forum) for forum in forums_with_figures()]


@router.get("/forums/{slug}", response={200: ForumOut, 404: Error}, summary="One review forum")
def forum_detail(request, slug: Slug):
    return _with_figures(forums_with_figures().get(slug=slug))
