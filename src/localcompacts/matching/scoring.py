"""How well a need and an offer fit: a score in [0, 1] and the reasons for it, computed locally.

Pure functions over the `profile` the service stores with each item (no database, no network,
no model download), so the worker, the demo seed and the benchmark score the same way.

score = 0.30 objectives + 0.15 population groups + 0.10 place + 0.10 language + 0.35 text

- objectives, groups: the codes in common over the codes of either (Jaccard; both empty 0.5);
- place: same country 1, same sub-region 0.7, same region 0.5, an item open to any place 0.3;
- language: 1 when the two can talk in a common language, 0 when both name languages but share
  none, 0.5 when one names none;
- text: cosine of TF-IDF vectors of words and word-internal character 4-grams (so "refugee" and
  "refugees", "réfugiés" share weight), with document frequencies taken over the candidates
  being scored, which keeps the matcher free of any global state.

The item type is not in the score: candidates already share it (a need for training is met by an
offer of training).
"""

import math
import re
import unicodedata
from collections import Counter

WEIGHTS = {"objectives": 0.30, "groups": 0.15, "place": 0.10, "language": 0.10, "text": 0.35}
REASON_THRESHOLD = 0.25  # a text similarity above this is named as a reason
MIN_SCORE = 0.35  # below this a pair is not suggested at all
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "are",
        "our",
        "their",
        "will",
        "into",
        "its",
        "who",
        "all",
        "per",
        "any",
        "can",
        "more",
        "les",
        "des",
        "pour",
        "avec",
        "dans",
        "une",
        "que",
        "qui",
        "par",
        "sur",
        "aux",
        "est",
        "son",
        "ses",
        "nos",
        "leur",
        "los",
        "las",
        "del",
        "para",
        "con",
        "por",
        "una",
        "que",
        "sus",
        "más",
        "como",
    ]
)
WORD = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(text: str) -> dict[str, int]:
    """Words (3+ letters, not stop words) and their character 4-grams, counted."""
    counts: Counter = Counter()
    for word in WORD.findall(_fold(text)):
        if len(word) < 3 or word in STOPWORDS or word.isdigit():
            continue
        counts["w:" + word] += 1
        padded = f"_{word}_"
        for start in range(len(padded) - 3):
            counts[padded[start : start + 4]] += 1
    return dict(counts)


def match_keys(item_type: str, objectives: list[str], groups: list[str]) -> list[str]:
    """The inverted-index keys of an item (see `MatchKey`)."""
    if objectives:
        return [f"{item_type}|{code}" for code in objectives]
    if groups:
        return [f"{item_type}|pg:{code}" for code in groups]
    return [f"{item_type}|*"]


def _share(wanted: list[str], given: list[str]) -> tuple[float, list[str]]:
    if not wanted and not given:
        return 0.5, []
    common = sorted(set(wanted) & set(given))
    if not wanted or not given:
        return 0.3, []
    return len(common) / len(set(wanted) | set(given)), common


def _place(a: dict, b: dict) -> tuple[float, dict | None]:
    common = sorted(set(a.get("countries", [])) & set(b.get("countries", [])))
    if common:
        return 1.0, {"code": "country", "values": common}
    subregions = sorted(set(a.get("subregions", [])) & set(b.get("subregions", [])))
    if subregions:
        return 0.7, {"code": "region", "values": subregions}
    regions = sorted(set(a.get("regions", [])) & set(b.get("regions", [])))
    if regions:
        return 0.5, {"code": "region", "values": regions}
    if not (a.get("regions") and b.get("regions")):
        return 0.3, None
    return 0.0, None


def _language(a: dict, b: dict) -> tuple[float, list[str]]:
    left, right = set(a.get("languages", [])), set(b.get("languages", []))
    if not left or not right:
        return 0.5, []
    common = sorted(left & right)
    return (1.0 if common else 0.0), common


def similarities(query: dict[str, int], documents: list[dict[str, int]]) -> list[float]:
    """Cosine of `query` with each of `documents` under TF-IDF weights (sub-linear term
    frequency, smoothed IDF with document frequencies over the query and the documents), without building
    the normalised vectors: a candidate's norm and its dot product with the query are summed in
    one pass over its terms."""
    frequency: Counter = Counter(query.keys())
    for doc in documents:
        frequency.update(doc.keys())
    total = len(documents) + 1
    idf = {term: math.log((1 + total) / (1 + df)) + 1 for term, df in frequency.items()}

    def weight(count: int) -> float:
        return 1.0 if count == 1 else 1 + math.log(count)

    own = {term: weight(count) * idf[term] for term, count in query.items()}
    own_norm = math.sqrt(sum(v * v for v in own.values())) or 1.0
    scores = []
    for doc in documents:
        dot = squares = 0.0
        for term, count in doc.items():
            value = weight(count) * idf[term]
            squares += value * value
            if term in own:
                dot += value * own[term]
        scores.append(dot / (own_norm * (math.sqrt(squares) or 1.0)))
    return scores


def score_pair(need: dict, offer: dict, text: float, item_type: str) -> tuple[float, list[dict]]:
    """The score of one need/offer pair (their profiles) and the reasons worth naming."""
    objectives, common_objectives = _share(need.get("objectives", []), offer.get("objectives", []))
    groups, common_groups = _share(need.get("groups", []), offer.get("groups", []))
    place, place_reason = _place(need, offer)
    language, common_languages = _language(need, offer)
    score = (
        WEIGHTS["objectives"] * min(objectives, 1.0)
        + WEIGHTS["groups"] * min(groups, 1.0)
        + WEIGHTS["place"] * place
        + WEIGHTS["language"] * language
        + WEIGHTS["text"] * text
    )
    reasons: list[dict] = []
    if common_objectives:
        reasons.append({"code": "objectives", "values": common_objectives})
    if common_groups:
        reasons.append({"code": "groups", "values": common_groups})
    if place_reason:
        reasons.append(place_reason)
    if common_languages:
        reasons.append({"code": "languages", "values": common_languages})
    if text >= REASON_THRESHOLD:
        reasons.append({"code": "text", "values": [f"{text:.2f}"]})
    reasons.append({"code": "type", "values": [item_type]})
    return round(score, 4), reasons


def rank(query: dict, candidates: list[tuple[int, dict]], *, query_is_need: bool, limit: int):
    """The best `limit` candidates for `query` (a profile), as (id, score, reasons), best first."""
    if not candidates:
        return []
    texts = similarities(query.get("terms", {}), [c.get("terms", {}) for _, c in candidates])
    ranked = []
    for (candidate_id, profile), text in zip(candidates, texts, strict=True):
        need, offer = (query, profile) if query_is_need else (profile, query)
        score, reasons = score_pair(need, offer, text, query["type"])
        if score >= MIN_SCORE:
            ranked.append((candidate_id, score, reasons))
    ranked.sort(key=lambda row: (-row[1], -row[0]))
    return ranked[:limit]
