"""Periodic tasks without a second scheduler daemon's state: each job has fixed slots
(e.g. every 5 minutes, or daily) and a `PeriodicRun` row per slot, so running
`manage.py enqueue_periodic` from several places or twice in a minute enqueues each slot once.

    @periodic(every=datetime.timedelta(days=1))
    @task()
    def rebuild_open_data_dump(): ...

`make serve` and the worker service run `manage.py enqueue_periodic --loop`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import PeriodicRun
from .registry import ExtensionPoint


class Task(Protocol):
    """What a job needs of a django-tasks task (that library has no type information)."""

    @property
    def module_path(self) -> str: ...

    def enqueue(self) -> object: ...


_T = TypeVar("_T", bound=Task)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task
    every: datetime.timedelta

    def slot(self, now: datetime.datetime) -> str:
        seconds = int(self.every.total_seconds())
        return str(int(now.timestamp()) // seconds * seconds)


# Each app's tasks.py is imported by core's ready() (autodiscover), and its @periodic decorators
# register here; a second job under the same name fails at start-up.
PERIODIC_JOBS: ExtensionPoint[PeriodicJob] = ExtensionPoint(
    "core.periodic_jobs", "Jobs `manage.py enqueue_periodic` enqueues once per time slot"
)


def periodic(*, every: datetime.timedelta, name: str | None = None) -> Callable[[_T], _T]:
    def register(task_obj: _T) -> _T:
        job_name = name or f"{task_obj.module_path}"
        PERIODIC_JOBS.register(job_name, PeriodicJob(name=job_name, task=task_obj, every=every))
        return task_obj

    return register


def enqueue_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been enqueued yet; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for job in PERIODIC_JOBS:
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=job.name, slot=job.slot(now))
                job.task.enqueue()
        except IntegrityError:
            continue
        enqueued.append(job.name)
    return enqueued
