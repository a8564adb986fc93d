"""Scoring: visible questions, dimension scores and bands, chosen suggestions with their reasons."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import msgspec

from quiz.bank.claims import without_claims
from quiz.bank.facts import settle
from quiz.bank.model import DECLINED, SUGGESTION_ORDER, Bank, Number, Question
from quiz.conditions.compile import Predicate_, compile_explainer, compile_node, explain
from quiz.conditions.nodes import (
    And,
    Compare,
    Includes,
    InList,
    Measure,
    Node,
    Not,
    Or,
    Predicate,
)
from quiz.engine.outcome import (
    ChosenSuggestion,
    DimensionResult,
    Outcome,
    Quote,
    RaisedFlag,
    Reason,
    ResourceRef,
    StatementResult,
    WithheldSuggestion,
    WorkRef,
)


class ScoreContext:
    """Evaluation context: effective answers so far, visible ids, and cached dimension results."""

    __slots__ = ("engine", "answers", "visible", "hidden", "_scores")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.answers: dict[str, Any] = {}
        self.visible: set[str] = set()
        self.hidden: set[str] = set()
        """Questions that `show_if` (their own or their section's) hid; not those never reached."""
        self._scores: dict[str, tuple[Number | None, int, int | None]] = {}

    def result(self, dim: str) -> tuple[Number | None, int, int | None]:
        """(score or None when incomplete, items answered, band index or None)."""
        r = self._scores.get(dim)
        if r is None:
            r = self.engine.dimension_score(dim, self)
            self._scores[dim] = r
        return r

    def score(self, dim: str) -> Number | None:
        return self.result(dim)[0]

    def band_index(self, dim: str) -> int | None:
        return self.result(dim)[2]

    def flagged(self, flag: str) -> bool:
        """Whether the item flag is raised by its own question's answer."""
        f = self.engine.bank.flag_by_id[flag]
        return f.raised_by(self.answers.get(f.question))

    def add(self, qid: str, value: Any) -> None:
        self.answers[qid] = value
        if self._scores:
            self._scores = {}


def _points(q: Question, dim: str) -> Callable[[Any], int]:
    """How an answer to `q` turns into points on `dim` (times the item's weight for that dimension)."""
    if q.kind == "scale" and q.scale is not None:
        # By value, never by position: the author may list a scale highest first.
        vals = [p.value for p in q.scale.points]
        lo, hi = min(vals), max(vals)
        w = dict(q.weights).get(dim, 1)
        if q.reverse:
            return (lambda a: lo + hi - a) if w == 1 else (lambda a: (lo + hi - a) * w)
        return (lambda a: a) if w == 1 else (lambda a: a * w)
    if q.kind == "statement":
        right = q.answer
        w = dict(q.weights).get(dim, 1)
        return lambda a: w if a is right else 0
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

        def comp(n: Node | None) -> Predicate_ | None:
            return None if n is None else compile_node(n, band_ids, statements)

        self._compile: Callable[[Node], Predicate_] = \
            lambda n: compile_node(n, band_ids, statements)
        self.sections = [(s, comp(s.show_if), [(q, comp(q.show_if)) for q in s.questions])
                         for s in bank.sections]
        self.ends = {q.id: {o.value for o in q.options if o.end} for q in bank.questions
                     if any(o.end for o in q.options)}
        self.dims = {d.id: (d, [(qid, _points(bank.by_id[qid], d.id)) for qid in d.items])
                     for d in bank.dimensions}
        # The points a hidden item counts as, per dimension that sets `hidden` (weight included).
        self._hidden = {d.id: {qid: d.hidden * dict(bank.by_id[qid].weights).get(d.id, 1) for qid in d.items}
                        for d in bank.dimensions if d.hidden is not None}
        self._needed = {d.id: self._need(d.id) for d in bank.dimensions}
        self._item_count = {d.id: self._count(d.id) for d in bank.dimensions}
        self.suggestions = [(s, comp(s.when)) for s in bank.suggestions]
        # A score or band reason quotes the item answers that added points: each item (through `from:`
        # dimensions too) with the fewest points any answer to it gives.
        self._quotable = {d.id: self._items_of(d.id) for d in bank.dimensions}
        self._quoted_ids = {did: [qid for qid, _p, _f in items] for did, items in self._quotable.items()}
        self._atom_cache: dict[int, Predicate_] = {}
        # Everything below only makes `score` fast; none of it changes what it returns. Suggestions are
        # kept in their final order (safety first, then priority, then bank order) with the parts of
        # their result that never change, and a chosen suggestion is reused whenever its reasons are.
        works = bank.works
        # Withholders first (validation refuses circles), so one pass settles who is shown.
        self._withhold_order = _withhold_order(bank)
        self._withholders = {w for s in bank.suggestions for w in s.withheld_by}
        self._suggestion_by_id = {s.id: s for s in bank.suggestions}
        self._withhold_memo: dict[tuple[str, ...], tuple[frozenset[str], tuple[WithheldSuggestion, ...]]] = {}
        self._plan = []
        for s, when in sorted(self.suggestions, key=lambda p: (SUGGESTION_ORDER[p[0].kind],
                                                                -p[0].priority, p[0].index)):
            # A sentence claiming what the person answered gives way to the reasons from the answers
            # (only where there are some: a suggestion without `when` keeps its `because` whole).
            because = s.because if s.when is None else without_claims(s.because)
            static = (because, because != s.because, tuple(self._work(w) for w in s.reading if w in works),
                      tuple(self._work(w) for w in s.sources if w in works),
                      tuple(ResourceRef(r.id, r.name, r.region, r.contact, r.url, r.description,
                                        r.last_verified)
                            for rid in s.resources if (r := bank.resource_by_id.get(rid)) is not None))
            leaf = s.when is not None and not isinstance(s.when, (Or, And, Not))
            explainer = None if s.when is None or leaf else compile_explainer(s.when, band_ids, statements)
            gate = comp(s.gate)
            # Chosen when both hold: one predicate, so scoring pays for a gate only where there is one.
            chosen_if = gate if when is None else when if gate is None else _both(when, gate)
            # Whether it takes part in withholding (withholds or can be withheld): only those are looked at.
            involved = bool(s.withheld_by) or s.id in self._withholders
            self._plan.append((s, chosen_if, leaf, explainer, static, involved))
        self._memo: dict[Any, ChosenSuggestion] = {}
        self._dim_memo: dict[Any, DimensionResult] = {}
        self._statement_memo: dict[Any, StatementResult] = {}
        self._flags = [(f, RaisedFlag(f.id, f.label, f.question, f.dimension)) for f in bank.flags]
        self._citations = {q.id: (works[q.source].citation() if q.source in works else "")
                           for q in bank.questions if q.kind == "statement"}

    # -- visibility ---------------------------------------------------------------------------------
    def walk(self, answers: Mapping[str, Any]) -> tuple[ScoreContext, list[Question], bool]:
        """Visible questions in order given `answers`; answers to hidden questions are left out."""
        ctx = ScoreContext(self)
        visible: list[Question] = []
        ends = self.ends
        for _section, sec_if, questions in self.sections:
            if sec_if is not None and not sec_if(ctx):
                ctx.hidden.update(q.id for q, _ in questions)
                continue
            for q, q_if in questions:
                if q_if is not None and not q_if(ctx):
                    ctx.hidden.add(q.id)
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
    def dimension_score(self, dim: str, ctx: ScoreContext) -> tuple[Number | None, int, int | None]:
        """(score or None when too few answers, items answered, band index or None).

        A missing item (skipped, declined, hidden) adds nothing and is not answered, except that a
        hidden one counts as answered with the dimension's `hidden` points when it sets them. With
        fewer than all items answered the score is prorated: the answered items' mean times the count.
        """
        d, items = self.dims[dim]
        if d.sources:
            return self._from_score(d.id, ctx)
        answers = ctx.answers
        total: Number = 0
        answered = 0
        hidden = self._hidden.get(dim)
        for qid, points in items:
            a = answers.get(qid)
            if a is None or a == DECLINED:
                if hidden is not None and qid in ctx.hidden:
                    answered += 1
                    total += hidden[qid]
                continue
            answered += 1
            total += points(a)
        if answered < d.min_answered:
            return None, answered, None
        value: Number = total
        mean = d.score_kind == "mean"
        if type(total) is float:  # a decimal `hidden` value: exact arithmetic
            exact = Fraction(str(total))
            value = settle(exact / answered if mean else exact * len(items) / answered, d.whole)
        elif mean or answered < len(items):
            num = int(total) if mean else int(total) * len(items)  # a whole total here
            # Half up in integers: floor(num / answered + 1/2), exact and much faster than Fraction.
            value = (2 * num + answered) // (2 * answered) if d.whole else settle(Fraction(num, answered), False)
        return value, answered, d.band_index(value)

    def _from_score(self, dim: str, ctx: ScoreContext) -> tuple[Number | None, int, int | None]:
        """A dimension built from others: their scores summed (or averaged), incomplete if any is."""
        d = self.dims[dim][0]
        parts = [ctx.result(s) for s in d.sources]
        answered = sum(p[1] for p in parts)
        if any(p[0] is None for p in parts):
            return None, answered, None
        total = sum((Fraction(str(p[0])) for p in parts), Fraction(0))
        value = settle(total / len(parts) if d.score_kind == "mean" else total, d.whole)
        return value, answered, d.band_index(value)

    def _need(self, dim: str) -> int:
        d = self.dims[dim][0]
        return sum(self._need(s) for s in d.sources) if d.sources else d.min_answered

    def _count(self, dim: str) -> int:
        """How many items feed `dim`, through the dimensions it is built from too."""
        d, items = self.dims[dim]
        return sum(self._count(s) for s in d.sources) if d.sources else len(items)

    # -- outcome --------------------------------------------------------------------------------------
    def score(self, answers: Mapping[str, Any]) -> Outcome:
        """The full outcome for these answers (answers to hidden questions are ignored)."""
        bank = self.bank
        ctx, visible, ended = self.walk(answers)
        eff = ctx.answers
        dims = []
        dim_memo = self._dim_memo
        for did, (d, _items) in self.dims.items():
            result = ctx.result(did)
            dkey = (did, result, type(result[0]))  # 3 and 3.0 are equal keys but print differently
            dr = dim_memo.get(dkey)
            if dr is None:
                score, answered, bi = result
                band = d.bands[bi] if bi is not None else None
                need = self._needed[did]
                dr = DimensionResult(
                    d.id, d.title, score, d.low, d.high, answered, need,
                    band.id if band else None, band.label if band else "Not enough answers",
                    band.text if band else f"Answer at least {need} of its questions to see a result.",
                    self._item_count[did], d.reads, d.count_word, tuple([b.label for b in d.bands]), bi,
                )
                _remember(dim_memo, dkey, dr)
            dims.append(dr)
        statements = []
        st_memo = self._statement_memo
        for q in visible:
            if q.kind == "statement":
                a = eff.get(q.id)
                given = a if isinstance(a, bool) else None
                sr = st_memo.get((q.id, given))
                if sr is None:
                    sr = StatementResult(q.id, q.text, given, bool(q.answer),
                                         given is not None and given is q.answer,
                                         q.explanation, self._citations[q.id])
                    _remember(st_memo, (q.id, given), sr)
                statements.append(sr)
        chosen = []
        memo = self._memo
        reason_key = self._reason_key
        involved_ids: list[str] = []
        for i, (s, when, leaf, explainer, static, involved) in enumerate(self._plan):
            if when is not None and not when(ctx):
                continue
            # A chosen suggestion differs between answer sets only through its reasons, and those only
            # through the leaf conditions that explain it and the few facts each one mentions.
            if explainer is not None:
                key: Any = (i, tuple([(id(atom), value, reason_key(atom, value, ctx))
                                      for atom, value in explainer(ctx, True)]))
            elif leaf:
                key = (i, reason_key(s.when, True, ctx))  # type: ignore[arg-type]
            else:
                key = i
            try:
                hit = memo.get(key)
            except TypeError:  # an unhashable answer (e.g. a list): work it out without the memo
                key, hit = None, None
            if hit is None:
                because, generated, reading, sources, resources = static
                hit = ChosenSuggestion(s.id, s.kind, s.title, s.text, because, s.priority,
                                       self.reasons(s.when, ctx, s.gate is not None), reading, sources,
                                       resources, generated)
                if key is not None:
                    _remember(memo, key, hit)
            chosen.append(hit)
            if involved:
                involved_ids.append(s.id)
        withheld: tuple[WithheldSuggestion, ...] = ()
        if len(involved_ids) > 1:
            # Which are withheld depends only on which of those taking part were chosen.
            key = tuple(involved_ids)
            found = self._withhold_memo.get(key)
            if found is None:
                found = self._withhold(involved_ids)
                _remember(self._withhold_memo, key, found)
            hidden, withheld = found
            if hidden:
                chosen = [c for c in chosen if c.id not in hidden]
        chosen = _dedupe(chosen)
        complete = True
        n_answered = 0
        given_answers = []
        for q in visible:
            qid = q.id
            if qid in eff:
                n_answered += 1
                if q.kind != "text":
                    given_answers.append((qid, eff[qid]))
            elif complete and not q.can_skip and q.kind != "text":
                complete = False
        flags: tuple[RaisedFlag, ...] = ()
        if self._flags:
            # From each flag's own answer alone: never a band, never prorating.
            flags = tuple([raised for f, raised in self._flags if f.raised_by(eff.get(f.question))])
        return Outcome(
            bank.id, bank.title, bank.version, bank.disclaimer, complete, ended, len(visible),
            n_answered, tuple(dims), tuple(statements), tuple(chosen), tuple(given_answers), flags, withheld,
        )

    def _withhold(self, involved: list[str]) -> tuple[frozenset[str], tuple[WithheldSuggestion, ...]]:
        """Of the chosen suggestions taking part in withholding (`involved`, in results order), the ids
        withheld by a shown one, and each with what withheld it (a withheld withholder withholds nothing)."""
        shown = set(involved)
        by_what: dict[str, WithheldSuggestion] = {}
        for sid, by in self._withhold_order:
            if sid in shown:
                hit = tuple([w for w in by if w in shown])
                if hit:
                    shown.discard(sid)
                    s = self._suggestion_by_id[sid]
                    by_what[sid] = WithheldSuggestion(sid, s.kind, s.title, hit)
        return frozenset(by_what), tuple([by_what[sid] for sid in involved if sid in by_what])

    def _work(self, wid: str) -> WorkRef:
        w = self.bank.works[wid]
        return WorkRef(w.id, w.citation(), w.url, w.note)

    def holds(self, node: Node, ctx: ScoreContext) -> bool:
        """Whether a condition or part of one holds in `ctx`; each node is compiled once."""
        fn = self._atom_cache.get(id(node))
        if fn is None:
            fn = self._compile(node)
            self._atom_cache[id(node)] = fn
        return fn(ctx)

    def reasons(self, when: Node | None, ctx: ScoreContext, gated: bool = False) -> tuple[Reason, ...]:
        """Why a suggestion fired, as sentences about the answers and scores that decided it: for an
        `or`, only the alternatives that hold. A `gate` is a precondition, never a reason: a gated
        suggestion without `when` has none (its `because` says why)."""
        if when is None:
            return () if gated else (Reason("Shown to everyone who takes this bank."),)
        out: list[Reason] = []
        seen: set[str] = set()
        for atom, value in explain(when, lambda n: self.holds(n, ctx)):
            r = self._reason(atom, ctx) if value else self._fact(atom, ctx)
            if r.text not in seen:
                seen.add(r.text)
                out.append(r)
        return tuple(out)

    def _reason_key(self, atom: Node, value: bool, ctx: ScoreContext) -> Any:
        """What the reason for `atom` (true or, under `not`, false) reads beyond the bank itself."""
        if isinstance(atom, Measure):
            if atom.func == "count":
                a = ctx.answers.get(atom.subject.name)
                return (a, tuple(map(type, a))) if isinstance(a, tuple) else 0
            r = ctx.result(atom.subject.name)
            answers = ctx.answers
            # 3 and 3.0 (and True and 1) are equal keys but print differently.
            return r, type(r[0]), tuple([(a, type(a)) for a in map(answers.get, self._quoted_ids[atom.subject.name])])
        if isinstance(atom, Predicate) and atom.func == "flagged":
            a = ctx.answers.get(self.bank.flag_by_id[atom.subject.name].question, _MISSING)
            return (a, tuple(map(type, a))) if type(a) is tuple else (a, type(a))
        if value and isinstance(atom, (Predicate, Includes)):
            return None  # fixed text: the answer is implied by the condition holding
        a = ctx.answers.get(atom.subject.name, _MISSING)  # type: ignore[union-attr]
        if isinstance(atom, Includes) and isinstance(a, tuple):
            return tuple
        if type(a) is tuple:
            return a, tuple(map(type, a))
        return a, type(a)  # True == 1 == 1.0, but their labels differ

    def _score_reason(self, did: str, ctx: ScoreContext) -> Reason:
        """A dimension's band in words (its score too where the range starts at 0), with the item
        answers that added points to it; an answer that added none is never quoted."""
        d = self.bank.dimension_by_id[did]
        score, _n, bi = ctx.result(did)
        if bi is None:
            return Reason(f"{d.title}: not enough answers yet.", dimension=did)
        quotes = []
        answers = ctx.answers
        for qid, points, floor in self._quotable[did]:
            a = answers.get(qid)
            if a is None or a == DECLINED or points(a) <= floor:
                continue
            quotes.append(Quote(qid, a, self.bank.by_id[qid].label_of(a)))
        number = f" ({score} of {d.high})" if d.low == 0 else ""
        text = f"{d.title}: \u201c{d.bands[bi].label}\u201d{number}"
        if quotes:
            text += ", from your answers " + _joined([
                f"\u201c{q.label}\u201d to \u201c{self.bank.by_id[q.question].text}\u201d" for q in quotes])
        return Reason(text + ".", dimension=did, quotes=tuple(quotes))

    def _items_of(self, did: str) -> list[tuple[str, Callable[[Any], Number], Number]]:
        """(question, points, least points) for each item feeding `did`, through `from:` dimensions."""
        d, items = self.dims[did]
        if d.sources:
            return [x for src in d.sources for x in self._items_of(src)]
        out: list[tuple[str, Callable[[Any], Number], Number]] = []
        for qid, points in items:
            q = self.bank.by_id[qid]
            values: list[Any] = [v for v, _label in q.choices()]
            if q.kind == "multiple":
                values = [()] + [(v,) for v in values]
            out.append((qid, points, min((points(v) for v in values), default=0)))
        return out

    def _reason(self, atom: Node, ctx: ScoreContext) -> Reason:
        bank = self.bank
        if isinstance(atom, Measure) and atom.func in ("score", "band"):
            return self._score_reason(atom.subject.name, ctx)
        assert isinstance(atom, (Compare, InList, Includes, Predicate, Measure))
        q = bank.by_id[self._question_of(atom)]
        a = ctx.answers.get(q.id)
        if isinstance(atom, Predicate) and atom.func == "flagged":
            return self._fact(atom, ctx)  # the answer that raised the flag, quoted
        if isinstance(atom, Predicate):
            if atom.func in ("correct", "wrong"):
                verdict = "right" if atom.func == "correct" else f"it is {'true' if q.answer else 'false'}"
                return Reason(f"You answered \u201c{q.label_of(a)}\u201d to \u201c{q.text}\u201d ({verdict}).",
                              question=q.id,
                              quotes=(Quote(q.id, a, q.label_of(a)),))
            if atom.func == "declined":
                return Reason(f"You preferred not to say to \u201c{q.text}\u201d.", question=q.id,
                              quotes=(Quote(q.id, DECLINED, q.label_of(DECLINED)),))
            verb = {"answered": "You answered", "skipped": "You skipped"}[atom.func]
            return Reason(f"{verb} \u201c{q.text}\u201d.", question=q.id)
        if isinstance(atom, Measure):
            quotes = (Quote(q.id, a, q.label_of(a)),) if isinstance(a, tuple) else ()
            return Reason(f"You chose {len(a) if isinstance(a, tuple) else 0} for \u201c{q.text}\u201d.",
                          question=q.id, quotes=quotes)
        if isinstance(atom, Includes):
            return Reason(f"You chose \u201c{q.label_of(atom.value)}\u201d for \u201c{q.text}\u201d.",
                          question=q.id, quotes=(Quote(q.id, atom.value, q.label_of(atom.value)),))
        if a is None:  # e.g. `q != "x"` holds when q was not answered
            return Reason(f"You did not answer \u201c{q.text}\u201d.", question=q.id)
        return Reason(f"You answered \u201c{q.label_of(a)}\u201d to \u201c{q.text}\u201d.", question=q.id,
                      quotes=(Quote(q.id, a, q.label_of(a)),))

    def _fact(self, atom: Node, ctx: ScoreContext) -> Reason:
        """Why a condition under `not` is false: the answer or score as it actually is."""
        assert isinstance(atom, (Compare, InList, Includes, Predicate, Measure))
        if isinstance(atom, Measure):
            return self._reason(atom, ctx)  # a score, band or count is stated as it is either way
        q = self.bank.by_id[self._question_of(atom)]
        a = ctx.answers.get(q.id)
        if a is None:
            return Reason(f"You did not answer \u201c{q.text}\u201d.", question=q.id)
        if a == DECLINED:
            return Reason(f"You preferred not to say to \u201c{q.text}\u201d.", question=q.id,
                          quotes=(Quote(q.id, DECLINED, q.label_of(DECLINED)),))
        if isinstance(atom, Includes):
            return Reason(f"You did not choose \u201c{q.label_of(atom.value)}\u201d for "
                          f"\u201c{q.text}\u201d.", question=q.id)
        return Reason(f"You answered \u201c{q.label_of(a)}\u201d to \u201c{q.text}\u201d.", question=q.id,
                      quotes=(Quote(q.id, a, q.label_of(a)),))


    def _question_of(self, atom: Node) -> str:
        """The question a leaf condition reads: its subject, or for `flagged(f)` the flag's question."""
        name: str = atom.subject.name  # type: ignore[union-attr]
        if isinstance(atom, Predicate) and atom.func == "flagged":
            return self.bank.flag_by_id[name].question
        return name


def _both(p: Predicate_, q: Predicate_) -> Predicate_:
    return lambda c: p(c) and q(c)


def _withhold_order(bank: Bank) -> list[tuple[str, tuple[str, ...]]]:
    """(id, withheld_by) of each suggestion that can be withheld, every withholder before those it
    withholds (a depth-first order; validation refuses circles, and one here is simply cut)."""
    by = {s.id: s.withheld_by for s in bank.suggestions if s.withheld_by}
    order: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()

    def visit(sid: str) -> None:
        if sid in seen:
            return
        seen.add(sid)
        for w in by.get(sid, ()):
            visit(w)
        if sid in by:
            order.append((sid, by[sid]))

    for sid in by:
        visit(sid)
    return order


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
        if not c.reading:
            out.append(c)
            continue
        reading = tuple([w for w in c.reading if w.id not in seen_works])
        for w in reading:
            seen_works.add(w.id)
        if c.kind == "reading" and not reading:
            continue  # every work it offers is already shown above
        out.append(c if reading == c.reading else msgspec.structs.replace(c, reading=reading))
    return out


def _joined(parts: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


_MISSING: Any = object()
_MEMO_LIMIT = 50_000  # entries per memo; each is a small frozen result shared between outcomes


def _remember(memo: dict[Any, Any], key: Any, value: Any) -> None:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value


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
