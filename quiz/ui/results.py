"""Results: a summary on the first screen (safety, each dimension in words, the next steps that matter
most), then the details: every suggestion with why, its reading and sources, the scores among their bands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quiz.bank.model import Bank
from quiz.engine.outcome import ChosenSuggestion, DimensionResult, Outcome, StatementResult, WorkRef
from quiz.engine.report import (
    DETAILS,
    KIND_HEADINGS,
    checked_words,
    grouped,
    held_back,
    held_words,
    missing_words,
    status_line,
)
from quiz.engine.summary import Summary, band_words, place_words, safety_on_screen, summarise
from quiz.ui.actions import action_button, action_row, key_bar
from quiz.ui.base import QuizScreen, notice_line, served
from quiz.ui.text import inert

if TYPE_CHECKING:
    from quiz.store import LoadedSession

ENDED_HERE = ("Because of one of your answers, the questions stop here and nothing was scored. What might "
              "help is below. Review answers (r) changes an answer given by mistake.")
"""What the results say when an answer ended the questions early (an `end: true` option)."""

BAR_WIDTH = 24
"""About how wide a dimension's bar is: one segment per band, the person's filled."""


def _work(label: str, w: WorkRef) -> list[Content | str | tuple[str, str]]:
    parts: list[Content | str | tuple[str, str]] = ["\n", (f"{label}: ", "bold"), inert(w.citation)]
    if w.url:
        parts += [" ", inert(w.url, "underline")]
    if w.note:
        parts += ["\n  ", inert(w.note, "italic")]
    return parts


def suggestion_content(s: ChosenSuggestion, held: list[str] | None = None) -> Content:
    """One suggestion: title, text, why it appears (and what it holds back), and what to contact or read."""
    parts: list[Content | str | tuple[str, str]] = [inert(s.title, "bold"), "\n", inert(s.text)]
    if s.because or s.reasons:
        parts += ["\n", ("Why this appears: ", "bold"), inert(s.because)]
    for r in s.reasons:
        parts += ["\n  • ", inert(r.text)]
    if held:
        parts += ["\n", inert(held_words(held), "italic")]
    for res in s.resources:
        how = " ".join(x for x in (res.contact, res.url) if x)
        parts += ["\n", ("Contact: ", "bold"), inert(res.name), f" ({inert(res.region).plain})"]
        if how:
            parts += [" ", inert(how)]
        if res.last_verified:
            parts.append(Content.styled(f" · {inert(checked_words(res)).plain}", "dim"))
    for w in s.reading:
        parts += _work("Read", w)
    for w in s.sources:
        parts += _work("Source", w)
    return Content.assemble(*parts)


def band_bar(d: DimensionResult, width: int = BAR_WIDTH) -> Content:
    """Where the person sits among a dimension's bands: one segment per band, lowest scores first, theirs
    filled (the shape tells it, not the colour alone); empty with one band."""
    n = len(d.band_labels)
    if n < 2 or d.band_place is None:
        return Content("")
    seg = max(2, width // n - 1)
    return Content(" ").join([Content.styled("\u2588" * seg, "$accent") if i == d.band_place
                              else Content("\u2591" * seg) for i in range(n)])


def dimension_content(d: DimensionResult) -> Content:
    """A dimension's title, its band in words, a bar of where it sits among the bands, and what it means."""
    if d.score is None:
        return Content.assemble(inert(d.title, "bold"), "\n",
                                f"Not enough answers for a result ({missing_words(d)}).")
    parts: list[Content | str | tuple[str, str]] = [inert(d.title, "bold"), ": ", inert(band_words(d), "bold")]
    if place_words(d) and d.band_place is not None:
        parts += ["\n", band_bar(d), Content.styled(f"  band {d.band_place + 1} of {len(d.band_labels)}", "dim")]
    if d.band_text:
        parts += ["\n", inert(d.band_text)]
    return Content.assemble(*parts)


def summary_widgets(s: Summary) -> list[Static]:
    """The summary results open with, one Static per line group: safety notes with what to do now,
    each dimension's verdict in words, the next steps that matter most."""
    out: list[Static] = []
    if s.safety:
        # "details below" once, on the heading: each note's full card follows the summary.
        out.append(Static(Content.assemble("Safety first", Content.styled(f" \u00b7 {DETAILS}", "dim")),
                          classes="summary-heading"))
        notes, more = safety_on_screen(s)
        out += [Static(Content.assemble(inert(x.title, "bold"), "\n", inert(x.now)), classes="summary-safety")
                for x in notes]
        if more:
            out.append(Static(Content.styled(more, "bold"), classes="summary-more"))
    if s.verdicts or s.statements:
        out.append(Static(Content("Your results"), classes="summary-heading"))
        for v in s.verdicts:
            shown = f" ({v.score_words})" if v.score_words else ""
            line = Content.assemble(inert(v.title), ": ", inert(v.band_label + shown, "bold"))
            if v.line:
                line = Content.assemble(line, "\n", inert(v.line))
            out.append(Static(line, classes="summary-verdict"))
        if s.statements:
            out.append(Static(Content.assemble("Statements: ", (s.statements, "bold")),
                              classes="summary-verdict"))
    if s.next_steps:
        out.append(Static(Content("Next steps that matter most"), classes="summary-heading"))
        out.append(Static(Content("\n").join([Content.assemble("\u2022 ", inert(n.title))
                                              for n in s.next_steps]), classes="summary-next"))
    if out:
        out[0].add_class("-first")
    return out


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


