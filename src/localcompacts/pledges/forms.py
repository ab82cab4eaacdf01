"""The pledge editor's steps. Forms validate and report; the services write."""

import uuid

import pycountry
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import (
    GuidingPrinciple,
    Objective,
    PopulationGroup,
    RefugeeSupportArea,
    SustainableDevelopmentGoal,
)
from localcompacts.core import content_languages
from localcompacts.core.richtext import plain_text, sanitize_html
from localcompacts.governments.models import LocalGovernment

from .models import Pledge
from .pickers import GovernmentsPickerField, PickerInput, find_published_pledge
from .quality import MAX_DESCRIPTION_CHARS, MIN_DESCRIPTION_CHARS

STEPS = [
    ("basics", _("Basics")),
    ("alignment", _("Alignment with the Compacts")),
    ("beneficiaries", _("Who benefits and where")),
    ("timeline", _("Timeline, budget and indicators")),
    ("partners", _("Partners, co-owners and matching")),
    ("review", _("Review and submit")),
]
STEP_NAMES = [name for name, _label in STEPS]
MAX_INDICATORS = 20
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NoSuffix:
    """Labels without a trailing colon: screen readers read them as written."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class BasicsForm(NoSuffix, forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["kind", "title", "summary", "description", "language", "pledge_type"]
        widgets = {
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
            "description": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "description": _(
                "What will be done, by whom, how. 300 to 5,000 characters. Paragraphs, lists, bold, "
                "italic and links are kept; other markup is removed."
            ),
        }

    def __init__(self, *args, governments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["description"].required = True
        if (
            governments is not None
        ):  # a new pledge: which government it is for, and a one-time token
            self.fields["government"] = forms.ModelChoiceField(
                label=_("For the government of"),
                queryset=governments,
                initial=governments.first(),
                empty_label=None,
            )
            self.fields["token"] = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_description(self):
        value = sanitize_html(self.cleaned_data["description"])
        length = len(plain_text(value))
        if length < MIN_DESCRIPTION_CHARS:
            raise forms.ValidationError(
                _("Write at least %(min)s characters (now %(count)s).")
                % {"min": MIN_DESCRIPTION_CHARS, "count": length}
            )
        if length > MAX_DESCRIPTION_CHARS:
            raise forms.ValidationError(
                _("Write at most %(max)s characters (now %(count)s).")
                % {"max": MAX_DESCRIPTION_CHARS, "count": length}
            )
        return value


class NamedChoices(forms.ModelMultipleChoiceField):
    """Checkboxes labelled by the item's name in the current language (with its UN code if any)."""

    def label_from_instance(self, obj):
        code = getattr(obj, "code", "")
        return obj.name if not code or code.islower() else f"{code} · {obj.name}"


def _checkboxes(queryset, label, required=False):
    return NamedChoices(
        queryset=queryset, label=label, required=required, widget=forms.CheckboxSelectMultiple
    )


class AlignmentForm(NoSuffix, forms.Form):
    objectives = _checkboxes(Objective.objects.all(), _("GCM and GCR objectives"))
    refugee_support_areas = _checkboxes(
        RefugeeSupportArea.objects.all(), _("GCR areas in need of support")
    )
    guiding_principles = _checkboxes(GuidingPrinciple.objects.all(), _("GCM guiding principles"))
    sdgs = _checkboxes(SustainableDevelopmentGoal.objects.all(), _("Sustainable Development Goals"))

    def clean(self):
        data = super().clean()
        if not data.get("objectives") and not data.get("refugee_support_areas"):
            self.add_error(
                "objectives",
                _("Choose at least one GCM or GCR objective, or a GCR area in need of support."),
            )
        return data


class BeneficiariesForm(NoSuffix, forms.Form):
    population_groups = _checkboxes(PopulationGroup.objects.all(), _("Population groups"))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Where the pledge happens: the whole territory, a district, a neighbourhood…"),
    )


