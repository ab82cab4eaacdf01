from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "localcompacts.accounts"
    verbose_name = _("Accounts and partner organisations")

    def ready(self):
        from localcompacts.operations.backup import CONTENT_MODELS

        from . import workflow  # noqa: F401 — registers the focal-point request workflow
        from .models import User

        CONTENT_MODELS.register("accounts", User)  # a database holding any is "not empty"
        from localcompacts.core.workspace import register_panels

        from .panels import PANELS

        register_panels(PANELS, position=50)  # the workspace home's pages
