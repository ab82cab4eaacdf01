"""The request type of views that only signed-in people reach.

`login_required` (or a role guard) has already turned anonymous visitors away, so `request.user` is
an `accounts.User`; this subclass only says so to the type checker, nothing creates it.
"""

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
