"""Forms and form helpers every app's pages share.

- `ReasonForm`: the one form every decision with a reason uses (decline, reject), on web pages and
  in the admin; subclasses only change the wording.
- How views show a `DomainError`: the one place pages turn a refusal into what the person reads.
  A view catches `DomainError` (or the app's subclass) around its service call and either puts the
  error on the form it re-renders (`add_domain_error`) or, when it redirects, into the page's
  messages (`message_domain_error`). The API maps the same errors once, in `api.errors`.
"""

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def add_domain_error(form, error: DomainError, *, field: str | None = None) -> None:
    """Put `error` on `form`: its field errors on the form's fields when it has some, otherwise
    its message on `field` (None: the form's non-field errors)."""
    if isinstance(error.errors, dict) and error.errors:
        for name, problems in error.errors.items():
            form.add_error(name if name in form.fields else None, problems)
        return
    form.add_error(field, error.message)


def message_domain_error(request, error: DomainError) -> None:
    """Show `error` on the next page as an error message (for views that redirect)."""
    messages.error(request, error.message)


class ReasonForm(forms.Form):
    """A required reason, at most 2,000 characters. Subclasses only change the wording."""

    reason_label: "StrOrPromise" = _("Reason")
    reason_help_text: "StrOrPromise" = ""
    rows = 3

    reason = forms.CharField(max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = self.reason_label
        field.help_text = self.reason_help_text
        field.widget.attrs["rows"] = self.rows
