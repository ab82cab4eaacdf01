from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import Country
from localcompacts.core import languages
from localcompacts.core.forms import ReasonForm
from localcompacts.governments.models import LocalGovernment

from .models import PartnerOrganisation, User
from .services import password_reset_requested


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes through our outbox in the person's language.

    Invited people who never chose a password can use it too (Django skips them by default).
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        password_reset_requested(
            user=context["user"], uidb64=context["uid"], token=context["token"]
        )


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.iso3})"


class GovernmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.country.name})"


class FocalPointRequestForm(forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    position = forms.CharField(
        label=_("Your position"),
        max_length=200,
        help_text=_("For example: Head of the migrant integration office."),
    )
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    government = GovernmentChoiceField(
        label=_("Your government"),
        queryset=LocalGovernment.objects.select_related("country").order_by("name"),
        required=False,
        empty_label=_("— Not listed: I propose a new one below —"),
    )
    proposed_name = forms.CharField(
        label=_("Name of the government"), max_length=200, required=False
    )
    proposed_country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("name_en"),
        to_field_name="iso3",
        required=False,
    )
    proposed_latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        max_digits=8,
        decimal_places=5,
        help_text=_("Decimal degrees, for example 14.69 for Dakar."),
    )
    proposed_longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        max_digits=8,
        decimal_places=5,
        help_text=_("Decimal degrees, for example -17.44 for Dakar."),
    )

    def clean(self):
        data = super().clean()
        proposed = [
            "proposed_name",
            "proposed_country",
            "proposed_latitude",
            "proposed_longitude",
        ]
        if data.get("government"):
            if data.get("proposed_name"):
                self.add_error(
                    "proposed_name",
                    _("Leave this empty when you choose a government from the list."),
                )
        elif not self.errors.keys() & set(proposed):
            for name in proposed:
                if data.get(name) in (None, ""):
                    self.add_error(
                        name,
                        _("Needed when your government is not in the list."),
                    )
        return data


class DeclineForm(ReasonForm):
    reason_label = _("Reason for declining")
    reason_help_text = _("Sent to the applicant.")


class ReviewerInviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=PartnerOrganisation.objects.all()
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=languages.choices(),
    )


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the 6 digits shown by your authenticator app."))
        return code
