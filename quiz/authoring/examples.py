"""Runs a bank's examples: each answer set must give the outcome it names, or, without `expect`, shows it."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.bank.loader import Document
from quiz.bank.model import Bank, Example
from quiz.engine.answers import hidden_problems, normalize
from quiz.engine.outcome import Outcome
from quiz.engine.scoring import score
from quiz.errors import Problem, UsageError, shown
from quiz.safe_text import one_line


@dataclass(frozen=True)
class ExampleResult:
    """One example's verdict: the problems found (none means it passed) and the outcome."""

    example: Example
    problems: tuple[Problem, ...]
    outcome: Outcome | None

    @property
    def passed(self) -> bool:
        """True when the example asserts an outcome (`expect`) and the outcome matched all of it."""
        return not self.problems and self.example.asserted

    @property
    def unasserted(self) -> bool:
        """True when the example has no `expect`: its answers are sound and its outcome is only shown."""
        return not self.problems and not self.example.asserted


def example_named(bank: Bank, name: str) -> Example:
    """The bank's example called `name`, or UsageError listing the names it has."""
    for ex in bank.examples:
        if ex.name == name:
            return ex
    names = ", ".join(f"\u201c{one_line(ex.name)}\u201d" for ex in bank.examples)
    listing = f"its examples are {names}" if names else "it has no `examples`"
    raise UsageError(one_line(f"{bank.file}: no example named \u201c{name}\u201d; {listing}"))


def example_outcome(bank: Bank, ex: Example, doc: Document | None = None
                    ) -> tuple[Outcome | None, tuple[Problem, ...]]:
    """Score one example's answers as partial data: (the outcome, ()) or (None, every problem).

    The one path for an example, whether `quiz test` checks it or `quiz score --example` prints it.
    `doc` (the bank's file) locates problems at the example's answers.
    """
    base = ("examples", ex.index, "answers")
    where = doc if doc is not None else Document.unplaced(bank.file)
    raw = {k: list(v) if isinstance(v, tuple) else v for k, v in ex.answers}
    answers, probs = normalize(bank, raw)
    problems = [where.problem(base + _parts(p.path), p.message, p.hint) for p in probs]
    problems += [where.problem(base + (p.path,), p.message, p.hint, key=True)
                 for p in hidden_problems(bank, answers)]
    if problems:
        return None, tuple(problems)
    return score(bank, answers), ()


def _parts(dotted: str) -> tuple[str | int, ...]:
    """A dotted path back as its parts, list indexes as numbers (`when.1` is `("when", 1)`)."""
    return tuple(int(p) if p.isdigit() else p for p in dotted.split(".")) if dotted else ()


def run_example(bank: Bank, ex: Example, doc: Document) -> ExampleResult:
    """Score one example and compare with what it expects; `doc` (the bank's file) locates problems."""
    out, found = example_outcome(bank, ex, doc)
    if out is None:
        return ExampleResult(ex, found, None)
    if not ex.asserted:
        return ExampleResult(ex, (), out)
    e = ex.expect
    base = ("examples", ex.index)

    def problem(path: tuple[str | int, ...], message: str, hint: str = "") -> Problem:
        return doc.problem(base + path, message, hint)

    problems: list[Problem] = []
    got = out.suggestion_ids()
    for i, sid in enumerate(e.suggestions):
        if sid not in got:
            problems.append(problem(("expect", "suggestions", i),
                                    f"example \u201c{ex.name}\u201d: `{sid}` did not fire",
                                    f"fired: {', '.join(got) or 'none'}"))
    for i, sid in enumerate(e.not_suggestions):
        if sid in got:
            problems.append(problem(("expect", "not_suggestions", i),
                                    f"example \u201c{ex.name}\u201d: `{sid}` fired but must not"))
    if e.first and (not got or got[0] != e.first):
        problems.append(problem(("expect", "first"),
                                f"example \u201c{ex.name}\u201d: `{e.first}` is not first",
                                f"order: {', '.join(got) or 'none'}"))
    for did, bid in e.bands:
        d = out.dimension(did)
        actual = d.band or "incomplete"
        if actual != bid:
            score_text = "" if d.score is None else f" (score {d.score})"
            problems.append(problem(("expect", "bands", did),
                                    f"example \u201c{ex.name}\u201d: `{did}` is `{actual}`{score_text}, "
                                    f"expected `{bid}`"))
    if e.correct is not None and out.correct != e.correct:
        problems.append(problem(("expect", "correct"),
                                f"example \u201c{ex.name}\u201d: {out.correct} right, expected {e.correct}"))
    if e.ended is not None and out.ended_early != e.ended:
        problems.append(problem(("expect", "ended"),
                                f"example \u201c{ex.name}\u201d: ended early is {shown(out.ended_early)}, "
                                f"expected {shown(e.ended)}"))
    return ExampleResult(ex, tuple(problems), out)


def run_examples(bank: Bank, doc: Document) -> list[ExampleResult]:
    """Every example of the bank, in order."""
    return [run_example(bank, ex, doc) for ex in bank.examples]


def outcome_lines(bank: Bank, out: Outcome) -> list[str]:
    """What an example's answers give, a line per part: each dimension's band (with its score), the
    suggestions shown in order, the flags raised, and the statements right or the early end where the
    bank has them. Plain text; the caller makes it safe for its medium."""
    bands = []
    for d in out.dimensions:
        if d.band is None:
            bands.append(f"{d.id} incomplete ({d.answered} of {d.items or '?'} answered, {d.needed} needed)")
        else:
            bands.append(f"{d.id} {d.band} (score {shown(d.score)})")
    lines = [f"bands: {', '.join(bands) or 'none (the bank has no dimensions)'}",
             f"suggestions: {', '.join(out.suggestion_ids()) or 'none'}",
             f"flags: {', '.join(f.id for f in out.flags) or 'none'}"]
    if out.withheld:
        lines.append("withheld: " + ", ".join(f"{w.id} (by {', '.join(w.by)})" for w in out.withheld))
    if out.statements:
        lines.append(f"right answers: {out.correct} of {len(out.statements)}")
    if out.ended_early or any(o.end for q in bank.questions for o in q.options):
        lines.append(f"ended early: {shown(out.ended_early)}")
    return lines
