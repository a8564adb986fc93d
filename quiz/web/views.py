"""The room page's views: each step of the core flow as a template and its values, and a form as an answer.

Nothing here decides what comes next (the flow does, `quiz.engine.flow`); this only turns a step into
what a page shows and a submitted form into the value the flow is given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from quiz.bank.model import DECLINED, Answer, Bank, Question
from quiz.engine.count import answered_words, length, place
from quiz.engine.flow import Ask, Flow, Intro, Results, Reveal, Review, SectionNote, Step
from quiz.engine.report import (
    KIND_HEADINGS,
    checked_words,
    grouped,
    held_back,
    held_words,
    missing_words,
    statement_words,
    status_line,
)
from quiz.engine.summary import band_words, place_words, summarise
from quiz.errors import counted
from quiz.safe_text import safe_url

NOTHING_CHOSEN = "Choose an answer first."
TEXT_SHOWN = 200
"""The longest free-text answer shown in review, in characters (it is kept whole)."""


@dataclass(frozen=True)
class Choice:
    """One answer as a radio button or a checkbox."""

    key: str
    """The form value: the answer's place, 1-based (the value itself never travels)."""
    label: str
    checked: bool


@dataclass(frozen=True)
class Page:
    """A page to render: its template, the words for its title, and the template's values."""

    template: str
    heading: str
    values: Mapping[str, Any]


def choices(q: Question, current: Answer | None) -> list[Choice]:
    """The question's answers, with the one given earlier (or those ticked) checked."""
    out = []
    for i, (value, label) in enumerate(q.choices(), 1):
        if isinstance(current, tuple):
            checked = any(v == value and type(v) is type(value) for v in current)
        else:
            checked = current is not None and current == value and type(current) is type(value)
        out.append(Choice(str(i), label, checked))
    return out


def answer_value(q: Question, form: Mapping[str, str], ticked: Sequence[str]) -> Any:
    """The value a submitted question form gives (None when nothing was chosen). `form` holds the
    single values, `ticked` every checkbox ticked. Keys outside the question's answers are ignored."""
    options = q.choices()

    def value_of(key: str) -> Any:
        return options[int(key) - 1][0] if key.isdigit() and 1 <= int(key) <= len(options) else None

    if q.kind == "text":
        return form.get("text", "")
    if q.kind == "multiple":
        return [v for v in (value_of(k) for k in dict.fromkeys(ticked)) if v is not None]
    return value_of(form.get("answer", ""))


def answer_words(q: Question, value: Answer | None) -> str:
    """An answer as the person gave it, or why there is none."""
    if value is None:
        return "(skipped)" if q.kind == "text" or q.can_skip else "(needs an answer)"
    if q.kind == "text" and isinstance(value, str):
        return value if len(value) <= TEXT_SHOWN else value[: TEXT_SHOWN - 1] + "\u2026"
    if q.kind == "multiple" and value == ():
        return "(nothing ticked)"
    return q.label_of(value)


def intro_facts(bank: Bank) -> str:
    """"Up to 19 questions · about 5 minutes · for adults (18+)"."""
    facts = [length(bank)]
    if bank.minutes:
        facts.append(f"about {bank.minutes} minutes")
    if bank.min_age:
        facts.append(f"for adults ({bank.min_age}+)")
    return " \u00b7 ".join(facts).capitalize()


def section_place(bank: Bank, section_id: str) -> str:
    """"Section 2 of 5"."""
    ids = [s.id for s in bank.sections]
    return f"Section {ids.index(section_id) + 1} of {len(ids)}" if section_id in ids else "Section"


def page_for(step: Step, flow: Flow) -> Page:
    """The page that shows `step`."""
    bank, session = flow.bank, flow.session
    notes = step_notes(step)
    match step:
        case Intro():
            return Page("intro.html", "Start", {"facts": intro_facts(bank), "notes": notes})
        case SectionNote():
            sec = step.section
            declinable = any(q.prefer_not_to_say for q in sec.questions)
            return Page("section.html", sec.title, {
                "section": sec, "where": section_place(bank, sec.id), "skippable": step.skippable,
                "declinable": declinable, "notes": notes})
        case Ask():
            q = step.question
            label = step.label or "Before the questions"
            head = step.section if step.opens_section and step.section and not step.section.content_note else None
            return Page("ask.html", label, {
                "q": q, "step_label": step.label, "section": head,
                "choices": choices(q, step.answer), "multiple": q.kind == "multiple",
                "declined": step.answer == DECLINED, "given": step.answer,
                "text_value": step.answer if q.kind == "text" and isinstance(step.answer, str) else "",
                "can_skip": q.can_skip and q.kind != "text", "review": step.review, "notes": notes})
        case Reveal():
            q = step.question
            work = bank.works.get(q.source) if q.source else None
            return Page("reveal.html", f"{place(session, q).label or 'Answer'}, revealed", {
                "q": q, "right": step.correct, "truth": "true" if q.answer else "false",
                "given": "True" if step.given else "False",
                "source": work.citation() if work else "", "source_url": safe_url(work.url) if work else "",
                "notes": notes})
        case Review():
            rows = []
            for q in session.visible:
                n = place(session, q).number
                rows.append({"id": q.id, "number": n, "text": q.text,
                             "answer": answer_words(q, session.answers.get(q.id)),
                             "missing": q in step.missing})
            return Page("review.html", "Review your answers", {
                "rows": rows, "answered": answered_words(session), "missing": len(step.missing),
                "notes": notes})
        case Results():
            return Page("results.html", "Results", results_values(step))
        case _:
            assert_never(step)


def step_notes(step: Step) -> list[str]:
    """What the action that led here did: answers it removed, required answers still missing."""
    notes = []
    if step.dropped:
        names = ", ".join(f"\u201c{q.text}\u201d" for q in step.dropped)
        notes.append(f"That change means these questions no longer apply, and their answers were removed: {names}")
    if step.still_needed:
        verb = "needs" if step.still_needed == 1 else "need"
        notes.append(f"{counted(step.still_needed, 'required question')} still {verb} an answer before the "
                     "results.")
    return notes


def results_values(step: Results) -> dict[str, Any]:
    """The outcome as the core report orders it: the verdict first (safety, each result in words, the
    next steps that matter most), then every suggestion with its reasons, scores and statements."""
    o = step.outcome
    held = held_back(o)
    groups = []
    for kind, items in grouped(o):
        cards = []
        for s in items:
            cards.append({
                "s": s, "held": held_words(held[s.id]) if s.id in held else "",
                "resources": [{"r": r, "url": safe_url(r.url), "checked": checked_words(r)} for r in s.resources],
                "reading": [{"w": w, "url": safe_url(w.url)} for w in s.reading],
                "sources": [{"w": w, "url": safe_url(w.url)} for w in s.sources]})
        groups.append({"kind": kind, "heading": KIND_HEADINGS[kind], "cards": cards})
    dims = []
    if not o.ended_early:
        for d in o.dimensions:
            dims.append({"d": d, "words": band_words(d) if d.score is not None else "not enough answers",
                         "missing": missing_words(d) if d.score is None else "", "place": place_words(d),
                         "flags": [f.label for f in o.flags if f.dimension == d.id]})
    return {"o": o, "cut_short": status_line(o), "summary": summarise(o), "groups": groups, "dims": dims,
            "statements": [{"st": st, "words": statement_words(st)} for st in o.statements]
            if not o.ended_early else []}
