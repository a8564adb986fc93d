"""Runs a bank's examples: each answer set must give the outcome it names."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.bank.loader import Document
from quiz.bank.model import Bank, Example
from quiz.engine.answers import hidden_problems, normalize
from quiz.engine.outcome import Outcome
from quiz.engine.scoring import score
from quiz.errors import Problem, shown


@dataclass(frozen=True)
class ExampleResult:
    """One example's verdict: the problems found (none means it passed) and the outcome."""

    example: Example
    problems: tuple[Problem, ...]
    outcome: Outcome | None

    @property
    def passed(self) -> bool:
        """True when the outcome matched every expectation."""
        return not self.problems


def run_example(bank: Bank, ex: Example, doc: Document) -> ExampleResult:
    """Score one example and compare with what it expects; `doc` (the bank's file) locates problems."""
    base = ("examples", ex.index)

    def problem(path: tuple[str | int, ...], message: str, hint: str = "") -> Problem:
        return doc.problem(base + path, message, hint)

    raw = {k: list(v) if isinstance(v, tuple) else v for k, v in ex.answers}
    answers, probs = normalize(bank, raw)
    problems = [problem(("answers", p.path), p.message, p.hint) for p in probs]
    problems += [problem(("answers", p.path), p.message, p.hint) for p in hidden_problems(bank, answers)]
    if problems:
        return ExampleResult(ex, tuple(problems), None)
    out = score(bank, answers)
    got = out.suggestion_ids()
    e = ex.expect
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
