"""Reachability: a witness answer set for every band, suggestion, question and item flag, or a reason why not.

Each goal is searched for on its own slice of the bank: the questions it depends on (a band: its dimension's
items; a suggestion: what its `when` names, a flag it tests standing for the flag's question; a question:
itself; a flag: its question), closed under the `show_if` of those
questions and their sections, and under the items of every dimension named on the way. Answers outside the
slice stay unanswered and are never varied or re-scored, so the work for a goal grows with its slice, and the
work for a bank near-linearly with its size.

Before any search, a goal that cannot hold is proved so with a specific reason: a score bound past the
dimension's range, a condition whose parts about one question or one dimension contradict each other, a
question hidden whenever the rest of the condition holds, a band no combination of item scores reaches, a
flag no answer to its question raises.
The rest are found from a few starting answer sets (the bank's examples, answers pushing each score to its
extremes, random answers), then by hill-climbing on a "branch distance" (how far each part of the condition
is from holding, in score units where scores are involved).

The search is budgeted by work (answer sets tried and questions visited), never by the clock, and each
goal's random choices come from a generator seeded by the goal: the same bank gets the same verdicts on any
machine, however busy, and a goal's verdict does not depend on the goals searched before it.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from quiz.bank.facts import possible_scores
from quiz.bank.model import DECLINED, Bank, Dimension, Flag, Question, Suggestion
from quiz.conditions.compile import Predicate_, compile_node
from quiz.conditions.nodes import And, Compare, Measure, Node, Not, Or, Predicate, flag_references, references, unparse
from quiz.engine.scoring import ScoreContext, engine_for

Answers = dict[str, Any]
GoalKind = Literal["band", "suggestion", "question", "flag"]
Progress = Callable[[int, int], None]
"""Told (goals done, goals in all) after each goal: for display only, the verdicts never depend on it."""

# How many answer sets to try while climbing towards one hard goal before calling it unreachable (a goal any
# honest bank can reach is found in far fewer), and how many question visits that may cost in all, so a
# goal with a large slice tries fewer sets rather than taking longer.
GOAL_STEPS = 50_000
GOAL_WORK = 1_000_000
POOL_RANDOM = 24  # random whole answer sets every goal is tried against, beside the examples and extremes
NOT_FOUND = "no answer set found that reaches it"
# Making a found witness shorter to read is a nicety: it never tries more than this per goal, or in all.
SHRINK_STEPS = 200
SHRINK_TOTAL = 2_000
# A checklist with more options than this is not enumerated when proving a condition can never hold.
ENUMERATE_OPTIONS = 10


@dataclass(frozen=True)
class Goal:
    """Something that must be reachable: a band, a suggestion, a question or an item flag (raised)."""

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


# -- what a question can be answered, and what an item can score -------------------------------------------

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


def _every_answer(q: Question) -> list[Any] | None:
    """Every answer `q` can have, unanswered (None) included, or None when there are too many to list."""
    vals: list[Any]
    if q.kind == "multiple":
        if len(q.options) > ENUMERATE_OPTIONS:
            return None
        plain = [o.value for o in q.options if not o.exclusive]
        top = q.max_choices or len(plain)
        vals = [tuple(c) for k in range(max(1, q.min_choices), top + 1) for c in itertools.combinations(plain, k)]
        if q.min_choices <= 1:  # an exclusive option is ticked alone, which a higher minimum refuses
            vals += [(o.value,) for o in q.options if o.exclusive]
    elif q.kind == "text":
        vals = ["(text)"]
    else:
        vals = [v for v, _ in q.choices()]
    return [*vals, DECLINED, None]


def item_points(bank: Bank, dim: str) -> list[tuple[str, frozenset[int]]]:
    """Each item of a dimension with the points its possible answers give (a missing item gives none).

    This is the one place that asks the scoring engine how answers turn into points; new kinds of
    dimension (weights, means, dimensions of dimensions) change it and `reachable_scores`, nothing else.
    """
    engine = engine_for(bank)
    out = []
    for qid, points in engine.dims[dim][1]:
        q = bank.by_id[qid]
        if q.kind == "multiple":
            sums = {0}
            for o in q.options:
                sums |= {s + points((o.value,)) for s in sums}
            out.append((qid, frozenset(sums)))
        else:
            out.append((qid, frozenset(points(v) for v, _ in q.choices())))
    return out


@dataclass(frozen=True)
class ScoreSet:
    """The totals a dimension can reach, as a bit set offset by `low` (bit i is the total low + i)."""

    bits: int
    low: int

    def hits(self, lo: float, hi: float) -> bool:
        """Whether some reachable total lies in lo..hi (inclusive)."""
        first = max(0, int(-(-(lo - self.low) // 1)))
        last = int((hi - self.low) // 1)
        return last >= first and (self.bits >> first) & ((1 << (last - first + 1)) - 1) != 0

    def values(self) -> list[int]:
        """The reachable totals, lowest first."""
        return [self.low + i for i in range(self.bits.bit_length()) if self.bits >> i & 1]


def reachable_scores(points: Sequence[Collection[int]], min_answered: int) -> ScoreSet:
    """Every total the items can add up to with at least `min_answered` of them answered, exactly.

    `points[i]` is what item i can give when answered; a missing item gives 0. The sets of totals are kept
    as bit sets, one per number of items answered (counted up to `min_answered`, which is all that matters),
    so a dimension of a thousand items takes milliseconds.
    """
    offset = sum(min(0, *p) if p else 0 for p in points)
    layers: dict[int, int] = {0: 1}
    left = len(points)
    for p in points:
        left -= 1
        floor = min(0, *p) if p else 0
        shifted = [v - floor for v in p]
        new: dict[int, int] = {}
        for n, bits in layers.items():
            if n + left >= min_answered:  # leaving this item out can still meet the minimum
                new[n] = new.get(n, 0) | bits << -floor
            up = min(n + 1, min_answered)
            if up + left >= min_answered:
                acc = new.get(up, 0)
                for v in shifted:
                    acc |= bits << v
                new[up] = acc
        layers = new
    return ScoreSet(layers.get(min_answered, 0), offset)


def score_values(bank: Bank, d: Dimension) -> set[int | float] | None:
    """Every score `d` can take, exactly, or None when that is not worked out (a dimension built from
    others, a decimal `hidden` value, or more combinations than a fixed budget): then nothing is proved
    about its scores and the search decides.

    Any item may be missing (skipped, declined, hidden or after an early end): that only ever adds
    scores, so a score left out is truly out of reach. An item that `show_if` can hide may also count
    as answered with the dimension's `hidden` points."""
    if d.sources:
        return None
    items = item_points(bank, d.id)
    if d.hidden is not None:
        if not float(d.hidden).is_integer():
            return None
        weights = {qid: dict(bank.by_id[qid].weights).get(d.id, 1) for qid, _p in items}
        items = [(qid, p | {int(d.hidden) * weights[qid]}) if _can_hide(bank, qid) else (qid, p)
                 for qid, p in items]
    points = [p for _q, p in items]
    if d.score_kind == "sum" and d.whole and d.min_answered >= len(points):
        return set(reachable_scores(points, len(points)).values())  # every item answered: no prorating
    return possible_scores([set(p) for p in points], d.min_answered, mean=d.score_kind == "mean",
                           whole=d.whole)


