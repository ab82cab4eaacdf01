from django.core.management.base import BaseCommand

from localcompacts.accounts.models import User
from localcompacts.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the site address and the demo accounts (used by `make serve`)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, **options):
        self.stdout.write(
            self.style.SUCCESS(f"\nLocal Compacts: http://127.0.0.1:{options['port']}/")
        )
        existing = set(
            User.objects.filter(email__in=[a[0] for a in DEMO_ACCOUNTS]).values_list(
                "email", flat=True
            )
        )
        if existing:
            self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
            for email, _name, role, _description in DEMO_ACCOUNTS:
                if email in existing:
                    self.stdout.write(f"  {email:<24} {role.label}")
        self.stdout.write("")
