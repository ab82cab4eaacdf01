"""Create an API token for a person from the command line (scripts, CI); prints the secret once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from localcompacts.api.services import ApiTokenError, api_token_create


class Command(BaseCommand):
    help = "Create an API token for the user with this e-mail address and print it (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="command line")

    def handle(self, *args: str, email: str, name: str, **options: object) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(email)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user with the e-mail address {email}.") from None
        try:
            _token, secret = api_token_create(user=user, name=name)
        except ApiTokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(secret)
