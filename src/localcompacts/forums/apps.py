from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "localcompacts.forums"
    verbose_name = _("Review forums")

    def ready(self):
        from localcompacts.core.caching import track_public_changes

        track_public_changes(*self.get_models())  # government profiles show forum participation
