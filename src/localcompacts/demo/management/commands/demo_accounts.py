from django.conf import settings
from django.core.management.base import BaseCommand

from localcompacts.accounts.models import User
from localcompacts.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the site address and the demo accounts (used by `make serve`)."

    def handle(self, *args, **options):
        # The address the site's links use (settings.SITE_URL, from SITE_URL or PORT), so what is
        # printed here is what e-mails and citations say.
        self.stdout.write(self.style.SUCCESS(f"\nLocal Compacts: {settings.SITE_URL}/"))
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
