"""The bundled example corpus: the checked-in files are exactly what examples/generate.py writes,
and every container format in it parses with the tools the read stage uses."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
WARC = CORPUS / "baylinenews_crawl.warc.gz"
FEED = CORPUS / "eveningpost_feed.xml"
JSONL = CORPUS / "coastalledger_export.jsonl"
LEGACY = CORPUS / "2025-03-10_northshoredaily_port-lease-tidewire.html"
NS = {"content": "http://purl.org/rss/1.0/modules/content/", "dc": "http://purl.org/dc/elements/1.1/"}


def test_generator_reproduces_the_checked_in_corpus(tmp_path):
    out = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "examples" / "generate.py"), str(out)],
                   check=True, capture_output=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in CORPUS.iterdir())
    for made in sorted(out.iterdir()):
        # On failure: rerun `python examples/generate.py` and check in the result.
        assert made.read_bytes() == (CORPUS / made.name).read_bytes(), f"{made.name} drifted from generate.py"


def test_generator_refuses_to_delete_a_folder_that_is_not_a_corpus(tmp_path):
    (tmp_path / "notes.md").write_text("keep me")
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "generate.py"), str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode != 0 and "refusing" in run.stderr
    assert (tmp_path / "notes.md").read_text() == "keep me"


def test_warc_has_warcinfo_then_two_valid_responses():
    with WARC.open("rb") as f:
        records = [(r.record_type, r.headers.get("WARC-Target-URI"), r.verify_block_digest(), r.record_id)
                   for r in ArchiveIterator(f, parse_http=False)]
    assert [r[0] for r in records] == [WarcRecordType.warcinfo, WarcRecordType.response, WarcRecordType.response]
    assert [r[1] for r in records[1:]] == [
        "https://baylinenews.example/2025/03/11/port-authority-denies-north-quay-lease-report",
        "https://baylinenews.example/2025/03/12/dockers-union-calls-meeting-north-quay",
    ]
    assert all(r[2] for r in records), "a block digest does not match its record"
    assert all(re.fullmatch(r"<urn:uuid:[0-9a-f-]{36}>", r[3]) for r in records)


def test_warc_responses_carry_html_pages():
    with WARC.open("rb") as f:
        pages = [(r.http_headers.status_code, r.verify_payload_digest(), r.reader.read())
                 for r in ArchiveIterator(f, record_types=WarcRecordType.response)]
    assert [(status, ok) for status, ok, _ in pages] == [(200, True), (200, True)]
    assert all(body.startswith(b"<!DOCTYPE html>") for _, _, body in pages)
    assert b"This is pure invention" in pages[0][2]


def test_feed_has_three_items_one_with_summary_only():
    channel = ET.parse(FEED).getroot().find("channel")
    items = channel.findall("item")
    assert len(items) == 3
    assert all(i.findtext("link") and i.findtext("pubDate") and i.findtext("guid") for i in items)
    with_content = [i for i in items if i.find("content:encoded", NS) is not None]
    assert len(with_content) == 2  # the denial item carries only its <description>
    assert "<p>" in with_content[0].findtext("content:encoded", namespaces=NS)


def test_jsonl_lines_are_records_with_html_or_text():
    rows = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 2
    assert {"html", "text"} <= {key for row in rows for key in row}
    for row in rows:
        assert ("html" in row) != ("text" in row)
        assert {"id", "url", "title", "outlet", "published"} <= row.keys()


def test_legacy_page_is_really_windows_1252():
    raw = LEGACY.read_bytes()
    assert b'<meta charset="windows-1252">' in raw
    assert "Tom\u00e1s".encode("cp1252") in raw and "Tom\u00e1s".encode("utf-8") not in raw
    assert "\u2019".encode("cp1252") in raw  # the curly apostrophe is one byte, 0x92


def test_every_address_in_the_corpus_is_fictional():
    # Nothing in the demo may point at a real site; invented outlets live under .example.
    text = b"".join(p.read_bytes() for p in CORPUS.iterdir() if not p.name.endswith(".gz"))
    with WARC.open("rb") as f:
        text += b"".join(r.reader.read() for r in ArchiveIterator(f))
    hosts = set(re.findall(rb"https?://([a-z0-9.-]+)", text))
    allowed = {b"schema.org", b"purl.org", b"www.w3.org"}  # namespace names, never fetched
    assert hosts and all(h.endswith(b".example") or h in allowed for h in hosts), hosts


def test_the_demo_reads_as_its_readme_says(tmp_path):
    """examples/README.md's expected reading of story A, through the whole pipeline."""
    from storylens import commands

    report, _ = commands.analyze([str(CORPUS)], tmp_path)
    stories = json.loads((tmp_path / "stories.json").read_text(encoding="utf-8"))
    lease, library = stories
    assert (len(lease["articles"]), len(library["articles"])) == (10, 3)
    main = lease["claims"][0]
    assert "lease" in main["text"]
    assert main["status"] == "disputed"
    assert main["independent_origins"] == 1 and main["origins"] == ["The Harbour Gazette"]
    assert len(main["outlets"]) == 6
    assert any("Port Authority" in (denial["by"] or "") for denial in main["denials"])
    assert lease["summary"].endswith("denied by Calderwick Port Authority")  # "The authority" is no second denier
    # The authority's denial is one side of a dispute, not the outlets' own verdict: no rejection story.
    assert not any("rejects" in claim for story in stories for claim in story["claims"])
    figures = {(n["quantity"], n["consistent"]) for n in lease["numbers"]}
    assert ("USD", False) in figures  # $1.2 billion against the Ledger's $1.5 billion
    assert ("km", True) in figures  # 1.8 miles (about 2.9 km) is a conversion, not a rival
    assert all(n["consistent"] for n in library["numbers"])
    assert all(claim["status"] != "disputed" for claim in library["claims"])


def _story_wide_terms(story: dict) -> set[str]:
    """Words in more than a quarter of a story's claim sentences: its topic, shared by everything."""
    from collections import Counter

    from storylens.judge.align import content_terms

    sentences = {m["sentence"] for claim in story["claims"] for m in claim["mentions"]}
    counts = Counter(term for sentence in sentences for term in set(content_terms(sentence)))
    return {term for term, count in counts.items() if count > len(sentences) / 4}


def test_the_demo_claims_are_one_proposition_each_and_one_outlet_never_corroborates(tmp_path):
    """No claim gathers unrelated sentences (each of its sentences shares a word beyond the
    story's topic with another of them), and a claim one outlet tells is never corroborated."""
    from storylens import commands
    from storylens.judge.align import content_terms

    commands.analyze([str(CORPUS)], tmp_path)
    stories = json.loads((tmp_path / "stories.json").read_text(encoding="utf-8"))
    for story in stories:
        topic = _story_wide_terms(story)
        for claim in story["claims"]:
            assert not (claim["status"] == "corroborated" and len(claim["outlets"]) < 2), claim["text"]
            if claim is story["claims"][0] or len(claim["mentions"]) < 2:
                continue  # the main event's denials may say only "the report": they answer it by reference
            terms = [set(content_terms(m["sentence"])) - topic for m in claim["mentions"]]
            for number, own in enumerate(terms):
                others = set().union(*(t for n, t in enumerate(terms) if n != number))
                assert own & others, (claim["text"], claim["mentions"][number]["sentence"])
