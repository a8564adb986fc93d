"""What comes next, decided once for every front end: typed steps, and the actions that move between them.

A `Flow` walks a person through a `Session`: section content notes, questions, the reveal of a
statement, review, filling in required answers still missing, and results. The session keeps the
answers and the position; the flow decides which step that makes. The Textual app, plain mode and the
preview render the steps and call the actions; none of them decides the order itself.

`Walkthrough` is the presenter's way through a bank (every item in order, each with a reveal step),
made of the same step records.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Any

from quiz.bank.model import Answer, Bank, Question, Section
from quiz.engine.count import Place, is_check, noun, place
from quiz.engine.outcome import Outcome
from quiz.engine.session import Session, SessionError

__all__ = ["Ask", "Flow", "Intro", "Mode", "Results", "Reveal", "Review", "SectionNote", "Step",
           "StepBase", "Walkthrough"]


@dataclass(frozen=True, kw_only=True)
class StepBase:
    """What every step carries besides itself: what the action that led to it did."""

    dropped: tuple[Question, ...] = ()
    """Questions whose answers were removed because that action hid them (say which)."""
    still_needed: int = 0
    """Results were asked for while this many required answers were missing; this step is the way to
    the first of them (say how many)."""


@dataclass(frozen=True)
class Intro(StepBase):
    """Before the first question: the bank's intro (back from the first question comes here)."""

    bank: Bank


@dataclass(frozen=True)
class SectionNote(StepBase):
    """A section's content note, shown once before its first question; a section without one has no
    step of its own (its intro goes with its first question, see `Ask.opens_section`)."""

    section: Section
    skippable: bool
    """Every question of the section may be left unanswered, so the whole section can be skipped."""


@dataclass(frozen=True)
class Ask(StepBase):
    """One question to answer."""

    question: Question
    number: int
    """1-based place among the counted questions shown for the answers so far; 0 for a question
    before the count (an age check), which shows no number (the rule is `quiz.engine.count`)."""
    total: int
    """Every counted question of the bank."""
    answer: Answer | None = None
    """The answer given earlier, if any."""
    review: bool = False
    """Reached from review to change one answer: back returns to review."""
    section: Section | None = None
    opens_section: bool = False
    """The first question shown of its section, where the section's intro goes when the section has
    no content note of its own."""
    up_to: bool = False
    """The total is an upper bound ("of up to N"): answers can hide questions."""
    noun: str = "question"
    """What the bank's items are called: "question" or "statement"."""

    @property
    def label(self) -> str:
        """"Statement 3 of 18", "Question 3 of up to 19"; empty for a question before the count."""
        return Place(self.number, self.total, self.up_to, self.noun).label


@dataclass(frozen=True)
class Reveal(StepBase):
    """A statement's truth, right after it was answered (`reveal: immediate`), or an item's reveal in
    the presenter (`given` and `correct` are None there)."""

    question: Question
    given: bool | None = None
    correct: bool | None = None


@dataclass(frozen=True)
class Review(StepBase):
    """Every question shown with its answer; choose one to change it."""

    focus: str | None = None
    """The question to put the cursor on (the one just changed), if any."""
    missing: tuple[Question, ...] = ()
    """Required questions shown that still have no answer."""


@dataclass(frozen=True)
class Results(StepBase):
    """The outcome: every required answer given, or an answer ended the bank early."""

    outcome: Outcome


Step = Intro | SectionNote | Ask | Reveal | Review | Results
"""Everything a front end may be asked to show."""


class Mode(enum.Enum):
    """Where answering a question leads."""

    FORWARD = "forward"
    """Question after question, then review."""
    REVIEW = "review"
    """One answer changed from review, then back to review."""
    FILL_THEN_REVIEW = "fill, then review"
    """A change in review showed required questions: ask each, then back to review."""
    FILL_THEN_RESULTS = "fill, then results"
    """Results were asked for with required answers missing: ask each, then the results."""


