"""What the checks learn about a raw bank: indexes, per-question contributions and score ranges."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeGuard

from quiz.bank.loader import Path_
from quiz.conditions import Node


def dicts(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mapping items of a list with their indexes, skipping anything else."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def text_or_none(value: Any) -> str | None:
    """`value` when it is text, else None (the raw bank may hold anything where text belongs)."""
    return value if isinstance(value, str) else None


@dataclass
class QInfo:
    """What the checks need to know about one question."""

    path: Path_
    data: dict[str, Any]
    order: int
    section: int

    @property
    def kind(self) -> str:
        return str(self.data.get("kind", ""))

    def option_values(self) -> list[str]:
        return [o["value"] for _, o in dicts(self.data.get("options")) if isinstance(o.get("value"), str)]

    @property
    def unknown_set(self) -> bool:
        """Whether `options` still names a set: one the bank does not have (reported where it is named),
        so its values are unknown and nothing is checked against them."""
        return isinstance(self.data.get("options"), str)


@dataclass
class Facts:
    """Indexes of the raw bank, computed once and shared by the checks and the builder."""

    questions: dict[str, QInfo] = field(default_factory=dict)
    section_first: dict[int, int] = field(default_factory=dict)
    dims: dict[str, tuple[Path_, dict[str, Any]]] = field(default_factory=dict)
    scales: dict[str, dict[str, Any]] = field(default_factory=dict)
    conditions: dict[Path_, Node] = field(default_factory=dict)
    ranges: dict[str, tuple[int | float, int | float]] = field(default_factory=dict)
    items: dict[str, list[str]] = field(default_factory=dict)
    section_show_if: set[int] = field(default_factory=set)
    """The sections (by index) with a `show_if`."""
    flags: dict[str, tuple[Path_, str]] = field(default_factory=dict)
    """Each item flag's id: where it is defined and its question's id."""

    def dimension_items(self, dim: str) -> list[str]:
        """The questions that add to `dim`, in bank order (worked out once, then kept in `items`)."""
        if dim not in self.items:
            self.items[dim] = [qid for qid, q in self.questions.items() if contribution(self, q, dim) is not None]
        return self.items[dim]

    def sources(self, dim: str) -> list[str]:
        """The dimensions a `from:` dimension is built from (none for a dimension of items)."""
        entry = self.dims.get(dim)
        raw = entry[1].get("from") if entry else None
        return [x for x in raw if isinstance(x, str)] if isinstance(raw, list) else []

    def feeding_items(self, dim: str) -> list[str]:
        """The questions a dimension's score depends on: its items, or its sources' items (cycles cut)."""
        out: list[str] = []
        seen: set[str] = set()
        stack = [dim]
        while stack:
            d = stack.pop()
            if d in seen:
                continue
            seen.add(d)
            if self.sources(d):
                stack.extend(self.sources(d))
            else:
                out.extend(q for q in self.dimension_items(d) if q not in out)
        return sorted(out, key=lambda q: self.questions[q].order)

    def can_hide(self, qid: str) -> bool:
        """Whether `show_if` (the question's own or its section's) can hide the question."""
        q = self.questions[qid]
        return isinstance(q.data.get("show_if"), str) or q.section in self.section_show_if


def scale_values(facts: Facts, q: QInfo) -> list[int]:
    """The whole-number points of the scale a raw scale question names (none if it names no scale)."""
    scale = facts.scales.get(str(q.data.get("scale")), {})
    return [p["value"] for _, p in dicts(scale.get("options"))
            if isinstance(p.get("value"), int) and not isinstance(p.get("value"), bool)]


def is_int(value: Any) -> TypeGuard[int]:
    """A whole number that is not true/false."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> TypeGuard[int | float]:
    """A number (whole or decimal) that is not true/false, and finite (YAML's `.inf` and `.nan` are not
    numbers a score can be)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def item_weights(q: QInfo) -> dict[str, int]:
    """The dimensions a scale or statement item feeds, each with its weight (`dimension: id` is weight 1)."""
    d = q.data.get("dimension")
    if isinstance(d, str):
        return {d: 1}
    if isinstance(d, dict):
        return {k: v for k, v in d.items() if isinstance(k, str) and is_int(v)}
    return {}


def point_values(facts: Facts, q: QInfo, dim: str, limit: int = 4096) -> set[int]:
    """Every number of points one answer to `q` can add to `dim` (empty when it adds nothing).

    A checklist's are the sums of its ticked options' points, capped at `limit` distinct sums.
    """
    kind = q.kind
    if kind in ("scale", "statement"):
        w = item_weights(q).get(dim)
        if w is None:
            return set()
        base = set(scale_values(facts, q)) if kind == "scale" else {0, 1}
        return {v * w for v in base}
    if kind not in ("single", "multiple"):
        return set()
    pts = option_points(q, dim)
    if pts is None:
        return set()
    if kind == "single":
        return set(pts)
    sums = {0}
    for p in pts:
        sums |= {x + p for x in sums}
        if len(sums) > limit:
            break
    return sums


def option_points(q: QInfo, dim: str) -> list[int] | None:
    """The points each option of a choice question adds to `dim` (0 where it names none), or None when
    no option scores on it."""
    pts: list[int] = []
    touched = False
    for _, o in dicts(q.data.get("options")):
        sc = o.get("scores")
        v = sc.get(dim) if isinstance(sc, dict) else None
        touched = touched or is_int(v)
        pts.append(v if is_int(v) else 0)
    return pts if touched else None


def contribution(facts: Facts, q: QInfo, dim: str) -> tuple[int, int] | None:
    """The lowest and highest points one question can add to a dimension, or None if none."""
    kind = q.kind
    if kind in ("scale", "statement"):
        vals = point_values(facts, q, dim)
        return (min(vals), max(vals)) if vals else None
    if kind in ("single", "multiple"):
        scores = option_points(q, dim)
        if scores is None:
            return None
        if kind == "single":
            return (min(scores), max(scores))
        return (sum(s for s in scores if s < 0), sum(s for s in scores if s > 0))
    return None


class Rule:
    """A dimension's scoring rule read from its raw mapping, with the defaults filled in."""

    def __init__(self, d: dict[str, Any], n_items: int) -> None:
        self.mean = d.get("score") == "mean"
        rnd = d.get("round")
        self.rounding: Literal["half-up", "none"] = (
            "half-up" if rnd == "half-up" else "none" if rnd == "none" or self.mean else "half-up")
        self.whole = self.rounding == "half-up"
        need = d.get("min_answered")
        self.explicit = is_int(need) and need >= 1
        self.min_answered: int = min(need, max(1, n_items)) if is_int(need) and need >= 1 else max(1, n_items)
        hidden = d.get("hidden")
        self.hidden: int | float | None = hidden if is_number(hidden) else None


