"""The progress block of the public pledge page (registered from `ProgressConfig.ready()`)."""

from localcompacts.pledges.sections import PledgePageSection

from .selectors import pledge_progress


def progress_block(pledge, request) -> dict | None:
    """Accepted reports, indicator series and staleness; only published pledges have them."""
    return {"progress": pledge_progress(pledge)} if pledge.is_published else None


PLEDGE_PROGRESS = PledgePageSection(
    template_name="progress/_pledge_progress.html", context=progress_block
)
