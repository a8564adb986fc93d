"""`quiz score BANK --answers FILE`: score an answers file without a screen."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quiz.bank.check import load_bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.engine.answers import load_answers
from quiz.engine.report import render
from quiz.engine.scoring import score
from quiz.errors import UsageError


def register(sub: Any) -> None:
    """Add the `score` command."""
    p = sub.add_parser("score", help="score an answers file without a screen",
                       description="Score answers (a YAML or JSON mapping of question id to value; lists "
                                   "for checklists) against a bank. Exit 1 when the bank or answers have "
                                   "problems.")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    p.add_argument("--answers", required=True, metavar="FILE", help="the answers file")
    p.add_argument("--format", choices=("text", "json", "md", "html"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load, check, score, print."""
    bank_path = resolve_bank_or_usage(args.bank)
    if not Path(args.answers).exists():
        raise UsageError(f"{args.answers}: no such answers file")
    bank = load_bank(bank_path)
    answers = load_answers(args.answers, bank)
    sys.stdout.write(render(score(bank, answers), args.format))
    return 0
