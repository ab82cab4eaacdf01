import time

from django.core.management.base import BaseCommand

from localcompacts.core.scheduling import enqueue_due


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks that are due (idempotent per time slot); --loop to keep going."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Check every --interval seconds.")
        parser.add_argument("--interval", type=int, default=30)

    def handle(self, *args, **options):
        while True:
            for name in enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
