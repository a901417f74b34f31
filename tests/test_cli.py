"""The command line end to end on small corpora written here: outputs, messages, exit codes."""
import json
import subprocess
import sys

import pytest

from storylens.cli import main
from tests.conftest import ARTICLE_PARAGRAPHS, news_page

SECOND_STORY = [
    "The Wendell spring marathon will return to the old harbour route on the first Sunday of May, "
    "the organisers announced on Friday after two years on a shorter course through the park.",
    "About 3,000 runners are expected, and the organisers said the start would move to the ferry pier "
    "so that the course can pass the restored lighthouse before the final climb into town.",
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "lease.html").write_text(news_page(), encoding="utf-8")
    (folder / "sub" / "marathon.html").write_text(
        news_page("Marathon returns to the harbour", SECOND_STORY, published="2025-03-07T08:00:00Z"), encoding="utf-8"
    )
    (folder / "sub" / "mirror.html").write_text(news_page(site="Mirror Site"), encoding="utf-8")  # same text again
    (folder / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not an input format: ignored in folder walks
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_prints_one_json_object_per_document(corpus, capsys):
    code, out, err = run(capsys, "extract", str(corpus))
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["title"] for r in records] == [
        "Port Wendell signs secret terminal lease, officials say",
        "Marathon returns to the harbour",
        "Port Wendell signs secret terminal lease, officials say",
    ]
    first = records[0]
    assert set(first) == {"id", "source", "url", "outlet", "title", "author", "published", "language", "text"}
    assert first["source"] == str(corpus / "lease.html")
    assert first["published"] == "2025-03-04" and first["language"] == "en" and first["author"] == "Ada Brennan"
    assert first["text"].split("\n\n")[0] == ARTICLE_PARAGRAPHS[0]
    assert code == 1  # the binary file was skipped
    assert f"storylens: skipped {corpus / 'broken.html'}: binary content" in err
    assert f"storylens: duplicate {corpus / 'sub' / 'mirror.html'}: same text as {first['id']}" in err
    assert err.strip().splitlines()[-1] == "storylens: 3 read, 1 skipped, 1 duplicates"


def test_extract_ids_are_stable_across_runs(corpus, capsys):
    first = run(capsys, "extract", str(corpus))[1]
    second = run(capsys, "extract", str(corpus))[1]
    assert first == second


def test_exit_code_is_zero_when_nothing_is_skipped(corpus, capsys):
    code, _out, err = run(capsys, "extract", "--quiet", str(corpus / "lease.html"))
    assert code == 0 and err == ""


def test_a_missing_path_is_named_and_the_rest_goes_on(corpus, capsys):
    code, out, err = run(capsys, "extract", str(corpus / "nope.html"), str(corpus / "lease.html"))
    assert code == 1 and len(out.splitlines()) == 1
    assert f"storylens: skipped {corpus / 'nope.html'}: not found" in err


def test_extract_reads_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(news_page().encode("utf-8"))))
    code, out, _err = run(capsys, "extract", "-")
    assert code == 0 and json.loads(out)["source"] == "-"


def test_ingest_is_idempotent(corpus, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'news.db'}"
    code, out, _err = run(capsys, "ingest", "--quiet", str(corpus), "--db", db)
    assert code == 1 and json.loads(out) == {"read": 3, "skipped": 1, "duplicates": 1, "stored": 2, "assigned": 2}
    code, out, err = run(capsys, "ingest", str(corpus), "--db", db)
    assert json.loads(out) == {"read": 3, "skipped": 1, "duplicates": 3, "stored": 0, "assigned": 0}


def test_analyze_writes_the_report(corpus, tmp_path, capsys):
    out_dir = tmp_path / "report"
    code, out, _err = run(capsys, "analyze", "--quiet", str(corpus), "--out", str(out_dir))
    assert out.strip() == str(out_dir / "index.html")
    stories = json.loads((out_dir / "stories.json").read_text())
    # the lease and the marathon are two stories; the duplicate is left out
    assert sorted(a["title"] for story in stories for a in story["articles"]) == [
        "Marathon returns to the harbour", "Port Wendell signs secret terminal lease, officials say"]
    assert len(stories) == 2 and stories[0]["title"] != stories[1]["title"]
    html = (out_dir / "index.html").read_text()
    assert "Marathon returns to the harbour" in html
    # the index lists stories only; bylines are on the article pages
    assert any("Ada Brennan" in page.read_text() for page in (out_dir / "articles").glob("*.html"))


def test_usage_errors_exit_with_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["extract"])
    assert stop.value.code == 2


