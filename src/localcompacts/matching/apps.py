from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "localcompacts.matching"
    verbose_name = _("Matchmaking")

    def ready(self):
        from localcompacts.core.caching import PUBLIC_STATE_PARTS, PublicStatePart
        from localcompacts.core.workspace import register_panels
        from localcompacts.pledges.changes import PLEDGE_CHANGE_LISTENERS
        from localcompacts.pledges.facets import CATALOGUE_FACETS
        from localcompacts.pledges.sections import PLEDGE_PAGE_SECTIONS, WORKSPACE_PAGE_SECTIONS
        from localcompacts.pledges.workspace.steps import EDITOR_STEPS, EditorStep

        from . import workflow  # noqa: F401 — registers the match workflow
        from .catalogue import NEEDS_OFFERS_FACET
        from .models import Match, NeedOffer
        from .panels import PANELS
        from .sections import PLEDGE_MATCHING, WORKSPACE_MATCHING
        from .services import schedule_pledge_suggestions

        CATALOGUE_FACETS.register("matching", NEEDS_OFFERS_FACET)
        PLEDGE_PAGE_SECTIONS.register("matching", PLEDGE_MATCHING, position=50)
        WORKSPACE_PAGE_SECTIONS.register("matching", WORKSPACE_MATCHING)
        EDITOR_STEPS.register(
            "needs-offers", EditorStep(_("Needs and offers"), "matching:pledge-edit")
        )
        PLEDGE_CHANGE_LISTENERS.register("matching", schedule_pledge_suggestions)
        register_panels(PANELS, position=30)  # the workspace home's pages
        # Public pages show needs, offers and confirmed partnerships.
        PUBLIC_STATE_PARTS.register(
            "matching.items_updated_at",
            PublicStatePart.latest(NeedOffer, "updated_at"),
            position=40,
        )
        PUBLIC_STATE_PARTS.register(
            "matching.items", PublicStatePart.newest(NeedOffer), position=43
        )
        PUBLIC_STATE_PARTS.register(
            "matching.confirmed_at", PublicStatePart.latest(Match, "confirmed_at"), position=41
        )
