"""The bank as frozen data: what a checked bank file means, ready for sessions and scoring."""

from __future__ import annotations

from typing import Any, Literal, get_args

import msgspec

from quiz.conditions.nodes import DECLINED as DECLINED  # re-exported: the answer value of "Prefer not to say"
from quiz.conditions.nodes import Node

QuestionKind = Literal["single", "multiple", "scale", "statement", "text"]
SuggestionKind = Literal["safety", "next-step", "reading"]
Reveal = Literal["immediate", "end"]
"""When statements show the right answer: after each one, or at the review."""

KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)
SUGGESTION_ORDER: dict[SuggestionKind, int] = {"safety": 0, "next-step": 1, "reading": 2}

Answer = str | int | bool | tuple[str, ...]
Number = int | float
"""A score or band limit: whole for summed dimensions, possibly decimal for means and `round: none`."""
ScoreKind = Literal["sum", "mean"]
Rounding = Literal["half-up", "none"]
Reads = Literal["band", "score", "count"]
"""How results show a dimension to a person: the band alone, "N of M", or "N of M ticked" (or "right",
"answered"); the band always leads, in words."""


class Work(msgspec.Struct, frozen=True):
    """A reference: a source behind a claim, or an item of the reading library."""

    id: str
    title: str
    author: str = ""
    organisation: str = ""
    year: int | None = None
    publisher: str = ""
    url: str = ""
    note: str = ""

    def citation(self) -> str:
        """A one-line citation: author or organisation, year, title, publisher."""
        who = self.author or self.organisation
        year = f" ({self.year})" if self.year else ""
        pub = f". {self.publisher}" if self.publisher else ""
        return f"{who}{year}. {self.title}{pub}".strip(". ") if who else f"{self.title}{pub}"


class Resource(msgspec.Struct, frozen=True):
    """A helpline or service with the region it serves and when it was last checked."""

    id: str
    name: str
    region: str
    last_verified: str = ""
    """The day someone checked it against the service's own site (YYYY-MM-DD), or "" when nobody has."""
    contact: str = ""
    url: str = ""
    description: str = ""


class ScalePoint(msgspec.Struct, frozen=True):
    """One point on a scale."""

    value: int
    label: str


class Scale(msgspec.Struct, frozen=True):
    """A reusable answer scale."""

    id: str
    title: str
    points: tuple[ScalePoint, ...]


class Option(msgspec.Struct, frozen=True):
    """One answer to a single or multiple choice question."""

    value: str
    label: str
    scores: tuple[tuple[str, int], ...] = ()
    end: bool = False
    exclusive: bool = False


class Flag(msgspec.Struct, frozen=True):
    """An item flag: raised by its own question's answer, whatever any band says.

    A scale question raises it when its value (by value, not position; never reverse keyed) is at
    least `at_least`; a single or multiple question when the answer is (or ticks) one of `options`.
    `dimension` is the dimension the item feeds first ("" if none), where results show the flag.
    """

    id: str
    label: str
    question: str
    dimension: str = ""
    at_least: int | None = None
    options: tuple[str, ...] = ()

    def raised_by(self, answer: Any) -> bool:
        """Whether this answer to the flag's question raises the flag (a declined answer never does)."""
        if answer is None or answer == DECLINED:
            return False
        if self.at_least is not None:
            return isinstance(answer, int) and not isinstance(answer, bool) and answer >= self.at_least
        if isinstance(answer, tuple):
            return any(v in self.options for v in answer)
        return answer in self.options


class Question(msgspec.Struct, frozen=True):
    """One item; `index` is its place in the whole bank, `section` its section id."""

    id: str
    kind: QuestionKind
    text: str
    section: str
    index: int
    help: str = ""
    show_if: Node | None = None
    show_if_text: str = ""
    can_skip: bool = False
    """The bank's `optional`: the person may move on without an answer (free text always may)."""
    prefer_not_to_say: bool = False
    options: tuple[Option, ...] = ()
    min_choices: int = 0
    max_choices: int | None = None
    scale: Scale | None = None
    dimension: str = ""
    """The first dimension the item feeds (scale and statement); `weights` lists all, with weights."""
    reverse: bool = False
    answer: bool | None = None
    explanation: str = ""
    source: str = ""
    discussion: str = ""
    max_length: int = 2000
    weights: tuple[tuple[str, int], ...] = ()
    """(dimension, weight) for a scale or statement item: each gets the item's points times the weight."""
    flag: Flag | None = None

    def choices(self) -> tuple[tuple[Answer, str], ...]:
        """The (value, label) pairs a person picks from, in order."""
        if self.kind in ("single", "multiple"):
            return tuple((o.value, o.label) for o in self.options)
        if self.kind == "scale" and self.scale is not None:
            return tuple((p.value, p.label) for p in self.scale.points)
        if self.kind == "statement":
            return ((True, "True"), (False, "False"))
        return ()

    def label_of(self, value: Any) -> str:
        """The words for an answer value, as the person saw them."""
        if value == DECLINED:
            return "Prefer not to say"
        if isinstance(value, tuple):
            return ", ".join(self.label_of(v) for v in value) or "(none)"
        for v, label in self.choices():
            if v == value and type(v) is type(value):
                return label
        return str(value)


