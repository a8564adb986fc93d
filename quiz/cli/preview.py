"""`quiz preview BANK [--watch]`: try a bank in the app while writing it."""

from __future__ import annotations

import argparse
from typing import Any

from quiz.cli.banks import resolve_bank_or_usage


def register(sub: Any) -> None:
    """Add the `preview` command."""
    p = sub.add_parser("preview", help="try a bank in the app; with --watch it reloads on every save",
                       description="Open a bank in the app. With --watch the file is re-checked whenever "
                                   "it is saved: problems are listed with file:line:column inside the "
                                   "app, and the bank comes back, answers kept where they still fit, "
                                   "once the file is fixed.")
    p.add_argument("bank", metavar="BANK", help="the bank file")
    p.add_argument("--watch", action="store_true", help="reload whenever the file changes")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open the preview."""
    path = resolve_bank_or_usage(args.bank)
    from quiz.ui.preview import PreviewApp

    PreviewApp(path, watch=args.watch).run()
    return 0
