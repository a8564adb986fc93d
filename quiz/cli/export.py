"""`quiz export BANK --format md|html [--answer-key] [-o FILE]`: a printable handout of a bank."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quiz.authoring.handout import FORMATS, render
from quiz.bank.check import load_bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.errors import UsageError
from quiz.safe_text import clean, one_line
from quiz.store.atomic import write_file


def register(sub: Any) -> None:
    """Add the `export` command."""
    p = sub.add_parser("export", help="a printable handout of a bank (Markdown or HTML)",
                       description="Write a printable handout of a bank: its questions and options, "
                                   "with boxes to tick. With --answer-key, add the right answers, "
                                   "explanations, sources and discussion prompts. Writes to standard "
                                   "output unless -o is given. Exit 1 if the bank has problems, 2 for "
                                   "usage errors or an unwritable file.")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    p.add_argument("--format", choices=FORMATS, default="md", help="md (Markdown, the default) or html")
    p.add_argument("--answer-key", action="store_true",
                   help="include right answers, explanations, sources and discussion prompts")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=run)


def write_handout(path: Path, text: str) -> None:
    """Write the handout whole or not at all, as an ordinary file to share (unlike a saved session)."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"{path}: cannot write: the folder {path.parent} does not exist")
    try:
        write_file(path, text, mode=0o666)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def run(args: argparse.Namespace) -> int:
    """Load the bank, render the handout, write it."""
    bank = load_bank(resolve_bank_or_usage(args.bank))
    text = render(bank, args.format, args.answer_key)
    if args.output is None or args.output == "-":
        sys.stdout.write(clean(text))
        return 0
    out = Path(args.output).expanduser()
    write_handout(out, text)
    key = " with the answer key" if args.answer_key else ""
    print(one_line(f"Wrote {out}: {bank.title}, {len(bank.questions)} questions{key}."), file=sys.stderr)
    return 0
