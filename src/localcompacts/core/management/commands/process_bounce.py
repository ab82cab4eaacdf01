"""Read a bounce message (RFC 3464 DSN) or a complaint report (ARF) and stop mailing the address.

manage.py process_bounce message.eml          # or, from the bounce mailbox's delivery:
| manage.py process_bounce -                  # e.g. an alias "bounces: |/srv/.../process_bounce -"
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from localcompacts.core.bounces import (
    MAX_BOUNCE_MESSAGE_BYTES,
    parse_bounce_message,
    record_delivery_problem,
)


class Command(BaseCommand):
    help = "Record the hard bounces and spam complaints a bounce or feedback report states."

    def add_arguments(self, parser):
        parser.add_argument("message", nargs="+", help="files with one message each; - for stdin")

    def handle(self, *args, **options):
        for name in options["message"]:
            raw = self._read(name)
            try:
                problems = parse_bounce_message(raw)
            except ValueError as error:
                raise CommandError(f"{name}: {error}") from error
            if not problems:
                self.stdout.write(f"{name}: no hard bounce or complaint in this message")
            for problem in problems:
                record_delivery_problem(problem=problem)
                kind = "complaint" if problem.complaint else "hard bounce"
                self.stdout.write(f"{name}: {kind} recorded for {problem.email}")

    def _read(self, name: str) -> bytes:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_BOUNCE_MESSAGE_BYTES + 1)
        else:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            if path.stat().st_size > MAX_BOUNCE_MESSAGE_BYTES:
                raise CommandError(f"{name}: larger than {MAX_BOUNCE_MESSAGE_BYTES} bytes")
            raw = path.read_bytes()
        return raw
