from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "localcompacts.core"
    verbose_name = _("Site")

    def ready(self):
        # Periodic tasks register themselves when their module is imported.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
