"""Page-number pagination with a maximum page size. Querysets must already be totally ordered."""

import math
from typing import Generic, TypedDict, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from .schemas import PageParams

_Item = TypeVar("_Item", bound=Model)


class Page(TypedDict, Generic[_Item]):
    """One page as the `*Page` schemas answer it (`PageMeta` plus `items`)."""

    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    items: list[_Item]


def paginate(request: HttpRequest, queryset: QuerySet[_Item], params: PageParams) -> Page[_Item]:
    count = queryset.count()
    start = (params.page - 1) * params.page_size
    items = list(queryset[start : start + params.page_size]) if start < count else []
    pages = max(1, math.ceil(count / params.page_size))

    def link(page: int) -> str:
        query = request.GET.copy()
        query["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "pages": pages,
        "next": link(params.page + 1) if params.page < pages else None,
        "previous": link(min(params.page - 1, pages)) if params.page > 1 else None,
        "items": items,
    }