def _can_hide(bank: Bank, qid: str) -> bool:
    q = bank.by_id[qid]
    return q.show_if is not None or bank.section_by_id[q.section].show_if is not None


def impossible_band(bank: Bank, goal: Goal) -> str:
    """Why no combination of answers can land in the band, or "" if some can (or it is not proved)."""
    d = bank.dimension_by_id[goal.dimension]
    band = next(b for b in d.bands if b.id == goal.id)
    scores = score_values(bank, d)
    if scores is None or any(band.min <= v <= band.max for v in scores):
        return ""
    return f"no combination of answers scores {band.min} to {band.max} on `{d.id}`"


# -- slices: what a goal depends on ---------------------------------------------------------------------------

def subjects(bank: Bank, node: Node) -> list[tuple[str, str]]:
    """("question" or "dimension", id) for every name in the condition, in source order; `flagged(f)` names
    the flag's question, whose answer alone raises it."""
    refs = sorted([*references(node), *flag_references(node)], key=lambda r: r.offset)
    return [("question", bank.flag_by_id[r.name].question) if r.kind == "flag" else (r.kind, r.name)
            for r in refs]


def goal_slice(bank: Bank, goal: Goal) -> list[Question]:
    """The questions a goal depends on, in bank order: named by its condition or its dimension, closed under
    the `show_if` of each and of its section, and under the items of every dimension named on the way."""
    qids: set[str] = set()
    dims: set[str] = set()
    todo_q: list[str] = []
    todo_n: list[Node | None] = []
    if goal.kind == "band":
        dims.add(goal.dimension)
        todo_q.extend(bank.dimension_by_id[goal.dimension].items)
    elif goal.kind == "suggestion":
        todo_n.append(shown_condition(bank, goal.id))
    elif goal.kind == "flag":
        todo_q.append(bank.flag_by_id[goal.id].question)
    else:
        todo_q.append(goal.id)
    while todo_q or todo_n:
        while todo_n:
            node = todo_n.pop()
            if node is None:
                continue
            for kind, name in subjects(bank, node):
                if kind == "question":
                    todo_q.append(name)
                elif name not in dims:
                    dims.add(name)
                    todo_q.extend(bank.dimension_by_id[name].items)
        while todo_q:
            qid = todo_q.pop()
            if qid in qids:
                continue
            qids.add(qid)
            q = bank.by_id[qid]
            todo_n += [q.show_if, bank.section_by_id[q.section].show_if]
    return sorted((bank.by_id[q] for q in qids), key=lambda q: q.index)


