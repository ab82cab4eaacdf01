from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernmentsConfig(AppConfig):
    name = "localcompacts.governments"
    verbose_name = _("Local governments and the Marrakech Mayors Declaration")

    def ready(self):
        from localcompacts.core.caching import PUBLIC_STATE_PARTS, PublicStatePart
        from localcompacts.operations.backup import CONTENT_MODELS

        from . import workflow  # noqa: F401 — registers the endorsement workflow
        from .models import Endorsement, LocalGovernment

        # Public pages change with any government and any verified endorsement (deletions of
        # either are counted by the fingerprint itself).
        PUBLIC_STATE_PARTS.register(
            "governments.updated_at",
            PublicStatePart.latest(LocalGovernment, "updated_at"),
            position=20,
        )
        PUBLIC_STATE_PARTS.register(
            "governments.endorsement_verified_at",
            PublicStatePart.latest(Endorsement, "verified_at"),
            position=21,
        )
        CONTENT_MODELS.register(
            "governments", LocalGovernment
        )  # a database holding any is "not empty"
        from localcompacts.core.workspace import register_panels

        from .panels import PANELS

        register_panels(PANELS, position=40)  # the workspace home's pages