SERVED_HINT = ("Nothing has been saved, here or on the computer serving this quiz. Export… downloads your "
               "results to this browser.")
"""The saving line of a served app (`quiz serve`)."""


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

    def __init__(self, outcome: Outcome, bank: Bank, *, can_go_home: bool = False,
                 earlier: LoadedSession | None = None) -> None:
        """Args:
            outcome: What the answers add up to.
            bank: The bank taken.
            can_go_home: Offer "Other banks" (the launcher is beneath).
            earlier: The save these answers were resumed from, which still exists.
        """
        super().__init__()
        self.outcome = outcome
        self.bank = bank
        self.can_go_home = can_go_home
        self.earlier = earlier

    def compose(self) -> ComposeResult:
        o = self.outcome
        with VerticalScroll(id="body"):
            if o.ended_early:
                # Plainly: the questions stopped, nothing was scored; what might help follows.
                yield Static(Content.assemble(inert(o.bank_title), ": the questions end here"),
                             classes="title")
                yield Static(Content(ENDED_HERE), classes="para", id="status")
            else:
                yield Static(Content.assemble("Results: ", inert(o.bank_title)), classes="title")
                if status := status_line(o):
                    yield Static(Content(status), classes="hint", id="status")
                if not o.suggestions and not o.dimensions and not o.statements:
                    yield Static(Content("There is nothing to show for these answers."), classes="para")
            with Vertical(id="summary"):
                yield from summary_widgets(summarise(o))
            held = held_back(o)
            for kind, items in grouped(o):
                yield Static(Content(KIND_HEADINGS.get(kind, kind.title())), classes="heading")
                for s in items:
                    yield Static(suggestion_content(s, held.get(s.id)), classes=f"suggestion -{kind}")
            if o.dimensions and not o.ended_early:
                yield Static(Content("Your scores"), classes="heading")
                for d in o.dimensions:
                    yield Static(dimension_content(d), classes="dimension")
            if o.statements and not o.ended_early:
                yield Static(Content(f"Statements: {o.correct} of {len(o.statements)} right"),
                             classes="heading")
                for st in o.statements:
                    yield Static(statement_content(st), classes="statement")
            yield Static(Content("About these results"), classes="heading")
            yield Static(inert(o.disclaimer), classes="para disclaimer")
            yield Static(Content(SERVED_HINT) if served(self.app) else self.saved_words(),
                         classes="hint", id="saved")
        home = [action_button("Other banks", "home")] if self.can_go_home else []
        export = [] if o.ended_early else [action_button("Export…", "export", primary=True)]
        yield notice_line(self)
        yield action_row(action_button("Review answers", "review"), *home, *export)
        yield key_bar()

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    def saved_words(self) -> Content:
        """What is saved of these answers, and how to save (the line closing the results)."""
        if self.outcome.ended_early:
            return Content("Nothing has been saved, and nothing here needs to be.")
        if self.earlier is None:
            return Content("Nothing has been saved. Export, or save and leave (ctrl+s), writes a file "
                           "only where you say.")
        from quiz.store import when_words

        return Content(f"Your earlier save is still at {self.earlier.path} (saved "
                       f"{when_words(self.earlier.saved_at)}), with your answers as they were then. "
                       "Save and leave (ctrl+s) saves them as they are now; export writes a report.")

    def action_export(self) -> None:
        from quiz.ui.export import ExportScreen

        self.app.push_screen(ExportScreen(self.outcome), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is None:
            return
        saved = self.query_one("#saved", Static)
        if served(self.app):  # a download: the name is the participant's browser's, never a host path
            saved.update(Content(f"Sent to your browser as {path.name}"))
            self.say(f"Exported: your browser downloads {path.name}")
        else:
            saved.update(Content(f"Saved to {path}"))
            self.say(f"Exported: your results were saved to {path}")
        # After the notice line has taken its place, so the scroll is measured on the final layout.
        self.call_after_refresh(saved.scroll_visible, animate=False)

    def action_review(self) -> None:
        self.send(self.ShowReview())

    def action_save(self) -> None:
        self.send(self.SaveAndLeave())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "home":
            return self.can_go_home
        if action in ("export", "save") and self.outcome.ended_early:
            return False  # nothing was scored: nothing to keep
        return super().check_action(action, parameters)

    def action_home(self) -> None:
        """Back to the list of banks, once the person has said the results may go."""
        from quiz.ui.confirm import ConfirmScreen

        if not self.can_go_home:
            return

        def chosen(leave: bool | None) -> None:
            if leave:
                self.post_message(self.Home())

        what = ("Your answers and these results will be gone: nothing has been saved." if self.earlier is None
                else "These results will be gone; your earlier save stays as it was.")
        if self.outcome.ended_early:
            what = "Your answers will be gone; nothing has been saved."
        self.app.push_screen(ConfirmScreen(
            "Leave these results?", f"{what} Escape keeps the results on screen.",
            "Leave them", "Keep the results"), chosen)
