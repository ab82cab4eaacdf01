"""Suggestions are computed on the worker, never in the request that changed something."""

from django_tasks import task

from . import suggestions


@task()
def suggest_for_pledge(pledge_id: int) -> int:
    from .services import sync_declared_match

    sync_declared_match(pledge_id=pledge_id)
    return suggestions.suggest_for_pledges([pledge_id])


@task()
def suggest_for_partner(partner_id: int) -> int:
    return suggestions.suggest_for_partner(partner_id)
