"""The article page's text: paragraphs cut into plain runs and highlighted mention sentences,
each highlight anchored `s-{start}` so a link from the story page lands on its sentence."""
from __future__ import annotations

from collections.abc import Sequence


def merged_spans(mentions: Sequence[dict], length: int) -> list[dict]:
    """Mention sentences as non-overlapping spans; overlapping ones merge, keeping every start
    (each start stays an anchor) and every stance (for the highlight's class)."""
    spans = sorted(((max(0, m["start"]), min(length, m["end"]), m) for m in mentions if m["start"] < m["end"]),
                   key=lambda span: span[:2])
    merged: list[dict] = []
    for start, end, mention in spans:
        if merged and start < merged[-1]["end"]:
            last = merged[-1]
            last["end"] = max(last["end"], end)
        else:
            merged.append({"start": start, "end": end, "starts": [], "stances": [], "claims": []})
            last = merged[-1]
        if start not in last["starts"]:
            last["starts"].append(start)
        if mention["stance"] not in last["stances"]:
            last["stances"].append(mention["stance"])
        if mention.get("claim") and mention["claim"] not in last["claims"]:
            last["claims"].append(mention["claim"])
    return merged


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, position = [], 0
    for piece in text.split("\n\n"):
        if piece.strip():
            bounds.append((position, position + len(piece)))
        position += len(piece) + 2
    return bounds


def highlighted_paragraphs(text: str, mentions: Sequence[dict]) -> list[list[dict]]:
    """Paragraphs as runs `{"text", "mark": span or None, "anchors": [start, ...]}`.

    A sentence crossing a paragraph break is marked in each paragraph; its anchor sits in the first."""
    spans = merged_spans(mentions, len(text))
    placed: set[int] = set()
    paragraphs = []
    for para_start, para_end in paragraph_bounds(text):
        runs, position = [], para_start
        for span in spans:
            start, end = max(span["start"], para_start), min(span["end"], para_end)
            if start >= end:
                continue
            if start > position:
                runs.append({"text": text[position:start], "mark": None, "anchors": []})
            anchors = [s for s in span["starts"] if s not in placed and s < end]
            placed.update(anchors)
            runs.append({"text": text[start:end], "mark": span, "anchors": anchors})
            position = end
        if position < para_end:
            runs.append({"text": text[position:para_end], "mark": None, "anchors": []})
        paragraphs.append(runs)
    return paragraphs
