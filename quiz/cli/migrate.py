"""`quiz migrate BANK [-o OUT | --in-place]`: rewrite a bank made for the old scoring rules so it is valid now."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from quiz.bank.files import decode, read_bytes
from quiz.bank.migrate import migrate_text
from quiz.errors import BankError
from quiz.safe_text import one_line


def register(sub: Any) -> None:
    """Add the `migrate` command."""
    p = sub.add_parser("migrate", help="rewrite a bank for the current scoring rules",
                       description="Rewrite a bank that was valid before the scoring rules changed (band "
                                   "limits outside the reachable range, a band called `incomplete`, items "
                                   "hidden by show_if, a resource's `last_verified` date beside words saying "
                                   "it was not checked) so it is valid now, keeping comments and layout. "
                                   "Prints what it changed. Exit 0 when the result is valid, 1 when problems "
                                   "remain, 2 for unreadable paths.")
    p.add_argument("bank", metavar="BANK", help="the bank file")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT", help="write the result here (default: standard output)")
    out.add_argument("--in-place", action="store_true", help="rewrite BANK itself")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Migrate one bank; print the changes to stderr; return 0, 1 or 2."""
    from quiz.store.atomic import write_file

    try:
        text = decode(read_bytes(args.bank, args.bank), args.bank)
    except BankError as exc:
        for p in exc.problems:
            print(p.render(), file=sys.stderr)
        return 2 if any(p.kind == "unreadable" for p in exc.problems) else 1
    try:
        result = migrate_text(text, args.bank)
    except BankError as exc:
        for p in exc.problems:
            print(p.render(), file=sys.stderr)
        return 1
    for c in result.changes:
        print(one_line(f"{args.bank}:{c.line}: {c.what}"), file=sys.stderr)
    if result.problems:
        for p in result.problems:
            print(p.render(), file=sys.stderr)
        print(one_line(f"quiz migrate: {args.bank} is still not valid; nothing written"), file=sys.stderr)
        return 1
    if not result.changes:
        print(one_line(f"quiz migrate: {args.bank} is valid already; nothing to change"), file=sys.stderr)
    target = args.bank if args.in_place else args.output
    try:
        if target is None:
            sys.stdout.write(result.text)
        elif result.changes or not args.in_place:
            write_file(target, result.text, mode=0o644)
    except OSError as exc:
        print(one_line(f"quiz migrate: cannot write {target}: {exc.strerror}"), file=sys.stderr)
        return 2
    return 0
