"""Who may do what with publications (pure predicates)."""


def can_request_publication(user) -> bool:
    """Generating editions costs the worker minutes: partner reviewers and the secretariat."""
    return bool(user and user.is_authenticated and user.is_reviewer)


def can_import(user) -> bool:
    return bool(user and user.is_authenticated and user.is_secretariat)
