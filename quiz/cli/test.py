"""`quiz test BANK...`: run each bank's examples and prove every band, suggestion, question and flag reachable.

What passes (example passes, witnesses, coverage) goes to stdout; every failure goes to stderr with its
detail right under it, so each stream reads whole on its own and a merged log reads in order.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from quiz.authoring.examples import run_examples
from quiz.authoring.reach_report import ReachReport, report_reachability
from quiz.bank.check import check_file
from quiz.cli.validate import collect
from quiz.errors import Problem
from quiz.safe_text import one_line


def register(sub: Any) -> None:
    """Add the `test` command."""
    p = sub.add_parser("test", help="run banks' examples and prove every band and suggestion reachable",
                       description="Run each bank's examples, then prove that every band, suggestion and "
                                   "question can be reached and every item flag raised, with a witness "
                                   "answer set for each. Exit 0 when all pass, 1 on failures, 2 for usage "
                                   "errors.")
    p.add_argument("paths", nargs="+", metavar="BANK", help="bank files or folders")
    p.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Test every bank named."""
    files, bad = collect(args.paths)
    for msg in bad:
        print(one_line(f"quiz test: {msg}"), file=sys.stderr)
    failures = 0
    for f in files:
        result = check_file(f)
        if result.bank is None:
            sys.stdout.flush()
            for p in result.problems:
                print(p.render(), file=sys.stderr)
            failures += len(result.problems)
            continue
        bank, doc = result.bank, result.doc
        assert doc is not None  # a bank is only built from a parsed document
        print(one_line(f"{f}: {bank.title}"))
        problems: list[Problem] = []
        results = run_examples(bank, doc)
        for r in results:
            if r.passed:
                if not args.quiet:
                    print(f"  pass  example \u201c{one_line(r.example.name)}\u201d")
            else:
                sys.stdout.flush()
                print(f"  FAIL  example \u201c{one_line(r.example.name)}\u201d", file=sys.stderr)
                _err(r.problems)  # right under its FAIL line, on the same stream
                problems.extend(r.problems)
        with Progress(sys.stderr, one_line(f"{f}: searching")) as progress:
            reach = report_reachability(bank, doc, results, progress=progress.update)
        _print_reach(reach, quiet=args.quiet)
        _err(reach.problems)
        problems.extend(reach.problems)
        failures += len(problems)
        passed = sum(r.passed for r in results)
        print(f"  examples: {passed} of {len(results)} passed")
    if bad:
        return 2
    sys.stdout.flush()
    if failures:
        print(f"{failures} failure(s)", file=sys.stderr)
        return 1
    return 0


def _print_reach(reach: ReachReport, quiet: bool) -> None:
    """Witnesses (unless quiet) and coverage, on stdout."""
    if not quiet:
        for r in reach.reached:
            if r.always:
                print(one_line(f"  reach {r.goal.label} always fires (it has no `when`)"))
            else:
                verb = {"suggestion": "fires for", "flag": "is raised by"}.get(r.goal.kind, "is reached for")
                print(one_line(f"  reach {r.goal.label} {verb}: {r.answers}"))
        print(f"  reach questions: {reach.questions_shown} of {reach.questions} can be shown")
        if reach.flags:
            print(f"  reach flags: {reach.flags_raised} of {reach.flags} can be raised")
    # A bank without flags keeps the line it always had.
    flags = f" and {reach.flags_covered} of {reach.flags} flags" if reach.flags else ""
    bands = f"{reach.bands_covered} of {reach.bands} bands"
    print(f"  coverage: examples cover {reach.suggestions_covered} of {reach.suggestions} suggestions"
          + (f", {bands}{flags}" if flags else f" and {bands}"))


class Progress:
    """Goals done of total on a terminal's stderr once a search has run about a second, cleared at the end.

    Display only: it reads the clock to decide when to speak, and the verdict never depends on it; when
    stderr is not a terminal it prints nothing at all.
    """

    DELAY = 1.0  # seconds before the first line: a quick bank shows nothing
    EVERY = 0.1  # seconds between redraws

    def __init__(self, stream: TextIO, label: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.label = label
        self.on = stream.isatty()
        self.clock = clock
        self.start = clock()
        self.last = 0.0
        self.shown = False

    def __enter__(self) -> Progress:
        return self

    def update(self, done: int, total: int) -> None:
        if not self.on:
            return
        now = self.clock()
        if now - self.start < self.DELAY or now - self.last < self.EVERY:
            return
        self.last = now
        self.stream.write(f"\r\x1b[K{self.label} {done} of {total} goals")
        self.stream.flush()
        self.shown = True

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _err(problems: tuple[Problem, ...] | list[Problem]) -> None:
    """Print located problems on stderr, after what stdout already holds, so a log reads in order."""
    if problems:
        sys.stdout.flush()
        for p in problems:
            print("  " + p.render(), file=sys.stderr)
        sys.stderr.flush()
