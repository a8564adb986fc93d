"""Scoring: visible questions, dimension scores and bands, chosen suggestions with their reasons."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from quiz.conditions.compile import compile_node, held_atoms
from quiz.conditions.nodes import Compare, Includes, InList, Measure, Node, Predicate
from quiz.model import DECLINED, SUGGESTION_ORDER, Bank, Question
from quiz.outcome import (
    ChosenSuggestion,
    DimensionResult,
    Outcome,
    Reason,
    ResourceRef,
    StatementResult,
    WorkRef,
)


class _Ctx:
    """Evaluation context: effective answers so far, visible ids, and cached dimension results."""

    __slots__ = ("engine", "answers", "visible", "_scores")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.answers: dict[str, Any] = {}
        self.visible: set[str] = set()
        self._scores: dict[str, tuple[int | None, int, int | None]] = {}

    def result(self, dim: str) -> tuple[int | None, int, int | None]:
        """(score or None when incomplete, items answered, band index or None)."""
        r = self._scores.get(dim)
        if r is None:
            r = self.engine.dimension_score(dim, self.answers)
            self._scores[dim] = r
        return r

    def score(self, dim: str) -> int | None:
        return self.result(dim)[0]

    def band_index(self, dim: str) -> int | None:
        return self.result(dim)[2]

    def add(self, qid: str, value: Any) -> None:
        self.answers[qid] = value
        if self._scores:
            self._scores = {}


def _points(q: Question, dim: str) -> Callable[[Any], int]:
    """How an answer to `q` turns into points on `dim`."""
    if q.kind == "scale" and q.scale is not None:
        vals = [p.value for p in q.scale.points]
        lo, hi = min(vals), max(vals)
        if q.reverse:
            return lambda a: lo + hi - a
        return lambda a: a  # type: ignore[no-any-return]
    if q.kind == "statement":
        right = q.answer
        return lambda a: 1 if a is right else 0
    table = {o.value: dict(o.scores).get(dim, 0) for o in q.options}
    if q.kind == "multiple":
        return lambda a: sum(table.get(v, 0) for v in a)
    return lambda a: table.get(a, 0)


class Engine:
    """A bank prepared for fast, repeated scoring: conditions compiled once."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        band_ids = {d.id: [b.id for b in d.bands] for d in bank.dimensions}
        statements = {q.id: bool(q.answer) for q in bank.questions if q.kind == "statement"}

        def comp(n: Node | None) -> Callable[[Any], bool] | None:
            return None if n is None else compile_node(n, band_ids, statements)

        self._compile = lambda n: compile_node(n, band_ids, statements)
        self.sections = [(s, comp(s.show_if), [(q, comp(q.show_if)) for q in s.questions])
                         for s in bank.sections]
        self.ends = {q.id: {o.value for o in q.options if o.end} for q in bank.questions
                     if any(o.end for o in q.options)}
        self.dims = {d.id: (d, [(qid, _points(bank.by_id[qid], d.id)) for qid in d.items])
                     for d in bank.dimensions}
        self.suggestions = [(s, comp(s.when)) for s in bank.suggestions]
        self._atom_cache: dict[int, Callable[[Any], bool]] = {}

    # -- visibility ---------------------------------------------------------------------------------
    def walk(self, answers: Mapping[str, Any]) -> tuple[_Ctx, list[Question], bool]:
        """Visible questions in order given `answers`; answers to hidden questions are left out."""
        ctx = _Ctx(self)
        visible: list[Question] = []
        ends = self.ends
        for _section, sec_if, questions in self.sections:
            if sec_if is not None and not sec_if(ctx):
                continue
            for q, q_if in questions:
                if q_if is not None and not q_if(ctx):
                    continue
                visible.append(q)
                ctx.visible.add(q.id)
                if q.id in answers:
                    a = answers[q.id]
                    ctx.add(q.id, a)
                    if q.id in ends and a in ends[q.id]:
                        return ctx, visible, True
        return ctx, visible, False

    def visible(self, answers: Mapping[str, Any]) -> list[Question]:
        """The questions shown for these answers, in order."""
        return self.walk(answers)[1]

    # -- dimensions ----------------------------------------------------------------------------------
    def dimension_score(self, dim: str, answers: Mapping[str, Any]) -> tuple[int | None, int, int | None]:
        """(score or None when too few answers, items answered, band index or None)."""
        d, items = self.dims[dim]
        total = 0
        answered = 0
        for qid, points in items:
            a = answers.get(qid)
            if a is None or a == DECLINED:
                continue
            answered += 1
            total += points(a)
        if answered < d.min_answered:
            return None, answered, None
        for i, b in enumerate(d.bands):
            if b.min <= total <= b.max:
                return total, answered, i
        return total, answered, None  # unreachable for a checked bank

    # -- outcome --------------------------------------------------------------------------------------
    def score(self, answers: Mapping[str, Any]) -> Outcome:
        """The full outcome for these answers (answers to hidden questions are ignored)."""
        bank = self.bank
        ctx, visible, ended = self.walk(answers)
        eff = ctx.answers
        dims = []
        for did, (d, _items) in self.dims.items():
            score, answered, bi = ctx.result(did)
            band = d.bands[bi] if bi is not None else None
            dims.append(DimensionResult(
                d.id, d.title, score, d.low, d.high, answered, d.min_answered,
                band.id if band else None, band.label if band else "Not enough answers",
                band.text if band else f"Answer at least {d.min_answered} of its questions to see a result.",
            ))
        statements = []
        for q in visible:
            if q.kind == "statement":
                a = eff.get(q.id)
                given = a if isinstance(a, bool) else None
                src = bank.works.get(q.source)
                statements.append(StatementResult(q.id, q.text, given, bool(q.answer),
                                                  given is not None and given is q.answer,
                                                  q.explanation, src.citation() if src else ""))
        chosen = []
        for s, when in self.suggestions:
            if when is not None and not when(ctx):
                continue
            chosen.append(ChosenSuggestion(
                s.id, s.kind, s.title, s.text, s.because, s.priority,
                self.reasons(s.when, ctx),
                tuple(self._work(w) for w in s.reading if w in bank.works),
                tuple(self._work(w) for w in s.sources if w in bank.works),
                tuple(ResourceRef(r.id, r.name, r.region, r.contact, r.url, r.description, r.last_verified)
                      for rid in s.resources if (r := bank.resource_by_id.get(rid)) is not None),
            ))
        index = {s.id: s.index for s in bank.suggestions}
        chosen.sort(key=lambda c: (SUGGESTION_ORDER[c.kind], -c.priority, index[c.id]))
        chosen = _dedupe(chosen)
        required = [q for q in visible if not q.optional and q.kind != "text"]
        complete = all(q.id in eff for q in required)
        return Outcome(
            bank.id, bank.title, bank.version, bank.disclaimer, complete, ended, len(visible),
            sum(1 for q in visible if q.id in eff), tuple(dims), tuple(statements), tuple(chosen),
            tuple((q.id, eff[q.id]) for q in visible if q.id in eff and q.kind != "text"),
        )

    def _work(self, wid: str) -> WorkRef:
        w = self.bank.works[wid]
        return WorkRef(w.id, w.citation(), w.url, w.note)

    def _holds(self, node: Node, ctx: _Ctx) -> bool:
        fn = self._atom_cache.get(id(node))
        if fn is None:
            fn = self._compile(node)
            self._atom_cache[id(node)] = fn
        return fn(ctx)

    def reasons(self, when: Node | None, ctx: _Ctx) -> tuple[Reason, ...]:
        """Why a suggestion fired, as sentences about the answers and scores involved."""
        if when is None:
            return (Reason("Shown to everyone who takes this bank."),)
        out: list[Reason] = []
        seen: set[str] = set()
        for atom in held_atoms(when, lambda n: self._holds(n, ctx)):
            r = self._reason(atom, ctx)
            if r.text not in seen:
                seen.add(r.text)
                out.append(r)
        return tuple(out)

    def _reason(self, atom: Node, ctx: _Ctx) -> Reason:
        bank = self.bank
        if isinstance(atom, Measure) and atom.func in ("score", "band"):
            d = bank.dimension_by_id[atom.subject.name]
            score, _n, bi = ctx.result(d.id)
            if bi is None:
                return Reason(f"{d.title}: not enough answers yet.", dimension=d.id)
            return Reason(f"{d.title}: {score} of {d.high}, \u201c{d.bands[bi].label}\u201d.", dimension=d.id)
        assert isinstance(atom, (Compare, InList, Includes, Predicate, Measure))
        q = bank.by_id[atom.subject.name]
        a = ctx.answers.get(q.id)
        if isinstance(atom, Predicate):
            if atom.func in ("correct", "wrong"):
                said = "true" if a is True else "false"
                verdict = "right" if atom.func == "correct" else f"it is {'true' if q.answer else 'false'}"
                return Reason(f"You answered {said} to \u201c{q.text}\u201d ({verdict}).", question=q.id)
            verb = {"answered": "You answered", "skipped": "You skipped",
                    "declined": "You preferred not to say to"}[atom.func]
            return Reason(f"{verb} \u201c{q.text}\u201d.", question=q.id)
        if isinstance(atom, Measure):
            return Reason(f"You chose {len(a) if isinstance(a, tuple) else 0} for \u201c{q.text}\u201d.",
                          question=q.id)
        if isinstance(atom, Includes):
            return Reason(f"You chose \u201c{q.label_of(atom.value)}\u201d for \u201c{q.text}\u201d.",
                          question=q.id)
        return Reason(f"You answered \u201c{q.label_of(a)}\u201d to \u201c{q.text}\u201d.", question=q.id)


