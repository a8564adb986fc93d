"""The semantic checks of conditions: parse, names, value types and question order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from quiz.bank.facts import Facts, QInfo, dicts, scale_values
from quiz.bank.loader import Document, Path_
from quiz.bank.model import DECLINED
from quiz.bank.schema import suggest
from quiz.conditions import (
    ConditionError,
    Includes,
    InList,
    Measure,
    Node,
    Predicate,
    Reference,
    parse,
)
from quiz.conditions.nodes import Compare, flag_references, references
from quiz.errors import Problem, shown


def condition_problems(doc: Document, facts: Facts) -> list[Problem]:
    """Every problem in the document's conditions; each one that parses is recorded in `facts.conditions`.

    `facts` must hold the indexes of the document (questions, dimensions, scales) already.
    """
    checker = ConditionChecker(doc, facts)
    checker.check_conditions()
    return checker.problems


class ConditionChecker:
    """Checks every condition of one document against the indexes the semantic checks built."""

    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self.facts = facts
        self.problems: list[Problem] = []

    # -- conditions --------------------------------------------------------------------------------------
    def condition_problem(self, path: Path_, offset: int, message: str, hint: str = "") -> None:
        pos = self.doc.where(path)
        text = self.doc.data
        for part in path:
            text = text[part]
        line, col = pos.line, pos.column
        if pos.style in ("|", ">"):
            before = text[:offset]
            line += 1 + before.count("\n")
            col = 0
        elif "\n" not in text[:offset]:
            col += offset + (1 if pos.style in ('"', "'") else 0)
        from quiz.bank.loader import dotted

        self.problems.append(Problem(self.doc.file, line, col, dotted(path), message, hint))

    def condition_paths(self) -> Iterator[tuple[Path_, str, int | None]]:
        """(path, text, order limit) for every condition; the limit is the first order it may not name."""
        for si, sec in dicts(self.data.get("sections")):
            if isinstance(sec.get("show_if"), str):
                yield ("sections", si, "show_if"), sec["show_if"], self.facts.section_first.get(si, 0)
        for q in self.facts.questions.values():
            if isinstance(q.data.get("show_if"), str):
                yield q.path + ("show_if",), q.data["show_if"], q.order
        for i, s in dicts(self.data.get("suggestions")):
            for key in ("gate", "when"):
                if isinstance(s.get(key), str):
                    yield ("suggestions", i, key), s[key], None

    def check_conditions(self) -> None:
        f = self.facts
        for path, text, limit in self.condition_paths():
            try:
                node = parse(text)
            except ConditionError as exc:
                self.condition_problem(path, exc.offset, f"condition: {exc.message}", exc.hint)
                continue
            f.conditions[path] = node
            self.check_names(path, node)
            if limit is not None:
                self.check_order(path, node, limit)

    def check_names(self, path: Path_, node: Node) -> None:
        f = self.facts
        stack: list[Node] = [node]
        while stack:
            n = stack.pop()
            items = getattr(n, "items", None)
            if items is not None:
                stack.extend(items)
                continue
            inner = getattr(n, "item", None)
            if inner is not None:
                stack.append(inner)
                continue
            subj: Reference = n.subject  # type: ignore[union-attr]
            if subj.kind == "flag":
                if subj.name not in f.flags:
                    hint = suggest(subj.name, list(f.flags)) or (
                        "flags: " + ", ".join(f.flags) if f.flags else "define it with `flag:` on a question")
                    self.condition_problem(path, subj.offset, f"unknown flag `{subj.name}`", hint)
                continue
            if subj.kind == "dimension":
                if subj.name not in f.dims:
                    hint = suggest(subj.name, list(f.dims)) or "name a dimension under `dimensions`"
                    self.condition_problem(path, subj.offset, f"unknown dimension `{subj.name}`", hint)
                    continue
                if isinstance(n, Measure) and n.func == "band":
                    bands = [b.get("id") for _, b in dicts(f.dims[subj.name][1].get("bands"))]
                    if n.value != "incomplete" and n.value not in bands:
                        hint = suggest(str(n.value), [b for b in bands if isinstance(b, str)]) \
                            or "bands: " + ", ".join(str(b) for b in bands)
                        self.condition_problem(path, n.value_offset,
                                               f"`{subj.name}` has no band `{shown(n.value)}`", hint)
                continue
            q = f.questions.get(subj.name)
            if q is None:
                if subj.name in f.dims:
                    self.condition_problem(path, subj.offset, f"`{subj.name}` is a dimension, not a question",
                                           f"write `score({subj.name})` or `band({subj.name})`")
                else:
                    hint = suggest(subj.name, list(f.questions)) or "name a question id"
                    self.condition_problem(path, subj.offset, f"unknown question `{subj.name}`", hint)
                continue
            self.check_use(path, n, q)

    def check_use(self, path: Path_, n: Node, q: QInfo) -> None:
        kind = q.kind
        name = q.data.get("id")
        if isinstance(n, Predicate):
            if n.func in ("correct", "wrong") and kind != "statement":
                self.condition_problem(path, n.subject.offset,
                                       f"`{n.func}()` needs a statement; `{name}` is a {kind} question")
            if n.func == "declined" and not q.data.get("prefer_not_to_say"):
                self.condition_problem(path, n.subject.offset,
                                       f"`{name}` does not offer \"Prefer not to say\"",
                                       "add `prefer_not_to_say: true` to the question")
            return
        if isinstance(n, Measure):  # count()
            if kind != "multiple":
                self.condition_problem(path, n.subject.offset,
                                       f"`count()` needs a checklist; `{name}` is a {kind} question")
            return
        values: list[tuple[Any, int]] = []
        if isinstance(n, Includes):
            if kind != "multiple":
                self.condition_problem(path, n.subject.offset,
                                       f"`includes` needs a checklist; `{name}` is a {kind} question",
                                       f'write `{name} == "..."`')
                return
            values = [(n.value, n.value_offset)]
        elif isinstance(n, (Compare, InList)):
            if kind == "multiple":
                self.condition_problem(path, n.subject.offset,
                                       f"`{name}` is a checklist; compare it with `includes`",
                                       f'e.g. `{name} includes "..."`')
                return
            if kind == "text":
                self.condition_problem(path, n.subject.offset,
                                       f"`{name}` is free text, which conditions cannot read",
                                       f"use `answered({name})`")
                return
            if isinstance(n, Compare) and n.op in ("<", "<=", ">", ">=") and kind != "scale":
                self.condition_problem(path, n.value_offset, f"`{n.op}` needs a scale item; `{name}` is {kind}")
                return
            if isinstance(n, Compare):
                values = [(n.value, n.value_offset)]
            else:
                offsets = n.value_offsets or (n.value_offset,) * len(n.values)
                values = list(zip(n.values, offsets, strict=True))
        for v, off in values:
            if kind in ("single", "multiple") and q.unknown_set:
                continue
            if kind in ("single", "multiple"):
                opts = q.option_values()
                allowed = v == DECLINED and q.data.get("prefer_not_to_say")
                if (not isinstance(v, str) or v not in opts) and not allowed:
                    hint = suggest(str(v), opts) or "options: " + ", ".join(opts)
                    self.condition_problem(path, off, f"`{name}` has no option `{shown(v)}`", hint)
            elif kind == "statement":
                if not isinstance(v, bool):
                    self.condition_problem(path, off, f"`{name}` is a statement; compare it with true or false")
            elif kind == "scale":
                vals = scale_values(self.facts, q)
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    self.condition_problem(path, off, f"`{name}` is a scale item; compare it with a number")
                elif isinstance(n, (Compare, InList)) and getattr(n, "op", "==") in ("==", "!=") \
                        and vals and v not in vals:
                    self.condition_problem(path, off, f"`{shown(v)}` is not a point on `{name}`'s scale",
                                           "points: " + ", ".join(str(x) for x in vals))

    def check_order(self, path: Path_, node: Node, limit: int) -> None:
        f = self.facts
        is_section = path[0] == "sections" and len(path) == 3
        for r in flag_references(node):
            qid = f.flags[r.name][1] if r.name in f.flags else None
            if qid is not None and qid in f.questions and f.questions[qid].order >= limit:
                self.condition_problem(path, r.offset, f"the flag `{r.name}` is raised by a later question (`{qid}`)",
                                       "a condition may only name questions that come before it")
        for r in references(node):
            if r.kind == "question":
                q = f.questions.get(r.name)
                if q is not None and q.order >= limit:
                    what = "itself" if q.path + ("show_if",) == path else "a later question"
                    where = "the section" if is_section else "this question"
                    self.condition_problem(path, r.offset,
                                           f"`{r.name}` is {what}; {where} would depend on an answer not given yet",
                                           "a condition may only name questions that come before it")
            elif r.name in f.dims:
                late = [qid for qid in self.facts.feeding_items(r.name) if f.questions[qid].order >= limit]
                if late:
                    self.condition_problem(path, r.offset,
                                           f"`{r.name}` adds up answers to later questions ({', '.join(late[:3])})",
                                           "move this question after them, or use their answers directly")
