"""The story page's two pictures as SVG, laid out here in plain Python (no graphviz binary).

Provenance: who cites whom, lifted from articles to outlets: an outlet → each origin it cites,
a copy's outlet → the original's, a denier → the claim it denies. Columns run from those who
only pass a claim on (left) to those who stand behind it first-hand (right).
Timeline: every dated event of the dossier on one time axis, one row per kind of event.
Every label is escaped: names come from article text."""
from __future__ import annotations

from markupsafe import Markup, escape

from storylens.render.dates import display_date, sort_key

COLUMN_WIDTH, ROW_HEIGHT, BOX_WIDTH, BOX_HEIGHT, MARGIN = 200, 30, 170, 22, 8
LABEL_CHARS = 24
DENIED_CLAIMS = 3  # claims drawn as nodes: the main ones that someone denies


def provenance_edges(dossier: dict) -> set[tuple[str, str, str]]:
    """(from, to, kind) between outlets, origins and claims."""
    outlet = {a["id"]: a["outlet"] or "unknown outlet" for a in dossier["articles"]}
    drawn_claims = {c["id"] for c in dossier["claims"] if c["denials"]}
    drawn_claims = set(list(c["id"] for c in dossier["claims"] if c["id"] in drawn_claims)[:DENIED_CLAIMS])
    edges = set()
    for edge in dossier["provenance"]["edges"]:
        source, target, kind = edge["from"], edge["to"], edge["kind"]
        if kind == "cites":
            edges.add((outlet.get(source, source), target, "cites"))
        elif kind == "copies" and outlet.get(source) != outlet.get(target):
            edges.add((outlet.get(source, source), outlet.get(target, target), "copies"))
        elif kind == "denies" and target in drawn_claims:
            edges.add((outlet.get(source, source), target, "denies"))
    return {edge for edge in edges if edge[0] != edge[1]}


def columns_of(nodes: list[str], edges: set[tuple[str, str, str]]) -> dict[str, int]:
    """Depth = the longest chain of citing below a node (0: cites no one); cycles cut."""
    below: dict[str, list[str]] = {}
    for source, target, kind in edges:
        if kind != "denies":
            below.setdefault(source, []).append(target)
    depth: dict[str, int] = {}

    def walk(node: str, path: frozenset) -> int:
        if node in depth:
            return depth[node]
        found = 1 + max((walk(t, path | {node}) for t in below.get(node, []) if t not in path), default=-1)
        depth[node] = found
        return found

    for node in nodes:
        walk(node, frozenset())
    return depth


def label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def provenance_svg(dossier: dict) -> Markup | None:
    edges = provenance_edges(dossier)
    if not edges:
        return None
    claims = {c["id"]: c["text"] for c in dossier["claims"]}
    nodes = list(dict.fromkeys(name for edge in sorted(edges) for name in edge[:2]))
    depth = columns_of(nodes, edges)
    deepest = max(depth.values())
    column = {n: (deepest + 1 if n in claims else deepest - depth[n]) for n in nodes}
    rows: dict[int, list[str]] = {}
    for node in sorted(nodes, key=lambda n: (column[n], n.casefold())):
        rows.setdefault(column[node], []).append(node)
    where = {node: (MARGIN + c * COLUMN_WIDTH, MARGIN + r * ROW_HEIGHT)
             for c, members in rows.items() for r, node in enumerate(members)}
    width = MARGIN * 2 + (max(rows) + 1) * COLUMN_WIDTH
    height = MARGIN * 2 + max(len(m) for m in rows.values()) * ROW_HEIGHT
    parts = [f'<svg class="provenance" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="Provenance graph">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>']
    for source, target, kind in sorted(edges):
        (x1, y1), (x2, y2) = where[source], where[target]
        x1, y1, y2 = x1 + BOX_WIDTH, y1 + BOX_HEIGHT / 2, y2 + BOX_HEIGHT / 2
        middle = (x1 + x2) / 2
        parts.append(f'<path class="edge edge-{kind}" marker-end="url(#arrow)" '
                     f'd="M {x1:.0f} {y1:.0f} C {middle:.0f} {y1:.0f}, {middle:.0f} {y2:.0f}, {x2:.0f} {y2:.0f}">'
                     f'<title>{escape(source)} {kind} {escape(claims.get(target, target))}</title></path>')
    for node, (x, y) in where.items():
        kind = "claim" if node in claims else "node"
        name = claims.get(node, node)
        parts.append(f'<g class="{kind}"><title>{escape(name)}</title>'
                     f'<rect x="{x}" y="{y}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="4"/>'
                     f'<text x="{x + 6}" y="{y + 16}">{escape(label(name))}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


TIMELINE_ROWS = (("publishes", "published"), ("first reports", "first report"), ("denial", "denial"))
TIMELINE_WIDTH, TIMELINE_LEFT, TIMELINE_ROW = 720, 110, 28


def event_row(event: str) -> int:
    if " first reports: " in event:
        return 1
    if " reports a denial by " in event:
        return 2
    return 0


def timeline_svg(dossier: dict) -> Markup | None:
    events = [e for e in dossier["timeline"] if sort_key(e["date"]) != float("inf")]
    if not events:
        return None
    times = [sort_key(e["date"]) for e in events]
    first, last = min(times), max(times)
    span = (last - first) or 1.0
    height = TIMELINE_ROW * len(TIMELINE_ROWS) + 40
    usable = TIMELINE_WIDTH - TIMELINE_LEFT - 20
    parts = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {TIMELINE_WIDTH} {height}" '
             f'width="{TIMELINE_WIDTH}" height="{height}" role="img" aria-label="Timeline">']
    for row, (_, name) in enumerate(TIMELINE_ROWS):
        y = 20 + row * TIMELINE_ROW
        parts.append(f'<text class="axis-label" x="4" y="{y + 4}">{name}</text>'
                     f'<line class="lane" x1="{TIMELINE_LEFT}" y1="{y}" x2="{TIMELINE_WIDTH - 10}" y2="{y}"/>')
    for event, moment in zip(events, times):
        row = event_row(event["event"])
        x = TIMELINE_LEFT + (moment - first) / span * usable
        parts.append(f'<circle class="event event-{row}" cx="{x:.1f}" cy="{20 + row * TIMELINE_ROW}" r="5">'
                     f'<title>{escape(display_date(event["date"]))}: {escape(event["event"])}</title></circle>')
    bottom = height - 8
    parts.append(f'<text class="axis-label" x="{TIMELINE_LEFT}" y="{bottom}">{escape(display_date(events[0]["date"]))}</text>')
    if last > first:
        latest = max(events, key=lambda e: sort_key(e["date"]))
        parts.append(f'<text class="axis-label end" x="{TIMELINE_WIDTH - 10}" y="{bottom}" text-anchor="end">'
                     f'{escape(display_date(latest["date"]))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
