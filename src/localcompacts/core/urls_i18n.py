"""A page's address in each site language, for `hreflang` alternates and the canonical link.

Pages carry their language as the first path segment (`config/urls.py`, `i18n_patterns`); the
same page in another language is the same route reversed under that language. Addresses without
a language prefix (API, admin) have no alternates.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_from_path

from .languages import LANGUAGES


def unprefixed(path: str) -> str | None:
    """`/pledges/?q=x` for `/ar/pledges/?q=x`; None when the path has no language prefix."""
    language = get_language_from_path(path)
    if not language or not path.startswith(f"/{language}/"):
        return None
    return path[len(language) + 1 :]


def alternates(path: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each language, then ("x-default", the unprefixed address,
    which redirects a reader to their own language)."""
    bare = unprefixed(path)
    if bare is None:
        return []
    links = [
        (language.code, settings.SITE_URL + translate_url(path, language.code))
        for language in LANGUAGES
    ]
    return [*links, ("x-default", settings.SITE_URL + bare)]


def with_language(url: str, language: str) -> str:
    """The same address in `language` (`/en/pledges/3/x/` → `/ar/pledges/3/x/`), absolute or
    not; page paths are not translated, so swapping the prefix is exact. Addresses without a
    prefix are returned as they are."""
    scheme_and_host, path = "", url
    if url.startswith(("http://", "https://")):
        head, _, rest = url.partition("://")
        host, _, tail = rest.partition("/")
        scheme_and_host, path = f"{head}://{host}", "/" + tail
    bare = unprefixed(path)
    if bare is None:
        return url
    return f"{scheme_and_host}/{language}{bare}"


def absolute_url(viewname: str, *, language: str, kwargs: dict | None = None) -> str:
    """The full address of a page in `language`, for e-mails and citations."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return settings.SITE_URL + reverse(viewname, kwargs=kwargs)
