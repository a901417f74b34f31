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
    assert code == 1 and json.loads(out) == {"read": 3, "skipped": 1, "duplicates": 1, "stored": 2}
    code, out, err = run(capsys, "ingest", str(corpus), "--db", db)
    assert json.loads(out) == {"read": 3, "skipped": 1, "duplicates": 3, "stored": 0}


def test_analyze_writes_the_report(corpus, tmp_path, capsys):
    out_dir = tmp_path / "report"
    code, out, _err = run(capsys, "analyze", "--quiet", str(corpus), "--out", str(out_dir))
    assert out.strip() == str(out_dir / "index.html")
    stories = json.loads((out_dir / "stories.json").read_text())
    assert len(stories[0]["articles"]) == 2  # the duplicate is left out
    html = (out_dir / "index.html").read_text()
    assert "Marathon returns to the harbour" in html and "Ada Brennan" in html


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
