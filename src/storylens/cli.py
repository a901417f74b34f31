"""`storylens` command line: argument parsing and messages only; the work is in storylens.jobs."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm

from storylens import jobs
from storylens.model import Article, Problem
from storylens.read import ReadLimits
from storylens.store import DEFAULT_URL

PROG = "storylens"
MB = 1024 * 1024
DEFAULT_LIMITS = ReadLimits()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    try:
        return args.run(args)
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
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = add_command(commands, "analyze", run_analyze, "the main job: read, clean and write the report")
    analyze.add_argument("--out", default="storylens-report", metavar="DIR", help="report directory (default: %(default)s)")
    analyze.add_argument("--db", metavar="URL", help="also store the articles in this database")
    analyze.add_argument("--workers", type=positive_int, metavar="N",
                         help="processes that parse and judge stories (default: one per core; 1 stays in this process)")

    extract = add_command(commands, "extract", run_extract, "clean articles as JSON Lines")
    extract.add_argument("--out", metavar="FILE", help="write JSON Lines here instead of stdout")

    ingest = add_command(commands, "ingest", run_ingest, "store articles in a database (idempotent)")
    ingest.add_argument("--db", default=DEFAULT_URL, metavar="URL", help="SQLAlchemy URL (default: %(default)s)")

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
    serve.set_defaults(run=run_serve)


def run_serve(args) -> int:
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
    command.add_argument("--max-mb", type=float, default=DEFAULT_LIMITS.max_bytes / MB, metavar="MB",
                         help="refuse any single page or record larger than this (default: %(default)g)")
    command.add_argument("--timeout", type=float, default=DEFAULT_LIMITS.fetch_timeout, metavar="SECONDS",
                         help="per-URL fetch time limit (default: %(default)g)")
    command.set_defaults(run=run)
    return command


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format=f"{PROG}: %(name)s: %(message)s")
    # trafilatura and htmldate log every page they find no date or text in; that is our
    # problem report's job, not theirs.
    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not verbose else logging.INFO)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def limits_from(args) -> ReadLimits:
    return ReadLimits(max_bytes=int(args.max_mb * MB), fetch_timeout=args.timeout)


class Console:
    """Progress bar and one-line messages on stderr, kept from tearing each other apart."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        show_bar = not quiet and sys.stderr.isatty()
        self.bar = tqdm(total=0, unit="input", file=sys.stderr, disable=not show_bar, dynamic_ncols=True, leave=False)

    def progress(self, done: int, total: int) -> None:
        if self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def say(self, message: str) -> None:
        tqdm.write(f"{PROG}: {message}", file=sys.stderr)

    def problem(self, problem: Problem) -> None:
        self.say(f"skipped {problem}")

    def warning(self, problem: Problem) -> None:
        self.say(str(problem))

    def duplicate(self, article: Article, holder: str) -> None:
        self.say(f"duplicate {article.source}: same text as {holder}")

    def summary(self, report: jobs.RunReport | jobs.ClusterReport) -> None:
        self.bar.close()
        if not self.quiet:
            counts = ", ".join(f"{value} {name}" for name, value in report.as_dict().items())
            self.say(counts)


@contextmanager
def output_stream(path: str | None):
    if path is None:
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8") as handle:
            yield handle


def run_extract(args) -> int:
    console = Console(args.quiet)
    report = jobs.RunReport()
    items = jobs.extract(args.paths, limits=limits_from(args), stdin=sys.stdin.buffer, progress=console.progress)
    with output_stream(args.out) as out:
        for article in jobs.tally(items, report, console.problem, console.duplicate):
            write_json_line(out, article.to_record())
    console.summary(report)
    return report.exit_code


def write_json_line(out: TextIO, record: dict) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_ingest(args) -> int:
    console = Console(args.quiet)
    report = jobs.ingest(
        args.paths, args.db, limits=limits_from(args), stdin=sys.stdin.buffer,
        progress=console.progress, on_problem=console.problem, on_duplicate=console.duplicate,
    )
    console.summary(report)
    write_json_line(sys.stdout, report.as_dict())
    return report.exit_code


def run_cluster(args) -> int:
    console = Console(args.quiet)
    assignments, report = jobs.cluster_records(
        args.paths, multilingual=args.multilingual, limits=limits_from(args), stdin=sys.stdin.buffer,
        progress=console.progress, on_problem=console.problem, on_warning=console.warning,
    )
    with output_stream(args.out) as out:
        for assignment in assignments:
            write_json_line(out, assignment.to_record())
    console.summary(report)
    return report.exit_code


def run_attributions(args) -> int:
    console = Console(args.quiet)
    results = jobs.attributions(args.paths, raw=args.raw, limits=limits_from(args), stdin=sys.stdin.buffer,
                                progress=console.progress)
    return write_results(results, args.out, console)


def run_stance(args) -> int:
    console = Console(args.quiet)
    if args.claim is not None and not args.paths:
        console.say("stance --claim needs at least one PATH (the articles to judge)")
        return 2
    if args.pairs is not None and args.paths:
        console.say("stance --pairs reads its rows from FILE; give no PATH")
        return 2
    if args.claim is not None:
        results = jobs.stance_of_articles(args.claim, args.paths, limits=limits_from(args), stdin=sys.stdin.buffer,
                                          progress=console.progress)
    else:
        results = jobs.stance_of_pair_rows(args.pairs, limits=limits_from(args), stdin=sys.stdin.buffer)
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
    console.bar.close()
    return 1 if skipped else 0


def run_analyze(args) -> int:
    console = Console(args.quiet)
    report, index = jobs.analyze(
        args.paths, args.out, db_url=args.db, limits=limits_from(args), stdin=sys.stdin.buffer,
        progress=console.progress, on_problem=console.problem, on_duplicate=console.duplicate,
        workers=args.workers,
    )
    console.summary(report)
    print(index)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
