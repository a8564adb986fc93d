"""The bottom of every screen: a row of buttons for the screen's actions, and the key bar."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Button, Footer


def action_button(label: str, action: str, *, primary: bool = False) -> Button:
    """A one-line button that runs the screen's `action`, the same action its key binding runs.

    Its id is the action's name, so the screen can relabel or hide it (e.g. Skip on a question that
    needs an answer).
    """
    return Button(label, id=action, action=f"screen.{action}", compact=True,
                  variant="primary" if primary else "default")


def action_row(*buttons: Button) -> Horizontal:
    """The screen's buttons, right-aligned above the key bar; the main way on goes last."""
    return Horizontal(*buttons, id="actions")


def key_bar() -> Footer:
    """Textual's footer, compact so a screen's keys fit one line at 80 columns.

    The command palette key is left out of it to make room; the help lists ctrl+p.
    """
    return Footer(compact=True, show_command_palette=False)
