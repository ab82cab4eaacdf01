from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "localcompacts.progress"
    verbose_name = _("Progress reporting")

    def ready(self):
        from localcompacts.core.workflow import register

        from .models import ProgressReport
        from .workflow import PROGRESS_WORKFLOW

        register(ProgressReport, PROGRESS_WORKFLOW)

        from localcompacts.pledges.sections import PLEDGE_PAGE_SECTIONS

        from .sections import PLEDGE_PROGRESS

        PLEDGE_PAGE_SECTIONS.register("progress", PLEDGE_PROGRESS)

        from localcompacts.core.caching import track_public_changes

        from .models import ReportingRound

        track_public_changes(ReportingRound)  # /statistics/ shows the current round

        from localcompacts.core.caching import PUBLIC_STATE_PARTS, PublicStatePart

        from .models import ReviewStatus

        # The latest acceptance, the number of accepted reports and the number of all reports.
        for position, (key, part) in enumerate(
            (
                ("reports_accepted_at", PublicStatePart.latest(ProgressReport, "accepted_at")),
                (
                    "reports_accepted",
                    PublicStatePart.count(ProgressReport, status=ReviewStatus.ACCEPTED),
                ),
                ("reports", PublicStatePart.count(ProgressReport)),
            ),
            start=30,
        ):
            PUBLIC_STATE_PARTS.register(f"progress.{key}", part, position=position)

        from localcompacts.pledges.facets import CATALOGUE_FACETS

        from .catalogue import PROGRESS_FACET

        CATALOGUE_FACETS.register("progress", PROGRESS_FACET)
