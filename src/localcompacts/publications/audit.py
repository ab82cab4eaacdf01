"""What the audit log records about publications and the data exchange's imports."""

from django.utils.translation import gettext_lazy as _

from localcompacts.core.audit import AuditAction, audit_actions


@audit_actions
class PublicationAction(AuditAction):
    REQUESTED = "publication.requested", _("Publication requested")
    BUILD_STARTED = "publication.build_started", _("Publication generation started")
    GENERATED = "publication.generated", _("Publication generated")
    FAILED = "publication.failed", _("Publication generation failed")
    REQUEUED = "publication.requeued", _("Publication queued again after a stopped worker")
    ADDED_IN_ADMIN = "publication.added_in_admin", _("Publication added in the admin")
    CHANGED_IN_ADMIN = "publication.changed_in_admin", _("Publication changed in the admin")
    DELETED_IN_ADMIN = "publication.deleted_in_admin", _("Publication deleted in the admin")


@audit_actions
class ImportAction(AuditAction):
    """Rows of an imported spreadsheet (or the API's bulk upsert) that became data."""

    GOVERNMENT_IMPORTED = "government.imported", _("Government imported")
    PLEDGE_IMPORTED = "pledge.imported", _("Pledge imported")
    MAPPING_SAVED = "import_mapping.saved", _("Import column mapping saved")


@audit_actions
class ImportJobAction(AuditAction):
    """An import too large for a request, from the person's upload to the worker's last step."""

    REQUESTED = "import_job.requested", _("Import on the worker requested")
    STARTED = "import_job.started", _("Import started on the worker")
    FINISHED = "import_job.finished", _("Import on the worker finished")
    FAILED = "import_job.failed", _("Import on the worker failed")
