"""The base of the app's full screens, and the messages every one of them may post to the app."""

from __future__ import annotations

from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from quiz.ui.guard import InputGuard


def served(app: App[object]) -> bool:
    """Whether `app` runs for a participant's browser (`quiz serve`), where nothing is saved."""
    return bool(getattr(app, "served", False))


class QuizScreen(Screen[None]):
    """A full screen of the quiz app: it shows one step and posts what the person did; the app, which
    owns the flow, handles the message and shows the screen for the step that comes next.

    Every change of what the screen shows closes the app's input guard until the change is drawn and
    the guard has passed (`changed`); what the person did goes to the app through `send`, which
    refuses while the guard is closed and closes it itself, so a burst of keys acts at most once.
    A screen may carry one inline notice (`say`): a line of its own above the buttons, gone when
    the screen changes.
    """

    class Back(Message):
        """Back: to the previous question, to the statement just revealed, or to review."""

    class GoOn(Message):
        """Continue past a section's content note or a statement's reveal."""

    class SaveAndLeave(Message):
        """Save the session (asking for a label, passphrase and place), then leave."""

    class Home(Message):
        """Back to the list of banks, leaving the open bank."""

    notice = ""
    """The inline notice shown now (empty: none)."""

    @property
    def guard(self) -> InputGuard | None:
        """The app's input guard (None in an app without one)."""
        guard = getattr(self.app, "guard", None)
        return guard if isinstance(guard, InputGuard) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Served, "save and leave" would write on the facilitator's computer: not offered at all.
        return not (action == "save" and served(self.app))

    def on_screen_resume(self) -> None:
        self.changed()

    def changed(self) -> None:
        """What the screen shows has changed: no key acts until it is drawn and the guard has passed."""
        guard = self.guard
        if guard is not None:
            guard.hold()
            # Once this screen has dealt with the change (the frame that paints it follows within
            # a few milliseconds, far inside the guard); a pending key is dropped until then.
            self.call_later(guard.drawn)

    def send(self, message: Message) -> bool:
        """Post what the person did to the app, unless the guard is closed; returns whether it went.

        Sending closes the guard at once: keys still on their way (the rest of a burst) find it
        closed, and the screen the app shows next opens it again once drawn.
        """
        guard = self.guard
        if guard is not None:
            if not guard.open:
                return False
            guard.hold()
            self.call_later(guard.drawn)
        if isinstance(message, QuizScreen.SaveAndLeave):
            # A dialog of fields opens next: what is typed before it is ready is kept for it.
            hold = getattr(self.app, "hold_typing", None)
            if callable(hold):
                hold()
        self.post_message(message)
        return True

    def say(self, text: str) -> None:
        """Show an inline notice on this screen (replacing any before it); empty text removes it."""
        self.notice = text
        if self.is_mounted:
            for line in self.query("#notice").results(Static):
                line.update(text)
                line.display = bool(text)


def notice_line(screen: QuizScreen) -> Static:
    """The screen's inline notice: a line of its own above the buttons, hidden while empty."""
    line = Static(screen.notice, id="notice", markup=False)
    line.display = bool(screen.notice)
    return line