def test_the_console_script_is_installed(corpus):
    done = subprocess.run(["storylens", "extract", "--quiet", str(corpus / "lease.html")],
                          capture_output=True, text=True, check=False,
                          env={"PATH": str(__import__("pathlib").Path(sys.executable).parent)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outlet"] == "The Wendell Courier"


def stderr_on_a_terminal(*argv: str) -> str:
    """Run the console script with stderr on a pseudo-terminal, as a person at a shell has it."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    main_fd, terminal_fd = pty.openpty()
    # A new pty is 0 x 0, and tqdm shows no bar on a terminal with no rows.
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    bin_dir = str(__import__("pathlib").Path(sys.executable).parent)
    subprocess.run(["storylens", *argv], stdout=subprocess.DEVNULL, stderr=terminal_fd, check=False,
                   env={"PATH": bin_dir, "COLUMNS": "100"})
    os.close(terminal_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_progress_bar_runs_on_a_terminal_unless_quiet(corpus):
    assert "input/s" in stderr_on_a_terminal("extract", str(corpus))
    assert "input/s" not in stderr_on_a_terminal("extract", "--quiet", str(corpus))


def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus):
    done = subprocess.run(["storylens", "extract", str(corpus)], capture_output=True, text=True, check=False,
                          env={"PATH": str(__import__("pathlib").Path(sys.executable).parent)})
    assert "input/s" not in done.stderr and "3 read, 1 skipped, 1 duplicates" in done.stderr


# storylens cluster ------------------------------------------------------------------------------
# Two stories, far apart in words and names, so that any reasonable clusterer separates them.
BUS_STRIKE = [
    ("Bus drivers in Aldermoor walk out over pay",
     "Bus drivers in Aldermoor began a three-day strike on Monday after talks with the operator over pay "
     "broke down, leaving most routes in the city without a service during the morning rush."),
    ("Aldermoor bus strike: commuters stranded as drivers walk out",
     "Commuters in Aldermoor waited in vain at bus stops on Monday as drivers walked out over pay. The union "
     "said the strike would last three days unless the operator improved its offer."),
]
COMET = [
    ("Amateur astronomer discovers a new comet",
     "An amateur astronomer in Patagonia has discovered a comet that will be visible with binoculars in "
     "March, the observatory that confirmed the find said in a statement on its website."),
    ("Comet found by Patagonian amateur will be visible in March",
     "The comet spotted by an amateur in Patagonia will brighten enough to be seen with binoculars in March, "
     "according to the observatory that confirmed the discovery with its own telescope."),
]


def cluster_record(record_id, story, number, day):
    title, text = story[number]
    return {"id": record_id, "title": title, "text": text, "published": f"2025-02-{day:02d}T09:00:00Z"}


@pytest.fixture
def records_file(tmp_path):
    records = [cluster_record("bus-1", BUS_STRIKE, 0, 3), cluster_record(7, COMET, 0, 3),
               cluster_record("bus-2", BUS_STRIKE, 1, 4), cluster_record("comet-2", COMET, 1, 4)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_cluster_prints_one_story_per_record_in_input_order(records_file, capsys):
    code, out, err = run(capsys, "cluster", str(records_file))
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["bus-1", "7", "bus-2", "comet-2"]
    assert all(set(r) == {"id", "story"} and isinstance(r["story"], str) for r in records)
    assert code == 0 and err.startswith("storylens: 4 clustered, 0 skipped, 0 copies, ")


def test_cluster_separates_two_stories(records_file, capsys):  # needs the real clusterer
    _code, out, err = run(capsys, "cluster", str(records_file))
    story = {record["id"]: record["story"] for record in map(json.loads, out.splitlines())}
    assert story["bus-1"] == story["bus-2"] and story["7"] == story["comet-2"] and story["bus-1"] != story["7"]
    assert err.strip() == "storylens: 4 clustered, 0 skipped, 0 copies, 2 stories"


def test_cluster_reports_bad_lines_and_records_and_goes_on(records_file, capsys):
    with records_file.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "broken", "text": \n')
        handle.write(json.dumps({"title": "No id", "text": COMET[1][1]}) + "\n")
        handle.write(json.dumps({"id": "bus-1", "text": BUS_STRIKE[1][1]}) + "\n")
        handle.write(json.dumps({"id": "last", "text": COMET[0][1]}) + "\n")
    code, out, err = run(capsys, "cluster", "--quiet", str(records_file))
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["bus-1", "7", "bus-2", "comet-2", "last"]
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"storylens: skipped {records_file}#5: malformed (not JSON (")
    assert lines[1:] == [f"storylens: skipped {records_file}#6: malformed (no 'id')",
                         f"storylens: skipped {records_file}#7: duplicate id ('bus-1' is already the id of "
                         f"{records_file}#1)"]


def test_cluster_keeps_a_record_with_an_absurd_date_and_says_so(tmp_path, capsys):
    path = tmp_path / "dates.jsonl"
    path.write_text(json.dumps({"id": "old", "text": COMET[0][1], "published": "1066-10-14"}) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "cluster", "--quiet", str(path))
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["old"]
    assert err == f"storylens: {path}#1: date ignored (absurd: '1066-10-14')\n"


def test_cluster_writes_to_out_and_reads_stdin(records_file, tmp_path, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(records_file.read_bytes())))
    out_file = tmp_path / "stories.jsonl"
    code, out, _err = run(capsys, "cluster", "--quiet", "-", "--out", str(out_file))
    assert code == 0 and out == ""
    assert [json.loads(line)["id"] for line in out_file.read_text().splitlines()] == ["bus-1", "7", "bus-2", "comet-2"]


def test_cluster_extracts_other_inputs_first_and_marks_copies(corpus, capsys):
    extracted = [json.loads(line) for line in run(capsys, "extract", "--quiet", str(corpus))[1].splitlines()]
    code, out, err = run(capsys, "cluster", str(corpus))
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [a["id"] for a in extracted]  # ids are the article ids
    lease, _marathon, mirror = records
    assert mirror == {"id": mirror["id"], "story": lease["story"], "copy_of": lease["id"]}  # the same text again
    assert code == 1 and f"storylens: skipped {corpus / 'broken.html'}: binary content" in err


def test_cluster_keeps_the_order_of_mixed_inputs(records_file, corpus, capsys):
    lease_id = json.loads(run(capsys, "extract", str(corpus / "lease.html"))[1])["id"]
    code, out, _err = run(capsys, "cluster", "--quiet", str(corpus / "lease.html"), str(records_file),
                          str(corpus / "sub" / "marathon.html"))
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert code == 0 and ids[:5] == [lease_id, "bus-1", "7", "bus-2", "comet-2"] and len(ids) == 6


def test_analyze_keeps_going_when_two_records_share_an_id(tmp_path, capsys):
    records = tmp_path / "in.jsonl"
    records.write_text(
        json.dumps({"id": "same", "text": "The harbour lease story in a few words of text for the reader."}) + "\n"
        + json.dumps({"id": "same", "text": "A marathon story that reuses the id of another record by mistake."}) + "\n",
        encoding="utf-8")
    code, out, err = run(capsys, "analyze", "--quiet", str(records), "--out", str(tmp_path / "report"))
    stories = json.loads((tmp_path / "report" / "stories.json").read_text())
    assert [a["source"] for story in stories for a in story["articles"]] == [f"{records}#1"]
    assert code == 1 and f"skipped {records}#2: duplicate id" in err


def test_attributions_raw_offsets_point_into_the_file(tmp_path, capsys):
    text = "\ufeffIntro line.\n\nThe Wendell council sold the pier, the Harbour Post reported, citing two officials.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said the pier was sold.".encode("latin-1"))
    code, out, err = run(capsys, "attributions", "--raw", str(tmp_path / "a.txt"), str(tmp_path / "latin1.txt"))
    assert code == 1 and "latin1.txt: undecodable text (not UTF-8 at byte 3)" in err
    [document] = [json.loads(line) for line in out.splitlines()]
    assert document["id"] == str(tmp_path / "a.txt")
    sources = {a["source"]["text"] for a in document["attributions"]}
    assert "the Harbour Post" in sources
    for attribution in document["attributions"]:
        for part in ("source", "cue", "content"):
            if attribution[part]:
                assert text[attribution[part]["start"]:attribution[part]["end"]] == attribution[part]["text"]


def test_attributions_of_extracted_articles(corpus, capsys):
    code, out, _ = run(capsys, "attributions", str(corpus / "lease.html"))
    [document] = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and set(document) == {"id", "source", "attributions"}


def test_analyze_writes_claims_into_every_story(corpus, tmp_path, capsys):
    code, _, _ = run(capsys, "analyze", str(corpus), "--out", str(tmp_path / "report"), "-q")
    stories = json.loads((tmp_path / "report" / "stories.json").read_text(encoding="utf-8"))
    assert all(story["claims"] for story in stories)
    claim = stories[0]["claims"][0]
    assert {"id", "text", "status", "independent_origins", "origins", "outlets", "mentions", "denials"} <= set(claim)
    mention = claim["mentions"][0]
    article_text = {a["id"]: a for a in stories[0]["articles"]}
    assert mention["article"] in article_text and mention["end"] > mention["start"]


def test_stance_of_pairs_reports_bad_rows_and_goes_on(tmp_path, capsys):
    rows = tmp_path / "pairs.jsonl"
    rows.write_text("\n".join([
        json.dumps({"id": 1, "claim": "The Wendell pier was sold", "text": "The council denied that the pier was sold."}),
        "{not json",
        json.dumps({"id": 2, "claim": "The Wendell pier was sold"}),
        json.dumps({"id": 3, "claim": "The Wendell pier was sold", "text": "A marathon returns to the harbour."}),
    ]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "stance", "--pairs", str(rows))
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [r["id"] for r in results] == [1, 3]
    assert all(r["stance"] in {"agree", "disagree", "discuss", "unrelated"} and 0 <= r["score"] <= 1 for r in results)
    assert "pairs.jsonl#2: malformed" in err and "pairs.jsonl#3: malformed (no 'text')" in err


def test_stance_of_articles_toward_a_claim(corpus, capsys):
    code, out, _ = run(capsys, "stance", "--claim", "Port Wendell signed a secret terminal lease", str(corpus / "lease.html"))
    [result] = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and result["stance"] != "unrelated"


def test_stance_needs_paths_with_a_claim_and_none_with_pairs(tmp_path, capsys):
    assert run(capsys, "stance", "--claim", "x")[0] == 2
    assert run(capsys, "stance", "--pairs", str(tmp_path / "p.jsonl"), str(tmp_path))[0] == 2
