from ninja import Router

from localcompacts.explore.selectors import headline_figures
from localcompacts.pledges.statistics import pledge_statistics
from localcompacts.progress.selectors import progress_statistics

from ..auth import ApiRequest
from ..schemas import Error, Language, StatisticsOut

router = Router(tags=["statistics"])


@router.get(
    "/statistics", response={200: StatisticsOut, 422: Error}, summary="Counts of published pledges"
)
def statistics(request: ApiRequest, lang: Language | None = None) -> dict[str, object]:
    """Published pledges and practices counted by kind, compact, objective, M49 region, population
    group and year of publication; a pledge counts once in each group it belongs to. `progress`
    holds the delivery figures of `/statistics/` (latest accepted progress report of each pledge)."""
    progress = progress_statistics()
    return {"totals": headline_figures(), **pledge_statistics(), "progress": progress}
