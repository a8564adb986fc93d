"""The preview's screen for a broken bank: every problem with file:line:column, until the file is fixed."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quiz.errors import Problem
from quiz.ui.actions import key_bar
from quiz.ui.text import inert


class ProblemsScreen(Screen[None]):
    """Lists a bank's problems; the preview replaces it as soon as the file checks clean."""

    DEFAULT_CSS = """
    ProblemsScreen #problems-title { text-style: bold; padding: 1 2 0 2; }
    ProblemsScreen #problems-hint { color: $text-muted; padding: 0 2 1 2; }
    ProblemsScreen #problems-list { padding: 0 2; }
    """

    def __init__(self, file: str, problems: Sequence[Problem], *, watching: bool = True) -> None:
        super().__init__()
        self.file = file
        self.watching = watching
        self.problems: tuple[Problem, ...] = tuple(problems)

    def compose(self) -> ComposeResult:
        yield Static(id="problems-title")
        hint = ("Fix them and save the file: the preview reloads by itself." if self.watching else
                "Fix them, then open the preview again (without --no-watch it reloads on every save).")
        yield Static(Content(f"{hint} ctrl+q leaves."), id="problems-hint")
        with VerticalScroll():
            yield Static(id="problems-list")
        yield key_bar()

    def on_mount(self) -> None:
        self.show_problems(self.problems)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Replace the listed problems."""
        self.problems = tuple(problems)
        n = len(self.problems)
        self.query_one("#problems-title", Static).update(
            inert(f"{self.file} has {n} problem{'s' if n != 1 else ''}"))
        body = "\n\n".join(p.render() for p in self.problems) or "(no details)"
        self.query_one("#problems-list", Static).update(inert(body))
