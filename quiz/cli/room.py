"""`quiz room export NAME` and `quiz room clear NAME`: a workshop room's anonymous totals."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quiz.bank.check import load_bank
from quiz.errors import UsageError
from quiz.paths import resolve_bank
from quiz.room.totals import DEFAULT_MIN_COUNT, Room, RoomError, clear_room, export_csv, room_path
from quiz.safe_text import one_line
from quiz.store.atomic import write_file


def register(sub: Any) -> None:
    """Add the `room` command."""
    p = sub.add_parser("room", help="export or clear a workshop room's anonymous totals",
                       description="Rooms hold only counts per option, never who answered what.")
    rs = p.add_subparsers(dest="room_command", metavar="ACTION", required=True)
    e = rs.add_parser("export", help="write the totals as CSV")
    e.add_argument("name", metavar="NAME")
    e.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    e.add_argument("--min-count", type=int, default=None, metavar="K",
                   help="hide items fewer than K people answered (default and least: the room's own K, "
                        f"{DEFAULT_MIN_COUNT} unless `quiz present --min-count` created the room)")
    e.set_defaults(func=run_export)
    c = rs.add_parser("clear", help="delete the room's totals")
    c.add_argument("name", metavar="NAME")
    c.set_defaults(func=run_clear)


def run_export(args: argparse.Namespace) -> int:
    """Print or write the CSV."""
    try:
        with Room(args.name) as room:
            bank_id = room.bank_id()
            bank = None
            if bank_id:
                path = resolve_bank(bank_id)
                bank = load_bank(path) if path.exists() else None
            text = export_csv(room, bank, args.min_count)
    except RoomError as exc:
        raise UsageError(str(exc)) from None
    if args.output:
        try:
            write_file(Path(args.output), text, mode=0o666)  # anonymous totals, for the facilitator to share
        except OSError as exc:
            raise UsageError(f"{args.output}: cannot write: {exc.strerror}") from None
        print(one_line(f"Wrote the totals of room `{args.name}` to {args.output}"))
    else:
        sys.stdout.write(text)
    return 0


def run_clear(args: argparse.Namespace) -> int:
    """Delete the room's files."""
    try:
        room_path(args.name)
    except RoomError as exc:
        raise UsageError(str(exc)) from None
    removed = clear_room(args.name)
    if not removed:
        print(f"No room named `{args.name}`; nothing to clear.")
    else:
        print(one_line(f"Cleared room `{args.name}`: removed " + ", ".join(str(p) for p in removed)))
    return 0
