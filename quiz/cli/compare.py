"""`quiz compare FILES...`: saved sessions of one bank side by side (e.g. three therapists)."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import Any

from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.engine.compare import Column, to_json, to_markdown, to_text
from quiz.errors import QuizError
from quiz.safe_text import clean, one_line
from quiz.store import SavedInfo


def register(sub: Any) -> None:
    """Add the `compare` command."""
    p = sub.add_parser("compare", help="saved sessions of the same bank side by side",
                       description="Show saved sessions of one bank side by side: each "
                                   "dimension's band and the suggestions, one column per file, "
                                   "headed by its label. Protected files ask for their passphrase. "
                                   "Exit 1 when the files are of different banks or cannot be "
                                   "read.")
    p.add_argument("files", nargs="+", metavar="FILE", help="saved-session files")
    p.add_argument("--bank", metavar="BANK",
                   help="the bank file, when it is neither shipped nor in your banks folder")
    p.add_argument("--format", choices=("text", "md", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Open every file, check they share a bank, score each, print them side by side."""
    from quiz.cli.passphrase import with_passphrase
    from quiz.store import find_bank, load_session, read_info

    known: list[str] = []
    infos: list[SavedInfo] = []
    for f in args.files:
        infos.append(with_passphrase(partial(read_info, Path(f)), f, known))
    ids = {i.bank_id for i in infos}
    if len(ids) > 1:
        which = "; ".join(f"{i.path} is `{i.bank_id}`" for i in infos)
        raise QuizError(f"these files are of different banks ({which}); compare saves of one bank")
    bank_id = infos[0].bank_id
    bank: Bank | None
    if args.bank:
        bank = load_bank(resolve_bank_or_usage(args.bank))
        if bank.id != bank_id:
            raise QuizError(f"the files are of the bank `{bank_id}`, but {args.bank} is "
                            f"`{bank.id}`")
    else:
        bank = find_bank(bank_id)
    if bank is None:
        raise QuizError(f"cannot find the bank `{bank_id}` (\u201c{infos[0].bank_title}\u201d) "
                        "among the shipped banks or your banks folder; give its file with "
                        "--bank FILE")
    known_bank: Bank = bank

    def lookup(_bank_id: str) -> Bank:
        return known_bank

    columns = []
    for info in infos:
        loaded = with_passphrase(partial(load_session, info.path, lookup), str(info.path), known)
        columns.append(Column(str(info.path), loaded.label, loaded.saved_at, loaded.outcome(),
                              loaded.changes))
    for c in columns:
        for note in c.notes:
            print(one_line(f"{c.file}: {note}"), file=sys.stderr)
    render = {"text": to_text, "md": to_markdown, "json": to_json}[args.format]
    text = render(known_bank, columns)
    sys.stdout.write(text if args.format == "json" else clean(text))
    return 0
