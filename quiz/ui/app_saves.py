"""The app's side of saved sessions: save and leave, the list of saves, and finding a save's bank.

A base of QuizApp (quiz.ui.app), which holds the flow; this part only needs the open bank and session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from quiz.bank.model import Bank
from quiz.engine.session import Session


class SavingApp(App[None]):
    """Saving and finding saved sessions, for the quiz app."""

    bank: Bank | None
    session: Session | None
    saved_to: Path | None
    """Where "save and leave" wrote the session; run_app says so once the app has closed."""

    def save_and_leave(self) -> None:
        """Ask for a label, passphrase and place; once saved, leave the app."""
        from quiz.paths import sessions_dir
        from quiz.ui.save import SaveScreen

        if self.session is None:
            return
        self.push_screen(SaveScreen(self.session, sessions_dir()), self._saved)

    def _saved(self, path: Path | None) -> None:
        if path is not None:
            self.saved_to = path
            self.exit()

    def open_saved(self) -> None:
        """From the launcher: the list of saved sessions."""
        from quiz.store import session_files
        from quiz.ui.saved_list import SavedListScreen

        self.push_screen(SavedListScreen(session_files()))

    def lookup_bank(self, bank_id: str) -> Bank | None:
        """The bank with this id: the open one, one the launcher listed, or a shipped or user bank."""
        return self.bank_lookup()(bank_id)

    def bank_lookup(self) -> Callable[[str], Bank | None]:
        """`lookup_bank` for use off the UI thread: the banks known now, then the banks folders."""
        from quiz.store import find_bank
        from quiz.ui.launcher import LauncherScreen

        known: dict[str, Bank] = {}
        if self.bank is not None:
            known[self.bank.id] = self.bank
        for screen in self.screen_stack:
            if isinstance(screen, LauncherScreen):
                for entry in screen.entries:
                    if entry.bank is not None:
                        known.setdefault(entry.bank.id, entry.bank)

        def lookup(bank_id: str) -> Bank | None:
            return known.get(bank_id) or find_bank(bank_id)

        return lookup
