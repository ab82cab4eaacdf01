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