def _dedupe(chosen: list[ChosenSuggestion]) -> list[ChosenSuggestion]:
    """Drop a suggestion whose title and text repeat an earlier one, and works already listed."""
    seen_text: set[tuple[str, str]] = set()
    seen_works: set[str] = set()
    out = []
    for c in chosen:
        key = (c.title, c.text)
        if key in seen_text:
            continue
        seen_text.add(key)
        reading = tuple(w for w in c.reading if w.id not in seen_works)
        seen_works.update(w.id for w in reading)
        if c.kind == "reading" and c.reading and not reading:
            continue  # every work it offers is already shown above
        out.append(c if reading == c.reading else ChosenSuggestion(
            c.id, c.kind, c.title, c.text, c.because, c.priority, c.reasons, reading, c.sources,
            c.resources))
    return out


_ENGINES: dict[int, tuple[Bank, Engine]] = {}


def engine_for(bank: Bank) -> Engine:
    """The engine for a bank, built once per bank object."""
    hit = _ENGINES.get(id(bank))
    if hit is not None and hit[0] is bank:
        return hit[1]
    if len(_ENGINES) > 32:
        _ENGINES.clear()
    eng = Engine(bank)
    _ENGINES[id(bank)] = (bank, eng)
    return eng


def score(bank: Bank, answers: Mapping[str, Any]) -> Outcome:
    """Score answers against a bank."""
    return engine_for(bank).score(answers)
