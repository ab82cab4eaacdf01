"""Who may do what with publications (pure predicates)."""

from localcompacts.core.people import Person

from .models import ImportJob


def can_request_publication(user: Person | None) -> bool:
    """Generating editions costs the worker minutes: partner reviewers and the secretariat."""
    return bool(user and user.is_authenticated and user.is_reviewer)


def can_import(user: Person | None) -> bool:
    return bool(user and user.is_authenticated and user.is_secretariat)


def can_view_import_job(user: Person | None, job: ImportJob) -> bool:
    """Its result names rows of someone's file: the person who started it and the secretariat
    (a 404 for anyone else)."""
    return bool(
        user
        and user.is_authenticated
        and (
            user.is_secretariat or (job.started_by_id is not None and job.started_by_id == user.pk)
        )
    )
