import os
import time

from storylens.model import Problem, ProblemKind
from storylens.read import expand_inputs, read_inputs


def touch(path, text="<p>x</p>"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    wanted = [
        touch(tmp_path / "a.html"),
        touch(tmp_path / "b" / "c.txt"),
        touch(tmp_path / "b" / "d" / "e.warc.gz"),
        touch(tmp_path / "b" / "z.JSONL"),
        touch(tmp_path / "c.htm"),
        touch(tmp_path / "feeds" / "one.rss"),
        touch(tmp_path / "feeds" / "two.atom"),
        touch(tmp_path / "feeds" / "x.xml"),
        touch(tmp_path / "m.ndjson"),
        touch(tmp_path / "n.feed"),
        touch(tmp_path / "o.warc"),
    ]
    # Left out: hidden files and everything in hidden folders.
    for name in [".DS_Store", ".hidden.html", ".git/index.html"]:
        touch(tmp_path / name)
    assert list(expand_inputs([str(tmp_path)])) == wanted


def test_files_of_unknown_type_are_named_in_walk_order(tmp_path):
    first = touch(tmp_path / "a.html")
    for name in ["b/archive.tar.gz", "b/photo.jpg", "notes"]:
        touch(tmp_path / name)
    last = touch(tmp_path / "page.html.gz")  # gzipped pages are read
    assert list(expand_inputs([str(tmp_path)])) == [
        first,
        Problem(str(tmp_path / "b" / "archive.tar.gz"), ProblemKind.UNKNOWN_FILE_TYPE),
        Problem(str(tmp_path / "b" / "photo.jpg"), ProblemKind.UNKNOWN_FILE_TYPE),
        Problem(str(tmp_path / "notes"), ProblemKind.UNKNOWN_FILE_TYPE),
        last,
    ]


def test_two_thousand_files_in_order_quickly(tmp_path):
    names = [f"{n:04d}.html" for n in range(2000)]
    for index, name in enumerate(names):
        touch(tmp_path / f"part{index % 3}" / name)
    started = time.monotonic()
    found = list(expand_inputs([str(tmp_path)]))
    assert time.monotonic() - started < 3
    assert len(found) == 2000
    assert found == sorted(found)  # one level of folders, zero-padded names: sorted means walk order
    assert found[0] == str(tmp_path / "part0" / "0000.html")


def test_arguments_keep_their_order_and_special_inputs_pass_through(tmp_path):
    page = touch(tmp_path / "page.html")
    other = touch(tmp_path / "weird.php")  # named explicitly: kept, its content decides
    assert list(expand_inputs(["https://example.com/a", page, "-", other, "HTTP://EXAMPLE.COM/B"])) == [
        "https://example.com/a", page, "-", other, "HTTP://EXAMPLE.COM/B"]


def test_missing_path_is_one_problem_and_the_rest_goes_on(tmp_path):
    page = touch(tmp_path / "page.html")
    missing = str(tmp_path / "nope.html")
    assert list(expand_inputs([missing, page])) == [Problem(missing, ProblemKind.NOT_FOUND), page]


def test_symlink_loops_do_not_hang(tmp_path):
    page = touch(tmp_path / "a" / "page.html")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")  # a → a/loop → a ...
    os.symlink(tmp_path, tmp_path / "a" / "up")  # back to the root
    os.symlink("self.html", tmp_path / "a" / "self.html")  # a link to itself: ELOOP on stat
    found = list(expand_inputs([str(tmp_path)]))
    assert found == [page, str(tmp_path / "a" / "self.html")]
    [problem] = read_inputs([found[1]])
    assert problem.kind == ProblemKind.UNREADABLE and "symbolic links" in problem.detail


def test_symlink_loop_named_explicitly(tmp_path):
    loop = tmp_path / "loop.html"
    os.symlink(loop, loop)
    [problem] = expand_inputs([str(loop)])
    assert problem == Problem(str(loop), ProblemKind.UNREADABLE, "Too many levels of symbolic links")


def test_broken_symlink_in_a_folder_is_reported_when_read(tmp_path):
    os.symlink(tmp_path / "gone.html", tmp_path / "link.html")
    assert list(read_inputs([str(tmp_path)])) == [
        Problem(str(tmp_path / "link.html"), ProblemKind.UNREADABLE, "broken symbolic link")]


def test_fifo_in_a_folder_is_not_a_file_and_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.html")
    os.mkfifo(tmp_path / "pipe.bin")  # unknown type: named like any other, never opened
    page = touch(tmp_path / "z.html")
    results = list(read_inputs([str(tmp_path)]))
    assert results[:2] == [Problem(str(tmp_path / "pipe.bin"), ProblemKind.UNKNOWN_FILE_TYPE),
                           Problem(str(tmp_path / "pipe.html"), ProblemKind.NOT_A_FILE, "FIFO")]
    assert [r.source for r in results[2:]] == [page]


def test_urls_files_are_expanded(tmp_path):
    listing = tmp_path / "sources.urls"
    listing.write_text(
        "# the story, as covered\n"
        "https://www.example.com/a\n"
        "\n"
        "   http://example.org/b?x=1   \n"
        "ftp://example.net/c\n"
        "not a url\n"
        "https://example.net/d")
    assert list(expand_inputs([str(listing)])) == [
        "https://www.example.com/a",
        "http://example.org/b?x=1",
        Problem(f"{listing}#5", ProblemKind.MALFORMED, "line 5: not an http(s) URL"),
        Problem(f"{listing}#6", ProblemKind.MALFORMED, "line 6: not an http(s) URL"),
        "https://example.net/d",
    ]


def test_urls_file_inside_a_folder_is_expanded_in_place(tmp_path):
    first = touch(tmp_path / "a.html")
    (tmp_path / "b.urls").write_text("https://example.com/x\n")
    last = touch(tmp_path / "c.html")
    assert list(expand_inputs([str(tmp_path)])) == [first, "https://example.com/x", last]


def test_unreadable_folder_entry_is_a_problem(tmp_path):
    # As root, permissions do not stop us: a FIFO named .urls cannot be read as a list.
    os.mkfifo(tmp_path / "list.urls")
    assert list(expand_inputs([str(tmp_path / "list.urls")])) == [
        Problem(str(tmp_path / "list.urls"), ProblemKind.NOT_A_FILE, "FIFO")]


def test_a_folder_or_url_list_that_gives_nothing_says_so(tmp_path):
    (tmp_path / "empty" / ".git").mkdir(parents=True)
    touch(tmp_path / "empty" / ".git" / "HEAD.html")  # hidden: left out, so the folder gives nothing
    (tmp_path / "none.urls").write_text("# nothing yet\n\n")
    assert list(expand_inputs([str(tmp_path / "empty"), str(tmp_path / "none.urls")])) == [
        Problem(str(tmp_path / "empty"), ProblemKind.EMPTY, "no files in this folder"),
        Problem(str(tmp_path / "none.urls"), ProblemKind.EMPTY, "no URLs listed"),
    ]
