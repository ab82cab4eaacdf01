"""Public pages can be held by a CDN for a minute and are revalidated cheaply."""

import pytest
from django.urls import reverse

from localcompacts.pledges.models import PledgeStatus

from ..factories import PledgeFactory

PAGES = [
    reverse("pledges:catalogue"),
    reverse("explore:map"),
    reverse("explore:statistics"),
    reverse("governments:detail", kwargs={"slug": "dakar"}),
]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_pages_send_validators_and_answer_304(government, anonymous_client, url):
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    first = anonymous_client.get(url)
    assert first.status_code == 200
    assert "max-age=60" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert first["ETag"] and first["Last-Modified"]
    again = anonymous_client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    since = anonymous_client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_weak_validator_from_a_compressing_proxy_answers_304(government, anonymous_client):
    """nginx with `gzip on` weakens our ETag to W/"…"; the browser sends that back."""
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    url = reverse("pledges:catalogue")
    etag = anonymous_client.get(url)["ETag"]
    assert etag.startswith('"')
    weak = anonymous_client.get(url, headers={"If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304 and weak["ETag"] == etag
    listed = anonymous_client.get(url, headers={"If-None-Match": f'W/"other", W/{etag}'})
    assert listed.status_code == 304
    other = anonymous_client.get(url, headers={"If-None-Match": 'W/"other"'})
    assert other.status_code == 200


def test_if_none_match_takes_precedence_over_if_modified_since(government, anonymous_client):
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    url = reverse("pledges:catalogue")
    first = anonymous_client.get(url)
    headers = {"If-None-Match": '"stale"', "If-Modified-Since": first["Last-Modified"]}
    assert anonymous_client.get(url, headers=headers).status_code == 200
    assert anonymous_client.get(url, headers={"If-None-Match": "*"}).status_code == 304


def test_a_published_change_changes_the_validator(government, anonymous_client):
    pledge = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    etag = anonymous_client.get(reverse("pledges:catalogue"))["ETag"]
    pledge.title = "A new title"
    pledge.save()
    response = anonymous_client.get(reverse("pledges:catalogue"), headers={"If-None-Match": etag})
    assert response.status_code == 200 and "A new title" in response.content.decode()


def test_signed_in_people_get_private_pages(focal_point_client):
    response = focal_point_client.get(reverse("pledges:catalogue"))
    assert "private" in response["Cache-Control"] and not response.has_header("ETag")


def test_forum_participation_changes_the_government_profile_validator(government, anonymous_client):
    """Forum records have no timestamps; their changes are counted (core.PublicChange)."""
    from localcompacts.forums.models import DelegationMember

    from ..forums.builders import add_delegation, make_forum

    url = reverse("governments:detail", kwargs={"slug": government.slug})
    etag = anonymous_client.get(url)["ETag"]
    delegation = add_delegation(make_forum(), government.country, [])
    member = DelegationMember.objects.create(
        delegation=delegation,
        name="Mayor of Dakar",
        represents_local_government=True,
        government=government,
    )
    response = anonymous_client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    etag = response["ETag"]
    assert anonymous_client.get(url, headers={"If-None-Match": etag}).status_code == 304
    member.delete()
    assert anonymous_client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_drafts_do_not_expire_public_pages_but_deletions_do(government, anonymous_client):
    """Focal points saving drafts (a forum week) keep public validators and computed counts."""
    published = PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    etag = anonymous_client.get(reverse("pledges:catalogue"))["ETag"]
    draft = PledgeFactory(owners=[government], status=PledgeStatus.DRAFT)
    draft.summary = "Edited again"
    draft.save()
    assert (
        anonymous_client.get(
            reverse("pledges:catalogue"), headers={"If-None-Match": etag}
        ).status_code
        == 304
    )
    published.delete()
    response = anonymous_client.get(reverse("pledges:catalogue"), headers={"If-None-Match": etag})
    assert response.status_code == 200 and published.title not in response.content.decode()


def test_a_deleted_government_changes_the_validator(government, other_government, anonymous_client):
    PledgeFactory(owners=[government], status=PledgeStatus.PUBLISHED)
    etag = anonymous_client.get(reverse("explore:statistics"))["ETag"]
    other_government.delete()
    assert (
        anonymous_client.get(
            reverse("explore:statistics"), headers={"If-None-Match": etag}
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_the_public_state_is_one_query_over_the_parts_apps_register(django_assert_num_queries):
    """Each app declares its own tables' parts; core composes them into a single query."""
    from localcompacts.core.caching import PUBLIC_STATE_PARTS, public_state

    keys = [key for key, _part in PUBLIC_STATE_PARTS.items()]
    assert keys[0] == "pledges.public_updated_at"
    assert {"governments.updated_at", "progress.reports"} <= set(keys)
    with django_assert_num_queries(1):
        public_state()
