"""factory_boy factories. Prefer creating workflow state through services in tests; these build the
starting rows (governments, people, draft pledges)."""

import datetime

import factory
from django.utils import timezone

from localcompacts.accounts.models import PartnerOrganisation, Role, User
from localcompacts.compacts.models import Country, Objective
from localcompacts.core.slugs import make_slug as slugify
from localcompacts.governments.models import FocalPoint, LocalGovernment
from localcompacts.pledges.models import Pledge, PledgeOwner, PledgeStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    role = Role.MEMBER
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")


class ReviewerFactory(UserFactory):
    role = Role.REVIEWER
    partner_organisation = factory.LazyFunction(
        lambda: PartnerOrganisation.objects.get(acronym="MMC")
    )


class SecretariatFactory(UserFactory):
    role = Role.SECRETARIAT
    is_staff = True
    is_superuser = True


class LocalGovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalGovernment

    name = factory.Sequence(lambda n: f"Test City {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    country = factory.LazyFunction(lambda: Country.objects.get(iso3="SEN"))
    latitude = 14.69
    longitude = -17.44
    population = 1_000_000


class FocalPointUserFactory(UserFactory):
    """A focal point of one government (pass `government=` or get a new one)."""

    role = Role.FOCAL_POINT

    @factory.post_generation
    def government(self, create, extracted, **kwargs):
        if not create:
            return
        government = extracted or LocalGovernmentFactory()
        FocalPoint.objects.create(user=self, government=government, position="Migration officer")


class PledgeFactory(factory.django.DjangoModelFactory):
    """A pledge row in the given status. Owners via `owners=[gov, …]`; objectives by code list."""

    class Meta:
        model = Pledge
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Open a welcome centre for newcomers, phase {n}")
    summary = (
        "A one-stop centre where migrants and refugees find services, language classes and advice."
    )
    description = "<p>" + "The city will open a welcome centre with partners. " * 8 + "</p>"
    kind = "pledge"
    pledge_type = "policy"
    status = PledgeStatus.DRAFT
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2027, 12, 31)
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == PledgeStatus.PUBLISHED else None
    )

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if not create:
            return
        for position, government in enumerate(extracted or [LocalGovernmentFactory()]):
            PledgeOwner.objects.create(pledge=self, government=government, is_lead=position == 0)

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create:
            self.objectives.set(Objective.objects.filter(code__in=extracted or ["GCM-15"]))


# --- accounts and declaration endorsements (helpers for tests/accounts, tests/governments) -------
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "letter.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def submit_endorsement(*, government, by, signed_on=datetime.date(2019, 3, 1), **kwargs):
    """An endorsement as a focal point sends it (through the service)."""
    from localcompacts.governments.services import endorsement_submit

    return endorsement_submit(
        government=government,
        by=by,
        signatory_name=kwargs.get("signatory_name", "Soham El Wardini"),
        signatory_title=kwargs.get("signatory_title", "Mayor"),
        signed_on=signed_on,
        letter=kwargs.get("letter") or pdf_upload(),
    )