def relevant_answers(bank: Bank, goal: Goal) -> set[str]:
    """The questions whose answers the goal reads directly (its condition, its dimension's items, or a
    flag's question)."""
    nodes: list[Node | None] = []
    dims: list[str] = []
    out: set[str] = set()
    if goal.kind == "suggestion":
        nodes.append(shown_condition(bank, goal.id))
    elif goal.kind == "band":
        dims.append(goal.dimension)
    elif goal.kind == "flag":
        out.add(bank.flag_by_id[goal.id].question)
    else:
        q = bank.by_id[goal.id]
        nodes += [q.show_if, bank.section_by_id[q.section].show_if]
    for n in nodes:
        for kind, name in subjects(bank, n) if n is not None else ():
            if kind == "question":
                out.add(name)
            else:
                dims.append(name)
    for d in dims:
        out.update(bank.dimension_by_id[d].items)
    return out


def _suggestion(bank: Bank, sid: str) -> Suggestion:
    return next(s for s in bank.suggestions if s.id == sid)


def _own_condition(s: Suggestion) -> Node | None:
    parts = [n for n in (s.gate, s.when) if n is not None]
    return None if not parts else parts[0] if len(parts) == 1 else And(tuple(parts))


def shown_condition(bank: Bank, sid: str) -> Node | None:
    """When a suggestion is shown: its `gate` and its `when` hold, and none of the suggestions in its
    `withheld_by` is shown (a withholding suggestion withholds nothing itself, so one level is enough).
    A withholder shown to everyone is left out here: `always_withheld` names it."""
    s = _suggestion(bank, sid)
    parts = [n for n in (s.gate, s.when) if n is not None]
    others = [c for w in s.withheld_by if (c := _own_condition(_suggestion(bank, w))) is not None]
    if others:
        parts.append(Not(others[0] if len(others) == 1 else Or(tuple(others))))
    return None if not parts else parts[0] if len(parts) == 1 else And(tuple(parts))


def always_withheld(bank: Bank, sid: str) -> str:
    """The id of a suggestion shown to everyone that withholds this one, or ""."""
    return next((w for w in _suggestion(bank, sid).withheld_by
                 if _own_condition(_suggestion(bank, w)) is None), "")


class _Context(ScoreContext):
    """The scoring engine's context for the answers of one slice, counting each score it reads as work."""

    __slots__ = ("_search",)

    def __init__(self, search: Searcher) -> None:
        super().__init__(search.engine)
        self._search = search

    def result(self, dim: str) -> tuple[Any, int, int | None]:
        self._search.work += 1
        return super().result(dim)


Row = tuple[Question, Predicate_ | None, Predicate_ | None, bool]
"""A slice question, its section's compiled `show_if` (only on the section's first question in the slice),
its own, and whether it opens a new section of the slice."""

Policy = Callable[[Question], Any]