def half_up(value: Fraction) -> int:
    """`value` rounded to a whole number, x.5 away from zero's left: up (never half-to-even)."""
    return math.floor(value + Fraction(1, 2))


def settle(value: Fraction, whole: bool) -> int | float:
    """A computed score as the model keeps it: a whole number rounded half up, or a decimal rounded
    half up to two places (`round: none` keeps decimals, to two places so bands can meet exactly)."""
    if whole:
        return half_up(value)
    cents = half_up(value * 100)
    return cents // 100 if cents % 100 == 0 else float(Decimal(cents) / 100)


def reachable_range(parts: list[tuple[int | float, int | float]], min_answered: int, *, mean: bool = False,
                    whole: bool = True) -> tuple[int | float, int | float]:
    """Exact score range when at least `min_answered` of the items are answered.

    A partial score is prorated (the answered items' mean times the item count; a mean dimension is
    the answered items' mean), so a missing item never adds 0: with items of equal range, the range is
    the complete-answer range whatever `min_answered`. The extremes take the `min_answered` items with
    the lowest lows (or highest highs): answering more items can only pull a mean towards the middle.
    """
    n = len(parts)
    if n == 0:
        return 0, 0
    m = max(1, min(min_answered, n))
    lows = sorted(p[0] for p in parts)[:m]
    highs = sorted((p[1] for p in parts), reverse=True)[:m]
    scale = 1 if mean else n
    def exact(xs: list[int | float]) -> Fraction:
        return sum((Fraction(str(x)) for x in xs), Fraction(0)) * scale / m  # str: a decimal `hidden` exactly

    return settle(exact(lows), whole), settle(exact(highs), whole)


def possible_scores(values: list[set[int]], min_answered: int, *, mean: bool, whole: bool,
                    budget: int = 2_000_000) -> set[int | float] | None:
    """Every score a dimension can take: each answered count k from `min_answered` up and each sum s of
    k items' points, prorated and settled. None when working it out would pass `budget` steps."""
    n = len(values)
    by_count: list[set[int]] = [{0}] + [set() for _ in values]
    steps = 0
    for i, vals in enumerate(values):
        for k in range(i, -1, -1):
            if not by_count[k]:
                continue
            steps += len(by_count[k]) * len(vals)
            if steps > budget:
                return None
            by_count[k + 1] |= {s + v for s in by_count[k] for v in vals}
    out: set[int | float] = set()
    for k in range(max(1, min_answered), n + 1):
        for s in by_count[k]:
            out.add(settle(Fraction(s, k) if mean else Fraction(s * n, k), whole))
    return out
