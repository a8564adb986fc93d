"""`quiz take BANK [--plain]` and the bare `quiz` launcher."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from quiz.check import load_bank, resolve_bank
from quiz.errors import UsageError


def register(sub: Any) -> None:
    """Add the `take` command."""
    p = sub.add_parser("take", help="take a bank in the app, or line by line with --plain",
                       description="Take a bank. BANK is a file path or a shipped bank's id "
                                   "(therapy-fit, myths-facts, therapist-fit).")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    p.add_argument("--plain", action="store_true",
                   help="no full-screen app: numbered questions on stdin/stdout (screen readers, pipes)")
    p.set_defaults(func=run)


def _bank(ref: str) -> Any:
    path = resolve_bank(ref)
    if not path.exists():
        raise UsageError(f"no bank named `{ref}` (give a file path or a shipped bank's id; "
                         "`quiz` lists them)")
    return load_bank(path)


def run(args: argparse.Namespace) -> int:
    """Take one bank."""
    bank = _bank(args.bank)
    if args.plain:
        from quiz.plain import PlainRunner

        return PlainRunner(bank, sys.stdin, sys.stdout).run()
    from quiz.ui.app import run_app

    return run_app(bank=bank)


def launch(args: argparse.Namespace) -> int:
    """The launcher (no command given)."""
    from quiz.ui.app import run_app

    return run_app()
