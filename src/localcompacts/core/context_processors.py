from django.conf import settings


def site(request):
    return {"SITE_URL": settings.SITE_URL, "DEBUG": settings.DEBUG}


def csrf(request):
    """Django's own `csrf_token` (it replaces the built-in processor's), remembering the token it
    gave out: a public page kept for other visitors (`core.caching.public_cache`) has that token
    swapped for each visitor's own."""
    from django.middleware.csrf import get_token
    from django.utils.functional import SimpleLazyObject

    def token() -> str:
        value = getattr(request, "_page_csrf_token", None)
        if value is None:
            value = request._page_csrf_token = get_token(request) or "NOTPROVIDED"
        return value

    return {"csrf_token": SimpleLazyObject(token)}
