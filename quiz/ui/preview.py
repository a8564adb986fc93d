"""`quiz preview BANK`: the app on one bank file, reloading whenever the file is saved (unless --no-watch)."""

from __future__ import annotations

import os
from pathlib import Path

from quiz.bank.check import CheckResult, check_file
from quiz.bank.model import Bank
from quiz.engine.carry import carry, carry_on
from quiz.engine.flow import Ask, Flow, Intro, Results, Reveal, Review
from quiz.safe_text import clean
from quiz.ui.app import QuizApp
from quiz.ui.base import QuizScreen
from quiz.ui.guard import Clock
from quiz.ui.intro import IntroScreen
from quiz.ui.problems import ProblemsScreen
from quiz.ui.question import QuestionScreen

POLL_SECONDS = 0.5
"""How often the file is looked at; a stat call, so cheap enough to do twice a second."""


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
        earlier = self.bank
        self.bank = bank
        self.start_bank = bank
        self.banks[bank.id] = bank
        said: list[str] = []
        if self.flow is None:
            self.show_intro(bank)
        else:
            said = self.carry_on(self.flow, bank, earlier)
        if isinstance(self.screen, QuizScreen):
            lines = [self.screen.notice, "Reloaded: the bank checks clean.", *said]
            self.screen.say(clean("\n".join(filter(None, lines))))

    def carry_on(self, old: Flow, bank: Bank, earlier: Bank | None) -> list[str]:
        """Show the changed bank where the author was, with the answers that still fit; returns the
        words for those left out (the same as `quiz take --resume` says)."""
        carried = carry(bank, old.session.answers)
        step = old.step
        here = step.question.id if isinstance(step, (Ask, Reveal)) else old.session.position
        shown = [q.id for q in old.session.visible]
        place = shown.index(here) if here in shown else None
        self.flow = flow = Flow(carry_on(bank, carried.kept, here, place))
        session = flow.session
        if isinstance(self.screen, QuestionScreen):
            self.screen.session = session  # the screen is reused for the question: it counts in this one
        if isinstance(step, Intro):
            self.show_intro(bank, resuming=bool(session.answers))
        elif isinstance(step, Results):
            self.show_step(flow.results())
        elif isinstance(step, Review):
            self.show_step(flow.review())
        else:
            if here is not None and session.position == here and isinstance(step, (Ask, Reveal)):
                flow.seen.add(bank.by_id[here].section)  # its content note was read already
            self.show_step(flow.resume())
        return carried.lines(bank, earlier)

    def show_intro(self, bank: Bank, resuming: bool = False) -> None:
        """The bank's intro, above the base screen (the old bank's intro, or blank) or in place of the top."""
        intro = IntroScreen(bank, resuming=resuming)
        if len(self.screen_stack) <= 1:
            self.push_screen(intro)
        else:
            self.switch_screen(intro)
