"""Newly published pledges and practices in the newsletter digest (matched by compacts, objectives
and the owners' regions); registered from `PledgesConfig.ready()`."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from localcompacts.compacts.models import Country
from localcompacts.governments.models import LocalGovernment
from localcompacts.newsletter.digest import DigestItem, DigestSource

from .models import Pledge


def new_pledges(since, until) -> list[DigestItem]:
    pledges = (
        Pledge.objects.public()
        .filter(published_at__gte=since, published_at__lt=until)
        .prefetch_related(
            "objectives",
            Prefetch(
                "owners",
                queryset=LocalGovernment.objects.select_related("country").order_by("name"),
            ),
        )
        .order_by("published_at", "id")[:200]
    )
    region_of = {
        c.pk: {
            code
            for code in (
                c.region.code if c.region else None,
                c.subregion.code if c.subregion else None,
            )
            if code
        }
        for c in Country.objects.select_related("region", "subregion")
    }
    items = []
    for pledge in pledges:
        owners = list(pledge.owners.all())
        regions = set()
        for owner in owners:
            regions |= region_of.get(owner.country_id, set())
        items.append(
            DigestItem(
                title=pledge.title,
                url=pledge.get_absolute_url(),
                summary=", ".join(o.name for o in owners),
                date=pledge.published_at.date() if pledge.published_at else None,
                compacts=frozenset(o.compact for o in pledge.objectives.all()),
                objectives=frozenset(o.code for o in pledge.objectives.all()),
                regions=frozenset(regions),
            )
        )
    return items


NEW_PLEDGES = DigestSource(label=_("Newly published pledges and practices"), collect=new_pledges)
