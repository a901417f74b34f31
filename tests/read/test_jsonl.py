import json

import pytest

from storylens.model import Document, Problem, ProblemKind
from storylens.read import ReadLimits, read_input


def jsonl(tmp_path, *lines, name="articles.jsonl"):
    path = tmp_path / name
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n")
    return str(path)


def record(**fields):
    return json.dumps(fields, ensure_ascii=False)


def test_records_with_exact_fields(tmp_path):
    path = jsonl(
        tmp_path,
        record(id="wp-1", url="https://www.washingtonpost.com/story", title="Trump spoke with Putin",
               outlet="The Washington Post", published="2024-11-10", author="A. Reporter", language="en",
               html="<p>Trump spoke with Putin.</p>", extra={"ignored": True}),
        record(id=17, text="Кремль: чистый вымысел.", title="", author=None, outlet=5),
    )
    assert list(read_input(path)) == [
        Document(source=f"{path}#1", content="<p>Trump spoke with Putin.</p>", format="html",
                 url="https://www.washingtonpost.com/story",
                 meta={"id": "wp-1", "title": "Trump spoke with Putin", "outlet": "The Washington Post",
                       "published": "2024-11-10", "author": "A. Reporter", "language": "en"},
                 site="washingtonpost.com"),
        Document(source=f"{path}#2", content="Кремль: чистый вымысел.", format="text", url=None,
                 meta={"id": "17"}, site=str(tmp_path)),
    ]


def test_html_wins_over_text_unless_empty(tmp_path):
    path = jsonl(tmp_path, record(html="<p>h</p>", text="t"), record(html="  ", text="t"))
    assert [(d.format, d.content) for d in read_input(path)] == [("html", "<p>h</p>"), ("text", "t")]


@pytest.mark.parametrize("bad, kind, detail", [
    ("{not json", ProblemKind.MALFORMED, "not JSON (Expecting property name enclosed in double quotes: "
                                         "line 1 column 2 (char 1))"),
    ('["html", "<p>x</p>"]', ProblemKind.MALFORMED, "not a JSON object"),
    ('{"title": "no body"}', ProblemKind.MALFORMED, "no 'html' or 'text'"),
    ('{"html": 42}', ProblemKind.MALFORMED, "'html' is not a string"),
    ('{"text": "x", "url": ["a"]}', ProblemKind.MALFORMED, "'url' is not a string"),
    ('{"text": " \\n "}', ProblemKind.EMPTY, "empty 'html' and 'text'"),
    (b'{"text": "caf\xe9"}', ProblemKind.MALFORMED, None),  # Latin-1 bytes: JSON must be UTF-8
])
def test_a_bad_line_in_the_middle(tmp_path, bad, kind, detail):
    path = jsonl(tmp_path, record(text="first"), bad, record(text="third"))
    results = list(read_input(path))
    assert [type(r) for r in results] == [Document, Problem, Document]
    assert (results[1].source, results[1].kind) == (f"{path}#2", kind)
    assert results[1].detail == detail or (detail is None and results[1].detail.startswith("not JSON"))
    assert results[2].source == f"{path}#3"


def test_blank_lines_are_ignored_but_counted(tmp_path):
    path = jsonl(tmp_path, "", record(text="a"), "   ", b"\r", record(text="b"))
    assert [d.source for d in read_input(path)] == [f"{path}#2", f"{path}#5"]


def test_crlf_and_bom_and_no_final_newline(tmp_path):
    path = tmp_path / "win.ndjson"
    path.write_bytes(b'\xef\xbb\xbf{"text": "a"}\r\n{"text": "b"}')
    assert [(d.source, d.content) for d in read_input(str(path))] == [(f"{path}#1", "a"), (f"{path}#2", "b")]


def test_huge_line_is_refused_without_holding_it(tmp_path):
    path = jsonl(tmp_path, record(text="before"), record(text="x" * 5_000_000), record(text="after"))
    results = list(read_input(path, limits=ReadLimits(max_bytes=1024 * 1024)))
    assert [getattr(r, "content", None) for r in results] == ["before", None, "after"]
    assert results[1] == Problem(f"{path}#2", ProblemKind.TOO_LARGE, "more than 1.0 MB")


def test_empty_file(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_bytes(b"\n\n")
    assert list(read_input(str(path))) == [Problem(str(path), ProblemKind.EMPTY, "no records")]


def test_deeply_nested_line(tmp_path):
    path = jsonl(tmp_path, "[" * 100_000, record(text="next"))
    results = list(read_input(path))
    assert results[0] == Problem(f"{path}#1", ProblemKind.MALFORMED, "nested too deeply")
    assert results[1].content == "next"


def test_lone_surrogate_escapes_become_replacement_characters(tmp_path):
    # JSON can escape half a UTF-16 pair; left as is it cannot be encoded by any later stage.
    path = tmp_path / "evil.jsonl"
    path.write_text('{"id": "s", "title": "T \\udfff", "text": "Lone \\ud800 half."}\n', encoding="utf-8")
    [doc] = list(read_input(str(path)))
    assert doc.content == "Lone \ufffd half." and doc.meta["title"] == "T \ufffd"
    doc.content.encode("utf-8")
