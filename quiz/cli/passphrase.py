"""Reading passphrases for the command line: getpass only (never argv), a few tries, then stop."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TypeVar

from quiz.store import PassphraseNeeded, WrongPassphrase

T = TypeVar("T")
TRIES = 3


def read_passphrase(prompt: str = "Passphrase (not shown): ") -> str | None:
    """One passphrase from the terminal without echo, or None when none can be read."""
    try:
        return getpass.getpass(prompt) or None
    except EOFError:
        return None


def with_passphrase(open_: Callable[[str | None], T], name: str, known: list[str]) -> T:
    """Call `open_(passphrase)`: first with none, then each passphrase already given, then asking.

    A passphrase that works is added to `known`, so comparing several files asks only once.
    """
    try:
        return open_(None)
    except PassphraseNeeded:
        pass
    for pw in known:
        try:
            return open_(pw)
        except WrongPassphrase:
            continue
    for _ in range(TRIES):
        typed = read_passphrase(f"Passphrase for {name} (not shown): ")
        if typed is None:
            raise PassphraseNeeded(f"{name} is protected by a passphrase and none was given")
        try:
            result = open_(typed)
        except WrongPassphrase:
            print("wrong passphrase", file=sys.stderr, flush=True)
            continue
        known.append(typed)
        return result
    raise WrongPassphrase()
