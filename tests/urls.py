"""Page addresses in a given language for tests: pages carry their language in the address."""

from django.urls import reverse
from django.utils import translation


def url_in(language: str, viewname: str, **kwargs) -> str:
    """`url_in("fr", "accounts:login")` → "/fr/accounts/login/"."""
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)
