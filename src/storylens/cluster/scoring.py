"""The learned part of story clustering: a logistic model over item-vs-story features, and
the thresholds to join and to merge. Trained on AllSides train by train/story_model.py and
shipped as story_model.json beside this file; nothing is passed by hand.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("story_model.json")

FEATURES = (
    "centroid_cosine",  # item embedding vs the story's mean embedding
    "centroid_margin",  # how much closer this story is than the best other candidate
    "best_member_cosine",  # item embedding vs its closest recent member
    "tfidf_cosine",  # words and word pairs, online IDF
    "entity_share",  # share of the item's names the story already mentions
    "has_entities",  # lower-cased feeds have no capitalised names to compare
)
# No story-size feature: AllSides stories all have exactly three items, so a learned size
# weight would forbid the hundred-item stories of a real news stream.
# The dev data has no dates, so time is not a learned weight but a window: an item is only
# compared with stories whose span (first to last item) comes within this many days of it.
DEFAULT_WINDOW_DAYS = 7.0


@dataclass(frozen=True, slots=True)
class StoryScorer:
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]  # features are standardised before the weights apply
    scales: tuple[float, ...]
    threshold: float  # join the best story when its probability reaches this
    merge_threshold: float
    window_days: float = DEFAULT_WINDOW_DAYS
    # A story with no rival candidate (early in a small batch) is judged against this: the
    # median similarity of the best candidate in training pools, so a lone story must be as
    # close as a typical pool's best would be, not merely closer than nothing.
    rival_floor: float = 0.0

    def score(self, features: list[float]) -> float:
        z = self.bias + sum(w * (f - m) / s for w, f, m, s in zip(self.weights, features, self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "means": list(self.means), "scales": list(self.scales), "threshold": self.threshold,
                "merge_threshold": self.merge_threshold, "window_days": self.window_days,
                "rival_floor": self.rival_floor}


def scorer_from_json(data: dict) -> StoryScorer:
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE.name} was trained on other features; re-run train/story_model.py")
    return StoryScorer(tuple(data["weights"]), data["bias"], tuple(data["means"]), tuple(data["scales"]),
                       data["threshold"], data["merge_threshold"], data.get("window_days", DEFAULT_WINDOW_DAYS),
                       data.get("rival_floor", 0.0))


@cache
def load_scorer(path: Path = MODEL_FILE) -> StoryScorer:
    return scorer_from_json(json.loads(path.read_text(encoding="utf-8")))
