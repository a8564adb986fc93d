"""`quiz forget`: list everything quiz saved for this person, delete it after confirmation."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from quiz.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from quiz.safe_text import one_line

UNTRACKED = ("quiz keeps no list of saves made to a path you chose outside its data folder; delete "
             "those files yourself.")


def register(sub: Any) -> None:
    """Add the `forget` command."""
    p = sub.add_parser("forget", help="delete everything quiz saved for you",
                       description="List everything quiz saved for you (saved sessions, including "
                                   "protected ones, and unfinished saves) and delete it after you "
                                   "confirm. Your own banks folder is listed but never deleted. "
                                   "Exit 0 when done or nothing is saved, 1 if a file could not be "
                                   "removed, 2 when there is no terminal to confirm on and --yes "
                                   "was not given.")
    p.add_argument("--yes", "-y", action="store_true", help="delete without asking (for scripts)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """List, confirm, delete, say what was removed."""
    from quiz.paths import user_data_dir
    from quiz.store import forget_all, list_saved

    inv = list_saved()
    out = sys.stdout
    if not inv.saved:
        print(one_line(f"quiz has nothing saved for you (looked in {user_data_dir()})."), file=out)
        _left_alone(inv.left_alone)
        print(UNTRACKED, file=out)
        return EXIT_OK
    print(f"quiz has saved {len(inv.saved)} file(s) for you:", file=out)
    for item in inv.saved:
        note = f": {item.note}" if item.note else ""
        print("  " + one_line(f"{item.path}  ({item.kind}{note})"), file=out)  # file names are text too
    _left_alone(inv.left_alone)
    print(UNTRACKED, file=out)
    if not args.yes:
        if not sys.stdin.isatty():
            print("Nothing removed: there is no terminal to confirm on; run `quiz forget --yes` to "
                  "delete without asking.", file=sys.stderr)
            return EXIT_USAGE
        try:
            reply = input(f"Delete these {len(inv.saved)} file(s)? This cannot be undone. [y/N] ")
        except EOFError:
            reply = ""
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing removed.", file=out)
            return EXIT_OK
    report = forget_all(inv)
    print(f"Removed {len(report.removed)} file(s):", file=out)
    for item in report.removed:
        print(f"  {one_line(str(item.path))}", file=out)
    for folder in report.removed_folders:
        print(one_line(f"Removed the empty folder {folder}"), file=out)
    for item, why in report.failed:
        print(one_line(f"quiz: could not remove {item.path}: {why}"), file=sys.stderr)
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def _left_alone(items: Any) -> None:
    if items:
        print("Left alone:", file=sys.stdout)
        for item in items:
            print("  " + one_line(f"{item.path}  ({item.note})"), file=sys.stdout)
