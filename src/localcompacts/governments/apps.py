from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernmentsConfig(AppConfig):
    name = "localcompacts.governments"
    verbose_name = _("Local governments and the Marrakech Mayors Declaration")

    def ready(self):
        from localcompacts.operations.backup import CONTENT_MODELS

        from .models import LocalGovernment

        CONTENT_MODELS.register(
            "governments", LocalGovernment
        )  # a database holding any is "not empty"

        from django.db.models.signals import post_delete

        from localcompacts.core.caching import note_public_change

        from . import workflow  # noqa: F401 — registers the endorsement workflow
        from .models import Endorsement, LocalGovernment

        # Deletions leave no later timestamp behind: count them (core.caching.public_state).
        for model in (LocalGovernment, Endorsement):
            post_delete.connect(
                note_public_change, sender=model, dispatch_uid=f"public-delete:{model.__name__}"
            )

        from localcompacts.core.caching import PUBLIC_STATE_PARTS, PublicStatePart

        # Public pages change with any government and any verified endorsement.
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
