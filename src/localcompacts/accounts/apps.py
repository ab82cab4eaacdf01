from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "localcompacts.accounts"
    verbose_name = _("Accounts and partner organisations")

    def ready(self):
        from . import workflow  # noqa: F401 — registers the focal-point request workflow