class Section(msgspec.Struct, frozen=True):
    """A group of questions with an optional intro and content note."""

    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    content_note: str = ""
    show_if: Node | None = None
    show_if_text: str = ""


class Band(msgspec.Struct, frozen=True):
    """A named, inclusive score range; `index` is its place under the dimension's `bands` in the file
    (the model keeps bands sorted by range, the author may not have: bands compare by score)."""

    id: str
    label: str
    min: Number
    max: Number
    text: str = ""
    index: int = 0


class Dimension(msgspec.Struct, frozen=True):
    """A score answers add up to; `low`..`high` is its computed reachable range.

    `min_answered` is the missing-answer rule (default: every item); below the item count a partial
    score is prorated (the answered items' mean times the item count) and rounded by `rounding`.
    `hidden`, when set, is the points an item hidden by `show_if` counts as (it then counts as
    answered). `sources` are the dimensions a `from:` dimension is built from (it has no items).
    """

    id: str
    title: str
    bands: tuple[Band, ...]
    low: Number
    high: Number
    items: tuple[str, ...]
    description: str = ""
    min_answered: int = 1
    score_kind: ScoreKind = "sum"
    rounding: Rounding = "half-up"
    hidden: Number | None = None
    sources: tuple[str, ...] = ()
    reads: Reads = "band"
    """How results show it (the bank's `reads`, else `count` for statements only, `score` for a range
    from 0 up, `band` for one that goes below 0)."""
    count_word: str = ""
    """What a `count` counts: "ticked" (checklists), "right" (statements) or "answered"."""

    @property
    def whole(self) -> bool:
        """Whether every score is a whole number (a sum rounded half-up, or a sum never prorated)."""
        return self.rounding == "half-up"

    def band_index(self, score: Number) -> int | None:
        """The place in `bands` of the band containing `score` (bands are checked to cover the range)."""
        for i, b in enumerate(self.bands):
            if b.min <= score <= b.max:
                return i
        return None


class Suggestion(msgspec.Struct, frozen=True):
    """A next step, reading or safety note, with the condition that chooses it.

    It is chosen when `gate` (a precondition: the age check, "has a partner") and `when` both hold; its
    reasons come from `when` alone. It is withheld when any suggestion in `withheld_by` is shown.
    `because` is the author's static sentence ("" when none).
    """

    id: str
    kind: SuggestionKind
    title: str
    text: str
    because: str
    index: int
    when: Node | None = None
    when_text: str = ""
    priority: int = 0
    reading: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    gate: Node | None = None
    gate_text: str = ""
    withheld_by: tuple[str, ...] = ()


class Expectation(msgspec.Struct, frozen=True):
    """What an example's outcome must contain."""

    suggestions: tuple[str, ...] = ()
    not_suggestions: tuple[str, ...] = ()
    first: str = ""
    bands: tuple[tuple[str, str], ...] = ()
    correct: int | None = None
    ended: bool | None = None


class Example(msgspec.Struct, frozen=True):
    """A named answer set and the outcome it must give; `index` is its place under `examples`."""

    name: str
    index: int
    answers: tuple[tuple[str, Any], ...]
    expect: Expectation
    asserted: bool = True
    """False when the bank gives the example no `expect` (then `expect` is empty): `quiz test` shows its
    outcome for the author to check instead of asserting one."""


class Bank(msgspec.Struct, frozen=True):
    """A checked bank. Build it with `quiz.bank.check.load_bank`; never by hand from unchecked data.

    Compared field by field (the indexes at the end included); not hashable, as it holds dicts: key
    caches by the bank's identity (as quiz.engine.scoring.engine_for does).
    """

    id: str
    title: str
    version: str
    disclaimer: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    dimensions: tuple[Dimension, ...]
    suggestions: tuple[Suggestion, ...]
    content_hash: str
    file: str
    language: str = "en"
    description: str = ""
    minutes: int | None = None
    min_age: int | None = None
    reviewed: str = ""
    authors: tuple[str, ...] = ()
    reveal: Reveal = "immediate"
    sources: tuple[Work, ...] = ()
    reading: tuple[Work, ...] = ()
    resources: tuple[Resource, ...] = ()
    scales: tuple[Scale, ...] = ()
    examples: tuple[Example, ...] = ()
    flags: tuple[Flag, ...] = ()
    by_id: dict[str, Question] = msgspec.field(default_factory=dict)
    dimension_by_id: dict[str, Dimension] = msgspec.field(default_factory=dict)
    works: dict[str, Work] = msgspec.field(default_factory=dict)
    resource_by_id: dict[str, Resource] = msgspec.field(default_factory=dict)
    section_by_id: dict[str, Section] = msgspec.field(default_factory=dict)
    flag_by_id: dict[str, Flag] = msgspec.field(default_factory=dict)

    def question(self, qid: str) -> Question:
        """The question with this id (KeyError if none)."""
        return self.by_id[qid]

    def source(self, sid: str) -> Work | None:
        """A work from `sources` or `reading` by id."""
        return self.works.get(sid)
