"""Printable handouts of a bank, in Markdown or self-contained HTML, with or without the answer key.

This module says what a handout holds, whatever the format; quiz.authoring.handout_md and quiz.authoring.handout_html
write it.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.bank.model import SUGGESTION_ORDER, Bank, Dimension, Question, Section, Suggestion, Work
from quiz.conditions.nodes import Node, Value
from quiz.conditions.words import in_words

FORMATS = ("md", "html")
TEXT_LINES = 3  # ruled lines printed under a free-text question


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


class BankNames:
    """How a handout names what a condition mentions: numbered questions, the words of answers, and
    the titles and labels of dimensions, bands and flags (an id the bank lacks stays an id)."""

    def __init__(self, bank: Bank, numbers: dict[str, int]) -> None:
        self.bank = bank
        self.numbers = numbers

    def question(self, qid: str) -> str:
        return f"question {self.numbers[qid]}" if qid in self.numbers else f"`{qid}`"

    def answer(self, qid: str, value: Value) -> str:
        q = self.bank.by_id.get(qid)
        if isinstance(value, bool):
            return "True" if value else "False"
        if q is not None and not isinstance(value, float):
            return q.label_of(value)
        return str(value)

    def is_point(self, qid: str, value: Value) -> bool:
        q = self.bank.by_id.get(qid)
        return q is not None and q.kind == "scale" and any(value == x for x, _ in q.choices())

    def dimension(self, did: str) -> str:
        d = self.bank.dimension_by_id.get(did)
        return d.title if d is not None else did

    def band(self, did: str, bid: str) -> str:
        d = self.bank.dimension_by_id.get(did)
        return next((b.label for b in d.bands if b.id == bid), bid) if d is not None else bid

    def flag(self, fid: str) -> str:
        f = self.bank.flag_by_id.get(fid)
        return f.label if f is not None else fid


def describe(node: Node, bank: Bank, numbers: dict[str, int]) -> str:
    """A condition in words for a person with a pen: `“Pain” is ticked in question 4`."""
    return in_words(node, BankNames(bank, numbers))


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


KIND_WORDS = {"safety": "Safety", "next-step": "Next step", "reading": "Reading"}
RULES_HEADING = "Suggestions and the rules that choose them"


@dataclass(frozen=True)
class Rule:
    """One suggestion as the answer key shows it: its kind and priority, the rules that choose it, in
    words, and the examples whose `expect` shows it (names; none when no example proves it)."""

    suggestion: Suggestion
    heading: str
    """`Safety, priority 10`: its kind in words, and its priority when it has one."""
    when: str
    """Its `when` in words, or "" when it has none (it is shown to everyone its gate lets through)."""
    gate: str
    """Its `gate` in words, or ""."""
    withheld_by: tuple[str, ...]
    """The titles of the suggestions that withhold it when shown."""
    examples: tuple[str, ...]


def rules(bank: Bank, numbers: dict[str, int]) -> list[Rule]:
    """Every suggestion's rules, in the order results show suggestions (safety first, then by priority)."""
    names = BankNames(bank, numbers)
    titles = {s.id: s.title for s in bank.suggestions}
    out = []
    for s in sorted(bank.suggestions, key=lambda s: (SUGGESTION_ORDER[s.kind], -s.priority, s.index)):
        heading = KIND_WORDS[s.kind] + (f", priority {s.priority}" if s.priority else "")
        proved = tuple(ex.name for ex in bank.examples
                       if ex.asserted and (s.id in ex.expect.suggestions or ex.expect.first == s.id))
        out.append(Rule(s, heading, in_words(s.when, names) if s.when is not None else "",
                        in_words(s.gate, names) if s.gate is not None else "",
                        tuple(titles.get(w, w) for w in s.withheld_by), proved))
    return out


def rule_lines(rule: Rule) -> list[tuple[str, str]]:
    """(label, plain text) for each line of a rule in the key, the same in every format."""
    always = ("whenever its “Only if” holds (it has no condition of its own)." if rule.gate
              else "always (it has no condition).")
    lines = [("Shown when", rule.when + "." if rule.when else always)]
    if rule.gate:
        lines.append(("Only if", rule.gate + "."))
    if rule.withheld_by:
        lines.append(("Withheld when any of these is shown", "; ".join(f"“{t}”" for t in rule.withheld_by) + "."))
    if rule.suggestion.because:
        lines.append(("Because", rule.suggestion.because))
    lines.append(("Proved by examples", "; ".join(f"“{n}”" for n in rule.examples) + "." if rule.examples
                  else "none (no example expects it)."))
    return lines


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
