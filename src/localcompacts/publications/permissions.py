"""Who may do what with publications (pure predicates)."""

from localcompacts.core.people import Person


def can_request_publication(user: Person | None) -> bool:
    """Generating editions costs the worker minutes: partner reviewers and the secretariat."""
    return bool(user and user.is_authenticated and user.is_reviewer)


def can_import(user: Person | None) -> bool:
    return bool(user and user.is_authenticated and user.is_secretariat)
