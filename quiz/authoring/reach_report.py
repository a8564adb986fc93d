"""What `quiz test` says about reachability: a witness for each band and suggestion, coverage by the
bank's examples, and a located problem for each goal nothing reaches (the search is quiz.authoring.reach)."""

from __future__ import annotations

from typing import Any

from quiz.authoring.reach import NOT_FOUND, Answers, Goal, check_reachability, relevant_answers
from quiz.bank.loader import Document
from quiz.bank.model import Bank
from quiz.errors import Problem


def witness_text(bank: Bank, goal: Goal, witness: tuple[tuple[str, Any], ...], limit: int = 6) -> str:
    """A short `q=value, ...` for a witness, the answers the goal depends on first."""
    relevant = relevant_answers(bank, goal)
    items = [(k, v) for k, v in witness if k in relevant] or list(witness)
    shown = ", ".join(f"{k}={_fmt(v)}" for k, v in items[:limit])
    rest = len(witness) - min(len(items), limit)
    return shown + (f" (+{rest} more)" if rest > 0 else "") if shown else "(no answers needed)"


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


def report_reachability(bank: Bank, doc: Document, example_results: list[Any],
                        quiet: bool = False) -> list[Problem]:
    """Print witnesses and coverage; return a located problem for each unreachable goal."""
    verdicts = check_reachability(bank, seeds=example_answers(bank, example_results))
    conditional = {s.id for s in bank.suggestions if s.when is not None}
    problems = []
    for v in verdicts:
        if v.witness is None:
            never = {"band": "can never be reached", "suggestion": "can never fire",
                     "question": "is never shown"}[v.goal.kind]
            msg = f"{v.goal.label} {never}: {v.reason}"
            hint = {"suggestion": "check its `when` condition against the options and bands",
                    "band": "change the band's limits or the item scores",
                    "question": "check its `show_if` and its section's"}[v.goal.kind]
            if v.reason == NOT_FOUND:  # a search came up empty, not a proof: an example settles it
                hint += "; if some answers do reach it, add them as an example"
            problems.append(doc.problem(v.goal.path, msg, hint))
        elif not quiet and v.goal.kind != "question":
            if v.goal.kind == "suggestion" and v.goal.id not in conditional:
                print(f"  reach {v.goal.label} always fires (it has no `when`)")
                continue
            verb = "fires" if v.goal.kind == "suggestion" else "is reached"
            print(f"  reach {v.goal.label} {verb} for: {witness_text(bank, v.goal, v.witness)}")
    n_q = sum(1 for v in verdicts if v.goal.kind == "question")
    ok_q = sum(1 for v in verdicts if v.goal.kind == "question" and v.witness is not None)
    if not quiet:
        print(f"  reach questions: {ok_q} of {n_q} can be shown")
    fired = {sid for r in example_results if r.outcome is not None for sid in r.outcome.suggestion_ids()}
    banded = {(d.id, d.band) for r in example_results if r.outcome is not None
              for d in r.outcome.dimensions if d.band}
    n_s = len(bank.suggestions)
    n_b = sum(len(d.bands) for d in bank.dimensions)
    cov_s = sum(1 for s in bank.suggestions if s.id in fired)
    cov_b = sum(1 for d in bank.dimensions for b in d.bands if (d.id, b.id) in banded)
    print(f"  coverage: examples cover {cov_s} of {n_s} suggestions and {cov_b} of {n_b} bands")
    return problems
