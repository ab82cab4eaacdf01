"""View guards by role. Signed-out people are sent to log in; signed-in people without the role get
a 404, so a page's existence tells them nothing.

A mechanism: it reads only the user's role predicates (`is_secretariat`, `is_reviewer`,
`is_focal_point`, declared on `accounts.User`), so every app may guard its views with it."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404


def role_required(predicate):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


secretariat_required = role_required(lambda user: user.is_secretariat)
reviewer_required = role_required(lambda user: user.is_reviewer)
focal_point_required = role_required(lambda user: user.is_focal_point)
