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
    (folder / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not an input format: named, never opened
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
    assert err.splitlines() == [
        f"storylens: skipped {corpus / 'broken.html'}: binary content (PNG image)",
        f"storylens: duplicate {corpus / 'sub' / 'mirror.html'}: same text as {first['id']}",
        f"storylens: skipped {corpus / 'notes.png'}: not a supported format",
        "storylens: 3 read, 2 skipped, 1 duplicates",
    ]


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
    assert code == 1 and json.loads(out) == {"read": 3, "skipped": 2, "duplicates": 1, "stored": 2, "assigned": 2,
                                                   "dossiers": 2}
    code, out, err = run(capsys, "ingest", str(corpus), "--db", db)
    assert json.loads(out) == {"read": 3, "skipped": 2, "duplicates": 3, "stored": 0, "assigned": 0,
                                "dossiers": 0}


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


def test_a_story_whose_dossier_fails_is_one_line_and_exit_1_and_the_report_has_the_rest(corpus, tmp_path, capsys,
                                                                                         monkeypatch):
    from storylens import pipeline

    real_build = pipeline.build_dossier

    def build_but_not_the_marathon(story_id, title, *args, **kwargs):
        if title.startswith("Marathon"):
            raise RuntimeError("a parser bug")
        return real_build(story_id, title, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build_dossier", build_but_not_the_marathon)  # in this process: --workers 1
    out_dir = tmp_path / "report"
    code, _out, err = run(capsys, "analyze", str(corpus / "lease.html"), str(corpus / "sub" / "marathon.html"),
                          "--workers", "1", "--out", str(out_dir))
    stories = json.loads((out_dir / "stories.json").read_text())
    assert [story["title"] for story in stories] == ["Port Wendell signs secret terminal lease, officials say"]
    failed = [line for line in err.splitlines() if "a parser bug" in line]
    assert len(failed) == 1 and failed[0].endswith(": processing failed (RuntimeError: a parser bug)")
    assert failed[0].startswith("storylens: skipped s")  # the story's id
    assert code == 1 and err.splitlines()[-1] == "storylens: 2 read, 0 skipped, 0 duplicates, 1 failed"


def test_usage_errors_exit_with_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["extract"])
    assert stop.value.code == 2


@pytest.mark.parametrize("argv, told", [
    (["ingest", "x", "--scheduler", "tcp://127.0.0.1:8786"], "need --engine dask"),
    (["ingest", "x", "--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
    (["ingest", "-", "--engine", "dask"], "stdin"),
])
def test_ingest_engine_options_that_do_not_go_together_exit_with_2(argv, told, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2 and told in capsys.readouterr().err


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
    assert "input/s" not in done.stderr and "3 read, 2 skipped, 1 duplicates" in done.stderr


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


# Nothing dropped silently, and the command line tells the truth ---------------------------------
def test_many_unsupported_files_are_one_line_by_extension(tmp_path, capsys):
    (tmp_path / "lease.html").write_text(news_page(), encoding="utf-8")
    for number in range(7):
        (tmp_path / f"dump{number}.bad").write_text("?")
    for number in range(3):
        (tmp_path / "old" / f"crawl{number}.warc.lz4").parent.mkdir(exist_ok=True)
        (tmp_path / "old" / f"crawl{number}.warc.lz4").write_bytes(b"\x04\x22\x4d\x18")
    (tmp_path / "README").write_text("what this folder is")
    code, out, err = run(capsys, "extract", "--quiet", str(tmp_path))
    assert code == 1 and len(out.splitlines()) == 1
    assert err == "storylens: skipped 11 files: .bad ×7, .warc.lz4 ×3, no extension ×1 (not a supported format)\n"


def warc_of(*records: bytes) -> bytes:
    return b"".join(records)


def test_evil_inputs_in_a_folder_are_named_in_order_and_the_rest_is_read(tmp_path, capsys):
    import gzip

    from tests.read.conftest import record_id, warc_record

    page = news_page().encode("utf-8")
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(page)[:200])
    (tmp_path / "c.warc").write_bytes(warc_record("request", record_id(1), uri="https://x.example/",
                                                  block=b"GET / HTTP/1.1\r\n\r\n",
                                                  content_type="application/http; msgtype=request"))
    (tmp_path / "d.html").write_text(news_page("Marathon returns to the harbour", SECOND_STORY), encoding="utf-8")
    code, out, err = run(capsys, "extract", str(tmp_path))
    assert [json.loads(line)["source"] for line in out.splitlines()] == [
        str(tmp_path / "a.html.gz"), str(tmp_path / "d.html")]
    assert code == 1 and err.splitlines() == [
        f"storylens: skipped {tmp_path / 'b.html.gz'}: truncated archive (gzip data ends early)",
        f"storylens: skipped {tmp_path / 'c.warc'}: no pages (no response records; 1 record: request ×1)",
        "storylens: 2 read, 2 skipped, 0 duplicates",
    ]


def usage_error(capsys, *argv: str) -> str:
    """The last stderr line of a command line refused with exit code 2."""
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    assert stop.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_analyze_refuses_an_out_that_is_a_file(corpus, tmp_path, capsys):
    taken = tmp_path / "report.txt"
    taken.write_text("mine")
    assert usage_error(capsys, "analyze", str(corpus), "--out", str(taken)) == (
        f"storylens analyze: error: --out {taken}: is a file; give a folder for the report")
    assert taken.read_text() == "mine"


@pytest.mark.parametrize("argv", [
    ["extract", "PAGE"], ["cluster", "PAGE"], ["attributions", "PAGE"], ["stance", "--claim", "x", "PAGE"]])
def test_json_lines_commands_refuse_an_out_that_is_a_folder(argv, corpus, tmp_path, capsys):
    argv = [str(corpus / "lease.html") if part == "PAGE" else part for part in argv]
    assert usage_error(capsys, *argv, "--out", str(tmp_path)) == (
        f"storylens {argv[0]}: error: --out {tmp_path}: is a folder; give a file for the JSON Lines")
    missing = tmp_path / "nope" / "out.jsonl"
    assert usage_error(capsys, *argv, "--out", str(missing)) == (
        f"storylens {argv[0]}: error: --out {missing}: folder {tmp_path / 'nope'} does not exist")


@pytest.mark.parametrize("option, value, reason", [
    ("--max-mb", "-1", "must be more than 0, not -1"),
    ("--max-mb", "0", "must be more than 0, not 0"),
    ("--max-mb", "nan", "must be more than 0, not nan"),
    ("--max-mb", "lots", "not a number: 'lots'"),
    ("--timeout", "-5", "must be more than 0, not -5"),
    ("--timeout", "inf", "must be more than 0, not inf"),
])
def test_sizes_and_times_must_be_positive(option, value, reason, corpus, capsys):
    assert usage_error(capsys, "extract", str(corpus), option, value) == (
        f"storylens extract: error: argument {option}: {reason}")


def test_version_comes_from_the_package_metadata(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out == f"storylens {version('storylens')}\n"


@pytest.fixture
def big_page_server():
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class BigPage(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            body = news_page().replace("</body>", "<!--" + "x" * 300_000 + "--></body>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BigPage)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/page"
    httpd.shutdown()
    httpd.server_close()


def test_max_mb_lowers_and_raises_the_url_download_cap(big_page_server, capsys):
    from storylens.cli import build_parser, limits_from

    assert run(capsys, "extract", "--quiet", big_page_server)[0] == 0  # 0.3 MB: under the 10 MB default
    code, _out, err = run(capsys, "extract", "--quiet", "--max-mb", "0.1", big_page_server)
    assert code == 1 and err == f"storylens: skipped {big_page_server}: too large (0.3 MB > 0.1 MB limit)\n"
    raised = limits_from(build_parser().parse_args(["extract", "x", "--max-mb", "80"]))
    assert raised.max_fetch_bytes == raised.max_bytes == 80 * 1024 * 1024


def test_a_library_log_line_names_the_input_and_quiet_silences_it(corpus, tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(news_page(), encoding="utf-8")
    (folder / "b.html").write_text("<", encoding="utf-8")  # trafilatura logs an error: no HTML tree in it
    (folder / "c.html").write_text(news_page("Marathon returns to the harbour", SECOND_STORY), encoding="utf-8")
    code, out, err = run(capsys, "extract", str(folder))
    lines = err.splitlines()
    assert code == 1 and len(out.splitlines()) == 2
    assert f"storylens: {folder / 'b.html'}: trafilatura: parsed tree length: 0, wrong data type or not valid HTML" in lines
    assert all(line.startswith(f"storylens: {folder / 'b.html'}: trafilatura: ") for line in lines[:-2])
    assert lines[-2:] == [f"storylens: skipped {folder / 'b.html'}: no article text (nothing article-like in this html page)",
                          "storylens: 2 read, 1 skipped, 0 duplicates"]
    code, _out, err = run(capsys, "extract", "--quiet", str(folder))
    assert err == f"storylens: skipped {folder / 'b.html'}: no article text (nothing article-like in this html page)\n"


def test_a_warning_while_cleaning_names_the_page_it_was_about(tmp_path, capsys, monkeypatch):
    import warnings

    import storylens.clean.documents as documents

    real = documents.extract_parts

    def warning_for_the_second_page(doc, furniture):
        if doc.source.endswith("2.html"):
            warnings.warn("odd markup in this page\nsecond line of the warning", UserWarning)
        return real(doc, furniture)

    monkeypatch.setattr(documents, "extract_parts", warning_for_the_second_page)
    for number, title in enumerate(["Lease", "Marathon", "Lighthouse"], 1):
        (tmp_path / f"{number}.html").write_text(news_page(title, SECOND_STORY if number == 2 else None), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        code, _out, err = run(capsys, "extract", str(tmp_path))
    # the three pages are cleaned in one batch: the warning is about the page being cleaned, not the last one read
    assert err.splitlines()[0] == f"storylens: {tmp_path / '2.html'}: UserWarning: odd markup in this page"
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert "UserWarning" not in run(capsys, "extract", "--quiet", str(tmp_path))[2]


def test_analyze_into_a_used_folder_leaves_no_stale_story_pages(corpus, tmp_path, capsys):
    out_dir = tmp_path / "report"
    out_dir.mkdir()
    (out_dir / "notes.md").write_text("the user's own file")
    run(capsys, "analyze", "--quiet", str(corpus), "--out", str(out_dir))
    assert len(list((out_dir / "stories").iterdir())) == 4  # two stories, HTML and Markdown each
    run(capsys, "analyze", "--quiet", str(corpus / "sub" / "marathon.html"), "--out", str(out_dir))
    [story] = json.loads((out_dir / "stories.json").read_text())
    assert sorted(path.stem for path in (out_dir / "stories").iterdir()) == [story["id"]] * 2
    assert (out_dir / "notes.md").read_text() == "the user's own file"


def test_cluster_reads_gzipped_records_and_says_where_they_were_cut(records_file, tmp_path, capsys):
    import gzip

    whole = tmp_path / "in.jsonl.gz"
    whole.write_bytes(gzip.compress(records_file.read_bytes()))
    code, out, _err = run(capsys, "cluster", "--quiet", str(whole))
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["bus-1", "7", "bus-2", "comet-2"]
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(records_file.read_bytes())[:-12])  # the gzip trailer and a little data gone
    code, _out, err = run(capsys, "cluster", "--quiet", str(cut))
    assert code == 1 and err.splitlines()[-1] == f"storylens: skipped {cut}: truncated archive (gzip data ends early)"


def _story_that_warns(number: int) -> int:
    import logging
    import warnings

    warnings.warn(f"odd markup in story {number}\nsecond line", UserWarning)
    logging.getLogger("somelibrary").warning("could not parse part %d", number)
    return number


def test_warnings_in_spawned_workers_are_one_line_naming_the_story_or_nothing_quiet(capsys):
    import warnings

    from storylens.cli import Console, library_messages
    from storylens.engine.executors import WorkerProcesses

    for quiet in (False, True):
        with warnings.catch_warnings(), library_messages(Console(quiet), verbose=False):
            with WorkerProcesses(1) as pool:
                list(pool.map(_story_that_warns, [7], key=lambda number: f"story-{number}"))
        err = capsys.readouterr().err
        if quiet:
            assert err == ""
        else:
            assert sorted(err.splitlines()) == ["storylens: story-7: UserWarning: odd markup in story 7",
                                                "storylens: story-7: somelibrary: could not parse part 7"]
