"""The app: holds the bank and its flow, handles what the screens post, and shows the flow's next step."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, assert_never

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from quiz.bank.check import CheckResult, Started, finish_check
from quiz.bank.model import Bank
from quiz.engine.flow import Ask, Flow, Intro, Results, Reveal, Review, SectionNote, Step
from quiz.engine.session import Session, SessionError
from quiz.errors import BankError, Problem
from quiz.safe_text import clean
from quiz.ui.base import QuizScreen
from quiz.ui.guard import Clock, InputGuard
from quiz.ui.hangup import watch_terminal
from quiz.ui.intro import IntroScreen
from quiz.ui.launcher import LauncherScreen
from quiz.ui.progress import section_place
from quiz.ui.question import QuestionScreen
from quiz.ui.results import ResultsScreen
from quiz.ui.reveal import RevealScreen
from quiz.ui.review import ReviewScreen
from quiz.ui.section import SectionScreen

if TYPE_CHECKING:
    from quiz.store import LoadedSession
    from quiz.ui.save import Saved
    from quiz.ui.saved_list import SavedListScreen

MIN_WIDTH, MIN_HEIGHT = 70, 20
"""The smallest terminal every screen is laid out for (an 80x24 window with a tmux status line is
80x23; a split pane is narrower). The width is the question screen's key bar with "Prefer not to
say" (66 cells), whole; every screen's text reflows to it."""

SERVED_NO_SAVE = ("Saving is not offered here: this quiz runs on someone else's computer. "
                  "Export… downloads your results to this browser instead.")
"""Said when a save is asked for in a served app."""

ALWAYS_ACTS = frozenset({"ctrl+q", "ctrl+c"})
"""Keys the input guard never holds back: the quick exit leaves at once, whatever is on screen."""

