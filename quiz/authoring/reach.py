"""Reachability: a witness answer set for every band, suggestion and question, or a located failure.

The search is guided, not blind: a pool of answer sets from random and score-extreme policies covers
most goals; each remaining goal is approached by hill-climbing on a "branch distance" (how far each
part of its condition is from holding, in score units where scores are involved). Bands whose range
no combination of item scores can hit are reported as impossible by exact subset-sum reasoning.

The search is budgeted by steps (answer sets tried), never by the clock, and its random choices come
from a seeded generator: the same bank gets the same verdicts on any machine, however busy.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from quiz.bank.model import DECLINED, Bank, Question
from quiz.conditions.nodes import And, Compare, Measure, Node, Not, Or
from quiz.engine.scoring import Engine, ScoreContext, engine_for

Answers = dict[str, Any]
GoalKind = Literal["band", "suggestion", "question"]
# How many answer sets to try while climbing towards one hard goal before calling it unreachable
# (about half a second on a small bank; a goal any honest bank can reach is found in far fewer).
GOAL_STEPS = 50_000
POOL_RANDOM = 200
NOT_FOUND = "no answer set found that reaches it"
# Making a found witness shorter to read is a nicety: it never tries more than this per goal, or in all.
SHRINK_STEPS = 200
SHRINK_TOTAL = 2_000


@dataclass(frozen=True)
class Goal:
    """Something that must be reachable: a band, a suggestion or a question."""

    kind: GoalKind
    id: str
    label: str
    path: tuple[str | int, ...]
    dimension: str = ""


@dataclass(frozen=True)
class Verdict:
    """A goal with its witness answers, or None and why not."""

    goal: Goal
    witness: tuple[tuple[str, Any], ...] | None
    reason: str = ""


def _domain(q: Question, rng: random.Random) -> list[Any]:
    """Values a person could give to `q` (None = left unanswered where allowed)."""
    vals: list[Any]
    if q.kind == "multiple":
        plain = [o.value for o in q.options if not o.exclusive]
        vals = [(o.value,) for o in q.options]
        cap = q.max_choices or len(plain)
        if plain and cap > 1:
            vals.append(tuple(plain[:cap]))
            k = rng.randint(1, min(cap, len(plain)))
            vals.append(tuple(sorted(rng.sample(plain, k), key=plain.index)))
        if q.min_choices > 1:
            vals = [v for v in vals if len(v) >= q.min_choices] or [tuple(plain[:q.min_choices])]
    elif q.kind == "text":
        vals = ["(text)"]
    else:
        vals = [v for v, _ in q.choices()]
    if q.prefer_not_to_say:
        vals.append(DECLINED)
    if q.can_skip or q.kind == "text":
        vals.append(None)
    return vals


def _points(engine: Engine, dim: str) -> dict[str, Callable[[Any], int]]:
    return dict(engine.dims[dim][1])


class Searcher:
    """Finds witness answer sets for goals on one bank."""

    def __init__(self, bank: Bank, seed: int = 0) -> None:
        self.bank = bank
        self.engine = engine_for(bank)
        self.rng = random.Random(seed)

    # -- building answer sets -------------------------------------------------------------------------
    def build(self, choose: Callable[[Question, Answers], Any], base: Answers | None = None) -> Answers:
        """Walk the bank answering each visible question with `choose`, keeping `base` where it fits."""
        answers: Answers = {}
        decided: set[str] = set()
        base = base or {}
        while True:
            _ctx, visible, ended = self.engine.walk(answers)
            nxt = next((q for q in visible if q.id not in decided), None)
            if nxt is None:
                return answers
            decided.add(nxt.id)
            v = base[nxt.id] if nxt.id in base else choose(nxt, answers)
            if nxt.id in base and base[nxt.id] is None:
                v = None
            if v is not None:
                answers[nxt.id] = v

    def random_choice(self, q: Question, _a: Answers) -> Any:
        return self.rng.choice(_domain(q, self.rng))

    def extreme(self, dim: str, sign: int) -> Callable[[Question, Answers], Any]:
        """A policy that pushes one dimension as high (sign 1) or low (-1) as it can."""
        points = _points(self.engine, dim)

        def choose(q: Question, a: Answers) -> Any:
            if q.id not in points:
                return self.random_choice(q, a)
            best, best_v = None, None
            for v in _domain(q, self.rng):
                p = 0 if v is None or v == DECLINED else points[q.id](v)
                if best is None or sign * p > sign * best:
                    best, best_v = p, v
            return best_v

        return choose

    # -- distances ---------------------------------------------------------------------------------
    def holds(self, node: Node, ctx: ScoreContext) -> bool:
        """Whether a condition (or part of one) holds; compiled once by the engine."""
        return self.engine.holds(node, ctx)

    def distance(self, node: Node, ctx: ScoreContext) -> float:
        """0 when the condition holds; otherwise a rough measure of how far it is from holding."""
        if isinstance(node, Or):
            return min(self.distance(n, ctx) for n in node.items)
        if isinstance(node, And):
            return sum(self.distance(n, ctx) for n in node.items)
        if isinstance(node, Not):
            return 0.0 if not self.holds(node.item, ctx) else 1.0
        if self.holds(node, ctx):
            return 0.0
        if isinstance(node, Measure) and node.func in ("score", "band"):
            d = self.bank.dimension_by_id[node.subject.name]
            score, answered, _bi = ctx.result(d.id)
            if score is None:
                return 2.0 + (d.min_answered - answered)
            if node.func == "score" and isinstance(node.value, (int, float)):
                return 1.0 + abs(score - float(node.value)) / max(1, d.high - d.low)
            return 1.0 + min(abs(score - b.min) + abs(score - b.max) for b in d.bands) / max(1, d.high - d.low)
        if isinstance(node, Compare) and node.op in ("<", "<=", ">", ">="):
            a = ctx.answers.get(node.subject.name)
            if isinstance(a, int) and isinstance(node.value, (int, float)):
                return 1.0 + abs(a - float(node.value)) / 10
        return 1.5

    def goal_distance(self, goal: Goal, answers: Answers) -> float:
        ctx, visible, ended = self.engine.walk(answers)
        if goal.kind == "suggestion":
            s = next(s for s in self.bank.suggestions if s.id == goal.id)
            return 0.0 if s.when is None else self.distance(s.when, ctx)
        if goal.kind == "band":
            d = self.bank.dimension_by_id[goal.dimension]
            band = next(b for b in d.bands if b.id == goal.id)
            score, answered, _ = ctx.result(d.id)
            if score is None:
                return 2.0 + d.min_answered - answered
            gap = 0 if band.min <= score <= band.max else min(abs(score - band.min), abs(score - band.max))
            return 0.0 if gap == 0 else 1.0 + gap / max(1, d.high - d.low)
        q = self.bank.by_id[goal.id]
        if q.id in ctx.visible:
            return 0.0
        dist = 1.0 if ended else 0.0
        sec = self.bank.section_by_id[q.section]
        if sec.show_if is not None:
            dist += self.distance(sec.show_if, ctx)
        if q.show_if is not None:
            dist += self.distance(q.show_if, ctx)
        return max(dist, 0.5)

    # -- search ----------------------------------------------------------------------------------------
    def pool(self) -> list[Answers]:
        sets: list[Answers] = []
        for d in self.bank.dimensions:
            for sign in (1, -1):
                sets.append(self.build(self.extreme(d.id, sign)))
        sets.append(self.build(lambda q, a: _domain(q, self.rng)[0]))
        sets.append(self.build(lambda q, a: [v for v in _domain(q, self.rng) if v is not None][-1]))
        for _ in range(POOL_RANDOM):
            sets.append(self.build(self.random_choice))
        return sets

    def neighbours(self, answers: Answers) -> list[Answers]:
        _ctx, visible, _ended = self.engine.walk(answers)
        out = []
        for q in visible:
            for v in _domain(q, self.rng):
                if answers.get(q.id) == v:
                    continue
                base = dict(answers)
                base[q.id] = v
                out.append(self.build(self.random_choice, base))
        return out

    def climb(self, goal: Goal, start: Answers, steps: int) -> Answers | None:
        """Hill-climb from `start` towards the goal, trying at most `steps` answer sets."""
        current, best = start, self.goal_distance(goal, start)
        while steps > 0:
            if best == 0:
                return current
            improved = False
            cands = self.neighbours(current)
            self.rng.shuffle(cands)
            for cand in cands:
                steps -= 1
                dist = self.goal_distance(goal, cand)
                if dist < best:
                    current, best, improved = cand, dist, True
                    break
                if steps <= 0:
                    break
            if not improved:
                current = self.build(self.random_choice)  # restart
                best = self.goal_distance(goal, current)
                steps -= 1
        return current if best == 0 else None

    def shrink(self, goal: Goal, answers: Answers, steps: int = SHRINK_STEPS) -> tuple[Answers, int]:
        """A witness easier to read: each checklist the goal depends on cut to the options it needs,
        trying at most `steps` answer sets; returns it and the steps used."""
        if goal.kind == "question":
            return answers, 0  # question witnesses are counted, not printed
        used = 0
        relevant = relevant_answers(self.bank, goal)
        current = answers
        for qid in [k for k, v in answers.items() if isinstance(v, tuple) and len(v) > 1 and k in relevant]:
            q = self.bank.by_id[qid]
            for item in list(current.get(qid, ())):
                keep = current.get(qid, ())
                if not isinstance(keep, tuple) or len(keep) <= max(1, q.min_choices) or used >= steps:
                    break
                base = dict(current)
                base[qid] = tuple(x for x in keep if x != item)
                cand = self.build(lambda qq, _a: _domain(qq, self.rng)[0], base)
                used += 1
                if self.goal_distance(goal, cand) == 0:
                    current = cand
        return current, used

    def solve(self, goals: list[Goal], steps_per_goal: int = GOAL_STEPS,
              seeds: list[Answers] | None = None) -> list[Verdict]:
        """A verdict per goal; `seeds` (the bank's own examples) join the pool, so an example that
        reaches a goal is always found as its witness."""
        pool = self.pool() + [self.build(lambda q, a: None, dict(seed)) for seed in seeds or []]
        shrink_left = SHRINK_TOTAL
        verdicts = []
        for goal in goals:
            # Among the answer sets that reach the goal, the one with the fewest ticks reads best.
            scored = sorted(((self.goal_distance(goal, a), _ticks(a), i) for i, a in enumerate(pool)))
            witness = pool[scored[0][2]] if scored and scored[0][0] == 0 else None
            reason = ""
            if witness is None and goal.kind == "band":
                reason = impossible_band(self.engine, goal)
            if witness is None and not reason:
                start = pool[scored[0][2]] if scored else self.build(self.random_choice)
                witness = self.climb(goal, start, steps_per_goal)
                if witness is not None:
                    pool.append(witness)
            if witness is None and not reason:
                reason = NOT_FOUND
            if witness is not None and shrink_left > 0:
                witness, used = self.shrink(goal, witness, min(SHRINK_STEPS, shrink_left))
                shrink_left -= used
            verdicts.append(Verdict(goal, None if witness is None else tuple(witness.items()), reason))
        return verdicts


def _ticks(answers: Answers) -> int:
    return sum(len(v) for v in answers.values() if isinstance(v, tuple))


def impossible_band(engine: Engine, goal: Goal) -> str:
    """Why no combination of item scores can land in the band, or "" if some combination can."""
    d = engine.bank.dimension_by_id[goal.dimension]
    band = next(b for b in d.bands if b.id == goal.id)
    # Exact set of reachable sums, with items allowed to be missing down to `min_answered`.
    states: set[tuple[int, int]] = {(0, 0)}  # (sum, answered)
    for qid, points in engine.dims[d.id][1]:
        q = engine.bank.by_id[qid]
        values = {points(v) for v in _domain(q, random.Random(0)) if v is not None and v != DECLINED}
        if q.kind == "multiple":
            table = {o.value: points((o.value,)) for o in q.options}
            sums = {0}
            for p in table.values():
                sums |= {s + p for s in sums}
            values = sums
        states = {(s + p, n + 1) for s, n in states for p in values} | states
    sums = {s for s, n in states if n >= d.min_answered}
    if any(band.min <= s <= band.max for s in sums):
        return ""
    return f"no combination of answers scores {band.min} to {band.max} on `{d.id}`"


def goals_for(bank: Bank) -> list[Goal]:
    """Every band, suggestion and question of the bank, each with its path in the file."""
    goals = []
    for di, d in enumerate(bank.dimensions):
        for b in d.bands:
            goals.append(Goal("band", b.id, f"band `{d.id}.{b.id}`", ("dimensions", di, "bands", b.index),
                              d.id))
    for s in bank.suggestions:
        where = "when" if s.when is not None else "id"  # a dead suggestion is its condition's fault
        goals.append(Goal("suggestion", s.id, f"suggestion `{s.id}`", ("suggestions", s.index, where)))
    for q in bank.questions:
        goals.append(Goal("question", q.id, f"question `{q.id}`", _question_path(bank, q)))
    return goals


def _question_path(bank: Bank, q: Question) -> tuple[str | int, ...]:
    """Where to look when the question is never shown: its own `show_if`, else its section's, else it."""
    for si, s in enumerate(bank.sections):
        for qi, x in enumerate(s.questions):
            if x.id == q.id:
                if x.show_if is not None:
                    return ("sections", si, "questions", qi, "show_if")
                if s.show_if is not None:
                    return ("sections", si, "show_if")
                return ("sections", si, "questions", qi, "id")
    return ()


def relevant_answers(bank: Bank, goal: Goal) -> set[str]:
    """The questions whose answers the goal depends on (its condition, or its dimension's items)."""
    from quiz.conditions.nodes import references

    nodes: list[Node | None] = []
    dims: list[str] = []
    if goal.kind == "suggestion":
        nodes.append(next(s for s in bank.suggestions if s.id == goal.id).when)
    elif goal.kind == "band":
        dims.append(goal.dimension)
    else:
        q = bank.by_id[goal.id]
        nodes += [q.show_if, bank.section_by_id[q.section].show_if]
    out: set[str] = set()
    for n in nodes:
        if n is None:
            continue
        for r in references(n):
            if r.kind == "question":
                out.add(r.name)
            else:
                dims.append(r.name)
    for d in dims:
        out.update(bank.dimension_by_id[d].items)
    return out


def check_reachability(bank: Bank, steps_per_goal: int = GOAL_STEPS,
                       seeds: list[Answers] | None = None) -> list[Verdict]:
    """A verdict for every band, suggestion and question; the same for the same bank, on any machine."""
    return Searcher(bank).solve(goals_for(bank), steps_per_goal, seeds)
