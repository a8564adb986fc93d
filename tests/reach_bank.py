"""Generated banks of any size for `quiz test`'s scaling: shared by bench/test.py and tests/test_reach_scale.py.

A bank of `n` questions in sections of 20, four dimensions, suggestions on scores, bands and answers (one per
ten questions), and `show_if` on questions and sections, of the forms real banks use. Every band,
suggestion and question can be reached, so `quiz test` passes it and its time is all search, no failures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PER_SECTION = 20
DIMENSIONS = 4
SCALES = {
    "often4": [(0, "Never"), (1, "Sometimes"), (2, "Often"), (3, "Always")],
    "agree5": [(1, "Not at all"), (2, "A little"), (3, "Somewhat"), (4, "Mostly"), (5, "Completely")],
}
# The kinds in turn; index 3 (statement) and 5 (text) are unscored except the statement.
KINDS = ("scale", "single", "multiple", "statement", "scale", "text", "single", "scale")


def generate(n: int) -> dict[str, Any]:
    """A sound bank of `n` questions (n >= 40), as the YAML document's data."""
    dims = [f"d{k}" for k in range(DIMENSIONS)]
    spans: dict[str, list[tuple[int, int]]] = {d: [] for d in [*dims, "early"]}  # each item's (lowest, highest)
    kinds: dict[int, str] = {}
    sections: list[dict[str, Any]] = []
    for q in range(n):
        if q % PER_SECTION == 0:
            s = q // PER_SECTION
            section: dict[str, Any] = {"id": f"s{s}", "title": f"Section {s}", "questions": []}
            if s % 5 == 3:  # a section behind an earlier answer
                single = next(k for k in range(q - PER_SECTION, q) if KINDS[k % len(KINDS)] == "single")
                section["show_if"] = f'q{single} != "o0"'
            if s == 7:  # one section behind a score, as "only if the worry score is high" banks do
                section["show_if"] = "score(early) >= 3"
            sections.append(section)
        kind = KINDS[q % len(KINDS)]
        dim = dims[q % DIMENSIONS]
        item: dict[str, Any] = {"id": f"q{q}", "kind": kind, "text": f"Question {q}?"}
        if kind == "scale":
            scale = "often4" if q % 3 else "agree5"
            item.update(scale=scale, dimension=dim)
            if q % 4 == 1:
                item["reverse"] = True
            points = [v for v, _ in SCALES[scale]]
            spans[dim].append((min(points), max(points)))
        elif kind == "single":
            item["options"] = [{"value": f"o{k}", "label": f"Option {k}"} for k in range(4)]
            for k in range(1, 4):
                # The first section's also add up to `early`, a dimension a later section depends on.
                item["options"][k]["scores"] = {dim: k, "early": k} if q < PER_SECTION else {dim: k}
            spans[dim].append((0, 3))
            if q < PER_SECTION:
                spans["early"].append((0, 3))
            if q % 16 == 1:
                item["prefer_not_to_say"] = True
        elif kind == "multiple":
            item["options"] = [{"value": f"o{k}", "label": f"Option {k}", "scores": {dim: 1}}
                               for k in range(4)]
            item["options"].append({"value": "none", "label": "None of these", "exclusive": True})
            item["optional"] = True
            spans[dim].append((0, 4))
        elif kind == "statement":
            item.update(answer=bool(q % 2), dimension=dim, explanation=f"Statement {q} explained.",
                        source="src")
            spans[dim].append((0, 1))
        else:
            item["optional"] = True
        prev = kinds.get(q - 1)
        if q % 9 == 4 and prev == "statement":
            item["show_if"] = f"correct(q{q - 1})"
        elif q % 9 == 7 and prev == "single":
            item["show_if"] = f'q{q - 1} in ["o1", "o2"]'
        elif q % 9 == 3 and prev == "multiple":
            item["show_if"] = f'q{q - 1} includes "o0" or count(q{q - 1}) >= 2'
        elif q % 9 == 1 and prev == "scale":
            item["show_if"] = f"q{q - 1} >= 2"
        kinds[q] = kind
        sections[-1]["questions"].append(item)
    dimensions = []
    lows: dict[str, int] = {}
    for d in [*dims, "early"]:
        # `min_answered: 2` prorates: the extremes are two items' mean times the count, rounded half up.
        count = len(spans[d])
        two_low = sum(sorted(lo for lo, _ in spans[d])[:2])
        two_high = sum(sorted(hi for _, hi in spans[d])[-2:])
        lo, hi = (count * two_low + 1) // 2, (count * two_high + 1) // 2
        lows[d] = lo
        # Cut in thirds of what complete answers give, so each band is reached by a whole answer set.
        full_lo, full_hi = sum(a for a, _ in spans[d]), sum(b for _, b in spans[d])
        cut1, cut2 = full_lo + (full_hi - full_lo) // 3, full_lo + 2 * (full_hi - full_lo) // 3
        dimensions.append({"id": d, "title": f"Dimension {d}", "min_answered": 2, "bands": [
            {"id": "low", "label": "Low", "min": lo, "max": cut1},
            {"id": "mid", "label": "Middle", "min": cut1 + 1, "max": cut2},
            {"id": "high", "label": "High", "min": cut2 + 1, "max": hi},
        ]})
    suggestions = []
    for i in range(n // 10):
        d = dims[i % DIMENSIONS]
        single = next(q for q in range(i * 10 % n, n) if kinds[q] == "single")
        multiple = next(q for q in range(i * 10 % n, n) if kinds[q] == "multiple")
        when = (f'band({d}) == "high"', f"score({d}) >= {lows[d] + i % 7 + 1}",
                f'q{single} == "o2"', f'q{single} != "o0" and q{multiple} includes "o1"',
                f'band({d}) == "mid" and q{single} in ["o1", "o3"]')[i % 5]
        suggestions.append({"id": f"sg{i}", "kind": ("safety", "next-step", "reading")[i % 3],
                            "title": f"Suggestion {i}", "text": f"Suggestion {i}.", "when": when,
                            "because": "Generated."})
    return {
        "quiz": 1, "id": f"generated-{n}", "title": f"Generated bank of {n} questions", "version": "1",
        "disclaimer": "Generated for measuring quiz test. Educational only, not a diagnosis.",
        "sources": [{"id": "src", "title": "A source", "author": "Author, A.", "year": 2020}],
        "scales": {sid: {"title": sid, "options": [{"value": v, "label": lab} for v, lab in pts]}
                   for sid, pts in SCALES.items()},
        "sections": sections,
        "dimensions": dimensions,
        "suggestions": suggestions,
        "examples": [{"name": "nothing answered", "answers": {},
                      "expect": {"bands": dict.fromkeys([*dims, "early"], "incomplete")}}],
    }


def needle(with_example: bool) -> str:
    """Five ten-option questions and a suggestion behind `not (... or ...)`, which gives the search no
    gradient: one answer set in 100,000 fires it."""
    opts = "\n".join(f"          - {{value: o{i}, label: Option {i}}}" for i in range(10))
    questions = "\n".join(f"      - id: q{n}\n        kind: single\n        text: Question {n}?\n"
                          f"        options:\n{opts}" for n in range(5))
    example = """
examples:
  - name: the one combination
    answers: {q0: o3, q1: o7, q2: o1, q3: o9, q4: o4}
    expect:
      suggestions: [needle]
""" if with_example else ""
    return f"""\
quiz: 1
id: needle
title: Needle
version: "1"
disclaimer: A test bank; educational only.
sections:
  - id: s
    title: S
    questions:
{questions}
suggestions:
  - id: needle
    kind: next-step
    title: Needle
    text: Found.
    when: 'not (q0 != "o3" or q1 != "o7" or q2 != "o1" or q3 != "o9" or q4 != "o4")'
    because: It was found.
{example}"""


def write(folder: Path, n: int) -> Path:
    """The generated bank of `n` questions as a YAML file in `folder`."""
    path = folder / f"generated-{n}.yaml"
    path.write_text(yaml.safe_dump(generate(n), sort_keys=False, width=100), encoding="utf-8")
    return path