class Searcher:
    """Finds witness answer sets for goals on one bank. `work` counts questions visited and items summed,
    `evaluations` the goals judged against an answer set: measures of effort that never read a clock."""

    def __init__(self, bank: Bank, seed: int = 0) -> None:
        self.bank = bank
        self.seed = seed
        self.engine = engine_for(bank)
        self.work = 0
        self.evaluations = 0
        self.rng = random.Random(seed)
        self._band_ids = {d.id: [b.id for b in d.bands] for d in bank.dimensions}
        self._statements = {q.id: bool(q.answer) for q in bank.questions if q.kind == "statement"}
        self._compiled: dict[int, Predicate_] = {}
        self._scores: dict[str, list[int | float] | None] = {}
        self._when = {sg.id: shown_condition(bank, sg.id) for sg in bank.suggestions}
        self._withheld = {sg.id for sg in bank.suggestions if always_withheld(bank, sg.id)}
        self._ends = {q.id: {o.value for o in q.options if o.end} for q in bank.questions
                      if any(o.end for o in q.options)}

    # -- evaluating a slice ------------------------------------------------------------------------------------
    def compiled(self, node: Node) -> Predicate_:
        """A condition or part of one, compiled once per search."""
        fn = self._compiled.get(id(node))
        if fn is None:
            fn = compile_node(node, self._band_ids, self._statements)
            self._compiled[id(node)] = fn
        return fn

    def holds(self, node: Node, ctx: Any) -> bool:
        return self.compiled(node)(ctx)

    def rows(self, questions: Sequence[Question]) -> list[Row]:
        rows: list[Row] = []
        section = None
        for q in questions:
            opens = q.section != section
            section = q.section
            sec_if = self.bank.section_by_id[q.section].show_if
            rows.append((q, self.compiled(sec_if) if opens and sec_if is not None else None,
                         self.compiled(q.show_if) if q.show_if is not None else None, opens))
        return rows

    def walk(self, rows: list[Row], base: Answers, choose: Policy | None = None) -> tuple[Answers, _Context]:
        """Walk the slice in order: each visible question keeps its answer in `base` (None: unanswered) or,
        when `base` has none and `choose` is given, gets one from it. Returns the answers given and the
        context the goal is judged in; questions outside the slice stay unanswered."""
        ctx = _Context(self)
        given: Answers = {}
        hidden_section = False
        ends = self._ends
        for q, sec_if, q_if, opens in rows:
            self.work += 1
            if opens:
                hidden_section = sec_if is not None and not sec_if(ctx)
            if hidden_section or (q_if is not None and not q_if(ctx)):
                ctx.hidden.add(q.id)
                continue
            ctx.visible.add(q.id)
            a = base[q.id] if q.id in base else (choose(q) if choose is not None else None)
            if a is None:
                continue
            given[q.id] = a
            ctx.add(q.id, a)
            if q.id in ends and a in ends[q.id]:
                break  # an ending answer: nothing after it is shown
        return given, ctx

    # -- distances ---------------------------------------------------------------------------------------------
    def distance(self, node: Node, ctx: _Context) -> float:
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
                return 1.0 + float(abs(score - float(node.value)) / max(1, d.high - d.low))
            return 1.0 + float(min(abs(score - b.min) + abs(score - b.max) for b in d.bands) / max(1, d.high - d.low))
        if isinstance(node, Compare) and node.op in ("<", "<=", ">", ">="):
            a = ctx.answers.get(node.subject.name)
            if isinstance(a, int) and isinstance(node.value, (int, float)):
                return 1.0 + abs(a - float(node.value)) / 10
        if isinstance(node, Predicate) and node.func == "flagged":
            return self.flag_distance(self.bank.flag_by_id[node.subject.name], ctx)
        return 1.5

    def flag_distance(self, flag: Flag, ctx: _Context) -> float:
        """0 when the flag is raised; below 2 when its question is shown (closer as a scale answer nears
        `at_least`); else 2 plus how far the question is from being shown."""
        if ctx.flagged(flag.id):
            return 0.0
        q = self.bank.by_id[flag.question]
        if q.id not in ctx.visible:
            return 2.0 + self.shown_distance(q, ctx)
        a = ctx.answers.get(q.id)
        if flag.at_least is not None and isinstance(a, int) and not isinstance(a, bool):
            vals = [v for v, _ in q.choices() if isinstance(v, int)]
            span = max(vals) - min(vals) if vals else 0
            return 1.0 + min(0.9, (flag.at_least - a) / max(1, span))
        return 1.5

    def shown_distance(self, q: Question, ctx: _Context) -> float:
        """0 when `q` is shown; otherwise how far its section's and its own `show_if` are from holding."""
        if q.id in ctx.visible:
            return 0.0
        dist = 0.0
        sec = self.bank.section_by_id[q.section]
        if sec.show_if is not None:
            dist += self.distance(sec.show_if, ctx)
        if q.show_if is not None:
            dist += self.distance(q.show_if, ctx)
        return max(dist, 0.5)

    def goal_distance(self, goal: Goal, ctx: _Context) -> float:
        self.evaluations += 1
        if goal.kind == "suggestion":
            if goal.id in self._withheld:
                return 3.0  # a suggestion shown to everyone withholds it: never reached
            when = self._when[goal.id]
            return 0.0 if when is None else self.distance(when, ctx)
        if goal.kind == "band":
            d = self.bank.dimension_by_id[goal.dimension]
            band = next(b for b in d.bands if b.id == goal.id)
            score, answered, _ = ctx.result(d.id)
            if score is None:
                return 2.0 + d.min_answered - answered
            gap = 0 if band.min <= score <= band.max else min(abs(score - band.min), abs(score - band.max))
            return 0.0 if gap == 0 else 1.0 + gap / max(1, d.high - d.low)
        if goal.kind == "flag":
            return self.flag_distance(self.bank.flag_by_id[goal.id], ctx)
        return self.shown_distance(self.bank.by_id[goal.id], ctx)

    # -- search ------------------------------------------------------------------------------------------------
    def random_policy(self, rng: random.Random) -> Policy:
        return lambda q: rng.choice(_domain(q, rng))

    def extreme(self, dim: str, sign: int, rng: random.Random) -> Policy:
        """A policy that pushes one dimension as high (sign 1) or low (-1) as it can."""
        points = dict(self.engine.dims[dim][1])

        def choose(q: Question) -> Any:
            if q.id not in points:
                return rng.choice(_domain(q, rng))
            best, best_v = None, None
            for v in _domain(q, rng):
                p = 0 if v is None or v == DECLINED else points[q.id](v)
                if best is None or sign * p > sign * best:
                    best, best_v = p, v
            return best_v

        return choose

    def pool(self, seeds: Sequence[Answers]) -> list[tuple[Answers, _Context]]:
        """Whole answer sets every goal is first tried against, each walked once: the examples, answers
        pushing each dimension to either end, first and last answers, then random ones. Each is a set a
        person could give; a goal it reaches has it as its witness, with no search at all."""
        rows = self.rows(self.bank.questions)
        rng = random.Random(f"{self.seed}:pool")
        pool = [self.walk(rows, dict(seed)) for seed in seeds]
        for d in self.bank.dimensions:
            for sign in (1, -1):
                pool.append(self.walk(rows, {}, self.extreme(d.id, sign, rng)))
        pool.append(self.walk(rows, {}, lambda q: _domain(q, rng)[0]))
        pool.append(self.walk(rows, {}, lambda q: [v for v in _domain(q, rng) if v is not None][-1]))
        for _ in range(POOL_RANDOM):
            pool.append(self.walk(rows, {}, self.random_policy(rng)))
        return pool

    def climb(self, goal: Goal, rows: list[Row], start: Answers, best: float, rng: random.Random,
              steps: int, work: int) -> Answers | None:
        """Hill-climb from `start` towards the goal, trying at most `steps` answer sets and visiting at
        most `work` questions: each step changes one visible answer and fills newly shown questions."""
        current = start
        limit = self.work + work
        policy = self.random_policy(rng)
        while steps > 0 and self.work < limit:
            if best == 0:
                return current
            _given, ctx = self.walk(rows, current)
            moves = [(q, v) for q, *_ in rows if q.id in ctx.visible
                     for v in _domain(q, rng) if current.get(q.id) != v]
            rng.shuffle(moves)
            improved = False
            for q, v in moves:
                if steps <= 0 or self.work >= limit:
                    break
                steps -= 1
                base = {k: val for k, val in current.items() if k != q.id}
                base[q.id] = v
                cand, cctx = self.walk(rows, base, policy)
                dist = self.goal_distance(goal, cctx)
                if dist < best:
                    current, best, improved = cand, dist, True
                    break
            if not improved:
                current, ctx = self.walk(rows, {}, policy)  # restart
                best = self.goal_distance(goal, ctx)
                steps -= 1
        return current if best == 0 else None

    def _ticked(self, goal: Goal, answers: Answers) -> bool:
        """Whether a suggestion's condition names a checklist the witness ticks more than once in."""
        when = self._when.get(goal.id) if goal.kind == "suggestion" else None
        return when is not None and any(isinstance(answers.get(name), tuple) and len(answers[name]) > 1
                                        for _kind, name in subjects(self.bank, when))

    def cut(self, goal: Goal, rows: list[Row], answers: Answers) -> Answers:
        """The witness cut to the goal's slice, the rest left unanswered, when that still reaches the goal
        (it does unless an ending answer outside the slice mattered); else the whole set."""
        inside = {q.id: answers[q.id] for q, *_ in rows if q.id in answers}
        if len(inside) == len(answers):
            return answers
        _given, ctx = self.walk(rows, inside)
        return inside if self.goal_distance(goal, ctx) == 0 else answers

    def shrink(self, goal: Goal, rows: list[Row], answers: Answers, steps: int) -> tuple[Answers, int]:
        """A witness easier to read: each checklist a suggestion's condition names cut to the options it needs,
        trying at most `steps` answer sets; returns it and the steps used."""
        if goal.kind != "suggestion" or self._when[goal.id] is None:
            return answers, 0  # question witnesses are counted, not printed; a band needs its ticks
        used = 0
        # Only checklists the condition names itself: cutting a dimension's item changes its score.
        when = self._when[goal.id]
        relevant = {name for kind, name in subjects(self.bank, when) if kind == "question"} if when else set()
        current = answers
        first: Policy = lambda q: _domain(q, self.rng)[0]  # noqa: E731
        ticked = [q for q, *_ in rows if q.id in relevant and isinstance(answers.get(q.id), tuple)]
        for qid in [q.id for q in ticked if len(answers[q.id]) > 1]:
            q = self.bank.by_id[qid]
            for item in list(current.get(qid, ())):
                keep = current.get(qid, ())
                if not isinstance(keep, tuple) or len(keep) <= max(1, q.min_choices) or used >= steps:
                    break
                base = dict(current)
                base[qid] = tuple(x for x in keep if x != item)
                cand, ctx = self.walk(rows, base, first)
                used += 1
                if self.goal_distance(goal, ctx) == 0:
                    current = cand
        return current, used

    def solve_one(self, goal: Goal, pool: Sequence[tuple[Answers, _Context]],
                  steps: int) -> tuple[Answers | None, str]:
        """A witness for one goal, or None and the reason: the pool first, then a proof that it can never
        hold, then a climb on the goal's slice from the pool's nearest answer set."""
        best: tuple[float, int, Answers] | None = None
        for answers, ctx in pool:
            dist = self.goal_distance(goal, ctx)
            if dist == 0:
                return answers, ""
            if best is None or dist < best[0]:
                best = (dist, 0, answers)
        reason = self.never(goal)
        if reason:
            return None, reason
        rows = self.rows(goal_slice(self.bank, goal))
        rng = random.Random(f"{self.seed}:{goal.kind}:{goal.dimension}:{goal.id}")
        near = {} if best is None else {q.id: best[2].get(q.id) for q, *_ in rows}
        start, ctx = self.walk(rows, near, self.random_policy(rng))
        found = self.climb(goal, rows, start, self.goal_distance(goal, ctx), rng, steps, GOAL_WORK)
        return found, "" if found is not None else NOT_FOUND

    def solve(self, goals: list[Goal], steps_per_goal: int = GOAL_STEPS, seeds: list[Answers] | None = None,
              progress: Progress | None = None) -> list[Verdict]:
        """A verdict per goal; `seeds` (the bank's own examples) are tried first, so an example that reaches
        a goal is always found as its witness."""
        pool = self.pool(seeds or [])
        frozen: dict[int, tuple[tuple[str, Any], ...]] = {}
        shrink_left = SHRINK_TOTAL
        verdicts = []
        for i, goal in enumerate(goals):
            witness, reason = self.solve_one(goal, pool, steps_per_goal)
            if witness is not None and shrink_left > 0 and self._ticked(goal, witness):
                rows = self.rows(goal_slice(self.bank, goal))
                witness, used = self.shrink(goal, rows, self.cut(goal, rows, witness),
                                            min(SHRINK_STEPS, shrink_left))
                shrink_left -= used
            # A pool set reaching many goals is one tuple shared by their verdicts, made once.
            # (keyed by identity: the pool keeps its sets alive for the whole search).
            shared = None if witness is None else frozen.get(id(witness))
            if witness is not None and shared is None:
                shared = tuple(witness.items())
                if any(witness is a for a, _ctx in pool):
                    frozen[id(witness)] = shared
            verdicts.append(Verdict(goal, shared, reason))
            if progress is not None:
                progress(i + 1, len(goals))
        return verdicts

    # -- proofs that a goal can never hold ---------------------------------------------------------------------
    def never(self, goal: Goal) -> str:
        """A specific reason the goal can never hold, or "" when none is proved (the search decides)."""
        if goal.kind == "band":
            return impossible_band(self.bank, goal)
        if goal.kind == "suggestion":
            by = always_withheld(self.bank, goal.id)
            if by:
                return f"it is withheld by `{by}`, which is shown to everyone"
            when = self._when[goal.id]
            return "" if when is None else self.never_holds(when)
        if goal.kind == "flag":
            return self.never_raised(self.bank.flag_by_id[goal.id])
        return self.never_shown(self.bank.by_id[goal.id])

    def never_raised(self, flag: Flag) -> str:
        """Why no answer a person can give raises the flag, or "" when none is proved."""
        q = self.bank.by_id[flag.question]
        why = unraisable(q, flag)
        if why:
            return why
        hidden = self.never_shown(q)
        return f"`{q.id}`, whose answer raises it, is never shown: {hidden}" if hidden else ""

    def never_shown(self, q: Question) -> str:
        """Why `q` is never shown, or "" when none is proved."""
        conds = [n for n in (self.bank.section_by_id[q.section].show_if, q.show_if) if n is not None]
        if not conds:
            return ""
        node = conds[0] if len(conds) == 1 else And(tuple(conds))
        return self.never_holds(node)

    def never_holds(self, node: Node) -> str:
        """Why a condition can never hold, or "": it is read as a conjunction; its parts about one question
        or one dimension are tried against every answer or score that question or dimension can have, with
        the `show_if` of every question it needs answered added as further parts."""
        parts = list(_conjuncts(node))
        for part in parts:
            if isinstance(part, Or):
                reasons = [self.never_holds(n) for n in part.items]
                if all(reasons):
                    return reasons[0]
        # The questions the condition needs answered are shown, so their `show_if` holds too.
        extra: list[tuple[Node, str]] = []
        seen: set[str] = set()
        todo = list(parts)
        while todo:
            p = todo.pop()
            subject = self.single_subject(p)
            if subject is None or subject[0] != "question" or subject[1] in seen:
                continue
            q = self.bank.by_id[subject[1]]
            if self._holds_alone(p, q):
                continue  # it can hold with the question unanswered, hidden or not
            seen.add(q.id)
            for cond in (q.show_if, self.bank.section_by_id[q.section].show_if):
                if cond is not None:
                    for c in _conjuncts(cond):
                        extra.append((c, q.id))
                        todo.append(c)
        groups: dict[tuple[str, str], list[tuple[Node, str]]] = {}
        for p, why in [(p, "") for p in parts] + extra:
            subject = self.single_subject(p)
            if subject is not None:
                groups.setdefault(subject, []).append((p, why))
        for (kind, name), members in groups.items():
            nodes = [m for m, _ in members]
            if kind == "question":
                q = self.bank.by_id[name]
                answers = _every_answer(q)
                if answers is None or any(self._holds_all(nodes, q, a) for a in answers):
                    continue
            else:
                d = self.bank.dimension_by_id[name]
                values = self.scores(d)
                if values is None or any(self._score_holds_all(nodes, d, s) for s in [None, *values]):
                    continue
            return self._contradiction(kind, name, members)
        return ""

    def single_subject(self, node: Node) -> tuple[str, str] | None:
        """("question" or "dimension", its id) when every name in the condition is that one (`flagged(f)`
        being about f's question), else None."""
        names = set(subjects(self.bank, node))
        if len(names) != 1:
            return None
        kind, name = names.pop()
        if kind == "dimension" and not all(isinstance(n, Measure) for n in _atoms(node)):
            return None
        return kind, name

    def _holds_alone(self, node: Node, q: Question) -> bool:
        """Whether `node` (about `q` alone) can hold with `q` unanswered."""
        return self._holds_all([node], q, None)

    def _holds_all(self, nodes: Iterable[Node], q: Question, answer: Any) -> bool:
        """Whether every node holds with `q` given `answer`; unanswered (None) may be shown or hidden."""
        for shown in ((True, False) if answer is None else (True,)):
            ctx = _Context(self)
            if shown:
                ctx.visible.add(q.id)
            if answer is not None:
                ctx.answers[q.id] = answer
            if all(self.holds(n, ctx) for n in nodes):
                return True
        return False

    def scores(self, d: Dimension) -> list[int | float] | None:
        """The scores `d` can take, lowest first, worked out once per search (None: not worked out)."""
        if d.id not in self._scores:
            found = score_values(self.bank, d)
            self._scores[d.id] = None if found is None else sorted(found)
        return self._scores[d.id]

    def _score_holds_all(self, nodes: Iterable[Node], d: Dimension, score: int | float | None) -> bool:
        ctx = _FixedScore(d.id, score, None if score is None else d.band_index(score))
        return all(self.holds(n, ctx) for n in nodes)

    def _contradiction(self, kind: str, name: str, members: list[tuple[Node, str]]) -> str:
        texts = [f"`{unparse(n)}`" for n, _ in members]
        hidden = sorted({why for _n, why in members if why})
        if kind == "dimension":
            d = self.bank.dimension_by_id[name]
            if len(members) == 1:
                node = members[0][0]
                if isinstance(node, Measure) and node.func == "score" and node.op in (">", ">="):
                    return f"{texts[0]} but its highest score is {d.high}"
                if isinstance(node, Measure) and node.func == "score" and node.op in ("<", "<="):
                    return f"{texts[0]} but its lowest score is {d.low}"
                return f"{texts[0]} holds for no score `{name}` can reach (it runs from {d.low} to {d.high})"
            return (f"{' and '.join(texts)} cannot all hold: no score `{name}` can reach satisfies them "
                    f"(it runs from {d.low} to {d.high})")
        if hidden:
            own = [t for t, (_n, why) in zip(texts, members, strict=True) if not why]
            shown_if = [t for t, (_n, why) in zip(texts, members, strict=True) if why]
            needs = " and ".join(f"`{h}`" for h in hidden)
            rest = f", and it asks {' and '.join(own)}" if own else ""
            return (f"{needs} is hidden whenever the rest holds: it needs an answer to {needs}, which is shown "
                    f"only if {' and '.join(shown_if)}{rest}")
        if len(members) == 1:
            return f"no answer to `{name}` makes {texts[0]} hold"
        return f"{' and '.join(texts)} contradict each other: no answer to `{name}` makes them all hold"


