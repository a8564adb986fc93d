"""Printable handouts of a bank, in Markdown or self-contained HTML, with or without the answer key.

This module says what a handout holds, whatever the format; quiz.authoring.handout_md and quiz.authoring.handout_html
write it.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.bank.model import Bank, Dimension, Question, Section, Work
from quiz.conditions.nodes import (
    And,
    Compare,
    Includes,
    InList,
    Measure,
    Node,
    Not,
    Or,
    Predicate,
    Value,
)

FORMATS = ("md", "html")
TEXT_LINES = 3  # ruled lines printed under a free-text question

_OP_WORDS = {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "==": "exactly", "!=": "not"}
_BAND_WORDS = {"==": "is “{b}”", "!=": "is not “{b}”", "<": "is below “{b}”", "<=": "is “{b}” or lower",
               ">": "is above “{b}”", ">=": "is “{b}” or higher"}


# -- what a handout says, whatever the format -------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    """One printed answer: the mark to fill in, its words, and a scoring note for the key."""

    label: str
    key_note: str = ""
    stop: bool = False


@dataclass(frozen=True)
class Item:
    """One printed question: its number, its instructions and choices, and its key."""

    number: int
    question: Question
    instruction: str
    condition: str
    choices: tuple[Choice, ...]
    box: bool  # checkboxes (a checklist) rather than circles
    scoring: str


def numbering(bank: Bank) -> dict[str, int]:
    """Question numbers as printed: 1, 2, 3... through the whole bank."""
    return {q.id: i for i, q in enumerate(bank.questions, start=1)}


_COUNT_WORDS = {"<": "fewer than", "<=": "at most", ">": "more than", ">=": "at least", "==": "exactly",
                "!=": "other than"}
_SCALE_WORDS = {"==": "is “{v}”", "!=": "is not “{v}”", "<": "is below “{v}”", "<=": "is “{v}” or below",
                ">": "is above “{v}”", ">=": "is “{v}” or above"}


def _lit(bank: Bank, qid: str, value: Value) -> str:
    """An answer value as the person saw it: the option's or scale point's words."""
    q = bank.by_id.get(qid)
    if isinstance(value, bool):
        return "True" if value else "False"
    if q is not None and not isinstance(value, float):
        return q.label_of(value)
    return str(value)


def describe(node: Node, bank: Bank, numbers: dict[str, int], parent: str = "") -> str:
    """A condition in words for a person with a pen: `“Pain” is ticked in question 4`."""

    def qn(qid: str) -> str:
        return f"question {numbers[qid]}" if qid in numbers else f"`{qid}`"

    if isinstance(node, (And, Or)):
        kind = "and" if isinstance(node, And) else "or"
        text = f" {kind} ".join(describe(n, bank, numbers, kind) for n in node.items)
        return f"({text})" if parent and parent != kind else text
    if isinstance(node, Not):
        inner = node.item
        if isinstance(inner, Predicate) and inner.func in ("answered", "skipped"):
            verb = "was not answered" if inner.func == "answered" else "was not skipped"
            return f"{qn(inner.subject.name)} {verb}"
        return f"not ({describe(inner, bank, numbers)})"
    if isinstance(node, Compare):
        sid, v = node.subject.name, node.value
        q = bank.by_id.get(sid)
        is_point = q is not None and q.kind == "scale" and any(v == x for x, _ in q.choices())
        if node.op in ("==", "!=") or is_point:
            return f"the answer to {qn(sid)} " + _SCALE_WORDS[node.op].format(v=_lit(bank, sid, v))
        return f"the answer to {qn(sid)} is {_OP_WORDS[node.op]} {v}"
    if isinstance(node, InList):
        sid = node.subject.name
        return f"the answer to {qn(sid)} is " + " or ".join(f"“{_lit(bank, sid, v)}”" for v in node.values)
    if isinstance(node, Includes):
        return f"“{_lit(bank, node.subject.name, node.value)}” is ticked in {qn(node.subject.name)}"
    if isinstance(node, Predicate):
        sid = node.subject.name
        return {
            "answered": f"{qn(sid)} was answered",
            "skipped": f"{qn(sid)} was skipped",
            "declined": f"“Prefer not to say” was chosen for {qn(sid)}",
            "correct": f"{qn(sid)} was answered right",
            "wrong": f"{qn(sid)} was not answered right",
            "flagged": f"the flag “{bank.flag_by_id[sid].label}” was raised" if sid in bank.flag_by_id
            else f"the flag `{sid}` was raised",
        }[node.func]
    assert isinstance(node, Measure)
    sid, op, v = node.subject.name, node.op, node.value
    if node.func == "count":
        return f"{_COUNT_WORDS[op]} {v} {'option is' if v == 1 else 'options are'} ticked in {qn(sid)}"
    d = bank.dimension_by_id.get(sid)
    title = d.title if d is not None else sid
    if node.func == "score":
        return f"the {title} score is {_OP_WORDS[op]} {v}"
    if v == "incomplete":
        return f"the {title} result {'has too few' if op == '==' else 'has enough'} answers"
    band = next((b.label for b in d.bands if b.id == v), str(v)) if d is not None else str(v)
    return f"the {title} result " + _BAND_WORDS[op].format(b=band)


def items(bank: Bank, section: Section, numbers: dict[str, int]) -> list[Item]:
    """The printed form of each question in a section."""
    out = []
    for q in section.questions:
        choices: list[Choice] = []
        scoring = ""
        box = q.kind == "multiple"
        if q.kind in ("single", "multiple"):
            titles = {d.id: d.title for d in bank.dimensions}
            for o in q.options:
                note = ", ".join(f"{p:+d} {titles.get(d, d)}" for d, p in o.scores)
                choices.append(Choice(o.label, note, o.end))
            if q.kind == "single":
                instruction = "Choose one."
            elif q.max_choices == 1:
                instruction = "Tick one."
            else:
                instruction = "Tick all that apply."
                if q.min_choices > 1:
                    instruction = f"Tick at least {q.min_choices}."
                if q.max_choices:
                    instruction = instruction[:-1] + f" (at most {q.max_choices})."
        elif q.kind == "scale" and q.scale is not None:
            pts = q.scale.points
            lo, hi = min(p.value for p in pts), max(p.value for p in pts)
            for p in pts:
                value = lo + hi - p.value if q.reverse else p.value
                choices.append(Choice(p.label, f"{value:+d}" if q.dimension else ""))
            instruction = "Choose one."
            if q.dimension:
                title = bank.dimension_by_id[q.dimension].title
                scoring = f"Adds to {title}" + (" (reverse keyed)." if q.reverse else ".")
        elif q.kind == "statement":
            choices = [Choice("True"), Choice("False")]
            instruction = "True or false?"
            if q.dimension:
                scoring = f"A right answer adds 1 to {bank.dimension_by_id[q.dimension].title}."
        else:
            instruction = "Write your answer."
        if q.prefer_not_to_say:
            choices.append(Choice("Prefer not to say"))
        if q.can_skip:
            instruction += " You may skip this question."
        cond = describe(q.show_if, bank, numbers) if q.show_if is not None else ""
        out.append(Item(numbers[q.id], q, instruction, cond, tuple(choices), box, scoring))
    return out


def meta_line(bank: Bank) -> str:
    """The line under a handout's title: version, length, audience, review date and authors."""
    bits = [f"Version {bank.version}"]
    if bank.minutes:
        bits.append(f"about {bank.minutes} minutes")
    if bank.min_age:
        bits.append(f"for ages {bank.min_age} and over")
    if bank.reviewed:
        bits.append(f"reviewed {bank.reviewed}")
    if bank.authors:
        bits.append("by " + ", ".join(bank.authors))
    return " · ".join(bits)


