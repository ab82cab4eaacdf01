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

        from localcompacts.newsletter.digest import DIGEST_SOURCES

        from .digest import ACCEPTED_REPORTS

        DIGEST_SOURCES.register("progress", ACCEPTED_REPORTS, position=20)

        from localcompacts.pledges.sections import PLEDGE_PAGE_SECTIONS

        from .sections import PLEDGE_PROGRESS

        PLEDGE_PAGE_SECTIONS.register("progress", PLEDGE_PROGRESS)

        from localcompacts.core.caching import track_public_changes

        from .models import ReportingRound

        track_public_changes(ReportingRound)  # /statistics/ shows the current round

        from localcompacts.pledges import facets, selectors

        from .catalogue import PROGRESS_FACET, filter_by_progress

        if filter_by_progress not in selectors.CATALOGUE_FILTERS:
            selectors.CATALOGUE_FILTERS.append(filter_by_progress)
            facets.FACETS.append(PROGRESS_FACET)
