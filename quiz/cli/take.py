"""`quiz take BANK [--plain] [--resume [FILE]]` and the bare `quiz` launcher."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quiz.bank.check import finish_check, load_bank, start_check
from quiz.bank.model import Bank
from quiz.cli.banks import resolve_bank_or_usage
from quiz.errors import BankError, UsageError, counted

LATEST = "\0latest"
"""`--resume` given without a FILE: the most recent save of the bank."""


def register(sub: Any) -> None:
    """Add the `take` command."""
    p = sub.add_parser("take", help="take a bank in the app, or line by line with --plain",
                       description="Take a bank. BANK is a file path or a shipped bank's id "
                                   "(therapy-fit, myths-facts, therapist-fit). Nothing is saved "
                                   "unless you ask (type `save` at any prompt with --plain).")
    p.add_argument("bank", metavar="BANK", help="a bank file or a shipped bank's id")
    p.add_argument("--plain", action="store_true",
                   help="no full-screen app: numbered questions on stdin/stdout (screen readers, "
                        "pipes)")
    p.add_argument("--resume", nargs="?", const=LATEST, default=None, metavar="FILE",
                   help="carry on from a saved session: FILE, or without it the most recent save "
                        "of BANK in your data folder")
    p.add_argument("--passphrase-prompt", action="store_true",
                   help="ask for a passphrase first (read without echo, never from the command "
                        "line); with --resume and no FILE, protected saves are searched too. A "
                        "protected FILE asks for its passphrase anyway")
    p.add_argument("--room", metavar="NAME",
                   help="add each answer, anonymously, to a workshop room's totals (used by `quiz serve "
                        "--room`; only counts per option are kept)")
    p.set_defaults(func=run)


def _room_listener(name: str, bank: Bank) -> Any:
    """A session listener that counts answers into a room; a failed count never stops the person."""
    import sqlite3

    from quiz.room.totals import Room, RoomError

    try:
        room = Room(name)
        room.bind(bank)
    except RoomError as exc:
        raise UsageError(str(exc)) from None

    def record(question: str, old: Any, new: Any) -> None:
        try:
            room.record(question, old, new)
        except sqlite3.Error:
            pass  # the workshop tally is best effort; the participant's own take goes on

    return record


def _bank(ref: str) -> Any:
    return load_bank(resolve_bank_or_usage(ref))


def _resume(args: argparse.Namespace, bank: Bank) -> tuple[Any, list[str], Any]:
    """The restored Session, the notes to show the person first, and the LoadedSession it came from."""
    from quiz.cli.passphrase import read_passphrase, with_passphrase
    from quiz.paths import sessions_dir
    from quiz.store import StoreError, UnknownBank, latest_saved, load_session, protected_count, when_words

    known: list[str] = []
    if args.passphrase_prompt:
        pw = read_passphrase()
        if pw:
            known.append(pw)
    notes: list[str] = []
    if args.resume == LATEST:
        info = latest_saved(bank.id, known[0] if known else None)
        skipped = protected_count() if not known else 0
        if info is None:
            were = "was" if skipped == 1 else "were"
            hint = (f"; {counted(skipped, 'protected save')} {were} not searched (add --passphrase-prompt, or "
                    "give the file)" if skipped else "")
            raise StoreError(f"no saved session of `{bank.id}` in {sessions_dir()}{hint}")
        path = info.path
        if skipped:
            notes.append(f"({skipped} protected save(s) were not searched; add --passphrase-prompt "
                         "to include them.)")
    else:
        path = Path(args.resume).expanduser()

    def lookup(bank_id: str) -> Bank | None:
        return bank if bank_id == bank.id else None

    try:
        loaded = with_passphrase(lambda pw: load_session(path, lookup, pw), str(path), known)
    except UnknownBank as exc:
        raise StoreError(f"{path} was saved from the bank `{exc.bank_id}`, not `{bank.id}`; run "
                         f"`quiz take {exc.bank_id} --resume {path}`") from None
    label = f" \u201c{loaded.label}\u201d" if loaded.label else ""
    notes.insert(0, f"Resuming{label} from {path} (saved {when_words(loaded.saved_at)}, "
                    f"{len(loaded.answers)} answer(s)).")
    notes.extend(loaded.changes)
    return loaded.session(), notes, loaded


def run(args: argparse.Namespace) -> int:
    """Take one bank, fresh or resumed."""
    if not (args.plain or args.room or args.resume is not None):
        # The app draws the bank's intro before the last stage of its check (the JSON Schema) has run,
        # and runs it while the person reads; nothing starts until it passes.
        started = start_check(resolve_bank_or_usage(args.bank))
        if started.bank is None:
            raise BankError(list(finish_check(started).problems))
        from quiz.ui.app import run_app

        return run_app(bank=started.bank, checking=started)
    bank = _bank(args.bank)
    session, notes, loaded = (None, [], None) if args.resume is None else _resume(args, bank)
    if args.room:
        from quiz.engine.session import Session

        session = session or Session(bank)
        session.listener = _room_listener(args.room, bank)
        notes.append(f"Workshop room `{args.room}`: each answer is added to the room's anonymous totals "
                     "(counts per option only, never who answered what). Nothing else is kept.")
    if args.plain:
        from quiz.plain import PlainRunner

        return PlainRunner(bank, sys.stdin, sys.stdout, session=session, notes=notes,
                           resumed_from=loaded.path if loaded is not None else None).run()
    from quiz.ui.app import run_app

    return run_app(bank=bank, session=session, notes=tuple(notes), resumed_from=loaded)


def launch(args: argparse.Namespace) -> int:
    """The launcher (no command given)."""
    from quiz.ui.app import run_app

    return run_app()
