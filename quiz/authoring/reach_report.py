"""What `quiz test` learns about reachability, as data: a witness for each band, suggestion and item flag,
coverage by the bank's examples, and a located problem for each goal nothing reaches (the search is
quiz.authoring.reach)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quiz.authoring.reach import (
    NOT_FOUND,
    Answers,
    Goal,
    Progress,
    check_reachability,
    goal_slice,
    relevant_answers,
)
from quiz.bank.loader import Document
from quiz.bank.model import Bank
from quiz.errors import Problem


def witness_text(bank: Bank, goal: Goal, witness: tuple[tuple[str, Any], ...], limit: int = 6) -> str:
    """A short `q=value, ...` for a witness: the answers the goal reads first, then those that show them."""
    relevant = relevant_answers(bank, goal)
    behind = {q.id for q in goal_slice(bank, goal)} - relevant  # what shows those questions
    items = ([(k, v) for k, v in witness if k in relevant] + [(k, v) for k, v in witness if k in behind]
             or list(witness))
    shown = ", ".join(f"{k}={_fmt(v)}" for k, v in items[:limit])
    rest = len(witness) - min(len(items), limit)
    more = f" (+{rest} more {'answer' if rest == 1 else 'answers'})" if rest > 0 else ""
    return shown + more if shown else "(no answers needed)"


def _fmt(v: Any) -> str:
    if isinstance(v, tuple):
        return "[" + ",".join(v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def example_answers(bank: Bank, example_results: list[Any]) -> list[Answers]:
    """The usable answer sets of the bank's examples, to start the search from."""
    from quiz.engine.answers import normalize

    out = []
    for r in example_results:
        if getattr(r, "outcome", None) is None:
            continue
        raw = {k: list(v) if isinstance(v, tuple) else v for k, v in r.example.answers}
        answers, problems = normalize(bank, raw)
        if not problems:
            out.append(answers)
    return out


@dataclass(frozen=True)
class Reached:
    """A band, suggestion or flag some answers reach (or raise), with those answers in short."""

    goal: Goal
    answers: str
    always: bool = False  # a suggestion without `when`: every answer set reaches it


@dataclass(frozen=True)
class ReachReport:
    """What `quiz test` learned about reachability: witnesses, counts, and a problem per dead goal."""

    reached: tuple[Reached, ...]
    questions_shown: int
    questions: int
    suggestions_covered: int
    suggestions: int
    bands_covered: int
    bands: int
    problems: tuple[Problem, ...]
    flags_raised: int = 0
    """Flags some answer set raises (witnessed by the search), of `flags`."""
    flags: int = 0
    flags_covered: int = 0
    """Flags the bank's examples raise."""
    uncovered: tuple[str, ...] = ()
    """What no example pins down, by name: `suggestion x`, `band d.b`, `flag f`, in the bank's order."""


def report_reachability(bank: Bank, doc: Document, example_results: list[Any],
                        progress: Progress | None = None) -> ReachReport:
    """Witnesses and coverage, and a problem located in `doc` for each goal nothing reaches; `progress` is
    told (goals done, goals in all) as the search goes, for display only."""
    verdicts = check_reachability(bank, seeds=example_answers(bank, example_results), progress=progress)
    conditional = {s.id for s in bank.suggestions if s.when is not None}
    problems = []
    reached = []
    for v in verdicts:
        if v.witness is None:
            never = {"band": "can never be reached", "suggestion": "can never fire",
                     "question": "is never shown", "flag": "can never be raised"}[v.goal.kind]
            msg = f"{v.goal.label} {never}: {v.reason}"
            hint = {"suggestion": "check its `when` condition against the options and bands",
                    "band": "change the band's limits or the item scores",
                    "question": "check its `show_if` and its section's",
                    "flag": "check its `at_least` or `options` against the answers its question allows"}[v.goal.kind]
            if v.reason == NOT_FOUND:  # a search came up empty, not a proof: an example settles it
                hint += "; if some answers do reach it, add them as an example"
            problems.append(doc.problem(v.goal.path, msg, hint))
        elif v.goal.kind == "suggestion" and v.goal.id not in conditional:
            reached.append(Reached(v.goal, "", always=True))
        elif v.goal.kind != "question":
            reached.append(Reached(v.goal, witness_text(bank, v.goal, v.witness)))
    # Coverage counts what examples pin down: one without `expect` asserts nothing (it still seeds the search).
    pinned = [r.outcome for r in example_results if r.outcome is not None and r.example.asserted]
    fired = {sid for o in pinned for sid in o.suggestion_ids()}
    banded = {(d.id, d.band) for o in pinned for d in o.dimensions if d.band}
    raised = {f.id for o in pinned for f in o.flags}
    return ReachReport(
        reached=tuple(reached),
        questions_shown=sum(1 for v in verdicts if v.goal.kind == "question" and v.witness is not None),
        questions=sum(1 for v in verdicts if v.goal.kind == "question"),
        suggestions_covered=sum(1 for s in bank.suggestions if s.id in fired),
        suggestions=len(bank.suggestions),
        bands_covered=sum(1 for d in bank.dimensions for b in d.bands if (d.id, b.id) in banded),
        bands=sum(len(d.bands) for d in bank.dimensions),
        problems=tuple(problems),
        flags_raised=sum(1 for v in verdicts if v.goal.kind == "flag" and v.witness is not None),
        flags=len(bank.flags),
        flags_covered=sum(1 for f in bank.flags if f.id in raised),
        uncovered=(*(f"suggestion `{s.id}`" for s in bank.suggestions if s.id not in fired),
                   *(f"band `{d.id}.{b.id}`" for d in bank.dimensions for b in d.bands
                     if (d.id, b.id) not in banded),
                   *(f"flag `{f.id}`" for f in bank.flags if f.id not in raised)),
    )
