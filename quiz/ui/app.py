"""The app: holds the bank and session, and turns core results into the next screen to show."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from quiz.bank.model import Answer, Bank, Question
from quiz.engine.session import Change, Session, SessionError
from quiz.safe_text import clean
from quiz.ui.app_saves import SavingApp
from quiz.ui.hangup import watch_terminal

if TYPE_CHECKING:
    from quiz.engine.outcome import Outcome
    from quiz.store import LoadedSession
    from quiz.ui.reveal import RevealScreen

MIN_WIDTH, MIN_HEIGHT = 80, 24
"""The smallest terminal the layout is designed for."""

class QuizApp(SavingApp):
    """Takes a person from the launcher (or one bank's intro) through the questions to results.

    Screens ask the app to act (`begin`, `answer`, `back`, `skip`, ...); the app calls the session and
    decides which screen comes next, so the flow lives in one place.
    """

    CSS_PATH = "app.tcss"
    TITLE = "quiz"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quick_exit", "Quick exit", priority=True,
                tooltip="Leave at once. Nothing is saved."),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    def __init__(self, bank: Bank | None = None, *, session: Session | None = None,
                 notes: Sequence[str] = (), shipped: Sequence[Path] | None = None,
                 user_dir: Path | None = None) -> None:
        """Create the app.

        Args:
            bank: Open this bank's intro at once (`quiz take`); None opens the launcher.
            session: A restored session of `bank` to carry on from (`quiz take --resume`).
            notes: Lines to show the person first (e.g. where a resumed session came from).
            shipped: Bank files to list as shipped (default: the banks that come with quiz).
            user_dir: The person's own banks folder to list (default: the platform's user data folder).
        """
        super().__init__()
        self.start_bank = bank
        """The bank given on the command line, if any."""
        self.shipped = shipped
        self.user_dir = user_dir
        self.from_launcher = bank is None
        """Whether the launcher sits at the bottom of the screen stack."""
        self.bank: Bank | None = bank
        self.session: Session | None = session if bank is not None else None
        self.notes = tuple(notes)
        self.seen_sections: set[str] = set()
        """Sections whose intro or content note has been shown in this session."""
        self.mode = "forward"
        """forward: question after question; review: one change, then back to review; fill: the
        required questions still missing, then `fill_then`."""
        self.fill_then = "results"
        """Where fill mode ends: "results" (asked for results) or "review" (after a change)."""
        self._push_next = False
        """Put the next screen above the one on top instead of in its place (resuming a save)."""
        self._reveal: RevealScreen | None = None
        """The reveal screen, made at the first statement answered and reused for the others."""
        self.saved_to = None

    # -- start and stop -------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """`quiz take`: the bank's intro is the base screen (a blank screen under it cost a whole
        extra layout and drawing before the first frame); the launcher goes above the blank one."""
        if self.start_bank is not None:
            from quiz.ui.intro import IntroScreen

            return IntroScreen(self.start_bank)
        return super().get_default_screen()

    def on_mount(self) -> None:
        # The launcher goes above Textual's blank default screen, so every later screen can replace
        # the one on top with switch_screen, and home() can return to it.
        if self.start_bank is None:
            from quiz.ui.launcher import LauncherScreen

            self.push_screen(LauncherScreen(self.shipped, self.user_dir))
        for note in self.notes:
            self.notify(clean(note), timeout=12, markup=False)
        self.check_size()
        watch_terminal(self)  # leave, saving nothing, if the terminal hangs up

    def action_quick_exit(self) -> None:
        """Leave at once: nothing is saved and nothing is printed."""
        self.exit()

    def action_help(self) -> None:
        from quiz.ui.help import HelpScreen
        from quiz.ui.too_small import TooSmallScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        elif not isinstance(self.screen, TooSmallScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The screenshot command writes a file the person did not place; leave it out.
        yield SystemCommand("Help", "List every key", self.action_help)
        yield SystemCommand("Quick exit", "Leave at once; nothing is saved", self.action_quick_exit)
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Quit"):
                yield command

    # -- terminal size --------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.call_after_refresh(self.check_size)

    def check_size(self) -> None:
        """Cover the screen with a plain message while the terminal is smaller than 80x24."""
        width, height = self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not small and "quiz.ui.too_small" not in sys.modules:
            return  # the usual case, decided without loading the message screen
        from quiz.ui.too_small import TooSmallScreen

        top = self.screen if self.screen_stack else None
        if isinstance(top, TooSmallScreen):
            if small:
                top.show_size(width, height)
            else:
                self.pop_screen()
        elif small:
            self.push_screen(TooSmallScreen(width, height))

    # -- the flow -------------------------------------------------------------------------------------
    def _show(self, screen: Screen[Any]) -> None:
        self._drop_reveal()
        if self._push_next or len(self.screen_stack) <= 1:
            # The intro of `quiz take` is the app's base screen, which Textual cannot switch away:
            # the first screen after it goes above it, and later ones replace the one on top.
            self._push_next = False
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def _drop_reveal(self) -> None:
        """Take a revealed statement off the top, back to the question screen beneath it."""
        from quiz.ui.reveal import RevealScreen

        if isinstance(self.screen, RevealScreen) and len(self.screen_stack) > 1:
            self.pop_screen()

    def open_bank(self, bank: Bank) -> None:
        """From the launcher: show a bank's intro above the launcher."""
        from quiz.ui.intro import IntroScreen

        self.bank = bank
        self.session = None
        self.push_screen(IntroScreen(bank))

    def home(self) -> None:
        """Back to the launcher, forgetting the session."""
        from quiz.ui.launcher import LauncherScreen

        self.session = None
        while len(self.screen_stack) > 2 and not isinstance(self.screen, LauncherScreen):
            self.pop_screen()

    def begin(self) -> None:
        """Start answering the open bank from its first question."""
        assert self.bank is not None
        if self.session is None:
            self.session = Session(self.bank)
            self.seen_sections = set()
        self.mode = "forward"
        self.show_current()

    def show_current(self) -> None:
        """Show what comes at the session's position: a section's content note, a question, or review."""
        session = self._session()
        question = session.current()
        if question is None:
            self.show_review()
            return
        if question.section not in self.seen_sections:
            self.seen_sections.add(question.section)
            section = session.bank.section_by_id[question.section]
            # A content note gets its own screen first, where the section can be skipped; a section's
            # intro alone is shown above its first question (QuestionScreen), one screen fewer.
            if section.content_note:
                from quiz.ui.section import SectionScreen

                self._show(SectionScreen(section, self.skippable(section.id)))
                return
        self.show_question(question)

    def show_question(self, question: Question) -> None:
        """Put one question on screen."""
        from quiz.ui.question import QuestionScreen

        session = self._session()
        args = (question, session.number(), session.answers.get(question.id))
        self._drop_reveal()
        if isinstance(self.screen, QuestionScreen):
            self.screen.show(*args, review=self.mode == "review")
        else:
            self._show(QuestionScreen(*args, review=self.mode == "review"))

    def show_review(self, focus: str | None = None) -> None:
        """The review of every visible question and its answer."""
        from quiz.ui.review import ReviewScreen

        session = self._session()
        session.finish()
        self.mode = "review"
        self._show(ReviewScreen(session, focus))

    def show_results(self) -> None:
        """Results, or the first required question still missing an answer."""
        from quiz.ui.results import ResultsScreen

        session = self._session()
        missing = session.unanswered()
        if missing:
            self.mode = "fill"
            self.fill_then = "results"
            count = len(missing)
            what = "1 question still needs" if count == 1 else f"{count} questions still need"
            self.notify(f"{what} an answer before the results.", markup=False)
            session.go_to(missing[0].id)
            self.show_current()
            return
        outcome: Outcome = session.outcome()
        self._show(ResultsScreen(outcome, session.bank, can_go_home=self.from_launcher))

    def answer(self, value: Answer | list[str]) -> None:
        """Answer the question on screen and move on."""
        session = self._session()
        question = session.current()
        if question is None:
            return
        try:
            change = session.answer(value, question.id, advance=self.mode == "forward")
        except SessionError as exc:
            self.notify(str(exc), title="That answer was not accepted", severity="warning",
                        markup=False)
            return
        self._report_dropped(change)
        if change.ended:
            self.show_results()
            return
        if (question.kind == "statement" and session.bank.reveal == "immediate"
                and isinstance(value, bool)):
            from quiz.ui.reveal import RevealScreen

            # Above the question screen, which stays (the next statement reuses it); one reveal screen
            # is kept and filled again for each statement, as the question screen is.
            if self._reveal is None:
                self._reveal = RevealScreen(question, value, session.bank)
                self.install_screen(self._reveal, "reveal")
            else:
                self._reveal.show(question, value, session.bank)
            self.push_screen(self._reveal)
            return
        self.after(question)

    def after(self, question: Question) -> None:
        """Where to go once `question` is dealt with, by mode."""
        session = self._session()
        if self.mode == "review" and session.unanswered():
            # The change showed questions that need answers: take the person through them.
            self.mode = "fill"
            self.fill_then = "review"
        if self.mode == "review":
            self.show_review(question.id)
        elif self.mode == "fill":
            missing = session.unanswered()
            if missing:
                session.go_to(missing[0].id)
                self.show_current()
            elif self.fill_then == "review":
                self.show_review(question.id)
            else:
                self.show_results()
        else:
            self.show_current()

    def back(self) -> None:
        """Back from the question on screen: to review, the previous question, or the intro."""
        session = self._session()
        if self.mode == "review":
            current = session.current()
            self.show_review(current.id if current else None)
            return
        self.mode = "forward"
        if session.back():
            self.show_current()
        else:
            from quiz.ui.intro import IntroScreen

            self._show(IntroScreen(session.bank))

    def back_to(self, question: Question) -> None:
        """Return to one question (from its reveal), keeping the mode."""
        session = self._session()
        session.go_to(question.id)
        self.show_question(question)

    def skip(self) -> None:
        """Leave the question on screen unanswered (removing an earlier answer) and move on."""
        session = self._session()
        question = session.current()
        if question is None:
            return
        if not question.can_skip:
            self.notify("This question needs an answer to go on.", severity="warning", markup=False)
            return
        if question.id in session.answers:
            self._report_dropped(Change(session.clear(question.id)))
        session.go_to(question.id)
        session.skip()
        self.after(question)

    def skippable(self, section_id: str) -> bool:
        """Whether every visible question of a section may be left unanswered."""
        session = self._session()
        return all(q.can_skip or q.kind == "text" for q in session.visible if q.section == section_id)

    def skip_section(self, section_id: str) -> None:
        """Leave every question of a section unanswered and go on after it."""
        session = self._session()
        while (q := session.current()) is not None and q.section == section_id:
            if q.can_skip:
                if q.id in session.answers:
                    self._report_dropped(Change(session.clear(q.id)))
                session.skip()
            elif q.kind == "text":
                session.answer("", q.id)
            else:
                break
        self.show_current()

    def edit(self, qid: str) -> None:
        """From review: change one answer."""
        session = self._session()
        self.mode = "review"
        session.go_to(qid)
        self.show_current()

    # -- resume -------------------------------------------------------------------------------------
    def resume(self, loaded: LoadedSession) -> None:
        """Carry on a loaded save from the launcher: its bank, where the person left off."""
        from quiz.ui.launcher import LauncherScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, LauncherScreen):
            self.pop_screen()
        self.bank = loaded.bank
        self.session = loaded.session()
        self.seen_sections = {q.section for q in self.bank.questions
                              if q.id in self.session.answers}
        self.mode = "forward"
        self._push_next = True  # above the launcher, which back and "Other banks" return to
        self.show_current()
        label = f" “{clean(loaded.label)}”" if loaded.label else ""
        self.notify(f"Carrying on{label}, saved {loaded.saved_at}.", title="Resumed",
                    markup=False)
        for change in loaded.changes:
            self.notify(clean(change), timeout=12, markup=False)

    def _report_dropped(self, change: Change) -> None:
        if not change.dropped:
            return
        bank = self._session().bank
        names = ", ".join(f"\u201c{clean(bank.by_id[d].text)}\u201d" for d in change.dropped)
        if len(change.dropped) == 1:
            said = "this question no longer applies, so its answer was removed"
        else:
            said = f"{len(change.dropped)} questions no longer apply, so their answers were removed"
        self.notify(f"That change means {said}: {names}", title="Answers removed", timeout=10,
                    markup=False)

    def _session(self) -> Session:
        assert self.session is not None, "no session: begin() first"
        return self.session


def make_app(bank: Bank | None = None, *, session: Session | None = None, notes: Sequence[str] = (),
             shipped: Sequence[Path] | None = None, user_dir: Path | None = None) -> QuizApp:
    """The app, as the command line and the tests build it."""
    return QuizApp(bank, session=session, notes=notes, shipped=shipped, user_dir=user_dir)


def run_app(bank: Bank | None = None, session: Session | None = None,
            notes: Sequence[str] = ()) -> int:
    """Run the app full-screen until the person leaves; returns the exit code.

    Args:
        bank: Take this bank (its intro first); None opens the launcher.
        session: Carry on from this restored session of `bank`.
        notes: Lines to show first, as notifications.
    """

    app = make_app(bank, session=session, notes=notes)
    app.run()
    if app.saved_to is not None:
        # After the app has left the alternate screen, so the line stays in the terminal.
        print(f"Saved to {app.saved_to}")
    return app.return_code or 0
