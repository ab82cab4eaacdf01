"""Login lockout per account and address, and per account across addresses (django-axes).

django-axes counts failures for each combination in `AXES_LOCKOUT_PARAMETERS` and locks when the
largest count reaches one limit. Here the first combination is (account, IP address), limited by
`AXES_FAILURE_LIMIT`; the second is the account alone, over every address, limited by the higher
`AXES_ACCOUNT_FAILURE_LIMIT`: a guessing run that moves from address to address is still stopped
for that account, while a person mistyping from one address is locked out as before.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

# The order the handler reads them in: (account, address) first, then the account alone.
LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures axes compares with AXES_FAILURE_LIMIT: those from this address, or the
        account's failures from everywhere shifted so that they reach the limit exactly at
        AXES_ACCOUNT_FAILURE_LIMIT."""
        per_address, per_account = (
            _failures(attempts) for attempts in self.get_user_attempts(request, credentials)
        )
        shift = settings.AXES_ACCOUNT_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(per_address, per_account - shift)
