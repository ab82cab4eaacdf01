"""The catalogue facet "needs and offers": `needs_funding`, `offers_peer_exchange`…"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from localcompacts.pledges.facets import Choices, Facet

from .models import Direction, ItemType, NeedOffer

VALUES = tuple(
    f"{'needs' if direction == Direction.NEED else 'offers'}_{item_type}"
    for direction in Direction.values
    for item_type in ItemType.values
)


def _split(value: str) -> tuple[str, str]:
    verb, item_type = value.split("_", 1)
    return (Direction.NEED if verb == "needs" else Direction.OFFER), item_type


def _label(direction: str, item_type: str) -> str:
    label = ItemType(item_type).label
    if direction == Direction.NEED:
        return str(_("Needs: %(type)s") % {"type": label})
    return str(_("Offers: %(type)s") % {"type": label})


def filter_by_needs_offers(pledges, chosen: list[str]):
    """Pledges with an open item of any chosen direction and type."""
    ids = set()
    for value in chosen:
        direction, item_type = _split(value)
        ids.add((direction, item_type))
    items = NeedOffer.objects.none()
    for direction, item_type in ids:
        items = items | NeedOffer.objects.filter(
            is_open=True, direction=direction, item_type=item_type, pledge__isnull=False
        )
    return pledges.filter(pk__in=items.values("pledge_id"))


def needs_offers_counts(ids):
    rows = (
        NeedOffer.objects.filter(is_open=True, pledge_id__in=ids)
        .values("direction", "item_type")
        .annotate(n=Count("pledge_id", distinct=True))
        .order_by()
    )
    found = {(row["direction"], row["item_type"]): row["n"] for row in rows}
    return [
        (value, _label(*_split(value)), found[_split(value)])
        for value in VALUES
        if found.get(_split(value))
    ]


NEEDS_OFFERS_FACET = Facet(
    "matching",
    Choices(VALUES),
    filter_by_needs_offers,
    _("Needs and offers"),
    needs_offers_counts,
    description="Open needs or offers of a type: `needs_funding`, `offers_peer_exchange`…",
)