class _FixedScore:
    """A context in which one dimension has a given score and band, and nothing is answered."""

    __slots__ = ("answers", "visible", "_dim", "_score", "_band")

    def __init__(self, dim: str, score: int | float | None, band: int | None) -> None:
        self.answers: dict[str, Any] = {}
        self.visible: set[str] = set()
        self._dim, self._score, self._band = dim, score, band

    def score(self, dim: str) -> int | float | None:
        return self._score if dim == self._dim else None

    def band_index(self, dim: str) -> int | None:
        return self._band if dim == self._dim else None

    def flagged(self, flag: str) -> bool:
        return False  # nothing is answered, so no item raises its flag


def _conjuncts(node: Node) -> Iterator[Node]:
    if isinstance(node, And):
        for n in node.items:
            yield from _conjuncts(n)
    else:
        yield node


def unraisable(q: Question, flag: Flag) -> str:
    """Why no answer to its question raises the flag, or "" when some answer does."""
    if flag.at_least is not None:
        vals = [v for v, _ in q.choices() if isinstance(v, int) and not isinstance(v, bool)]
        if any(v >= flag.at_least for v in vals):
            return ""
        top = f" (its highest value is {max(vals)})" if vals else ""
        return f"no point of `{q.id}`'s scale reaches `at_least: {flag.at_least}`{top}"
    named = [o for o in q.options if o.value in flag.options]
    if q.kind == "multiple":
        plain = [o for o in q.options if not o.exclusive]
        # A plain option can be ticked when enough plain options exist to meet the minimum alongside it.
        if any(o.exclusive and q.min_choices <= 1 or not o.exclusive and len(plain) >= q.min_choices
               for o in named):
            return ""
        if named and all(o.exclusive for o in named):
            ticks = " and ".join(f"`{o.value}`" for o in named)
            return (f"{ticks} can only be ticked alone, and `{q.id}` needs at least {q.min_choices} "
                    "choices")
    elif named:
        return ""
    listed = ", ".join(f"`{v}`" for v in flag.options)
    return f"no answer to `{q.id}` picks {listed}"