class QuizApp(App[None]):
    """Takes a person from the launcher (or one bank's intro) through the questions to results.

    Screens post what the person did (`QuestionScreen.Answered`, `QuizScreen.Back`, ...); the app's
    handlers call the core `Flow`, which decides the next step, and show the screen for it.
    """

    CSS_PATH = "app.tcss"
    TITLE = "quiz"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quick_exit", "Quick exit", priority=True,
                tooltip="Leave at once. Nothing is saved."),
        # What a panicking person presses: the same quick exit (not Textual's "press ctrl+q" hint).
        Binding("ctrl+c", "quick_exit", "Quick exit", show=False, priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        # Taken as it arrives, before the keys after it: what is typed next waits for the save dialog
        # instead of acting on the screen beneath (the screens show ctrl+s in their key bars).
        Binding("ctrl+s", "save_here", "Save and leave", priority=True),
    ]

    def __init__(self, bank: Bank | None = None, *, session: Session | None = None,
                 notes: Sequence[str] = (), shipped: Sequence[Path] | None = None,
                 user_dir: Path | None = None, launcher: bool | None = None,
                 checking: Started | None = None, clock: Clock | None = None,
                 served: bool | None = None, resumed_from: LoadedSession | None = None) -> None:
        """Create the app.

        Args:
            bank: Open this bank's intro at once (`quiz take`); None opens the launcher.
            session: A restored session of `bank` to carry on from (`quiz take --resume`).
            notes: Lines to show the person first (e.g. where a resumed session came from).
            shipped: Bank files to list as shipped (default: the banks that come with quiz).
            user_dir: The person's own banks folder to list (default: the platform's user data folder).
            launcher: Open the launcher first (default: when no bank is given).
            checking: `bank`'s check, still to finish (quiz.bank.check.Started): its JSON Schema pass
                runs in a worker once the intro is drawn, and nothing starts until it passes; if it
                finds problems the app leaves and `run_app` raises them.
            clock: The input guard's clock (default `time.monotonic`; tests pass one they advance).
            served: Running for a browser through `quiz serve` (default: Textual's `is_web`): nothing
                is written on the serving computer and no path of it is shown.
            resumed_from: The save `session` was loaded from (`quiz take --resume`).
        """
        super().__init__()
        self._served = served
        self.guard = InputGuard(clock) if clock is not None else InputGuard()
        """Holds back keys pressed before a screen is drawn or in the moment after (quiz.ui.guard)."""
        self.start_bank = bank
        """The bank given on the command line, if any."""
        self.shipped = shipped
        self.user_dir = user_dir
        self.from_launcher = bank is None if launcher is None else launcher
        """Whether the launcher sits at the bottom of the screen stack."""
        self.bank: Bank | None = bank
        """The bank open now."""
        self.flow: Flow | None = Flow(session) if bank is not None and session is not None else None
        """The way through the open bank, once started (or restored)."""
        self.banks: dict[str, Bank] = {bank.id: bank} if bank is not None else {}
        """Every bank this app has opened or listed, by id (a save's bank is looked up here first)."""
        self.notes = tuple(notes)
        self._push_next = False
        """Put the next screen above the one on top instead of in its place (resuming a save)."""
        self._reveal: RevealScreen | None = None
        """The reveal screen, made at the first statement answered and reused for the others."""
        self.saved_to: Path | None = None
        """Where "save and leave" wrote the session; run_app says so once the app has closed."""
        self.saved_lines: tuple[str, ...] = ()
        """What run_app prints once the app has closed: where the save went, how to carry on."""
        self.earlier = resumed_from
        """The save the open session was resumed from: the results say it exists, and saving again
        offers to replace it."""
        self.checking = checking
        """The open bank's check while its last stage runs; None once it passed (or when none ran here)."""
        self.problems: tuple[Problem, ...] = ()
        """What the last stage of the check found; the app leaves at once when it finds any."""
        self._start_when_checked = False
        self.quick_exited = False
        self._typeahead: list[events.Key] | None = None
        """Keys pressed while a dialog opens, kept for it until its fields are ready (None: none kept)."""
        """Whether the person left with the quick exit (run_app then clears the terminal)."""

    @property
    def served(self) -> bool:
        """Whether a participant's browser runs this app (`quiz serve`): then the serving computer is
        not theirs, so nothing is saved on it and an export is a download in their browser."""
        return self.is_web if self._served is None else self._served

    @property
    def session(self) -> Session | None:
        """The answers and position in the open bank, once started."""
        return self.flow.session if self.flow is not None else None

    # -- start and stop -------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """`quiz take`: the bank's intro is the base screen (a blank screen under it cost a whole
        extra layout and drawing before the first frame); the launcher goes above the blank one."""
        if self.start_bank is not None:
            resuming = self.session is not None and bool(self.session.answers)
            return IntroScreen(self.start_bank, resuming=resuming, can_go_back=self.from_launcher)
        return super().get_default_screen()

    def on_mount(self) -> None:
        # The launcher goes above Textual's blank default screen, so every later screen can replace
        # the one on top with switch_screen, and Home can return to it.
        if self.from_launcher:
            self.push_screen(LauncherScreen(self.shipped, self.user_dir))
        elif self.notes and isinstance(self.screen, QuizScreen):
            self.screen.say("\n".join(clean(note) for note in self.notes))
        # A screen that is no QuizScreen (a broken bank's problems in the preview) opens the guard too.
        self.call_later(self.guard.drawn)
        self.check_size()
        watch_terminal(self)  # leave, saving nothing, if the terminal hangs up
        if self.checking is not None:
            started = self.checking
            self.call_after_refresh(lambda: self._finish_check(started))  # once the intro is drawn

    @work(thread=True, exit_on_error=False)
    def _finish_check(self, started: Started) -> None:
        """The bank's JSON Schema pass, off the UI thread while the person reads the intro."""
        result = finish_check(started)
        self.call_from_thread(self._checked, result)

    def _checked(self, result: CheckResult) -> None:
        if result.bank is None:
            self.problems = result.problems
            self.exit(return_code=1)
            return
        self.checking = None
        if self._start_when_checked:
            self._start()

    async def on_event(self, event: events.Event) -> None:
        # The input guard: a key (or a click) while it is closed is dropped, both when it arrives and
        # when it comes back to the app to run a binding, so a burst never reaches the next screen.
        if isinstance(event, events.Key) and event.key in ALWAYS_ACTS:
            pass
        elif isinstance(event, events.Key) and not event.is_forwarded and self._held_for_dialog(event):
            event.stop()
            return
        elif isinstance(event, events.Key) and event.key != "enter" and self._typing_into_dialog():
            # Typing into a dialog's fields is never an answer: a label, Tab and a passphrase typed
            # ahead (as a password manager does) all land where they were aimed. Only enter, which
            # would submit, waits out the guard.
            pass
        elif isinstance(event, (events.Key, events.MouseDown, events.MouseUp)) and not self.guard.open:
            event.stop()
            return
        await super().on_event(event)

    # -- typing ahead into a dialog -------------------------------------------------------------------
    def hold_typing(self) -> None:
        """A dialog of text fields is about to open: keep the keys pressed until it is ready for them."""
        if self._typeahead is None:
            self._typeahead = []

    def _held_for_dialog(self, event: events.Key) -> bool:
        """Keep `event` for the dialog that is opening; False when it should be handled now."""
        if self._typeahead is None and not self._dialog_opening():
            return False
        self.hold_typing()
        assert self._typeahead is not None
        self._typeahead.append(event)
        return True

    def _dialog_opening(self) -> bool:
        """Whether the screen on top is a dialog of fields whose focus is not placed yet."""
        if not self._typing_into_dialog():
            return False
        from quiz.ui.form_dialog import FormDialog

        return isinstance(self.screen, FormDialog) and not self.screen.ready

    def release_typing(self) -> None:
        """The dialog is ready: type into it what was held for it, in the order it was pressed.

        On the app's own turn, after every key already waiting has been held too.
        """
        self.call_later(self._type_held)

    def _type_held(self) -> None:
        # Applied here, one after another, rather than sent on as key events: each event would go to
        # the field's own queue and a Tab come back to the app only after the text behind it had
        # gone to the old field. Tab moves on, text goes into the field with the focus, backspace
        # deletes, space ticks a box; a key that would act (enter, escape) is dropped.
        from textual.widgets import Checkbox, Input

        held, self._typeahead = self._typeahead or [], None
        for key in held:
            focused = self.screen.focused
            if key.key == "tab":
                self.screen.focus_next()
            elif key.key == "shift+tab":
                self.screen.focus_previous()
            elif isinstance(focused, Input) and key.key == "backspace":
                focused.action_delete_left()
            elif isinstance(focused, Input) and key.is_printable and key.character:
                if focused.selection.is_empty:
                    focused.insert_text_at_cursor(key.character)
                else:
                    focused.replace(key.character, *focused.selection)
            elif isinstance(focused, Checkbox) and key.key == "space":
                focused.toggle()

    def _typing_into_dialog(self) -> bool:
        """Whether the screen on top is a dialog of text fields (save, export, passphrase)."""
        if not isinstance(self.screen, ModalScreen):
            return False
        from quiz.ui.form_dialog import FormDialog

        return isinstance(self.screen, FormDialog)

    def action_quick_exit(self) -> None:
        """Leave at once: nothing is saved and nothing is printed; run_app clears the screen."""
        self.quick_exited = True
        self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_here":
            # Only where the screen offers "save and leave" now; elsewhere ctrl+s is not on the key bar.
            screen = self.screen
            return (isinstance(screen, QuizScreen) and callable(getattr(screen, "action_save", None))
                    and screen.check_action("save", ()) is not False)
        return True

    def action_save_here(self) -> None:
        """ctrl+s: the screen's own "save and leave"."""
        save = getattr(self.screen, "action_save", None)
        if callable(save):
            save()

    def action_help(self) -> None:
        from quiz.ui.help import HelpScreen
        from quiz.ui.too_small import TooSmallScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        elif not isinstance(self.screen, TooSmallScreen):
            self.push_screen(HelpScreen(type(self.screen).__name__))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The app's own actions first, those the screen offers now; then Textual's generic ones.
        # They post straight to the app: the guard, closed again as the palette goes, is for keys.
        if isinstance(screen, ResultsScreen) and not screen.outcome.ended_early:
            yield SystemCommand("Export results", "Write the results to a file you choose",
                                screen.action_export)
        if isinstance(screen, ResultsScreen):
            yield SystemCommand("Review answers", "See every answer, and change some",
                                lambda: screen.post_message(ResultsScreen.ShowReview()))
        if self._can_save(screen):
            yield SystemCommand("Save and leave", "Write your answers to a file, then close",
                                lambda: self.post_message(QuizScreen.SaveAndLeave()))
        yield SystemCommand("Quick exit", "Leave at once; nothing is saved", self.action_quick_exit)
        yield SystemCommand("Help", "List every key", self.action_help)
        # The screenshot command writes a file the person did not place; leave it out.
        for command in super().get_system_commands(screen):
            if command.title not in ("Screenshot", "Quit"):
                yield command

    def _can_save(self, screen: Screen[Any]) -> bool:
        """Whether "save and leave" makes sense on this screen: a bank is being taken, and it offers it."""
        if self.session is None or not isinstance(screen, QuizScreen):
            return False
        if isinstance(screen, ResultsScreen):
            return not screen.outcome.ended_early
        return callable(getattr(screen, "action_save", None))

    # -- terminal size --------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.call_after_refresh(self.check_size)

    def check_size(self) -> None:
        """Cover the screen with a plain message while the terminal is smaller than the layout needs."""
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

    # -- showing the flow's steps ----------------------------------------------------------------------
    def show_step(self, step: Step) -> None:
        """Put the step on screen, with a line on it saying what the action that led here did."""
        said = self._tell(step)
        session = self._flow().session
        screen: QuizScreen
        match step:
            case Intro():
                screen = IntroScreen(step.bank, resuming=bool(session.answers),
                                     can_go_back=self.from_launcher)
            case SectionNote():
                screen = SectionScreen(step.section, step.skippable,
                                       section_place(session, step.section.id))
            case Ask():
                self._drop_reveal()
                if isinstance(self.screen, QuestionScreen):
                    self.screen.show(step)
                    self.screen.say(said)
                    return
                screen = QuestionScreen(step, session)
            case Reveal():
                self._reveal_step(step, said)
                return
            case Review():
                screen = ReviewScreen(session, step.focus)
            case Results():
                screen = ResultsScreen(step.outcome, session.bank, can_go_home=self.from_launcher,
                                       earlier=self.earlier)
            case _:
                assert_never(step)
        screen.say(said)
        self._show(screen)

    def _reveal_step(self, step: Reveal, said: str) -> None:
        # Above the question screen, which stays (the next statement reuses it); one reveal screen is
        # kept and filled again for each statement, as the question screen is.
        given = bool(step.given)
        session = self._flow().session
        if self._reveal is None:
            self._reveal = RevealScreen(step.question, given, session)
            self.install_screen(self._reveal, "reveal")
        else:
            self._reveal.show(step.question, given, session)
        self._reveal.say(said)
        self.push_screen(self._reveal)

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
        if isinstance(self.screen, RevealScreen) and len(self.screen_stack) > 1:
            self.pop_screen()

    def _tell(self, step: Step) -> str:
        """What the last action did, for the next screen to say: the answers it removed, and how many
        are missing before the results (empty when there is nothing to say)."""
        lines = []
        if step.still_needed:
            count = step.still_needed
            what = "1 question still needs" if count == 1 else f"{count} questions still need"
            lines.append(f"{what} an answer before the results.")
        if step.dropped:
            names = ", ".join(f"\u201c{clean(q.text)}\u201d" for q in step.dropped)
            if len(step.dropped) == 1:
                said = "this question no longer applies, so its answer was removed"
            else:
                said = f"{len(step.dropped)} questions no longer apply, so their answers were removed"
            lines.append(f"Answers removed: that change means {said}: {names}")
        return "\n".join(lines)

    def _act(self, action: Callable[[Flow], Step], refused: str = "") -> None:
        """Call one flow action and show the step it leads to; a refused action is said, not raised: as
        `refused` and the reason, or (for an answer, `refused` empty) the reason alone, which says
        what to do in the person's words."""
        if self.flow is None:
            return
        try:
            step = action(self.flow)
        except SessionError as exc:
            if isinstance(self.screen, QuizScreen):
                self.screen.say(f"{refused}: {clean(str(exc))}" if refused else clean(str(exc)))
            return
        self.show_step(step)

    def _flow(self) -> Flow:
        assert self.flow is not None, "no bank is being taken"
        return self.flow

    # -- what the screens ask for ---------------------------------------------------------------------
    @on(LauncherScreen.Listed)
    def _listed(self, message: LauncherScreen.Listed) -> None:
        for bank in message.banks:
            self.banks.setdefault(bank.id, bank)

    @on(LauncherScreen.Open)
    def _open_bank(self, message: LauncherScreen.Open) -> None:
        """From the launcher: show a bank's intro above the launcher."""
        self.bank = message.bank
        self.banks.setdefault(message.bank.id, message.bank)
        self.flow = None
        self.earlier = None
        self.push_screen(IntroScreen(message.bank, can_go_back=True))

    @on(QuizScreen.Home)
    def _home(self) -> None:
        """Back to the launcher, forgetting the session."""
        self.flow = None
        self.earlier = None
        while len(self.screen_stack) > 2 and not isinstance(self.screen, LauncherScreen):
            self.pop_screen()

    @on(IntroScreen.Start)
    def _start(self) -> None:
        """Start answering the open bank (or carry on with the answers given so far)."""
        if self.checking is not None:
            self._start_when_checked = True  # a moment more: the bank's check is finishing
            return
        if self.flow is None:
            assert self.bank is not None
            self.flow = Flow(Session(self.bank))
        self.show_step(self.flow.begin())

    @on(QuestionScreen.Answered)
    def _answered(self, message: QuestionScreen.Answered) -> None:
        self._act(lambda flow: flow.answer(message.value))

    @on(QuestionScreen.Skipped)
    def _skipped(self) -> None:
        self._act(Flow.skip, "This question needs an answer to go on")

    @on(SectionScreen.SkipSection)
    def _skip_section(self) -> None:
        self._act(Flow.skip_section, "This section cannot be skipped")

    @on(QuizScreen.GoOn)
    def _go_on(self) -> None:
        self._act(Flow.go_on)

    @on(QuizScreen.Back)
    def _back(self) -> None:
        self._act(Flow.back)

    @on(ReviewScreen.Edit)
    def _edit(self, message: ReviewScreen.Edit) -> None:
        self._act(lambda flow: flow.edit(message.question))

    @on(ReviewScreen.ShowResults)
    def _results(self) -> None:
        self._act(Flow.results)

    @on(ResultsScreen.ShowReview)
    def _review(self) -> None:
        self._act(lambda flow: flow.review())

    # -- saves ---------------------------------------------------------------------------------------
    @on(QuizScreen.SaveAndLeave)
    def _save_and_leave(self) -> None:
        """Ask for a label, passphrase and place; once saved, leave the app."""
        from quiz.paths import sessions_dir
        from quiz.ui.save import SaveScreen

        if self.session is None:
            self.release_typing()
            return
        if self.served:
            # The computer serving this app is the facilitator's, not the participant's: the keys and
            # buttons are hidden when served, and a save that is reached anyway is refused.
            if isinstance(self.screen, QuizScreen):
                self.screen.say(SERVED_NO_SAVE)
            return

        def saved(done: Saved | None) -> None:
            if done is not None:
                self.saved_to = done.path
                self.saved_lines = done.lines
                self.exit()

        self.push_screen(SaveScreen(self.session, sessions_dir(), self.earlier), saved)

    @on(LauncherScreen.OpenSaves)
    def _open_saves(self) -> None:
        """From the launcher: the list of saved sessions."""
        # The saves list and the store are imported when first needed: most runs never open a save,
        # and importing them at start-up cost about 0.8 MiB of peak memory (bench/startup.py).
        if self.served:
            return  # the serving computer's saves are not a participant's to list
        from quiz.store import session_files, sessions_folder_problem
        from quiz.ui.saved_list import SavedListScreen

        if problem := sessions_folder_problem():  # its saves are left unlisted: say why
            self.notify(clean(problem), severity="warning", markup=False)
        self.push_screen(SavedListScreen(session_files(), self.lookup_bank))

    def lookup_bank(self, bank_id: str) -> Bank | None:
        """The bank with this id: one this app has opened or listed, else a shipped or user bank.

        Called off the UI thread too (opening a save): it only reads `banks`, which the UI thread
        only ever adds to.
        """
        from quiz.store import find_bank

        return self.banks.get(bank_id) or find_bank(bank_id)

    def on_saved_list_screen_resume(self, message: SavedListScreen.Resume) -> None:
        """Carry on a loaded save from the launcher: its bank, where the person left off.

        Textual's handler name for `SavedListScreen.Resume` rather than `@on(...)`, which would need
        the saves list imported at start-up (see `_open_saves`)."""
        loaded = message.loaded
        while len(self.screen_stack) > 2 and not isinstance(self.screen, LauncherScreen):
            self.pop_screen()
        self.bank = loaded.bank
        self.flow = Flow(loaded.session())
        self.earlier = loaded
        self._push_next = True  # above the launcher, which back and "Other banks" return to
        self.show_step(self.flow.resume())
        label = f" \u201c{clean(loaded.label)}\u201d" if loaded.label else ""
        from quiz.store import when_words

        lines = [f"Resumed: carrying on{label}, saved {when_words(loaded.saved_at)}.",
                 *(clean(change) for change in loaded.changes)]
        if isinstance(self.screen, QuizScreen):
            self.screen.say("\n".join(filter(None, [self.screen.notice, *lines])))


