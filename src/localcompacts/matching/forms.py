"""The needs-and-offers step, the facilitator's dismiss reason, and the lead pledge a pledge joins."""

import pycountry
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import Objective, PopulationGroup, Region
from localcompacts.core import languages
from localcompacts.pledges.forms import NamedChoices, NoSuffix
from localcompacts.pledges.pickers import PickerInput, find_published_pledge, pledge_label

from .models import Direction, ItemType, NeedOffer


class NeedOfferForm(NoSuffix, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    direction = forms.ChoiceField(
        label=_("Need or offer"), choices=[("", "—"), *Direction.choices], required=False
    )
    item_type = forms.ChoiceField(
        label=_("Type"), choices=[("", "—"), *ItemType.choices], required=False
    )
    amount = forms.DecimalField(
        label=_("Amount (funding)"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
    )
    currency = forms.CharField(
        label=_("Currency"), required=False, max_length=3, help_text=_("ISO 4217, e.g. EUR.")
    )
    objectives = NamedChoices(
        queryset=Objective.objects.all(),
        label=_("Objectives it concerns"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    population_groups = NamedChoices(
        queryset=PopulationGroup.objects.all(),
        label=_("Population groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), label=_("Region"), required=False, empty_label="—"
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=languages.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("In a few words"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )
    is_open = forms.BooleanField(label=_("Still open"), required=False, initial=True)

    def clean_currency(self):
        code = self.cleaned_data["currency"].strip().upper()
        if code and pycountry.currencies.get(alpha_3=code) is None:
            raise forms.ValidationError(
                _("“%(code)s” is not an ISO 4217 currency code.") % {"code": code}
            )
        return code

    def clean(self):
        data = super().clean()
        if self.is_blank(data):
            return data
        if not data.get("direction"):
            self.add_error("direction", _("Say whether this is a need or an offer."))
        if not data.get("item_type"):
            self.add_error("item_type", _("Choose a type."))
        if data.get("amount") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the amount."))
        return data

    @staticmethod
    def is_blank(data) -> bool:
        return not (data.get("direction") or data.get("item_type") or data.get("description"))


NeedOfferFormSet = forms.formset_factory(
    NeedOfferForm,
    extra=1,
    can_delete=True,
    max_num=NeedOffer.MAX_PER_PARTY,
    validate_max=True,
    absolute_max=NeedOffer.MAX_PER_PARTY,
)


def initial_rows(items) -> list[dict]:
    return [
        {
            "id": item.pk,
            "direction": item.direction,
            "item_type": item.item_type,
            "amount": item.amount,
            "currency": item.currency,
            "objectives": list(item.objectives.all()),
            "population_groups": list(item.population_groups.all()),
            "region": item.region,
            "languages": item.language_list,
            "description": item.description,
            "is_open": item.is_open,
        }
        for item in items
    ]


def formset_rows(formset) -> list[dict]:
    """The rows to keep: filled in, not marked for removal."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})
        if not data or data.get("DELETE") or NeedOfferForm.is_blank(data):
            continue
        row = {key: value for key, value in data.items() if key != "DELETE"}
        rows.append(row)
    return rows


class DismissForm(NoSuffix, forms.Form):
    comment = forms.CharField(
        label=_("Why is this match dismissed?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
    )


class JoinLeadForm(NoSuffix, forms.Form):
    """The lead pledge to join, typed as its number or exact title into the pledge picker the
    editor's "matches" field uses: a `<datalist>` of pledges others have already joined, replaced
    by the search at `pledges:suggest` (published pledges only) as one types, with htmx."""

    # pledges:suggest reads what was typed from `q`; the field keeps its own name in Python.
    INPUT_NAME = "q"

    lead = forms.CharField(
        label=_("Lead pledge"),
        max_length=300,
        widget=PickerInput(
            attrs={
                "id": "id_lead",
                "hx-get": reverse_lazy("pledges:suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#id_lead-options",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        ),
        help_text=_(
            "The number or exact title of the published pledge that leads the multi-stakeholder "
            "pledge; suggestions appear as you type."
        ),
        error_messages={"required": _("Type the number or the title of the lead pledge.")},
    )

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].widget.options = [pledge_label(pledge) for pledge in options]

    def add_prefix(self, field_name):
        return self.INPUT_NAME if field_name == "lead" else super().add_prefix(field_name)

    def clean_lead(self):
        text = self.cleaned_data["lead"].strip()
        lead = find_published_pledge(text, exclude=set())
        if lead is None:
            raise forms.ValidationError(
                _(
                    "No published pledge has the number or title “%(text)s”. Only published "
                    "pledges can be joined: choose one from the suggestions."
                ),
                params={"text": text[:100]},
                code="unknown",
            )
        return lead
