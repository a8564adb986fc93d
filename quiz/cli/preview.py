"""`quiz preview BANK [--no-watch]`: try a bank in the app while writing it, reloading on every save."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from quiz.cli.banks import resolve_bank_or_usage

if TYPE_CHECKING:
    from quiz.ui.preview import PreviewApp


def register(sub: Any) -> None:
    """Add the `preview` command."""
    p = sub.add_parser("preview", help="try a bank in the app while writing it; it reloads on every save",
                       description="Open a bank in the app and re-check the file whenever it is saved: "
                                   "problems are listed with file:line:column inside the app, and the "
                                   "bank comes back where you were, answers kept where they still fit "
                                   "(those left out are named), once the file is fixed. With --no-watch "
                                   "the file is checked once; open the preview again after a change.")
    p.add_argument("bank", metavar="BANK", help="the bank file")
    p.add_argument("--watch", action=argparse.BooleanOptionalAction, default=True,
                   help="reload whenever the file changes (the default; --no-watch checks it once)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open the preview."""
    make_app(args).run()
    return 0


def make_app(args: argparse.Namespace) -> PreviewApp:
    """The preview app the arguments ask for."""
    path = resolve_bank_or_usage(args.bank)
    from quiz.ui.preview import PreviewApp

    return PreviewApp(path, watch=args.watch)
