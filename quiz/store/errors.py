"""The store's exception hierarchy: every saved-session failure is a StoreError."""

from __future__ import annotations

from quiz.errors import QuizError


class StoreError(QuizError):
    """A saved session could not be written or read; the message says why and what to do."""


class NotASavedSession(StoreError):
    """The file is corrupt, truncated, from a newer quiz, or not a saved session at all."""


class PassphraseNeeded(StoreError):
    """The saved session is protected and no passphrase was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open this saved session."""

    def __init__(self) -> None:
        super().__init__("wrong passphrase")


class UnknownBank(StoreError):
    """The bank a session was saved from cannot be found."""

    def __init__(self, message: str, bank_id: str) -> None:
        super().__init__(message)
        self.bank_id = bank_id


class SaveError(StoreError):
    """A save could not be completed; any earlier file at the target is unchanged."""


def not_a_saved_session(name: str, why: str) -> NotASavedSession:
    """The error for a file that is not a (readable) saved session, which is left as it is."""
    return NotASavedSession(f"{name}: not a quiz saved session ({why}); the file was left as it is")
