"""`quiz preview BANK --watch`: the app on one bank file, reloading whenever the file is saved."""

from __future__ import annotations

import os
from pathlib import Path

from quiz.bank.check import CheckResult, check_file
from quiz.bank.model import Answer, Bank
from quiz.engine.answers import normalize_one
from quiz.engine.flow import Flow
from quiz.engine.session import Session
from quiz.ui.app import QuizApp
from quiz.ui.base import QuizScreen
from quiz.ui.guard import Clock
from quiz.ui.intro import IntroScreen
from quiz.ui.problems import ProblemsScreen

POLL_SECONDS = 0.5
"""How often the file is looked at; a stat call, so cheap enough to do twice a second."""


def carried_answers(old: Session, bank: Bank) -> dict[str, Answer]:
    """The answers of `old` that still fit the reloaded bank."""
    out: dict[str, Answer] = {}
    for qid, value in old.answers.items():
        q = bank.by_id.get(qid)
        if q is None:
            continue
        ans, _message, _hint = normalize_one(q, list(value) if isinstance(value, tuple) else value)
        if ans is not None:
            out[qid] = ans
    return out


class PreviewApp(QuizApp):
    """The quiz app on a bank file that it re-checks on every save, never crashing on a broken file."""

    def __init__(self, path: Path, *, watch: bool = True, interval: float = POLL_SECONDS,
                 clock: Clock | None = None) -> None:
        self.path = path
        self.result: CheckResult = check_file(path)
        super().__init__(bank=self.result.bank, launcher=False, clock=clock)
        self.watching = watch
        self.interval = interval
        self.stamp = self.read_stamp()
        self.reloads = 0
        """How many times the file was re-read (tests wait on this)."""

    def on_mount(self) -> None:
        # Textual runs QuizApp's mount handler after this one (notes, the size check); without the
        # launcher it opens nothing, so a broken file shows its problems on the blank base screen.
        self.sub_title = f"preview of {self.path}" + (" (reloads on save)" if self.watching else "")
        if self.result.bank is None:
            self.push_screen(ProblemsScreen(str(self.path), self.result.problems, watching=self.watching))
        if self.watching:
            self.set_interval(self.interval, self.poll)

    def read_stamp(self) -> tuple[int, int] | None:
        """The file's modification time and size, or None while it cannot be read."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def poll(self) -> None:
        """Reload when the file changed since the last look."""
        stamp = self.read_stamp()
        if stamp != self.stamp:
            self.stamp = stamp
            self.reload()

    def reload(self) -> None:
        """Check the file again: show its problems, or carry on with the fixed bank."""
        self.reloads += 1
        self.result = check_file(self.path)
        bank = self.result.bank
        if bank is None:
            if isinstance(self.screen, ProblemsScreen):
                self.screen.show_problems(self.result.problems)
            else:
                self.push_screen(ProblemsScreen(str(self.path), self.result.problems, watching=self.watching))
            return
        while isinstance(self.screen, ProblemsScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        old = self.session
        self.bank = bank
        self.start_bank = bank
        self.banks[bank.id] = bank
        if old is None:
            self.flow = None
            intro = IntroScreen(bank)
            if len(self.screen_stack) <= 1:
                self.push_screen(intro)  # started on a broken file: nothing above the blank base yet
            else:
                self.switch_screen(intro)
        else:
            # Carry on where the person was, with the answers that still fit the changed bank.
            self.flow = Flow(Session(bank, carried_answers(old, bank), old.position))
            self.show_step(self.flow.resume())
        if isinstance(self.screen, QuizScreen):
            self.screen.say("\n".join(filter(None, [self.screen.notice,
                                                     "Reloaded: the bank checks clean."])))
