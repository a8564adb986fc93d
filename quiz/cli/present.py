"""`quiz present BANK [--room NAME]`: the workshop presenter view."""

from __future__ import annotations

import argparse
from typing import Any

from quiz.bank.check import load_bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.errors import UsageError
from quiz.room.totals import DEFAULT_MIN_COUNT, Room, RoomError


def register(sub: Any) -> None:
    """Add the `present` command."""
    p = sub.add_parser("present", help="projector view for workshops, with a reveal step",
                       description="Show a bank one item at a time in large type for a room; `next` "
                                   "reveals a statement's answer, explanation, source and discussion "
                                   "prompt. With --room, live anonymous totals appear once enough "
                                   "people answered. Handouts: `quiz export BANK --format html`.")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    p.add_argument("--room", metavar="NAME", help="show the live totals of this room")
    p.add_argument("--min-count", type=int, default=DEFAULT_MIN_COUNT, metavar="K",
                   help=f"show an item's totals only once K people answered it (default {DEFAULT_MIN_COUNT})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open the presenter."""
    bank = load_bank(resolve_bank_or_usage(args.bank))
    if args.min_count < 1:
        raise UsageError("--min-count must be at least 1")
    room = None
    if args.room:
        try:
            room = Room(args.room, create=True, min_count=args.min_count)
            room.bind(bank)
        except RoomError as exc:
            raise UsageError(str(exc)) from None
    from quiz.ui.presenter import PresenterApp

    # The room publishes in steps of its own K, set when it was made: never show less than that.
    app = PresenterApp(bank, room, max(args.min_count, room.min_count) if room else args.min_count)
    app.run()
    if room is not None:
        room.close()
    return app.return_code or 0
