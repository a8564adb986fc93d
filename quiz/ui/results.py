"""Results: scores with bars and bands in words, suggestions safety first with why, the disclaimer."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quiz.bank.model import Bank
from quiz.engine.outcome import ChosenSuggestion, DimensionResult, Outcome, StatementResult
from quiz.engine.report import KIND_HEADINGS, grouped
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen, notice_line
from quiz.ui.text import bar, inert


def suggestion_content(s: ChosenSuggestion) -> Content:
    """One suggestion: title, text, why it appears, and what to contact or read."""
    parts: list[Content | str | tuple[str, str]] = [inert(s.title, "bold"), "\n", inert(s.text)]
    if s.because:
        parts += ["\n", ("Why this appears: ", "bold"), inert(s.because)]
    for r in s.reasons:
        parts += ["\n  • ", inert(r.text)]
    for res in s.resources:
        how = " ".join(x for x in (res.contact, res.url) if x)
        parts += ["\n", ("Contact: ", "bold"), inert(res.name), f" ({inert(res.region).plain})"]
        if how:
            parts += [" ", inert(how)]
        parts.append(Content.styled(f" · checked {inert(res.last_verified).plain}", "dim"))
    for w in s.reading:
        parts += ["\n", ("Read: ", "bold"), inert(w.citation)]
        if w.url:
            parts += [" ", inert(w.url, "underline")]
    for w in s.sources:
        parts += ["\n", ("Source: ", "bold"), inert(w.citation)]
        if w.url:
            parts += [" ", inert(w.url, "underline")]
    return Content.assemble(*parts)


def dimension_content(d: DimensionResult) -> Content:
    """A dimension's title, a bar drawn in characters, and its band in words."""
    if d.score is None:
        return Content.assemble(inert(d.title, "bold"), "\n",
                                f"Not enough answers for a result ({d.answered} of {d.needed} "
                                "needed).")
    span = d.high - d.low
    fraction = (d.score - d.low) / span if span else 1.0
    parts: list[Content | str | tuple[str, str]] = [
        inert(d.title, "bold"), "\n", (bar(fraction), "$accent"), "  ", inert(d.band_label, "bold"),
        f" · {d.score} on a range of {d.low} to {d.high}"]
    if d.band_text:
        parts += ["\n", inert(d.band_text)]
    return Content.assemble(*parts)


def statement_content(st: StatementResult) -> Content:
    """One statement: right or not, the truth, the explanation and source."""
    if st.given is None:
        mark = "– Not answered."
    else:
        mark = "✓ Right." if st.correct else "✗ Not right."
    parts: list[Content | str | tuple[str, str]] = [
        (mark, "bold"), " ", inert(st.text), f" It is {'true' if st.answer else 'false'}."]
    if st.explanation:
        parts += ["\n", inert(st.explanation)]
    if st.source:
        parts += ["\n", ("Source: ", "bold"), inert(st.source)]
    return Content.assemble(*parts)


class ResultsScreen(QuizScreen):
    """What the answers add up to, and what might help, each with the reason it appears."""


    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "export", "Export"),
        Binding("r", "review", "Review"),
        Binding("h", "home", "Other banks"),
        Binding("ctrl+s", "save", "Save and leave"),
    ]

    class ShowReview(Message):
        """Review the answers, to change some."""

    def __init__(self, outcome: Outcome, bank: Bank, *, can_go_home: bool = False) -> None:
        super().__init__()
        self.outcome = outcome
        self.bank = bank
        self.can_go_home = can_go_home

    def compose(self) -> ComposeResult:
        o = self.outcome
        with VerticalScroll(id="body"):
            yield Static(Content.assemble(inert(o.bank_title), ": results"), classes="title")
            if o.ended_early:
                yield Static(Content("An answer ended the questions early; what follows uses the "
                                     "answers given."), classes="hint")
            elif not o.complete:
                yield Static(Content("Some questions were left unanswered; results use the answers "
                                     "given."), classes="hint")
            if not o.suggestions and not o.dimensions and not o.statements:
                yield Static(Content("There is nothing to show for these answers."), classes="para")
            for kind, items in grouped(o):
                yield Static(Content(KIND_HEADINGS.get(kind, kind.title())), classes="heading")
                for s in items:
                    yield Static(suggestion_content(s), classes=f"suggestion -{kind}")
            if o.dimensions:
                yield Static(Content("Your scores"), classes="heading")
                for d in o.dimensions:
                    yield Static(dimension_content(d), classes="dimension")
            if o.statements:
                yield Static(Content(f"Statements: {o.correct} of {len(o.statements)} right"),
                             classes="heading")
                for st in o.statements:
                    yield Static(statement_content(st), classes="statement")
            yield Static(Content("About these results"), classes="heading")
            yield Static(inert(o.disclaimer), classes="para disclaimer")
            yield Static(Content("Nothing has been saved. Export, or save and leave (ctrl+s), writes a file "
                                 "only where you say."),
                         classes="hint", id="saved")
        home = [action_button("Other banks", "home")] if self.can_go_home else []
        yield notice_line(self)
        yield action_row(action_button("Review answers", "review"), *home,
                         action_button("Export…", "export", primary=True))
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    def action_export(self) -> None:
        from quiz.ui.export import ExportScreen

        self.app.push_screen(ExportScreen(self.outcome), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is None:
            return
        saved = self.query_one("#saved", Static)
        saved.update(Content(f"Saved to {path}"))
        saved.scroll_visible(animate=False)
        self.notify(f"Your results were saved to {path}", title="Exported", markup=False)

    def action_review(self) -> None:
        self.post_message(self.ShowReview())

    def action_save(self) -> None:
        self.post_message(self.SaveAndLeave())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "home":
            return self.can_go_home
        return True

    def action_home(self) -> None:
        if self.can_go_home:
            self.post_message(self.Home())