class Flow:
    """The steps through one session; each action returns the step to show next (also kept in `step`).

    An action the session refuses (a value not offered, skipping a required question) raises
    `SessionError` and leaves the step as it was.
    """

    def __init__(self, session: Session) -> None:
        """Walk `session`; sections it already has answers in (a restored or carried session) count as
        seen, so their content notes are not shown again."""
        self.session = session
        self.bank = session.bank
        self.mode = Mode.FORWARD
        self.seen: set[str] = {self.bank.by_id[q].section for q in session.answers if q in self.bank.by_id}
        """Sections whose content note (or first question) has been shown."""
        self.step: Step = Intro(self.bank)
        """The step shown now."""

    # -- reading -------------------------------------------------------------------------------------
    def skippable(self, section_id: str) -> bool:
        """Whether every question shown of a section may be left unanswered."""
        return all(q.can_skip or q.kind == "text" for q in self.session.visible if q.section == section_id)

    # -- actions -------------------------------------------------------------------------------------
    def begin(self) -> Step:
        """From the intro: what is at the session's position (a fresh session: the first question)."""
        self.mode = Mode.FORWARD
        return self._set(self._here())

    def resume(self) -> Step:
        """Carry on a restored session where it was left."""
        return self.begin()

    def answer(self, value: Any) -> Step:
        """Answer the question asked; then its reveal, the next step by mode, or results if it ended
        the bank."""
        q = self._asked()
        change = self.session.answer(value, q.id, advance=self.mode is Mode.FORWARD)
        dropped = self._questions(change.dropped)
        if change.ended:
            return self._set(Results(self.session.outcome()), dropped)
        if q.kind == "statement" and self.bank.reveal == "immediate" and isinstance(value, bool):
            return self._set(Reveal(q, value, value is q.answer), dropped)
        return self._set(self._after(q.id), dropped)

    def skip(self) -> Step:
        """Leave the question asked unanswered (removing an earlier answer) and go on."""
        q = self._asked()
        dropped: tuple[str, ...] = ()
        if q.can_skip and q.id in self.session.answers:
            dropped = self.session.clear(q.id)
        self.session.go_to(q.id)
        self.session.skip()  # refuses a required question, with the words for it
        return self._set(self._after(q.id), self._questions(dropped))

    def skip_section(self) -> Step:
        """From a section's content note: leave all of its questions unanswered and go on after it."""
        step = self.step
        if not isinstance(step, SectionNote):
            raise SessionError("no section to skip here")
        if not self.skippable(step.section.id):
            raise SessionError("some questions in this section need an answer")
        dropped: list[str] = []
        session = self.session
        while (q := session.current()) is not None and q.section == step.section.id:
            if q.can_skip:
                if q.id in session.answers:
                    dropped += session.clear(q.id)
                session.skip()
            elif q.kind == "text":
                dropped += session.answer("", q.id).dropped
            else:
                break
        if self.mode is Mode.FORWARD:
            return self._set(self._here(), self._questions(tuple(dropped)))
        return self._set(self._after(None), self._questions(tuple(dropped)))

    def go_on(self) -> Step:
        """Continue: from a content note to its first question, from a reveal to what comes next."""
        step = self.step
        if isinstance(step, SectionNote):
            q = self.session.current()
            return self._set(self._ask(q) if q is not None else self._here())
        if isinstance(step, Reveal):
            return self._set(self._after(step.question.id))
        return step

    def back(self) -> Step:
        """Back: from a reveal to its statement, from a change in review to review, from review to the
        last question, otherwise to the previous question or, from the first, the intro."""
        step = self.step
        if isinstance(step, Reveal):
            self.session.go_to(step.question.id)
            return self._set(self._ask(step.question))
        if isinstance(step, (Intro, Results)):
            return step
        if isinstance(step, (Ask, SectionNote)) and self.mode is Mode.REVIEW:
            current = self.session.current()
            return self._set(self.review(current.id if current else None))
        self.mode = Mode.FORWARD
        if self.session.back():
            return self._set(self._here())
        if isinstance(step, Review):
            return step  # nothing to go back to
        return self._set(Intro(self.bank))

    def edit(self, qid: str) -> Step:
        """From review: change the answer to one question, then come back."""
        self.session.go_to(qid)
        self.mode = Mode.REVIEW
        return self._set(self._here())

    def review(self, focus: str | None = None) -> Step:
        """Review every question shown and its answer (after the last question, or from results)."""
        self.session.finish()
        self.mode = Mode.REVIEW
        return self._set(Review(focus, tuple(self.session.unanswered())))

    def results(self) -> Step:
        """The results, or, while required answers are missing, the way to the first of them (the step
        says how many are missing; answering them all leads to the results)."""
        missing = self.session.unanswered()
        if missing:
            self.mode = Mode.FILL_THEN_RESULTS
            self.session.go_to(missing[0].id)
            return self._set(replace(self._here(), still_needed=len(missing)))
        return self._set(Results(self.session.outcome()))

    # -- deciding ------------------------------------------------------------------------------------
    def _set(self, step: Step, dropped: tuple[Question, ...] = ()) -> Step:
        if dropped:
            step = replace(step, dropped=dropped)
        self.step = step
        return step

    def _asked(self) -> Question:
        q = self.session.current()
        if not isinstance(self.step, Ask) or q is None:
            raise SessionError("no question is being asked")
        return q

    def _questions(self, ids: tuple[str, ...]) -> tuple[Question, ...]:
        return tuple(self.bank.by_id[i] for i in ids)

    def _here(self) -> Step:
        """What is at the session's position: a section's content note once, a question, or review."""
        q = self.session.current()
        if q is None:
            return self.review()
        if q.section not in self.seen:
            self.seen.add(q.section)
            section = self.bank.section_by_id[q.section]
            if section.content_note:
                return SectionNote(section, self.skippable(section.id))
        return self._ask(q)

    def _ask(self, q: Question) -> Ask:
        where = place(self.session, q)
        first = next((v for v in self.session.visible if v.section == q.section), None)
        return Ask(q, where.number, where.total, self.session.answers.get(q.id),
                   review=self.mode is Mode.REVIEW, section=self.bank.section_by_id.get(q.section),
                   opens_section=first is q, up_to=where.up_to, noun=where.noun)

    def _after(self, qid: str | None) -> Step:
        """Once question `qid` is dealt with (answered, skipped, revealed), by mode."""
        if self.mode is Mode.REVIEW and self.session.unanswered():
            self.mode = Mode.FILL_THEN_REVIEW  # the change showed questions that need answers
        if self.mode is Mode.REVIEW:
            return self.review(qid)
        if self.mode is Mode.FORWARD:
            return self._here()
        missing = self.session.unanswered()
        if missing:
            self.session.go_to(missing[0].id)
            return self._here()
        if self.mode is Mode.FILL_THEN_REVIEW:
            return self.review(qid)
        return self.results()


