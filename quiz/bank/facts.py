"""What the checks learn about a raw bank: indexes, per-question contributions and score ranges."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Facts:
    """Indexes of the raw bank, computed once and shared by the checks and the builder."""

    questions: dict[str, QInfo] = field(default_factory=dict)
    section_first: dict[int, int] = field(default_factory=dict)
    dims: dict[str, tuple[Path_, dict[str, Any]]] = field(default_factory=dict)
    scales: dict[str, dict[str, Any]] = field(default_factory=dict)
    conditions: dict[Path_, Node] = field(default_factory=dict)
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    items: dict[str, list[str]] = field(default_factory=dict)

    def dimension_items(self, dim: str) -> list[str]:
        """The questions that add to `dim`, in bank order (worked out once, then kept in `items`)."""
        if dim not in self.items:
            self.items[dim] = [qid for qid, q in self.questions.items() if contribution(self, q, dim) is not None]
        return self.items[dim]


def scale_values(facts: Facts, q: QInfo) -> list[int]:
    """The whole-number points of the scale a raw scale question names (none if it names no scale)."""
    scale = facts.scales.get(str(q.data.get("scale")), {})
    return [p["value"] for _, p in dicts(scale.get("options"))
            if isinstance(p.get("value"), int) and not isinstance(p.get("value"), bool)]


def contribution(facts: Facts, q: QInfo, dim: str) -> tuple[int, int] | None:
    """The lowest and highest points one question can add to a dimension, or None if none."""
    kind = q.kind
    if kind == "scale" and q.data.get("dimension") == dim:
        vals = scale_values(facts, q)
        return (min(vals), max(vals)) if vals else None
    if kind == "statement" and q.data.get("dimension") == dim:
        return (0, 1)
    if kind in ("single", "multiple"):
        scores = []
        touched = False
        for _, o in dicts(q.data.get("options")):
            sc = o.get("scores")
            v = sc.get(dim) if isinstance(sc, dict) else None
            if isinstance(v, int) and not isinstance(v, bool):
                touched = True
                scores.append(v)
            else:
                scores.append(0)
        if not touched:
            return None
        if kind == "single":
            return (min(scores), max(scores))
        return (sum(s for s in scores if s < 0), sum(s for s in scores if s > 0))
    return None


def reachable_range(parts: list[tuple[int, int]], min_answered: int) -> tuple[int, int]:
    """Exact score range when at least `min_answered` of the items are answered (a missing one adds 0)."""
    lo = sum(p[0] for p in parts)
    hi = sum(p[1] for p in parts)
    may_miss = max(0, len(parts) - min_answered)
    if may_miss:
        # Leaving an item out removes its contribution: that lowers the minimum when its lowest is
        # positive and raises the maximum when its highest is negative.
        lo -= sum(sorted((p[0] for p in parts if p[0] > 0), reverse=True)[:may_miss])
        hi -= sum(sorted(p[1] for p in parts if p[1] < 0)[:may_miss])
    return lo, hi
