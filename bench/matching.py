"""Matchmaking quality and speed: precision@5 and recall@10 of the suggestions against planted
need/offer clusters, and the time to compute one pledge's suggestions.

    .venv/bin/python bench/matching.py --size 5000
    .venv/bin/python bench/matching.py --size 500000 --reuse   # build once, then reuse the file

Each size has its own SQLite file (var/bench-matching-<size>.sqlite3) with demo pledges
(`seed_demo` without its matchmaking step), noise needs and offers on a quarter of the published
pledges and planted clusters (`demo/matching.py`); the planted clusters are saved next to it
(`.clusters.json`), so `--reuse` skips the build. A cluster is six needs and six offers about
one concrete project: for each planted item the relevant suggestions are the other side's members.

Prints the figures and the machine's load average; exit status 1 when a target is missed
(precision@5 ≥ 0.8, ≤ 200 ms per pledge).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localcompacts.config.settings.dev")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def lean_pledges(size: int) -> None:
    """Published pledges with a title, a language and one owner, nothing else: what the matcher
    reads, written several times faster than `seed_demo`'s full pledges (for the large size on a
    busy machine)."""
    from django.db import transaction
    from django.utils import timezone

    from localcompacts.demo import texts
    from localcompacts.demo.seed import DemoSeeder
    from localcompacts.pledges.models import Pledge, PledgeOwner, PledgeStatus

    rng = random.Random(2018)
    government_ids = DemoSeeder(seed=2018).seed_governments(max(300, size // 50))
    now = timezone.now()
    made = 0
    while made < size:
        chunk = min(5000, size - made)
        with transaction.atomic():
            pledges = []
            for _ in range(chunk):
                language = rng.choice(["en", "en", "en", "fr", "es"])
                pledges.append(
                    Pledge(
                        title=rng.choice(texts.ACTIONS[language])[:200],
                        language=language,
                        status=PledgeStatus.PUBLISHED,
                        published_at=now,
                    )
                )
            created = Pledge.objects.bulk_create(pledges, batch_size=2500)
            PledgeOwner.objects.bulk_create(
                [
                    PledgeOwner(
                        pledge_id=p.pk, government_id=rng.choice(government_ids), is_lead=True
                    )
                    for p in created
                ],
                batch_size=2500,
            )
        made += chunk
        if made % 50_000 == 0:
            print(f"{made} pledges")


def build(size: int, clusters: int, clusters_file: Path, lean: bool) -> None:
    from django.core.management import call_command

    from localcompacts.demo.matching import seed_needs_offers
    from localcompacts.demo.seed import seed_demo

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if lean:
        lean_pledges(size)
    else:
        seed_demo(pledges=size, governments=max(300, size // 50), matching=False, progress=print)
    planted = seed_needs_offers(rng=random.Random(17), clusters=clusters, progress=print)
    clusters_file.write_text(json.dumps(planted["clusters"]))
    print(f"built in {time.perf_counter() - started:.0f} s")


def quality(clusters: list[dict]) -> tuple[float, float]:
    from localcompacts.matching import suggestions
    from localcompacts.matching.models import Match

    planted = [pk for cluster in clusters for side in cluster.values() for pk in side]
    suggestions.suggest_for_items(planted)
    precision, recall = [], []
    for cluster in clusters:
        for side, other in (("needs", "offers"), ("offers", "needs")):
            relevant = set(cluster[other])
            for pk in cluster[side]:
                if side == "needs":
                    ranked = Match.objects.filter(need_id=pk, need_rank__isnull=False)
                    ranked = ranked.order_by("need_rank").values_list("offer_id", flat=True)
                else:
                    ranked = Match.objects.filter(offer_id=pk, offer_rank__isnull=False)
                    ranked = ranked.order_by("offer_rank").values_list("need_id", flat=True)
                ranked = list(ranked)
                precision.append(len(relevant & set(ranked[:5])) / 5)
                recall.append(len(relevant & set(ranked[:10])) / len(relevant))
    return statistics.mean(precision), statistics.mean(recall)


def timing(samples: int) -> list[float]:
    from localcompacts.matching import suggestions
    from localcompacts.matching.models import NeedOffer

    pledge_ids = list(
        NeedOffer.objects.filter(pledge__isnull=False)
        .order_by("?")
        .values_list("pledge_id", flat=True)[:samples]
    )
    times = []
    for pledge_id in pledge_ids:
        started = time.perf_counter()
        suggestions.suggest_for_pledges([pledge_id])
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="pledges")
    parser.add_argument("--clusters", type=int, default=40)
    parser.add_argument("--samples", type=int, default=50, help="pledges timed")
    parser.add_argument("--reuse", action="store_true", help="reuse the file built earlier")
    parser.add_argument(
        "--lean",
        action="store_true",
        help="bare pledges (title, language, one owner) instead of seed_demo",
    )
    args = parser.parse_args()
    database = ROOT / "var" / f"bench-matching-{args.size}.sqlite3"
    clusters_file = database.with_suffix(".clusters.json")
    if not args.reuse or not clusters_file.exists():
        database.unlink(missing_ok=True)
        setup(database)
        build(args.size, args.clusters, clusters_file, args.lean)
    else:
        setup(database)
    from localcompacts.matching.models import MatchKey, NeedOffer

    clusters = json.loads(clusters_file.read_text())
    precision, recall = quality(clusters)
    times = timing(args.samples)
    times.sort()
    median, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"pledges={args.size} items={NeedOffer.objects.count()} keys={MatchKey.objects.count()} "
        f"clusters={len(clusters)}\n"
        f"precision@5={precision:.3f} recall@10={recall:.3f}\n"
        f"per pledge: median {median:.0f} ms, p95 {p95:.0f} ms ({len(times)} pledges)\n"
        f"load average (1/5/15 min): {load}"
    )
    return 0 if precision >= 0.8 and median <= 200 else 1


if __name__ == "__main__":
    sys.exit(main())