CLEAR = "\x1b[H\x1b[2J\x1b[3J"
"""Home, erase the screen, erase the scrollback: what the quick exit leaves behind is an empty terminal."""


def clear_terminal() -> None:
    """Clear the terminal the app drew on (Textual draws on stderr), also where there is no alternate
    screen to leave (GNU screen's default) and the questions would otherwise stay in view."""
    stream = sys.__stderr__
    if stream is not None and stream.isatty():
        stream.write(CLEAR)
        stream.flush()


def make_app(bank: Bank | None = None, *, session: Session | None = None, notes: Sequence[str] = (),
             shipped: Sequence[Path] | None = None, user_dir: Path | None = None,
             checking: Started | None = None, clock: Clock | None = None,
             served: bool | None = None, resumed_from: LoadedSession | None = None) -> QuizApp:
    """The app, as the command line and the tests build it."""
    return QuizApp(bank, session=session, notes=notes, shipped=shipped, user_dir=user_dir,
                   checking=checking, clock=clock, served=served, resumed_from=resumed_from)


def run_app(bank: Bank | None = None, session: Session | None = None,
            notes: Sequence[str] = (), checking: Started | None = None,
            resumed_from: LoadedSession | None = None) -> int:
    """Run the app full-screen until the person leaves; returns the exit code.

    Args:
        bank: Take this bank (its intro first); None opens the launcher.
        session: Carry on from this restored session of `bank`.
        notes: Lines to show first, as notifications.
        checking: `bank`'s check, still to finish (see QuizApp); BankError if it finds problems.
        resumed_from: The save `session` was loaded from.
    """

    app = make_app(bank, session=session, notes=notes, checking=checking, resumed_from=resumed_from)
    app.run()
    if app.quick_exited:
        clear_terminal()
    if app.problems:
        raise BankError(list(app.problems))
    for line in app.saved_lines:
        # After the app has left the alternate screen, so the lines stay in the terminal.
        print(line)
    return app.return_code or 0
