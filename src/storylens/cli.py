"""`storylens` command line: argument parsing and messages only; the work is in storylens.commands."""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm

import storylens
from storylens import commands  # build_parser's local `commands` (the subparsers) never needs it
from storylens.engine.executors import worker_task_in_work
from storylens.engine.local import input_in_work
from storylens.model import Article, Problem, ProblemKind
from storylens.read import ReadLimits
from storylens.store import DEFAULT_URL, StoreError

PROG = "storylens"
MB = 1024 * 1024
DEFAULT_LIMITS = ReadLimits()
# Up to this many files of an unsupported type get a line each; more get one line by extension.
NAMED_UNSUPPORTED = 5
# Libraries that log every page they find no date or text in: that is our problem report's
# job, so only their errors are shown (everything with --verbose).
NOISY_LIBRARIES = ("trafilatura", "htmldate", "courlan", "charset_normalizer")
COMMANDS_WRITING_A_FOLDER = {"analyze"}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if problem := out_problem(args.command, getattr(args, "out", None)) or engine_problem(args):
        args.command_parser.error(problem)
    console = Console(args.quiet)
    try:
        with library_messages(console, args.verbose):
            return args.run(args, console)
    except StoreError as refusal:  # no driver, no server, a newer store: one line naming the URL
        print(f"{PROG}: {refusal}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `storylens extract ... | head` is normal use
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Who reported a story first-hand, who echoed it, who denies it."
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {storylens.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = add_command(commands, "analyze", run_analyze, "the main job: read, clean and write the report")
    analyze.add_argument("--out", default="storylens-report", metavar="DIR", help="report directory (default: %(default)s)")
    analyze.add_argument("--db", metavar="URL", help="also store the articles in this database")
    analyze.add_argument("--workers", type=positive_int, metavar="N",
                         help="processes that parse and judge stories (default: one per core; 1 stays in this "
                              "process); with --engine dask, the workers of a local Dask cluster")
    add_engine_options(analyze, "read, clean and parse each input, then build the dossiers, on a Dask cluster")

    extract = add_command(commands, "extract", run_extract, "clean articles as JSON Lines")
    extract.add_argument("--out", metavar="FILE", help="write JSON Lines here instead of stdout")

    ingest = add_command(commands, "ingest", run_ingest, "store articles in a database (idempotent)")
    ingest.add_argument("--db", default=DEFAULT_URL, metavar="URL", help="SQLAlchemy URL (default: %(default)s)")
    ingest.add_argument("--workers", type=positive_int, metavar="N",
                        help="processes that build the changed stories' dossiers (default: one per core; 1 stays "
                             "in this process); with --engine dask, the workers of a local Dask cluster")
    add_engine_options(ingest, "read, clean and parse each input on a Dask cluster, resumably (inputs a run "
                               "finished are skipped)")
    ingest.add_argument("--retry-failed", action="store_true",
                        help="with --engine dask: read again the inputs a worker died on in an earlier run")

    cluster = add_command(commands, "cluster", run_cluster,
                          "story (and copy) of each record: .jsonl files and - (stdin) hold records with id "
                          "and text; any other input is extracted first")
    cluster.add_argument("--out", metavar="FILE", help="write JSON Lines here instead of stdout")
    cluster.add_argument("--multilingual", action="store_true",
                         help="let the same story in different languages meet (slower embedding)")

    attributions = add_command(commands, "attributions", run_attributions,
                               "who says what in each document: source, cue and content with offsets")
    attributions.add_argument("--raw", action="store_true",
                              help="take each file as already-clean UTF-8 text; offsets point into it exactly")
    attributions.add_argument("--out", metavar="FILE", help="write JSON Lines here instead of stdout")

    stance = add_command(commands, "stance", run_stance,
                         "each article's stance toward a claim: agree, disagree, discuss or unrelated",
                         paths_required=False)
    given = stance.add_mutually_exclusive_group(required=True)
    given.add_argument("--claim", metavar="TEXT", help="the claim; PATHs are the articles to judge")
    given.add_argument("--pairs", metavar="FILE", help='JSON Lines of {"id","claim","text"} rows (- for stdin)')
    stance.add_argument("--out", metavar="FILE", help="write JSON Lines here instead of stdout")
    add_serve_command(commands)
    return parser


# --- serve: its own block (it reads no PATHs, so add_command's options do not apply) ----------
def add_serve_command(commands) -> None:
    help_text = "the dossier pages and their JSON API, read from the store"
    serve = commands.add_parser("serve", help=help_text, description=help_text)
    serve.add_argument("--db", default=DEFAULT_URL, metavar="URL", help="SQLAlchemy URL (default: %(default)s)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    serve.add_argument("--port", type=positive_int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("--token", metavar="T", help="required for any --host other than a loopback address")
    serve.add_argument("-v", "--verbose", action="store_true", help="log what the server does")
    serve.set_defaults(run=run_serve, quiet=True)  # main() builds a Console from every command's --quiet


def run_serve(args, _console=None) -> int:
    from storylens.web.serve import NeedsToken, serve

    try:
        serve(args.db, host=args.host, port=args.port, token=args.token)
    except NeedsToken as refusal:
        print(f"{PROG}: {refusal}", file=sys.stderr)
        return 2
    return 0


def add_command(commands, name: str, run: Callable, help_text: str, *, paths_required: bool = True
                ) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, description=help_text)
    command.add_argument("paths", nargs="+" if paths_required else "*", metavar="PATH",
                         help="files, folders, http(s) URLs, .urls lists, or - for stdin")
    command.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    command.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    command.add_argument("--max-mb", type=positive_number, metavar="MB",
                         help=f"refuse any single page, record or URL download larger than this (default: "
                              f"{DEFAULT_LIMITS.max_bytes / MB:g} for files, {DEFAULT_LIMITS.max_fetch_bytes / MB:g} "
                              "for URLs)")
    command.add_argument("--timeout", type=positive_number, default=DEFAULT_LIMITS.fetch_timeout, metavar="SECONDS",
                         help="per-URL fetch time limit (default: %(default)g)")
    command.set_defaults(run=run, command_parser=command)
    return command


def add_engine_options(command: argparse.ArgumentParser, dask_does: str) -> None:
    command.add_argument("--engine", choices=("local", "dask"), default="local",
                         help=f"local (default), or dask: {dask_does}")
    command.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --engine dask: join this running cluster (tcp://host:8786) instead of starting one")


def engine_problem(args) -> str | None:
    """Why the engine options of ingest or analyze do not go together (exit 2), or None."""
    if args.command not in ("ingest", "analyze"):
        return None
    if args.engine == "local" and args.command == "analyze":
        return "--scheduler needs --engine dask" if args.scheduler else None
    if args.engine == "local":
        return "--scheduler and --retry-failed need --engine dask" if args.scheduler or args.retry_failed else None
    if args.workers and args.scheduler:
        return "give --workers N (a local cluster) or --scheduler ADDRESS, not both"
    if "-" in args.paths:
        return "--engine dask reads files, folders and URLs; stdin (-) cannot be shared with workers"
    return None


def out_problem(command: str, out: str | None) -> str | None:
    """Why `--out` cannot be used, checked before any work starts (exit 2), or None."""
    if out is None:
        return None
    if command in COMMANDS_WRITING_A_FOLDER:
        return f"--out {out}: is a file; give a folder for the report" if os.path.isfile(out) else None
    if os.path.isdir(out):
        return f"--out {out}: is a folder; give a file for the JSON Lines"
    parent = os.path.dirname(out) or "."
    if not os.path.isdir(parent):
        return f"--out {out}: folder {parent} does not exist"
    return None


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def limits_from(args) -> ReadLimits:
    """`--max-mb` caps files and URL downloads alike; without it each keeps its default."""
    if args.max_mb is None:
        return ReadLimits(fetch_timeout=args.timeout)
    cap = max(1, int(args.max_mb * MB))
    return ReadLimits(max_bytes=cap, max_fetch_bytes=cap, fetch_timeout=args.timeout)


class Console:
    """Progress bar and one-line messages on stderr, kept from tearing each other apart."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        show_bar = not quiet and sys.stderr.isatty()
        self.bar = tqdm(total=0, unit="input", file=sys.stderr, disable=not show_bar, dynamic_ncols=True, leave=False)
        self.unsupported: list[str] = []  # the first few files of a type no reader takes
        self.unsupported_by_kind: Counter[str] = Counter()

    def progress(self, done: int, total: int | None) -> None:
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def ingest_progress(self, state) -> None:
        """A resumable ingest's progress (commands/resumable.IngestProgress): files on the bar,
        articles and their rate beside it (tqdm gives the files' rate and the ETA)."""
        self.progress(state.files_done, state.files_total)
        self.bar.set_postfix_str(f"{state.articles} articles, {state.rate:.1f}/s", refresh=False)

    def say(self, message: str) -> None:
        tqdm.write(f"{PROG}: {message}", file=sys.stderr)

    def problem(self, problem: Problem) -> None:
        if problem.kind == ProblemKind.UNKNOWN_FILE_TYPE:  # told at the end, in one line if there are many
            self.unsupported_by_kind[file_kind(problem.source)] += 1
            if len(self.unsupported) < NAMED_UNSUPPORTED + 1:
                self.unsupported.append(problem.source)
            return
        self.say(f"skipped {problem}")

    def finish(self) -> None:
        """Close the bar and name the files no reader took: each, or for many, by kind."""
        self.bar.close()
        count = sum(self.unsupported_by_kind.values())
        if count <= NAMED_UNSUPPORTED:
            for source in self.unsupported:
                self.say(f"skipped {source}: {ProblemKind.UNKNOWN_FILE_TYPE}")
        else:
            kinds = ", ".join(f"{kind} ×{n}" for kind, n in self.unsupported_by_kind.most_common())
            self.say(f"skipped {count} files: {kinds} ({ProblemKind.UNKNOWN_FILE_TYPE})")
        self.unsupported, self.unsupported_by_kind = [], Counter()

    def warning(self, problem: Problem) -> None:
        self.say(str(problem))

    def duplicate(self, article: Article, holder: str) -> None:
        self.say(f"duplicate {article.source}: same text as {holder}")

    def summary(self, report: commands.RunReport | commands.ClusterReport) -> None:
        self.finish()
        if not self.quiet:
            counts = ", ".join(f"{value} {name}" for name, value in report.as_dict().items())
            self.say(counts)


def file_kind(path: str) -> str:
    """A file's extension as the skipped-files line counts it: ".arc.gz", ".bad", "no extension"."""
    name = os.path.basename(path).lower()
    stem, last = os.path.splitext(name)
    if last in (".gz", ".bz2", ".xz", ".zst", ".lz4") and os.path.splitext(stem)[1]:
        return os.path.splitext(stem)[1] + last
    return last or "no extension"


class LibraryLines(logging.Handler):
    """A library's log record or Python warning becomes one line on the console, naming the
    input in work when there is one; nothing under --quiet."""

    def __init__(self, console: Console, level: int):
        super().__init__(level)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        if self.console.quiet:
            return
        try:
            message = one_line(record.getMessage())
        except Exception:  # a library's bad format string must not stop the batch
            message = one_line(str(record.msg))
        library = record.name.split(".")[0]
        said = message if library == PROG else f"{library}: {message}"
        source = worker_task_in_work() or input_in_work()
        self.console.say(f"{source}: {said}" if source else said)

    def show_warning(self, message, category, filename, lineno, file=None, line=None) -> None:
        """Stands in for warnings.showwarning: the category and the first line, no source code."""
        record = logging.LogRecord(_library_of(filename), logging.WARNING, filename, lineno,
                                   "%s: %s", (category.__name__, one_line(str(message))), None)
        self.handle(record)


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _library_of(filename: str) -> str:
    """The installed package a warning was raised in ("spacy" from .../site-packages/spacy/util.py);
    PROG (named by the line's prefix already) for code outside any installed package."""
    parts = filename.replace("\\", "/").split("/")
    for marker in ("site-packages", "dist-packages"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return parts[parts.index(marker) + 1].removesuffix(".py")
    return PROG


@contextmanager
def library_messages(console: Console, verbose: bool) -> Iterator[None]:
    """While a command runs, every log line and warning goes through LibraryLines; afterwards
    logging and warnings are as they were (main() may run many times in one process)."""
    root = logging.getLogger()
    handler = LibraryLines(console, logging.INFO if verbose else logging.WARNING)
    levels = {name: logging.getLogger(name).level for name in NOISY_LIBRARIES}
    saved = root.level, root.handlers[:], warnings.showwarning
    root.handlers[:] = [handler]
    root.setLevel(handler.level)
    for name in NOISY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.INFO if verbose else logging.ERROR)
    warnings.showwarning = handler.show_warning
    try:
        yield
    finally:
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]
        warnings.showwarning = saved[2]
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


@contextmanager
def output_stream(path: str | None):
    if path is None:
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8") as handle:
            yield handle


def run_extract(args, console: Console) -> int:
    report = commands.RunReport()
    items = commands.extract(args.paths, limits=limits_from(args), stdin=sys.stdin.buffer, progress=console.progress)
    with output_stream(args.out) as out:
        for article in commands.tally(items, report, console.problem, console.duplicate):
            write_json_line(out, article.to_record())
    console.summary(report)
    return report.exit_code


def write_json_line(out: TextIO, record: dict) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_ingest(args, console: Console) -> int:
    if args.engine == "dask":
        return run_ingest_on_dask(args, console)
    report = commands.ingest(
        args.paths, args.db, limits=limits_from(args), stdin=sys.stdin.buffer,
        progress=console.progress, on_problem=console.problem, on_duplicate=console.duplicate,
        workers=args.workers,
    )
    console.summary(report)
    write_json_line(sys.stdout, report.as_dict())
    return report.exit_code


def run_ingest_on_dask(args, console: Console) -> int:
    report = commands.ingest_on_dask(
        args.paths, args.db, workers=dask_workers(args), scheduler=args.scheduler, limits=limits_from(args), progress=console.ingest_progress,
        on_problem=console.problem, on_duplicate=console.duplicate, retry_failed=args.retry_failed,
    )
    console.summary(report)
    write_json_line(sys.stdout, report.as_dict())
    return report.exit_code


def dask_workers(args) -> int | None:
    """A local cluster's workers: --workers, else one per core; none when joining --scheduler."""
    return None if args.scheduler else (args.workers or os.cpu_count() or 1)


def run_cluster(args, console: Console) -> int:
    assignments, report = commands.cluster_records(
        args.paths, multilingual=args.multilingual, limits=limits_from(args), stdin=sys.stdin.buffer,
        progress=console.progress, on_problem=console.problem, on_warning=console.warning,
    )
    with output_stream(args.out) as out:
        for assignment in assignments:
            write_json_line(out, assignment.to_record())
    console.summary(report)
    return report.exit_code


def run_attributions(args, console: Console) -> int:
    results = commands.attributions(args.paths, raw=args.raw, limits=limits_from(args), stdin=sys.stdin.buffer,
                                    progress=console.progress)
    return write_results(results, args.out, console)


def run_stance(args, console: Console) -> int:
    if args.claim is not None and not args.paths:
        console.say("stance --claim needs at least one PATH (the articles to judge)")
        return 2
    if args.pairs is not None and args.paths:
        console.say("stance --pairs reads its rows from FILE; give no PATH")
        return 2
    if args.claim is not None:
        results = commands.stance_of_articles(args.claim, args.paths, limits=limits_from(args),
                                              stdin=sys.stdin.buffer, progress=console.progress)
    else:
        results = commands.stance_of_pair_rows(args.pairs, limits=limits_from(args), stdin=sys.stdin.buffer)
    return write_results(results, args.out, console)


def write_results(results: Iterable[dict | Problem], path: str | None, console: Console) -> int:
    """One JSON line per result, one message per problem; exit 1 when anything was skipped."""
    skipped = 0
    with output_stream(path) as out:
        for item in results:
            if isinstance(item, Problem):
                skipped += 1
                console.problem(item)
            else:
                write_json_line(out, item)
    console.finish()
    return 1 if skipped else 0


def run_analyze(args, console: Console) -> int:
    callbacks = dict(progress=console.progress, on_problem=console.problem, on_duplicate=console.duplicate)
    if args.engine == "dask":
        report, index = commands.analyze_on_dask(args.paths, args.out, db_url=args.db, limits=limits_from(args),
                                                 workers=dask_workers(args), scheduler=args.scheduler, **callbacks)
    else:
        report, index = commands.analyze(args.paths, args.out, db_url=args.db, limits=limits_from(args),
                                         stdin=sys.stdin.buffer, workers=args.workers, **callbacks)
    console.summary(report)
    print(index)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
