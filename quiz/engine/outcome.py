"""The result of scoring: frozen, JSON-serialisable, the same for the same bank and answers."""

from __future__ import annotations

from typing import Any

import msgspec

from quiz.bank.model import SuggestionKind


class Quote(msgspec.Struct, frozen=True):
    """One answer a reason quotes: the question, the value as given (for a checklist, the one option
    ticked that the reason names, or the whole list for a count) and its words as the person saw them."""

    question: str
    answer: Any
    label: str


class Reason(msgspec.Struct, frozen=True):
    """One fact that made a suggestion fire: an answer given or a score reached.

    `quotes` are the answers the text quotes, each one the person gave: for a score or band, the item
    answers that added points (never one that added none).
    """

    text: str
    question: str = ""
    dimension: str = ""
    quotes: tuple[Quote, ...] = ()


class WorkRef(msgspec.Struct, frozen=True):
    """A reading item or source as shown with a suggestion."""

    id: str
    citation: str
    url: str = ""
    note: str = ""


class ResourceRef(msgspec.Struct, frozen=True):
    """A helpline or service as shown with a suggestion."""

    id: str
    name: str
    region: str
    contact: str
    url: str
    description: str
    last_verified: str


class DimensionResult(msgspec.Struct, frozen=True):
    """A dimension's score and band, or the explicit "not enough answers" state; a score is a whole
    number, or a decimal (two places) for a mean or a `round: none` dimension."""

    id: str
    title: str
    score: int | float | None
    low: int | float
    high: int | float
    answered: int
    needed: int
    band: str | None
    band_label: str
    band_text: str
    items: int = 0
    """How many items feed the dimension (0 when not known): "9 of 10 answered"."""
    reads: str = "band"
    """How results show it to a person: `band` (the band alone), `score` ("N of M") or `count`."""
    count_word: str = ""
    """What a `count` counts: "ticked", "right" or "answered"."""
    band_labels: tuple[str, ...] = ()
    """Every band's label, lowest scores first: where the person sits among them."""
    band_place: int | None = None
    """The band's place in `band_labels` (None with too few answers)."""

    @property
    def incomplete(self) -> bool:
        """True when too few items were answered to give a band."""
        return self.band is None


class RaisedFlag(msgspec.Struct, frozen=True):
    """An item flag the answers raised: its id and label, the question that raised it, and the
    dimension results show it with ("" when the item feeds none)."""

    id: str
    label: str
    question: str
    dimension: str = ""


class StatementResult(msgspec.Struct, frozen=True):
    """One true/false statement: what was said, the right answer, and whether it matched."""

    question: str
    text: str
    given: bool | None
    answer: bool
    correct: bool
    explanation: str
    source: str


class ChosenSuggestion(msgspec.Struct, frozen=True):
    """A suggestion that fired, with why."""

    id: str
    kind: SuggestionKind
    title: str
    text: str
    because: str
    priority: int
    reasons: tuple[Reason, ...]
    reading: tuple[WorkRef, ...]
    sources: tuple[WorkRef, ...]
    resources: tuple[ResourceRef, ...]
    because_generated: bool = False
    """True when the bank's `because` claimed what the person answered: `because` then holds only the
    author's other sentences ("" when none), and `reasons`, made from the answers, stand in its place."""


class WithheldSuggestion(msgspec.Struct, frozen=True):
    """A suggestion whose conditions held but which is not shown, because `by` (shown suggestions' ids,
    named in its `withheld_by`) were."""

    id: str
    kind: SuggestionKind
    title: str
    by: tuple[str, ...]


class Outcome(msgspec.Struct, frozen=True):
    """Everything results show, computed from a bank and answers alone."""

    bank: str
    bank_title: str
    bank_version: str
    disclaimer: str
    complete: bool
    ended_early: bool
    visible: int
    answered: int
    dimensions: tuple[DimensionResult, ...]
    statements: tuple[StatementResult, ...]
    suggestions: tuple[ChosenSuggestion, ...]
    answers: tuple[tuple[str, Any], ...]
    flags: tuple[RaisedFlag, ...] = ()
    """The item flags raised, in bank order; a flag never depends on a band or on prorating."""
    withheld: tuple[WithheldSuggestion, ...] = ()
    """Suggestions chosen by their conditions but withheld by others shown (their `withheld_by`)."""

    @property
    def correct(self) -> int:
        """How many statements were answered right."""
        return sum(1 for s in self.statements if s.correct)

    def dimension(self, did: str) -> DimensionResult:
        """The result of one dimension."""
        for d in self.dimensions:
            if d.id == did:
                return d
        raise KeyError(did)

    def suggestion_ids(self) -> list[str]:
        """Ids of the suggestions that fired, in order."""
        return [s.id for s in self.suggestions]

    def to_json(self) -> dict[str, Any]:
        """Plain data for `--format json`."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        data["answers"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.answers}
        data["correct"] = self.correct
        data["statements_total"] = len(self.statements)
        return data
