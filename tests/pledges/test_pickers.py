"""The co-owner and "matches" pickers are plain text inputs: names or numbers typed, read back by
the server; suggestions come from a datalist (and, with htmx, from a search as one types)."""

from django.urls import reverse

from localcompacts.pledges.models import Pledge

from ..factories import LocalGovernmentFactory
from .helpers import draft, published


def test_co_owners_and_matches_by_name_without_javascript(
    focal_point_client, government, other_government, focal_point, reviewer
):
    other = published(government=government, by=focal_point, reviewer=reviewer, title="Jobs desk")
    pledge = draft(government=government, by=focal_point)
    url = reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "partners"})
    page = focal_point_client.get(url).content.decode()
    assert 'list="id_co_owners-options"' in page and "<datalist" in page
    assert f"{other_government.name} (" in page  # suggested by name
    assert 'name="matched_pledge"' in page and 'name="matches"' not in page
    response = focal_point_client.post(
        url,
        {
            "partners": "",
            "co_owners": [f"{other_government.name} ({other_government.country.name})", ""],
            "matched_pledge": "Jobs desk",
            "stay": "1",
        },
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get(pk=pledge.pk)
    assert pledge.matches == other
    assert set(pledge.owners.all()) == {government, other_government}
    # shown again as names, not numbers
    page = focal_point_client.get(url).content.decode()
    assert f'value="{other.pk} — Jobs desk"' in page
    assert f'value="{other_government.name} (' in page


def test_unknown_names_are_refused_and_kept(focal_point_client, government, focal_point):
    pledge = draft(government=government, by=focal_point)
    url = reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "partners"})
    response = focal_point_client.post(
        url, {"co_owners": ["Atlantis"], "matched_pledge": "No such pledge"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Atlantis" in html and "No such pledge" in html
    assert set(response.context["form"].errors) == {"co_owners", "matches"}


def test_a_number_works_too(focal_point_client, government, focal_point, reviewer):
    LocalGovernmentFactory(
        name="Dakar", slug="dakar-2"
    )  # a second Dakar: the name alone is ambiguous
    other = published(government=government, by=focal_point, reviewer=reviewer, title="Other")
    pledge = draft(government=government, by=focal_point)
    url = reverse("workspace:edit", kwargs={"pk": pledge.pk, "step": "partners"})
    assert focal_point_client.post(url, {"matched_pledge": f"#{other.pk}"}).status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).matches == other


def test_suggestions_list_published_pledges_only(client, government, focal_point, reviewer):
    published(government=government, by=focal_point, reviewer=reviewer, title="Welcome centre")
    draft(government=government, by=focal_point, title="Welcome draft")
    html = client.get(reverse("pledges:suggest"), {"matched_pledge": "welcome"}).content.decode()
    assert "Welcome centre" in html and "Welcome draft" not in html
