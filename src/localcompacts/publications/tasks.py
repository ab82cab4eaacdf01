"""Work on the `reports` queue: generating editions, recovering killed ones, the nightly open-data
dump, imports too large for a request."""

import datetime

from django_tasks import task

from localcompacts.core.scheduling import periodic

from . import services


@task(queue_name="reports")
def build_publication(publication_id: int) -> str:
    return services.publication_build(publication_id=publication_id)


@periodic(every=datetime.timedelta(minutes=5))
@task(queue_name="reports")
def requeue_stuck_publications() -> int:
    return len(services.publications_requeue_stuck())


@periodic(every=datetime.timedelta(days=1))
@task(queue_name="reports")
def rebuild_open_data_dump() -> str:
    from .exchange.opendata import build_open_data_dump

    return build_open_data_dump().name


@periodic(every=datetime.timedelta(hours=6))
@task(queue_name="reports")
def forget_abandoned_imports() -> int:
    """Files kept for an import's mapping step (`imports/pending/`) that nobody imported within a
    day: the session that could reach them has long expired."""
    from django.utils import timezone

    from localcompacts.core.storage import delete_older_than

    return delete_older_than(
        services.PENDING_IMPORTS_FOLDER, before=timezone.now() - datetime.timedelta(days=1)
    )


@task(queue_name="reports")
def run_import_job(job_id: int) -> str:
    from .exchange.jobs import import_job_run

    return import_job_run(job_id=job_id)


@periodic(every=datetime.timedelta(minutes=10))
@task(queue_name="reports")
def fail_stopped_import_jobs() -> int:
    """Imports whose worker was killed: failed (nothing of them was committed), files deleted."""
    from .exchange.jobs import import_jobs_fail_stopped

    return len(import_jobs_fail_stopped())
