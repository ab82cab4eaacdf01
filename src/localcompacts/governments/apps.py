from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernmentsConfig(AppConfig):
    name = "localcompacts.governments"
    verbose_name = _("Local governments and the Marrakech Mayors Declaration")