def range_sentence(d: Dimension, numbers: dict[str, int]) -> str:
    """Which numbered questions add up to a dimension, and the range its score can take."""
    nums = [str(numbers[q]) for q in d.items if q in numbers]
    which = f"question {nums[0]}" if len(nums) == 1 else "questions " + ", ".join(nums)
    rule = ("With none of them answered" if d.min_answered <= 1
            else f"With fewer than {d.min_answered} of them answered")
    return (f"Scores run from {d.low} to {d.high} and come from {which}. "
            f"{rule}, the result is “not enough answers”.")


def keyed_works(bank: Bank) -> list[tuple[str, list[Work]]]:
    """The bank's sources and reading, each under its heading, leaving out empty groups."""
    groups = [("Sources", list(bank.sources)), ("Reading", list(bank.reading))]
    return [(name, works) for name, works in groups if works]


def render(bank: Bank, fmt: str, answer_key: bool = False) -> str:
    """The handout in `md` or `html`."""
    if fmt == "md":
        from quiz.authoring.handout_md import to_markdown

        return to_markdown(bank, answer_key)
    if fmt == "html":
        from quiz.authoring.handout_html import to_html

        return to_html(bank, answer_key)
    raise ValueError(f"unknown handout format {fmt!r}; use one of {', '.join(FORMATS)}")
