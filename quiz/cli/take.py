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

PLAIN_HELP = """\
plain mode (--plain), for screen readers, pipes and scripts:
  Each question is said in words, then its numbered answers, then a prompt.
  Reply with the number of an answer; for a checklist, the numbers of every
  answer that applies, separated by spaces (1 3). A checklist answer is read
  back ("You ticked: ..."). Going back says the answer given earlier, and Enter
  alone keeps it. A statement's reveal says what you answered, whether it was
  right, why, its source and, where the bank has one, a question to think
  about.
  Each prompt names the keys that work there ("A number from 1 to 4; p prefer
  not to say, b back, save to save and leave, q quick exit:"), and a reply it
  cannot take is answered with the same list:
    b      back to the question before (from review: to the last question)
    s      skip a question that allows it; on a free-text question, leave it
           blank (or remove what you typed before)
    p      "Prefer not to say", where a question offers it
    q      leave at once (also `quit`); nothing is saved
    save   save your answers (a label, an optional passphrase) and leave
  A free-text answer that is one of these words is typed in quotes: "save"
  answers the word save, and 'b' the letter b.
  Lines wrap at the terminal's width (80 when the output is not a terminal).
  Answers can come from a file, one line per question:
    quiz take BANK --plain < answers.txt
  A file that answers every question needs no blank line at the end for
  "see your results".
exit status:
  0    the results were shown (also when an answer ended the bank early), or
       you left with q, or you saved
  1    input ended before the results: the results of the answers given are
       shown, never the right answers of statements not answered; also a bank
       with problems or a saved session that cannot be read
  2    usage: no such bank, or a wrong option
  130  interrupted with ctrl+c; nothing is saved"""
"""The take command's epilog: plain mode's commands and exit codes (the README says the same)."""

LATEST = "\0latest"
"""`--resume` given without a FILE: the most recent save of the bank."""


def register(sub: Any) -> None:
    """Add the `take` command."""
    p = sub.add_parser("take", help="take a bank in the app, or line by line with --plain",
                       description="Take a bank. BANK is a file path or a shipped bank's id\n"
                                   "(therapy-fit, myths-facts, therapist-fit). Nothing is saved unless\n"
                                   "you ask (type `save` at any prompt with --plain).",
                       epilog=PLAIN_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
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
                   help="join a workshop room without a browser: each answer chosen from a list is added, "
                        "anonymously, to the room's totals (opened by `quiz serve BANK --room NAME`; only "
                        "counts per option are kept)")
    p.set_defaults(func=run)


def _room_listener(name: str, bank: Bank) -> Any:
    """A session listener that counts answers into a room (`quiz.room.totals.counter`)."""
    from quiz.room.totals import Room, RoomError, counter

    try:
        room = Room(name)
        room.bind(bank)
    except RoomError as exc:
        raise UsageError(str(exc)) from None
    return counter(room, bank)


def _bank(ref: str) -> Any:
    return load_bank(resolve_bank_or_usage(ref))


def _resume(args: argparse.Namespace, bank: Bank) -> tuple[Any, list[str], Any]:
    """The restored Session, the notes to show the person first, and the LoadedSession it came from."""
    from quiz.cli.passphrase import read_passphrase, with_passphrase
    from quiz.paths import sessions_dir
    from quiz.store import (
        StoreError,
        UnknownBank,
        latest_saved,
        load_session,
        protected_count,
        sessions_folder_problem,
        when_words,
    )

    known: list[str] = []
    if args.passphrase_prompt:
        pw = read_passphrase()
        if pw:
            known.append(pw)
    notes: list[str] = []
    if args.resume == LATEST:
        if problem := sessions_folder_problem():
            raise StoreError(problem)
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
                    f"{counted(len(loaded.answers), 'answer')}).")
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
