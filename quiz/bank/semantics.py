"""Checks a schema can't express: ids, references, conditions, band coverage and question order."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

from quiz.bank.claims import claims
from quiz.bank.condition_checks import condition_problems
from quiz.bank.example_checks import example_answer_problems
from quiz.bank.facts import (
    Facts,
    QInfo,
    Rule,
    contribution,
    dicts,
    is_int,
    is_number,
    item_weights,
    point_values,
    possible_scores,
    reachable_range,
    scale_values,
    settle,
    text_or_none,
)
from quiz.bank.loader import Document, Path_
from quiz.bank.model import DECLINED, KINDS
from quiz.bank.option_sets import option_set_items, option_set_problems, with_option_sets
from quiz.bank.resource_checks import resource_problems
from quiz.bank.schema import structure_fixes, suggest
from quiz.errors import Problem, shown
from quiz.safe_text import one_line

__all__ = ["Checker", "Facts", "QInfo", "contribution", "dicts", "reachable_range", "semantic_problems",
           "suggestion_warnings"]


class Checker:
    """Runs every semantic check over one loaded document, collecting problems."""

    def __init__(self, doc: Document, today: dt.date | None = None) -> None:
        self.doc = doc
        self.today = today
        """The day a `last_verified` may not be later than; the local date when None."""
        self.data: dict[str, Any] = doc.data
        self.problems: list[Problem] = []
        self.facts = Facts()

    def add(self, path: Path_, message: str, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, hint, key=key))

    def run(self) -> tuple[list[Problem], Facts]:
        self.check_finite()
        self.index()
        self.check_ids()
        self.check_references()
        self.check_kinds()
        self.problems.extend(condition_problems(self.doc, self.facts))
        self.check_dimensions()
        self.check_examples()
        self.check_dates()
        self.problems.extend(resource_problems(self.doc, self.today))
        self.check_suggestions()
        return self.problems, self.facts

    def check_finite(self) -> None:
        """`.inf` and `.nan` are floats to YAML but no number a bank can use: named once where they stand."""
        def walk(value: Any, path: Path_) -> None:
            if isinstance(value, float) and not math.isfinite(value):
                self.problems.append(self.doc.problem(path, f"`{shown(value)}` is not a number a bank can use",
                                                      "write a whole or decimal number"))
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(v, path + (k,))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, path + (i,))

        walk(self.data, ())

    # -- indexes ---------------------------------------------------------------------------------
    def index(self) -> None:
        f = self.facts
        order = 0
        for si, sec in dicts(self.data.get("sections")):
            f.section_first[si] = order
            if isinstance(sec.get("show_if"), str):
                f.section_show_if.add(si)
            for qi, q in dicts(sec.get("questions")):
                qid = text_or_none(q.get("id"))
                path: Path_ = ("sections", si, "questions", qi)
                if qid is not None and qid not in f.questions:
                    f.questions[qid] = QInfo(path, q, order, si)
                order += 1
        for info in f.questions.values():
            flag = info.data.get("flag")
            fid = text_or_none(flag.get("id")) if isinstance(flag, dict) else None
            if fid is not None and fid not in f.flags:
                f.flags[fid] = (info.path + ("flag",), str(info.data.get("id")))
        for di, d in dicts(self.data.get("dimensions")):
            did = text_or_none(d.get("id"))
            if did is not None and did not in f.dims:
                f.dims[did] = (("dimensions", di), d)
        scales = self.data.get("scales")
        if isinstance(scales, dict):
            f.scales = {k: v for k, v in scales.items() if isinstance(v, dict)}

    def ids_of(self, key: str) -> set[str]:
        return {x["id"] for _, x in dicts(self.data.get(key)) if isinstance(x.get("id"), str)}

    def check_ids(self) -> None:
        def unique(items: list[tuple[Path_, Any]], what: str) -> None:
            seen: dict[str, Path_] = {}
            for path, value in items:
                if not isinstance(value, str):
                    continue
                if value in seen:
                    line = self.doc.where(seen[value]).line
                    self.add(path, f"the {what} `{value}` is used twice (first at line {line})",
                             "every id must be unique; rename one")
                else:
                    seen[value] = path

        def option_values(path: Path_, options: Any) -> None:
            opts = [(path + (oi, "value"), o.get("value")) for oi, o in dicts(options)]
            unique(opts, "option value")
            for p, v in opts:
                if v == DECLINED:
                    self.add(p, f"`{DECLINED}` is reserved for \"Prefer not to say\"",
                             "set `prefer_not_to_say: true` on the question instead")

        qs: list[tuple[Path_, Any]] = []
        secs: list[tuple[Path_, Any]] = []
        for si, sec in dicts(self.data.get("sections")):
            secs.append((("sections", si, "id"), sec.get("id")))
            for qi, q in dicts(sec.get("questions")):
                qpath: Path_ = ("sections", si, "questions", qi)
                qs.append((qpath + ("id",), q.get("id")))
                option_values(qpath + ("options",), q.get("options"))
        for name, options in option_set_items(self.data):
            option_values(("options", name), options)
        unique(qs, "question id")
        unique([(("sections", si, "questions", qi, "flag", "id"), q["flag"].get("id"))
                for si, sec in dicts(self.data.get("sections")) for qi, q in dicts(sec.get("questions"))
                if isinstance(q.get("flag"), dict)], "flag id")
        unique(secs, "section id")
        for key, what in (("dimensions", "dimension id"), ("suggestions", "suggestion id"),
                          ("resources", "resource id")):
            unique([((key, i, "id"), x.get("id")) for i, x in dicts(self.data.get(key))], what)
        unique([((k, i, "id"), x.get("id")) for k in ("sources", "reading")
                for i, x in dicts(self.data.get(k))], "reference id")
        for di, d in dicts(self.data.get("dimensions")):
            unique([(("dimensions", di, "bands", bi, "id"), b.get("id"))
                    for bi, b in dicts(d.get("bands"))], "band id")
        for sid, sc in self.facts.scales.items():
            vals = [(("scales", sid, "options", i, "value"), p.get("value"))
                    for i, p in dicts(sc.get("options"))]
            seen: set[Any] = set()
            for p, v in vals:
                if v in seen:
                    self.add(p, f"the scale value `{shown(v)}` is used twice", "each point needs its own value")
                seen.add(v)
        names: list[tuple[Path_, Any]] = [(("examples", i, "name"), x.get("name"))
                                          for i, x in dicts(self.data.get("examples"))]
        unique(names, "example name")

    # -- references --------------------------------------------------------------------------------
    def ref(self, path: Path_, value: Any, known: set[str] | dict[str, Any], what: str, where: str, *,
            key: bool = False) -> None:
        """An id that must name something the bank defines; `key` when the id is the key at `path`
        (a dimension in `scores`), so the problem points at the key, not at its value."""
        if isinstance(value, str) and value not in known:
            hint = suggest(value, list(known)) or (f"define it under `{where}`" if where else "")
            self.add(path, f"unknown {what} `{value}`", hint, key=key)

    def check_references(self) -> None:
        f = self.facts
        sources = self.ids_of("sources")
        reading = self.ids_of("reading")
        resources = self.ids_of("resources")
        for q in f.questions.values():
            d = q.data
            self.ref(q.path + ("scale",), d.get("scale"), f.scales, "scale", "scales")
            if isinstance(d.get("dimension"), dict):
                for dim in d["dimension"]:
                    self.ref(q.path + ("dimension", dim), dim, f.dims, "dimension", "dimensions", key=True)
            else:
                self.ref(q.path + ("dimension",), d.get("dimension"), f.dims, "dimension", "dimensions")
            self.ref(q.path + ("source",), d.get("source"), sources | reading, "source", "sources")
            for oi, o in dicts(d.get("options")):
                sc = o.get("scores")
                if isinstance(sc, dict):
                    for dim in sc:
                        self.ref(q.path + ("options", oi, "scores", dim), dim, f.dims, "dimension",
                                 "dimensions", key=True)
        for name, options in option_set_items(self.data):
            for oi, o in dicts(options):
                if isinstance(o.get("scores"), dict):
                    for dim in o["scores"]:
                        self.ref(("options", name, oi, "scores", dim), dim, f.dims, "dimension", "dimensions",
                                 key=True)
        for i, s in dicts(self.data.get("suggestions")):
            for key, known, where in (("reading", reading, "reading"), ("sources", sources | reading, "sources"),
                                      ("resources", resources, "resources")):
                vals = s.get(key)
                if isinstance(vals, list):
                    for j, v in enumerate(vals):
                        self.ref(("suggestions", i, key, j), v, known,
                                 {"reading": "reading item", "sources": "source",
                                  "resources": "resource"}[key], where)

    # -- per-kind fields ---------------------------------------------------------------------------------
    def check_kinds(self) -> None:
        only = {
            "options": ("single", "multiple"), "min_choices": ("multiple",), "max_choices": ("multiple",),
            "scale": ("scale",), "reverse": ("scale",), "answer": ("statement",),
            "explanation": ("statement",), "max_length": ("text",),
            "dimension": ("scale", "statement"),
        }
        for q in self.facts.questions.values():
            kind = q.kind
            for key, kinds in only.items():
                if key in q.data and kind in KINDS and kind not in kinds:
                    hint = ("on choice questions, give points with each option's `scores`"
                            if key == "dimension" else SCALE_POINTS if kind == "scale" and key == "options"
                            else f"`{key}` is only for {' and '.join(kinds)} questions")
                    self.add(q.path + (key,), f"`{key}` does not apply to a {kind} question", hint, key=True)
            if "scores" in q.data:
                hint = (SCALE_POINTS if kind == "scale" else "give each option its own `scores`"
                        if kind in ("single", "multiple") else "points come from options' `scores` or `dimension:`")
                self.add(q.path + ("scores",), f"a {kind} question has no `scores` of its own", hint, key=True)
            self.check_flag(q)
            if kind == "text" and q.data.get("prefer_not_to_say"):
                self.add(q.path + ("prefer_not_to_say",), "free text is always optional",
                         "mark it `optional: true` instead")
            opts = list(dicts(q.data.get("options")))
            for oi, o in opts:
                if o.get("exclusive") and kind != "multiple":
                    self.add(q.path + ("options", oi, "exclusive"), "`exclusive` only applies in a checklist",
                             "remove it", key=True)
            if kind == "multiple":
                n = len(opts)
                lo, hi = q.data.get("min_choices", 0), q.data.get("max_choices")
                if isinstance(lo, int) and lo > n:
                    self.add(q.path + ("min_choices",), f"asks for at least {lo} choices of {n} options")
                if isinstance(hi, int) and isinstance(lo, int) and hi < lo:
                    self.add(q.path + ("max_choices",), f"max_choices {hi} is below min_choices {lo}")
            if kind == "scale":
                vals = scale_values(self.facts, q)
                if q.data.get("reverse") and not q.data.get("dimension"):
                    self.add(q.path + ("reverse",), "reverse keying only matters for an item that has a dimension",
                             "add `dimension:` or remove `reverse`", key=True)
                if vals and len(vals) < 2:
                    self.add(q.path + ("scale",), "the scale needs at least two points")

    # -- item flags ----------------------------------------------------------------------------------
    def check_flag(self, q: QInfo) -> None:
        flag = q.data.get("flag")
        if not isinstance(flag, dict):
            return
        path = q.path + ("flag",)
        kind = q.kind
        if kind not in ("scale", "single", "multiple"):
            if kind in KINDS:
                self.add(path, f"`flag` does not apply to a {kind} question",
                         "flags are for scale, single and multiple questions", key=True)
            return
        at_least, options = flag.get("at_least"), flag.get("options")
        if kind == "scale":
            if options is not None or not is_int(at_least):
                self.add(path, "a scale item's flag needs `at_least` (a scale value), not `options`",
                         "e.g. `flag: {id: ..., label: ..., at_least: 1}`")
                return
            vals = scale_values(self.facts, q)
            if vals and at_least > max(vals):
                self.add(path + ("at_least",), f"no point of the scale reaches {at_least}, so the flag is "
                         "never raised", f"the highest value is {max(vals)}")
            return
        if at_least is not None or not isinstance(options, list) or not options:
            self.add(path, f"a {kind} question's flag needs `options` (the answers that raise it)",
                     "e.g. `flag: {id: ..., label: ..., options: [daily]}`")
            return
        known = q.option_values()
        if q.unknown_set:
            return
        for i, v in enumerate(options):
            if v not in known:
                self.add(path + ("options", i), f"`{q.data.get('id')}` has no option `{shown(v)}`",
                         suggest(str(v), known) or "options: " + ", ".join(known))

    # -- dimensions ----------------------------------------------------------------------------------
    def check_dimensions(self) -> None:
        f = self.facts
        for did, (path, d) in f.dims.items():
            if "from" in d:
                continue
            items = f.dimension_items(did)
            if not items:
                self.add(path + ("id",), f"no question adds to the dimension `{did}`",
                         "give options `scores`, or point scale items at it with `dimension:`")
                continue
            need = d.get("min_answered")
            if is_int(need) and need > len(items):
                self.add(path + ("min_answered",),
                         f"asks for {need} answers but only {len(items)} question(s) add to `{did}`")
            rule = Rule(d, len(items))
            hideable = [qid for qid in items if f.can_hide(qid)]
            if hideable and rule.hidden is None and rule.min_answered > len(items) - len(hideable):
                self.hidden_problem(path, did, items, hideable, rule)
            values: list[set[int | float]] = []
            for qid in items:
                vals: set[int | float] = set(point_values(f, f.questions[qid], did))
                if rule.hidden is not None and qid in hideable:
                    weight = item_weights(f.questions[qid]).get(did, 1)
                    vals = vals | {rule.hidden * weight}
                values.append(vals)
            parts = [(min(v), max(v)) for v in values]
            f.ranges[did] = reachable_range(parts, rule.min_answered, mean=rule.mean, whole=rule.whole)
            scores = None
            if not rule.whole and all(isinstance(x, int) for v in values for x in v):
                scores = possible_scores([{int(x) for x in v} for v in values], rule.min_answered,
                                         mean=rule.mean, whole=False)
            self.check_bands(path, did, d, rule.whole, scores)
        self.check_from()

    def hidden_problem(self, path: Path_, did: str, items: list[str], hideable: list[str], rule: Rule) -> None:
        f = self.facts
        n, h = len(items), len(hideable)
        lows = [min(v) for q in hideable if (v := point_values(f, f.questions[q], did))]
        lowest = min(lows) if lows else 0
        fewer = f" or `min_answered: {n - h}`" if n - h >= 1 else ""
        names = ", ".join(f"`{q}`" for q in hideable[:3]) + (", ..." if h > 3 else "")
        needed = (f"`min_answered` asks for {rule.min_answered}" if rule.explicit
                  else f"by default all {n} are needed")
        self.add(path + (("min_answered",) if rule.explicit else ("id",)),
                 f"`show_if` can hide {h} of the {n} items of `{did}` ({names}), so a complete run may answer "
                 f"only {n - h}, but {needed}",
                 f"set `hidden: {lowest}` (the points a hidden item counts as, e.g. its lowest){fewer}")

    def check_from(self) -> None:
        """Dimensions built `from` others: known ids, no items of their own, no cycles; then their ranges."""
        f = self.facts
        for did, (path, d) in f.dims.items():
            if "from" not in d:
                continue
            for key in ("min_answered", "hidden"):
                if key in d:
                    self.add(path + (key,), f"`{key}` does not apply to a dimension built `from` others",
                             "set it on the dimensions it is built from", key=True)
            if f.dimension_items(did):
                self.add(path + ("from",), f"`{did}` is built from other dimensions, yet questions add to it "
                         f"({', '.join(f.dimension_items(did)[:3])})", "point those items at one of its sources")
            for i, src in enumerate(f.sources(did)):
                if src == did:
                    self.add(path + ("from", i), f"`{did}` is built from itself", "remove it from `from`")
                else:
                    self.ref(path + ("from", i), src, f.dims, "dimension", "dimensions")
        for did, (path, _d) in f.dims.items():
            if f.sources(did) and self.cycle(did):
                self.add(path + ("from",), f"`{did}` is built from itself through "
                         + " → ".join(f"`{x}`" for x in self.cycle(did)), "break the cycle")
        done: set[str] = set()
        for did in f.dims:
            self.from_range(did, done, [])

    def cycle(self, start: str) -> list[str]:
        f = self.facts
        stack: list[tuple[str, list[str]]] = [(s, [start, s]) for s in f.sources(start)]
        seen: set[str] = set()
        while stack:
            d, trail = stack.pop()
            if d == start:
                return trail
            if d in seen:
                continue
            seen.add(d)
            stack.extend((s, trail + [s]) for s in f.sources(d))
        return []

    def from_range(self, did: str, done: set[str], trail: list[str]) -> tuple[Fraction, Fraction] | None:
        f = self.facts
        if did in f.ranges:
            lo, hi = f.ranges[did]
            return Fraction(str(lo)), Fraction(str(hi))
        path, d = f.dims.get(did, ((), {}))
        srcs = f.sources(did)
        if did in done or did in trail or not srcs or did not in f.dims:
            return None
        done.add(did)
        parts = [self.from_range(s, done, trail + [did]) for s in srcs]
        if any(p is None for p in parts):
            return None
        rule = Rule(d, 0)
        k = 1 if not rule.mean else len(parts)
        f.ranges[did] = (settle(sum((p[0] for p in parts if p), Fraction(0)) / k, rule.whole),
                         settle(sum((p[1] for p in parts if p), Fraction(0)) / k, rule.whole))
        self.check_bands(path, did, d, rule.whole, None)
        return self.from_range(did, done, trail)

    def check_bands(self, path: Path_, did: str, d: dict[str, Any], whole: bool,
                    scores: set[int | float] | None) -> None:
        """The bands of one dimension against its reachable range (and, for decimal scores, against
        every score it can take): covered once each, inside the range, `incomplete` never an id."""
        lo, hi = self.facts.ranges[did]
        for bi, b in dicts(d.get("bands")):
            if b.get("id") == "incomplete":
                self.add(path + ("bands", bi, "id"), "`incomplete` is reserved: it means \"no band\" "
                         "(too few answers)", "rename the band, and the conditions and examples that name it")
            for key in ("min", "max"):
                if whole and is_number(b.get(key)) and not is_int(b.get(key)):
                    self.add(path + ("bands", bi, key), f"`{did}` scores whole numbers; band limits are whole "
                             f"numbers too, found {shown(b.get(key))}",
                             "use a whole number, or `score: mean` or `round: none` for decimal scores")
        bands = [(bi, b) for bi, b in dicts(d.get("bands")) if is_number(b.get("min")) and is_number(b.get("max"))]
        for bi, b in bands:
            if b["min"] > b["max"]:
                self.add(path + ("bands", bi, "min"), f"band `{b.get('id')}` runs backwards: "
                         f"{shown(b['min'])} to {shown(b['max'])}", "`min` must not be above `max`")
        bands.sort(key=lambda x: (x[1]["min"], x[1]["max"]))
        if not bands:
            return
        rng = f"the reachable range is {shown(lo)} to {shown(hi)}"
        for bi, b in bands:
            if b["max"] < lo or b["min"] > hi:
                self.add(path + ("bands", bi), f"band `{b.get('id')}` ({shown(b['min'])} to {shown(b['max'])}) "
                         f"can never be reached; {rng}", "remove it or change its limits")
            elif b["min"] < lo:
                self.add(path + ("bands", bi, "min"), f"band `{b.get('id')}` starts at {shown(b['min'])}, below "
                         f"the lowest reachable score; {rng}", f"start it at {shown(lo)}")
            elif b["max"] > hi:
                self.add(path + ("bands", bi, "max"), f"band `{b.get('id')}` ends at {shown(b['max'])}, past "
                         f"the highest reachable score; {rng}", f"end it at {shown(hi)}")
        first_i, first = bands[0]
        if first["min"] > lo:
            upto = f" to {shown(first['min'] - 1)}" if whole else ""
            self.add(path + ("bands", first_i, "min"),
                     f"scores {shown(lo)}{upto} fall in no band; {rng}" if whole
                     else f"scores from {shown(lo)} fall in no band; {rng}", f"start the lowest band at {shown(lo)}")
        last_i, last = bands[-1]
        if last["max"] < hi:
            self.add(path + ("bands", last_i, "max"),
                     f"scores {shown(last['max'] + 1)} to {shown(hi)} fall in no band; {rng}" if whole
                     else f"scores up to {shown(hi)} fall in no band; {rng}", f"end the highest band at {shown(hi)}")
        for (_, a), (bi, b) in zip(bands, bands[1:], strict=False):
            if b["min"] <= a["max"]:
                self.add(path + ("bands", bi, "min"),
                         f"overlap: bands `{a.get('id')}` and `{b.get('id')}` both hold "
                         f"{shown(b['min'])} to {shown(min(a['max'], b['max']))}",
                         f"start `{b.get('id')}` at {shown(_next(a['max'], whole))}")
            elif whole and b["min"] > a["max"] + 1:
                self.add(path + ("bands", bi, "min"),
                         f"gap: scores {a['max'] + 1} to {b['min'] - 1} fall between bands "
                         f"`{a.get('id')}` and `{b.get('id')}`", f"start `{b.get('id')}` at {a['max'] + 1}")
            elif not whole and scores is None and b["min"] > _next(a["max"], whole):
                self.add(path + ("bands", bi, "min"),
                         f"gap: scores between {shown(a['max'])} and {shown(b['min'])} fall between bands "
                         f"`{a.get('id')}` and `{b.get('id')}`",
                         f"start `{b.get('id')}` at {shown(_next(a['max'], whole))}")
        if not whole and scores is not None:
            for v in sorted(scores):
                if not any(b["min"] <= v <= b["max"] for _, b in bands):
                    below = [b for _, b in bands if b["max"] < v]
                    above = [b for _, b in bands if b["min"] > v]
                    fix = (f"start `{above[0].get('id')}` at {shown(v)}" if above and not below
                           else f"end `{below[-1].get('id')}` at {shown(v)}" if below and not above
                           else f"end `{below[-1].get('id')}` at {shown(v)} or start `{above[0].get('id')}` at "
                           f"{shown(v)}" if below and above else "")
                    self.add(path + ("bands",), f"the score {shown(v)} can occur but falls in no band "
                             f"(`{did}` takes decimal scores, to two places)", fix)
                    break

    # -- dates -----------------------------------------------------------------------------------------
    def check_dates(self) -> None:
        places: list[tuple[Path_, Any]] = [(("reviewed",), self.data.get("reviewed"))]
        places += [(("resources", i, "last_verified"), r.get("last_verified"))
                   for i, r in dicts(self.data.get("resources"))]
        for path, value in places:
            if message := _date_problem(value):
                self.add(path, message, "write the date as YYYY-MM-DD, e.g. 2026-11-01")

    # -- suggestions ---------------------------------------------------------------------------------------
    def check_suggestions(self) -> None:
        """Each suggestion says why it appears; `withheld_by` names other suggestions, with no cycle."""
        sugg = self.ids_of("suggestions")
        graph: dict[str, list[str]] = {}
        for i, s in dicts(self.data.get("suggestions")):
            if not isinstance(s.get("because"), str) and not isinstance(s.get("when"), str):
                self.add(("suggestions", i), "the suggestion says nowhere why it appears",
                         "give it a `when` (its reasons come from the answers) or a `because`", key=True)
            withheld = s.get("withheld_by")
            if not isinstance(withheld, list):
                continue
            sid = s.get("id")
            for j, other in enumerate(withheld):
                if not isinstance(other, str):
                    continue
                if other == sid:
                    self.add(("suggestions", i, "withheld_by", j), f"the suggestion `{sid}` cannot withhold itself",
                             "name other suggestions")
                    continue
                self.ref(("suggestions", i, "withheld_by", j), other, sugg, "suggestion", "suggestions")
                if isinstance(sid, str) and other in sugg:
                    graph.setdefault(sid, []).append(other)
        reported: set[str] = set()
        for i, s in dicts(self.data.get("suggestions")):
            sid = s.get("id")
            if not isinstance(sid, str) or sid in reported:
                continue
            loop = _withhold_cycle(graph, sid)
            if loop:
                reported.update(loop)
                self.add(("suggestions", i, "withheld_by"),
                         "suggestions withhold each other in a circle: " + " -> ".join(loop + [loop[0]]),
                         "when both could be chosen neither would show; remove one `withheld_by`", key=True)

    # -- examples --------------------------------------------------------------------------------------
    def check_examples(self) -> None:
        f = self.facts
        sugg = self.ids_of("suggestions")
        for i, ex in dicts(self.data.get("examples")):
            ans = ex.get("answers")
            if isinstance(ans, dict):
                for qid in ans:
                    self.ref(("examples", i, "answers", qid), qid, f.questions, "question", "", key=True)
            exp = ex.get("expect")
            if not isinstance(exp, dict):
                continue
            for key in ("suggestions", "not_suggestions"):
                if isinstance(exp.get(key), list):
                    for j, sid in enumerate(exp[key]):
                        self.ref(("examples", i, "expect", key, j), sid, sugg, "suggestion", "suggestions")
            self.ref(("examples", i, "expect", "first"), exp.get("first"), sugg, "suggestion", "suggestions")
            bands = exp.get("bands")
            if isinstance(bands, dict):
                for did, bid in bands.items():
                    bpath: Path_ = ("examples", i, "expect", "bands", did)
                    if did not in f.dims:
                        self.ref(bpath, did, f.dims, "dimension", "dimensions", key=True)
                        continue
                    known = {b.get("id") for _, b in dicts(f.dims[did][1].get("bands"))} | {"incomplete"}
                    self.ref(bpath, bid, {k for k in known if isinstance(k, str)}, f"band of `{did}`", "")


def _withhold_cycle(graph: dict[str, list[str]], start: str) -> list[str]:
    """The ids on a `withheld_by` circle through `start` (in order from it), or [] when there is none."""
    trail: list[str] = [start]
    on_trail = {start}
    nexts = [iter(graph.get(start, ()))]
    while nexts:
        for n in nexts[-1]:
            if n == start:
                return trail
            if n not in on_trail:
                trail.append(n)
                on_trail.add(n)
                nexts.append(iter(graph.get(n, ())))
                break
        else:
            nexts.pop()
            on_trail.discard(trail.pop())
    return []


def suggestion_warnings(doc: Document) -> list[Problem]:
    """Warnings that leave the bank valid: a `because` sentence that claims what the person answered
    ("You said ...") may be false for the person reading it, so results show the generated reasons in
    its place, and `quiz migrate` drops it."""
    out: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    for i, s in dicts(data.get("suggestions")):
        because = s.get("because")
        if not isinstance(because, str):
            continue
        for sentence in claims(because):
            p = doc.problem(("suggestions", i, "because"),
                            f"`because` claims what the person answered: \"{one_line(sentence)}\"",
                            "results show the reasons from the answers instead, and `quiz migrate` drops "
                            "the sentence: say why it helps, not what they said")
            out.append(replace(p, severity="warning"))
    return out


SCALE_POINTS = ("a scale question's points are its scale's values (write a scale whose values are the points); "
                "for points per answer, make it `kind: single` and give each option `scores`")


def _next(value: int | float, whole: bool) -> int | float:
    """The next score after `value`: one more for whole scores, 0.01 more for decimal ones."""
    if whole:
        return value + 1
    return float(Fraction(str(value)) + Fraction(1, 100))


_DATE_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _date_problem(value: Any) -> str:
    """Why a YYYY-MM-DD text is not a real day (the schema only checks its form), or ""."""
    if not isinstance(value, str) or not _DATE_FORM.match(value):
        return ""
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        return f"`{value}` is not a real date: {exc}"
    return ""


def semantic_problems(doc: Document, today: dt.date | None = None) -> tuple[list[Problem], Facts]:
    """Every semantic problem in the document, and the facts computed on the way (`today`: the day a
    resource's `last_verified` may not be later than; the local date when None).

    The checks run on the document as meant (`structure_fixes`): a misspelled key or an item indented
    too far is reported once, here and identically by the schema pass, not with its knock-on problems.
    """
    view, fixes = structure_fixes(doc)
    problems = option_set_problems(view)
    view = with_option_sets(view)
    found, facts = Checker(view, today).run()
    problems += found + example_answer_problems(view, facts)
    # A problem inside an option set is found again at each question that names it: reported once.
    return fixes + list(dict.fromkeys(_comment_hint(doc, p) for p in problems)), facts


_COMMENTED_CONDITION = re.compile(r"^\s*(?:-\s+)?(?P<key>show_if|when)\s*:[ \t]+[^\s'\"|>].* #")


def _comment_hint(doc: Document, problem: Problem) -> Problem:
    """A condition cut short by ` #` (YAML starts a comment there) gets the hint to quote it."""
    lines = doc.text.split("\n")
    if problem.path.rsplit(".", 1)[-1] not in ("show_if", "when") or not 0 < problem.line <= len(lines):
        return problem
    if not _COMMENTED_CONDITION.match(lines[problem.line - 1]):
        return problem
    return replace(problem, hint="put the condition in single quotes: YAML reads ` #` as the start of a comment")