class TimelineForm(NoSuffix, forms.Form):
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    budget = forms.DecimalField(
        label=_("Budget"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    currency = forms.CharField(
        label=_("Currency"),
        required=False,
        max_length=3,
        help_text=_("ISO 4217 code, e.g. EUR, USD, XOF."),
    )

    def clean_currency(self):
        code = self.cleaned_data["currency"].strip().upper()
        if code and pycountry.currencies.get(alpha_3=code) is None:
            raise forms.ValidationError(
                _("“%(code)s” is not an ISO 4217 currency code.") % {"code": code}
            )
        return code

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must not be before the start date."))
        if data.get("budget") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the budget."))
        return data


class IndicatorForm(NoSuffix, forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    baseline = forms.DecimalField(
        label=_("Baseline"), required=False, max_digits=16, decimal_places=2
    )
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=16, decimal_places=2)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("name"):
            if not data.get("unit"):
                self.add_error("unit", _("Give a unit (people, households, days…)."))
            if data.get("target") is None:
                self.add_error("target", _("Give a target value."))
        elif any(
            data.get(f) not in (None, "") for f in ("unit", "baseline", "target", "target_date")
        ):
            self.add_error("name", _("Name the indicator or leave the whole row empty."))
        return data


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, extra=0, max_num=MAX_INDICATORS, validate_max=True, absolute_max=MAX_INDICATORS
)


def indicator_rows(formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        # Rows with errors are reported by the formset; only complete rows become indicators.
        data = getattr(form, "cleaned_data", {})
        if data.get("name") and not form.errors:
            rows.append(
                {
                    "name": data["name"],
                    "unit": data["unit"],
                    "baseline": data.get("baseline") or 0,
                    "target": data["target"],
                    "target_date": data.get("target_date"),
                }
            )
    return rows


MAX_TRANSLATIONS = 10


class TranslationForm(NoSuffix, forms.Form):
    """The owners' translation of the title and summary into one more language (optional)."""

    language = forms.ChoiceField(
        label=_("Language of the translation"),
        required=False,
        choices=lambda: [("", "—"), *content_languages.choices()],
    )
    title = forms.CharField(label=_("Translated title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Translated summary"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
    )

    def clean(self):
        data = super().clean()
        if data.get("language") and not data.get("title"):
            self.add_error("title", _("Give the translated title (or leave the language empty)."))
        elif data.get("title") and not data.get("language"):
            self.add_error("language", _("Choose the language of the translation."))
        return data


class BaseTranslationFormSet(forms.BaseFormSet):
    def __init__(self, *args, text_language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.text_language = text_language

    def clean(self):
        seen = {self.text_language}
        for form in self.forms:
            language = getattr(form, "cleaned_data", {}).get("language")
            if not language:
                continue
            if language in seen:
                form.add_error(
                    "language",
                    _("The pledge is already written or translated in this language."),
                )
            seen.add(language)


def translation_formset(data=None, *, initial, text_language: str, rows: int = 1):
    formset_class = forms.formset_factory(
        TranslationForm,
        formset=BaseTranslationFormSet,
        extra=max(1, rows),
        max_num=MAX_TRANSLATIONS,
        validate_max=True,
        absolute_max=MAX_TRANSLATIONS,
    )
    return formset_class(  # type: ignore[call-arg]  # formset_factory's declared type drops the class given
        data, initial=initial, prefix="translations", text_language=text_language
    )


def translation_rows(formset) -> list[dict]:
    """The complete rows of the translation formset, one per language."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})
        if data.get("language") and data.get("title") and not form.errors:
            rows.append(
                {"language": data["language"], "title": data["title"], "summary": data["summary"]}
            )
    return rows


class PartnersForm(NoSuffix, forms.Form):
    # A control named "matches" would hide the form element's own `matches()` method in the
    # browser (htmx calls it and stops with "e.matches is not a function"): the field keeps the
    # model's and the API's name, only its input is named differently.
    INPUT_NAMES = {"matches": "matched_pledge"}

    partners = forms.CharField(
        label=_("Partners"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One partner organisation per line."),
    )
    co_owners = GovernmentsPickerField(
        label=_("Co-owner governments (joint pledge)"),
        queryset=LocalGovernment.objects.none(),
        required=False,
        help_text=_(
            "Type a government's name and choose it from the suggestions, one per field. "
            "Their focal points can edit the pledge too."
        ),
    )
    matches = forms.CharField(
        label=_("Matches published pledge"),
        required=False,
        max_length=300,
        widget=PickerInput(
            attrs={
                "hx-get": reverse_lazy("pledges:suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#id_matched_pledge-options",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        ),
        help_text=_(
            "The number or exact title of another published pledge this one answers, if any; "
            "suggestions appear as you type."
        ),
    )

    def __init__(self, *args, pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.pledge = pledge
        lead = pledge.ownerships.filter(is_lead=True).values("government_id")
        self.fields["co_owners"].queryset = LocalGovernment.objects.exclude(pk__in=lead).order_by(
            "name"
        )
        self.fields["co_owners"].refresh_options()

    @classmethod
    def input_name(cls, field_name: str) -> str:
        return cls.INPUT_NAMES.get(field_name, field_name)

    def add_prefix(self, field_name):
        return super().add_prefix(self.input_name(field_name))

    def clean_matches(self):
        text = (self.cleaned_data["matches"] or "").strip()
        if not text:
            return None
        excluded = {self.pledge.pk, self.pledge.revision_of_id} - {None}
        match = find_published_pledge(text, exclude=excluded)
        if match is None:
            raise forms.ValidationError(
                _("There is no other published pledge with this number or title.")
            )
        return match


class TransitionForm(NoSuffix, forms.Form):
    comment = forms.CharField(
        label=_("Comment or reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(NoSuffix, forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AttachmentForm(NoSuffix, forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG; up to 25 MB; at most 5 files."),
    )
