from localcompacts.core.people import Person


def can_manage_forums(user: Person | None) -> bool:
    """Editors of forum records (programme, delegations, outcome texts) are the secretariat."""
    return bool(user and user.is_authenticated and user.is_secretariat)
