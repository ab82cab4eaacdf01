"""Page-number pagination with a maximum page size. Querysets must already be totally ordered."""

import math

from .schemas import PageParams


def paginate(request, queryset, params: PageParams) -> dict:
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