def _atoms(node: Node) -> Iterator[Node]:
    if isinstance(node, (And, Or)):
        for n in node.items:
            yield from _atoms(n)
    elif isinstance(node, Not):
        yield from _atoms(node.item)
    else:
        yield node


def _ticks(answers: Answers) -> int:
    return sum(len(v) for v in answers.values() if isinstance(v, tuple))


def goals_for(bank: Bank) -> list[Goal]:
    """Every band, suggestion, question and item flag of the bank, each with its path in the file."""
    goals = []
    for di, d in enumerate(bank.dimensions):
        for b in d.bands:
            goals.append(Goal("band", b.id, f"band `{d.id}.{b.id}`", ("dimensions", di, "bands", b.index),
                              d.id))
    for s in bank.suggestions:
        where = "when" if s.when is not None else "id"  # a dead suggestion is its condition's fault
        goals.append(Goal("suggestion", s.id, f"suggestion `{s.id}`", ("suggestions", s.index, where)))
    flags = []
    for si, sec in enumerate(bank.sections):
        for qi, q in enumerate(sec.questions):
            # Where to look when a question is never shown: its own `show_if`, else its section's, else it.
            if q.show_if is not None:
                path: tuple[str | int, ...] = ("sections", si, "questions", qi, "show_if")
            elif sec.show_if is not None:
                path = ("sections", si, "show_if")
            else:
                path = ("sections", si, "questions", qi, "id")
            goals.append(Goal("question", q.id, f"question `{q.id}`", path))
            if q.flag is not None:  # a flag that is never raised is its own definition's fault
                flags.append(Goal("flag", q.flag.id, f"flag `{q.flag.id}`", ("sections", si, "questions", qi,
                                                                               "flag"), q.flag.dimension))
    return goals + flags


def check_reachability(bank: Bank, steps_per_goal: int = GOAL_STEPS, seeds: list[Answers] | None = None,
                       progress: Progress | None = None) -> list[Verdict]:
    """A verdict for every band, suggestion, question and flag; the same for the same bank, on any machine."""
    return Searcher(bank).solve(goals_for(bank), steps_per_goal, seeds, progress)
