"""`quiz test BANK...`: run each bank's examples and prove every band, suggestion, question and flag reachable.

What passes (example passes, witnesses, coverage) goes to stdout; every failure goes to stderr with its
detail right under it, so each stream reads whole on its own and a merged log reads in order.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from quiz.authoring.examples import example_named, outcome_lines, run_example, run_examples
from quiz.authoring.reach_report import ReachReport, report_reachability
from quiz.bank.check import check_file, check_text
from quiz.cli.validate import collect
from quiz.errors import Problem, QuizError, UsageError, counted
from quiz.safe_text import one_line


def register(sub: Any) -> None:
    """Add the `test` command."""
    p = sub.add_parser("test", help="run banks' examples and prove every band and suggestion reachable",
                       description="Run each bank's examples, then prove that every band, suggestion and "
                                   "question can be reached and every item flag raised, with a witness "
                                   "answer set for each. Exit 0 when all pass, 1 on failures, 2 for usage "
                                   "errors.")
    p.add_argument("paths", nargs="*", metavar="BANK", help="bank files or folders")
    p.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    p.add_argument("--update", nargs="*", metavar="NAME",
                   help="first write each named example's actual outcome into its `expect` (without names: "
                        "every example that has no `expect` or fails), keeping the rest of the file as it "
                        "is, and print what changed; give the bank first: quiz test BANK --update NAME")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Test every bank named (after writing outcomes into examples, with --update)."""
    if not args.paths:
        raise UsageError("name a bank to test (with --update, give it first: quiz test BANK --update NAME)")
    files, bad = collect(args.paths)
    for msg in bad:
        print(one_line(f"quiz test: {msg}"), file=sys.stderr)
    failures = 0
    if args.update is not None:
        if args.update and len(files) != 1:
            raise UsageError("--update NAME... names examples of one bank; give exactly one bank file")
        for f in files:
            failures += _update(f, args.update)
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
            elif r.unasserted and r.outcome is not None:
                if not args.quiet:
                    print(f"  show  example \u201c{one_line(r.example.name)}\u201d has no `expect`; its outcome:")
                    for line in outcome_lines(bank, r.outcome):
                        print("          " + one_line(line))
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
        shown = sum(r.unasserted for r in results)
        unasserted = (f", {shown} without `expect` (outcome shown; quiz test BANK --update writes it in)"
                      if shown else "")
        print(f"  examples: {passed} of {len(results)} passed{unasserted}")
    if bad:
        return 2
    sys.stdout.flush()
    if failures:
        print(f"{failures} failure(s)", file=sys.stderr)
        return 1
    return 0


def _update(path: Path, names: list[str]) -> int:
    """Write the actual outcome of the chosen examples of one bank into their `expect`; returns the
    failures (a bank that does not validate, examples whose answers have problems)."""
    from quiz.authoring.update import update_text
    from quiz.bank.files import decode, read_bytes
    from quiz.store.atomic import write_file

    raw = read_bytes(path)
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = decode(raw, str(path))
    result = check_text(text, str(path))
    if result.bank is None or result.doc is None:
        return 0  # the test run that follows reports every problem
    bank = result.bank
    chosen = [example_named(bank, n) for n in dict.fromkeys(names)]
    results = [run_example(bank, ex, result.doc) for ex in chosen] if chosen else [
        r for r in run_examples(bank, result.doc) if not r.passed]
    broken = [r for r in results if r.outcome is None]
    for r in broken:
        sys.stdout.flush()
        print(one_line(f"{path}: example \u201c{r.example.name}\u201d not updated: its answers have problems"),
              file=sys.stderr)
        _err(r.problems)
    updated = update_text(text, bank, [r for r in results if r.outcome is not None])
    if not updated.changes:
        print(one_line(f"{path}: nothing to update: the examples' `expect` already states their outcome"))
        return len(broken)
    after = check_text(updated.text, str(path))
    if after.bank is None or after.doc is None or any(
            not run_example(after.bank, after.bank.examples[r.example.index], after.doc).passed
            for r in results if r.outcome is not None):
        raise QuizError(one_line(f"{path}: the updated `expect` did not hold, so the file was left as it was "
                                 "(please report this bank to the quiz authors)"))
    data = (b"\xef\xbb\xbf" if bom else b"") + updated.text.encode("utf-8")
    try:
        write_file(path, data, mode=path.stat().st_mode & 0o777)
    except OSError as exc:
        raise UsageError(one_line(f"{path}: cannot write: {exc.strerror or exc}")) from None
    print(one_line(f"{path}: wrote the outcome into {counted(len(updated.changes), 'example')}; review it:"))
    for c in updated.changes:
        for what in c.changes:
            print(one_line(f"  line {c.line}: example \u201c{c.example}\u201d: {what}"))
    return len(broken)


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
    if reach.uncovered:
        shown = ", ".join(reach.uncovered[:UNCOVERED_SHOWN])
        more = len(reach.uncovered) - UNCOVERED_SHOWN
        print(one_line(f"  not covered by an example: {shown}" + (f" and {more} more" if more > 0 else "")))


UNCOVERED_SHOWN = 8
"""How many uncovered names the coverage line's follow-up lists before "and N more"."""


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
