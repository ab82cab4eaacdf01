from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "localcompacts.progress"
    verbose_name = _("Progress reporting")

    def ready(self):
        from localcompacts.core.caching import (
            PUBLIC_STATE_PARTS,
            PublicStatePart,
            track_public_changes,
        )
        from localcompacts.pledges.facets import CATALOGUE_FACETS
        from localcompacts.pledges.sections import PLEDGE_PAGE_SECTIONS

        from . import workflow  # noqa: F401 — registers the progress report workflow
        from .catalogue import EVIDENCE_FACET, PROGRESS_FACET
        from .models import ProgressReport, ReportingRound
        from .sections import PLEDGE_PROGRESS

        CATALOGUE_FACETS.register("progress", PROGRESS_FACET)
        CATALOGUE_FACETS.register("evidence", EVIDENCE_FACET)
        PLEDGE_PAGE_SECTIONS.register("progress", PLEDGE_PROGRESS)
        # Public pages change with the latest acceptance and verification, and with new reports;
        # a report leaving "accepted" is counted by the state machine, a withdrawn verification
        # or a changed evidence level by the services (`note_public_change`).
        PUBLIC_STATE_PARTS.register(
            "progress.reports_accepted_at",
            PublicStatePart.latest(ProgressReport, "accepted_at"),
            position=30,
        )
        PUBLIC_STATE_PARTS.register(
            "progress.reports", PublicStatePart.newest(ProgressReport), position=32
        )
        PUBLIC_STATE_PARTS.register(
            "progress.reports_verified_at",
            PublicStatePart.latest(ProgressReport, "verified_at"),
            position=33,
        )
        track_public_changes(ReportingRound)
        from localcompacts.core.workspace import register_panels

        from .panels import PANELS

        register_panels(PANELS, position=20)  # the workspace home's pages