class Walkthrough:
    """The presenter's way through a bank: every item in order, leaving out any question that can end
    the bank (an age check has no place in a room's discussion); a statement or an item with a
    discussion prompt gets a reveal step before the next item."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        gates = {q.id for q in bank.questions if is_check(q)}
        self.items: list[Question] = [q for q in bank.questions if q.id not in gates] or list(bank.questions)
        self.index = 0
        self.step: Ask | Reveal = self._ask()

    @property
    def current(self) -> Question:
        """The item shown."""
        return self.items[self.index]

    @property
    def revealed(self) -> bool:
        """Whether the item's reveal is shown."""
        return isinstance(self.step, Reveal)

    def has_reveal(self, q: Question) -> bool:
        """Whether an item has something to reveal: a statement's truth or a discussion prompt."""
        return q.kind == "statement" or bool(q.discussion)

    def next(self) -> Ask | Reveal | None:
        """The item's reveal, then the next item; None after the last (the step stays)."""
        if self.has_reveal(self.current) and not self.revealed:
            self.step = Reveal(self.current)
        elif self.index + 1 < len(self.items):
            self.index += 1
            self.step = self._ask()
        else:
            return None
        return self.step

    def back(self) -> Ask | Reveal:
        """Hide the reveal, or go to the item before."""
        if not self.revealed and self.index > 0:
            self.index -= 1
        self.step = self._ask()
        return self.step

    def toggle_reveal(self) -> Ask | Reveal:
        """Show or hide the item's reveal."""
        self.step = self._ask() if self.revealed else Reveal(self.current)
        return self.step

    def _ask(self) -> Ask:
        q = self.current
        return Ask(q, self.index + 1, len(self.items), section=self.bank.section_by_id.get(q.section),
                   noun=noun(self.bank, False))
