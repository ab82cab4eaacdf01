from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from localcompacts.demo.seed import DEMO_PASSWORD, seed_demo
from localcompacts.governments.models import LocalGovernment


class ProgressDisplay:
    """A progress bar redrawn in place on a terminal; plain lines (milestones only) otherwise, so
    logs of `make serve` or CI stay readable."""

    WIDTH = 30

    def __init__(self, stdout):
        self.stdout = stdout
        self.tty = stdout.isatty()
        self.done = 0.0

    def __call__(self, message: str, done: float | None = None) -> None:
        if done is not None:
            self.done = max(self.done, min(done, 1.0))
        if self.tty:
            filled = int(self.done * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stdout.write(f"\r[{bar}] {self.done:4.0%} {message:<50}", ending="")
            if done is None:
                self.stdout.write("")
        elif done is None:
            self.stdout.write(f"  … {message}")


class Command(BaseCommand):
    help = "Fill the database with deterministic, realistic demo data (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("--governments", type=int, default=300)
        parser.add_argument("--pledges", type=int, default=1500)
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if governments already exist."
        )

    def handle(self, *args, **options):
        if getattr(settings, "PROFILE", "") == "production":
            raise CommandError("seed_demo refuses to run with production settings.")
        if options["governments"] < 2 or options["pledges"] < 0:
            raise CommandError("--governments must be at least 2 and --pledges not negative.")
        if LocalGovernment.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data already present; nothing to do.")
                return
            raise CommandError("The database already has data; seed_demo fills an empty database.")
        result = seed_demo(
            governments=options["governments"],
            pledges=options["pledges"],
            seed=options["seed"],
            progress=ProgressDisplay(self.stdout),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {result['governments']} governments and {result['pledges']} pledges "
                f"in {result['seconds']:.1f} s."
            )
        )
        for email, description in result["accounts"]:
            self.stdout.write(f"  {email:<24} {description}  (password: {DEMO_PASSWORD})")
