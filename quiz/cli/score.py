"""`quiz score BANK --answers FILE`: score one answers file, or many answer sets at once, without a screen."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from quiz.bank.check import load_bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.errors import BankError, InputError, UsageError, counted

if TYPE_CHECKING:
    from quiz.bank.model import Bank
    from quiz.engine.batch import Row

SINGLE_FORMATS = ("text", "json", "md", "html")
BATCH_FORMATS = ("jsonl", "csv")
BATCH_INPUTS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
STDIN = "-"


def register(sub: Any) -> None:
    """Add the `score` command."""
    p = sub.add_parser(
        "score", help="score an answers file, or many answer sets, without a screen",
        description="Score answers against a bank. One answers file (YAML or JSON: a mapping of question "
                    "id to answer, lists for checklists) gives a report; a JSON Lines (.jsonl, .ndjson) or "
                    "CSV (.csv) file gives one row per answer set. Exit 0 when every set was scored, 1 when "
                    "the bank or any set has problems, 2 for usage or an unreadable file.",
        epilog="The JSON output and the batch formats are described in the authoring guide: "
               "`quiz guide 12a`.")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    given = p.add_mutually_exclusive_group(required=True)
    given.add_argument("--answers", metavar="FILE",
                       help="the answers file, or a JSON Lines or CSV file of many sets; - reads standard input")
    given.add_argument("--example", metavar="NAME",
                       help="score the answers of the bank's example NAME (as `quiz test` does: partial data "
                            "allowed), to see what they give before writing its `expect`")
    p.add_argument("--input", choices=("answers", "jsonl", "csv"),
                   help="what FILE holds (default: by its extension, .jsonl/.ndjson/.csv for many sets, "
                        "else one answers file)")
    p.add_argument("--format", choices=SINGLE_FORMATS + BATCH_FORMATS,
                   help="text, json, md or html for one answers file (default text); jsonl or csv for "
                        "many sets (default jsonl)")
    p.add_argument("--partial", action="store_true",
                   help="score even with required answers missing; each dimension follows the bank's "
                        "missing-answer rule")
    p.set_defaults(func=run)


def _input_kind(args: argparse.Namespace) -> str:
    if args.example is not None:
        return "example"
    if args.input:
        return str(args.input)
    return BATCH_INPUTS.get(Path(args.answers).suffix.lower(), "answers")


def run(args: argparse.Namespace) -> int:
    """Load and check the bank, then score one answers file or every set of a batch."""
    kind = _input_kind(args)
    if kind == "example" and args.input:
        raise UsageError("--input says what an answers file holds; --example reads the bank's own example")
    fmt = args.format or ("jsonl" if kind in ("jsonl", "csv") else "text")
    if kind == "example":
        if fmt in BATCH_FORMATS:
            raise UsageError(f"--format {fmt} writes many answer sets; an example is one set (text, json, md "
                             "or html)")
        return _example(args, resolve_bank_or_usage(args.bank), fmt)
    if kind == "answers" and fmt in BATCH_FORMATS:
        raise UsageError(f"--format {fmt} writes many answer sets; give a JSON Lines or CSV file "
                         "(or --input jsonl or csv)")
    if kind != "answers" and fmt not in BATCH_FORMATS:
        raise UsageError(f"--format {fmt} is for one answers file; many sets are written as jsonl or csv")
    bank_path = resolve_bank_or_usage(args.bank)
    if args.answers != STDIN and not Path(args.answers).exists():
        raise UsageError(f"{args.answers}: no such answers file")
    bank = load_bank(bank_path)
    if kind == "answers":
        return _single(args, bank, fmt)
    return _batch(args, bank, kind, fmt)


def _single(args: argparse.Namespace, bank: Bank, fmt: str) -> int:
    from quiz.engine.answers import read_answers_doc, score_file
    from quiz.engine.report import render

    if args.answers == STDIN:
        doc = read_answers_doc(None, "<stdin>", sys.stdin.buffer.read())
    else:
        doc = read_answers_doc(args.answers)
    sys.stdout.write(render(score_file(doc, bank, partial=args.partial), fmt))
    return 0


def _example(args: argparse.Namespace, path: Path, fmt: str) -> int:
    """Score one of the bank's examples, through the path `quiz test` runs it on, as one answers file's report."""
    from quiz.authoring.examples import example_named, example_outcome
    from quiz.bank.check import check_file
    from quiz.engine.report import render

    result = check_file(path)
    if result.bank is None:
        raise BankError(list(result.problems))
    ex = example_named(result.bank, args.example)
    outcome, problems = example_outcome(result.bank, ex, result.doc)
    if outcome is None:
        raise InputError(list(problems))
    sys.stdout.write(render(outcome, fmt))
    return 0


def _open_binary(name: str) -> IO[bytes]:
    if name == STDIN:
        return sys.stdin.buffer
    try:
        return open(name, "rb")  # noqa: SIM115 (closed by the caller)
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from None


def write_rows(bank: Bank, rows: Iterable[Row], out: IO[bytes], fmt: str) -> tuple[int, int]:
    """Write each scored set as a JSON Lines or CSV row; returns (sets, sets with errors)."""
    from quiz.engine.report import csv_header, csv_row, jsonl_row

    total = bad = 0
    if fmt == "jsonl":
        chunk: list[bytes] = []
        for row in rows:
            total += 1
            bad += bool(row.problems)
            chunk.append(jsonl_row(row))
            if len(chunk) >= 1024:  # written in chunks: a write per set would take longer than its scoring
                out.write(b"".join(chunk))
                chunk = []
        out.write(b"".join(chunk))
        return total, bad
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(csv_header(bank))
    for row in rows:
        total += 1
        bad += bool(row.problems)
        writer.writerow(csv_row(bank, row))
    text.detach()
    return total, bad


def _batch(args: argparse.Namespace, bank: Bank, kind: str, fmt: str) -> int:
    from quiz.engine.batch import score_csv, score_jsonl

    name = "<stdin>" if args.answers == STDIN else args.answers
    source = _open_binary(args.answers)
    rows: Iterator[Row]
    try:
        if kind == "jsonl":
            rows = score_jsonl(bank, source, name, partial=args.partial)
        else:
            text = io.TextIOWrapper(source, encoding="utf-8-sig", errors="strict", newline="")
            rows = score_csv(bank, text, name, partial=args.partial)
        total, bad = write_rows(bank, rows, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not valid UTF-8 (save the file as UTF-8): {exc.reason}") from None
    finally:
        if source is not sys.stdin.buffer:
            source.close()
    if bad:
        print(f"quiz: {bad} of {counted(total, 'answer set')} had errors; see the `errors` of their rows",
              file=sys.stderr)
        return 1
    return 0
