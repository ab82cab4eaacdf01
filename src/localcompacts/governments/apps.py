from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernmentsConfig(AppConfig):
    name = "localcompacts.governments"
    verbose_name = _("Local governments and the Marrakech Mayors Declaration")

    def ready(self):
        from django.db.models.signals import post_delete

        from localcompacts.core.caching import note_public_change

        from . import workflow  # noqa: F401 — registers the endorsement workflow
        from .models import Endorsement, LocalGovernment

        # Deletions leave no later timestamp behind: count them (core.caching.public_state).
        for model in (LocalGovernment, Endorsement):
            post_delete.connect(
                note_public_change, sender=model, dispatch_uid=f"public-delete:{model.__name__}"
            )
