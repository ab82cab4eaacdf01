"""Searchable pickers that are plain text inputs: the browser suggests from a `<datalist>` as one
types (no script needed); the server reads names or numbers back. With htmx, the pledge picker's
suggestions come from a search as one types instead of a list of every pledge."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from localcompacts.governments.models import LocalGovernment

from .models import Pledge


class PickerInput(forms.Widget):
    """One or more text inputs (`rows` empty ones after the values) sharing one datalist."""

    template_name = "pledges/widgets/picker.html"

    def __init__(self, attrs=None, *, multiple=False, empty_rows=1, row_label=""):
        super().__init__(attrs)
        self.multiple = multiple
        self.empty_rows = empty_rows
        self.row_label = row_label
        self.options: list[str] = []

    def value_from_datadict(self, data, files, name):
        if not self.multiple:
            return data.get(name)
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if values is None:
            return []
        return list(values) if isinstance(values, list | tuple) else [values]

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.multiple:
            values = [str(v) for v in (value or []) if str(v).strip()]
            values += [""] * self.empty_rows
        else:
            values = ["" if value is None else str(value)]
        widget = context["widget"]
        widget["values"] = values
        widget["options"] = self.options
        widget["list_id"] = f"{widget['attrs'].get('id', name)}-options"
        widget["row_label"] = self.row_label
        widget["input_attrs"] = {
            k: v for k, v in widget["attrs"].items() if k not in ("id", "required")
        }
        return context


def government_label(government: LocalGovernment) -> str:
    return (
        f"{government.name} ({government.country.name})"
        if government.country_id
        else (government.name)
    )


class GovernmentsPickerField(forms.ModelMultipleChoiceField):
    """Governments typed by name ("Dakar (Senegal)", or the name alone when it is unique), by slug
    or by number, one per input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            PickerInput(multiple=True, empty_rows=2, row_label=_("Co-owner government")),
        )
        super().__init__(*args, **kwargs)

    def _labels(self) -> dict[int, str]:
        if not hasattr(self, "_label_cache"):
            assert self.queryset is not None  # the form gives the governments one may choose
            governments = self.queryset.select_related("country").order_by("name")
            self._label_cache = {g.pk: government_label(g) for g in governments}
            self._slugs = dict(governments.values_list("slug", "pk"))
        return self._label_cache

    def refresh_options(self) -> None:
        self.widget.options = list(self._labels().values())

    def _lookup(self) -> dict[str, int]:
        labels = self._labels()
        names: dict[str, list[int]] = {}
        for pk, label in labels.items():
            names.setdefault(label.rsplit(" (", 1)[0].casefold(), []).append(pk)
        lookup = {name: pks[0] for name, pks in names.items() if len(pks) == 1}
        lookup.update({slug.casefold(): pk for slug, pk in self._slugs.items()})
        lookup.update({label.casefold(): pk for pk, label in labels.items()})
        lookup.update({str(pk): pk for pk in labels})
        return lookup

    def prepare_value(self, value):
        labels = self._labels()
        if isinstance(value, list | tuple):
            return [self.prepare_value(v) for v in value]
        if isinstance(value, LocalGovernment):
            value = value.pk
        return labels.get(value, value) if isinstance(value, int) else value

    def clean(self, value):
        lookup = self._lookup()
        pks, unknown = [], []
        for raw in value or []:
            text = str(raw).strip()
            if not text:
                continue
            pk = lookup.get(text.casefold())
            (unknown if pk is None else pks).append(text if pk is None else str(pk))
        if unknown:
            raise forms.ValidationError(
                _("No government is called “%(name)s”: choose a name from the suggestions."),
                params={"name": unknown[0][:100]},
                code="unknown",
            )
        return super().clean(pks)


def pledge_label(pledge: Pledge) -> str:
    return f"{pledge.pk} — {pledge.title}"


NUMBER = re.compile(r"^\s*#?(\d{1,10})\b")


def find_published_pledge(text: str, *, exclude: set[int]) -> Pledge | None:
    """A published pledge by number ("123", "#123", "123 — Title") or by its exact title."""
    published = Pledge.objects.public().exclude(pk__in=exclude)
    number = NUMBER.match(text)
    if number:
        return published.filter(pk=int(number.group(1))).first()
    matches = list(published.filter(title__iexact=text.strip())[:2])
    return matches[0] if len(matches) == 1 else None


def pledge_suggestions(text: str, *, limit: int = 20) -> list[str]:
    """Published pledges whose number or title matches what was typed, for the datalist."""
    text = text.strip()[:100]
    if not text:
        return []
    condition = Q(title__icontains=text)
    number = NUMBER.match(text)
    if number:
        condition |= Q(pk=int(number.group(1)))
    pledges = Pledge.objects.public().filter(condition).order_by("-published_at", "-id")
    return [pledge_label(p) for p in pledges.only("pk", "title")[:limit]]
