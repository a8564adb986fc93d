"""Turns a checked document into the frozen Bank model."""

from __future__ import annotations

from typing import Any

from quiz.bank.facts import Rule, item_weights
from quiz.bank.loader import Document
from quiz.bank.model import (
    Band,
    Bank,
    Dimension,
    Example,
    Expectation,
    Flag,
    Option,
    Question,
    Reads,
    Resource,
    Scale,
    ScalePoint,
    Section,
    Suggestion,
    Work,
)
from quiz.bank.option_sets import with_option_sets
from quiz.bank.semantics import Facts


def _count_word(data: dict[str, Any], items: tuple[str, ...]) -> str:
    """What a dimension read as a count counts, from its items' kinds: ticked, right or answered."""
    kinds = {q.get("kind") for sec in data.get("sections", []) for q in sec.get("questions", [])
             if q.get("id") in items}
    if kinds == {"multiple"}:
        return "ticked"
    return "right" if kinds == {"statement"} else "answered"


def _default_reads(low: float, count_word: str) -> Reads:
    """How a dimension reads when its bank does not say: a count of statements right, else its score
    out of the highest for a range from 0 up, else (a range below 0, never shown) its band alone."""
    if low < 0:
        return "band"
    return "count" if count_word == "right" else "score"


def _work(d: dict[str, Any]) -> Work:
    return Work(d["id"], d["title"], d.get("author", ""), d.get("organisation", ""), d.get("year"),
                d.get("publisher", ""), d.get("url", ""), d.get("note", ""))


def _answer_value(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


def _flag(q: dict[str, Any], first_dim: str) -> Flag | None:
    f = q.get("flag")
    if not isinstance(f, dict):
        return None
    return Flag(f["id"], f["label"], q["id"], first_dim, f.get("at_least"), tuple(f.get("options", ())))


def _first_dimension(q: dict[str, Any], weights: dict[str, int]) -> str:
    """The dimension an item's flag is shown with: the first it feeds, by `dimension` or options' `scores`."""
    if weights:
        return next(iter(weights))
    for o in q.get("options", []):
        for dim in o.get("scores") or {}:
            return str(dim)
    return ""


def build_bank(doc: Document, facts: Facts, content_hash: str) -> Bank:
    """Build the model from a document that passed the schema and the semantic checks."""
    data = with_option_sets(doc).data
    scales = {sid: Scale(sid, s.get("title", sid),
                         tuple(ScalePoint(p["value"], p["label"]) for p in s["options"]))
              for sid, s in (data.get("scales") or {}).items()}
    sections: list[Section] = []
    questions: list[Question] = []
    for si, s in enumerate(data["sections"]):
        qs: list[Question] = []
        for qi, q in enumerate(s["questions"]):
            opts = tuple(Option(o["value"], o["label"], tuple(sorted((o.get("scores") or {}).items())),
                                bool(o.get("end")), bool(o.get("exclusive")))
                         for o in q.get("options", []))
            weights = item_weights(facts.questions[q["id"]]) if q["kind"] in ("scale", "statement") else {}
            question = Question(
                id=q["id"], kind=q["kind"], text=q["text"], section=s["id"], index=len(questions),
                help=q.get("help", ""),
                show_if=facts.conditions.get(("sections", si, "questions", qi, "show_if")),
                show_if_text=q.get("show_if", ""), can_skip=bool(q.get("optional")),
                prefer_not_to_say=bool(q.get("prefer_not_to_say")), options=opts,
                min_choices=q.get("min_choices", 0), max_choices=q.get("max_choices"),
                scale=scales.get(q.get("scale", "")), dimension=next(iter(weights), ""),
                reverse=bool(q.get("reverse")), answer=q.get("answer"),
                explanation=q.get("explanation", ""), source=q.get("source", ""),
                discussion=q.get("discussion", ""), max_length=q.get("max_length", 2000),
                weights=tuple(weights.items()), flag=_flag(q, _first_dimension(q, weights)),
            )
            qs.append(question)
            questions.append(question)
        sections.append(Section(s["id"], s["title"], tuple(qs), s.get("intro", ""),
                                s.get("content_note", ""),
                                facts.conditions.get(("sections", si, "show_if")), s.get("show_if", "")))
    dims = []
    for d in data.get("dimensions", []):
        lo, hi = facts.ranges[d["id"]]
        built_from = tuple(facts.sources(d["id"]))
        items = () if built_from else tuple(facts.items.get(d["id"], ()))
        rule = Rule(d, len(items))
        dims.append(Dimension(
            d["id"], d["title"],
            tuple(sorted((Band(b["id"], b["label"], b["min"], b["max"], b.get("text", ""), bi)
                          for bi, b in enumerate(d["bands"])), key=lambda b: (b.min, b.max))),
            lo, hi, items, d.get("description", ""), rule.min_answered if items else 1,
            "mean" if rule.mean else "sum", rule.rounding, rule.hidden, built_from,
            d.get("reads") or _default_reads(lo, _count_word(data, items)), _count_word(data, items),
        ))
    suggestions = tuple(
        Suggestion(s["id"], s["kind"], s["title"], s["text"], s.get("because", ""), i,
                   facts.conditions.get(("suggestions", i, "when")), s.get("when", ""),
                   s.get("priority", 0), tuple(s.get("reading", ())), tuple(s.get("sources", ())),
                   tuple(s.get("resources", ())), facts.conditions.get(("suggestions", i, "gate")),
                   s.get("gate", ""), tuple(s.get("withheld_by", ())))
        for i, s in enumerate(data.get("suggestions", [])))
    examples = []
    for i, ex in enumerate(data.get("examples", [])):
        e = ex.get("expect")
        examples.append(Example(
            ex["name"], i, tuple((k, _answer_value(v)) for k, v in ex["answers"].items()),
            Expectation(tuple(e.get("suggestions", ())), tuple(e.get("not_suggestions", ())),
                        e.get("first", ""), tuple(e.get("bands", {}).items()), e.get("correct"),
                        e.get("ended")) if e is not None else Expectation(),
            e is not None,
        ))
    sources = tuple(_work(w) for w in data.get("sources", []))
    reading = tuple(_work(w) for w in data.get("reading", []))
    resources = tuple(Resource(r["id"], r["name"], r["region"], r.get("last_verified", ""), r.get("contact", ""),
                               r.get("url", ""), r.get("description", ""))
                      for r in data.get("resources", []))
    audience = data.get("audience") or {}
    return Bank(
        id=data["id"], title=data["title"], version=data["version"], disclaimer=data["disclaimer"],
        sections=tuple(sections), questions=tuple(questions), dimensions=tuple(dims),
        suggestions=suggestions, content_hash=content_hash, file=doc.file,
        language=data.get("language", "en"), description=data.get("description", ""),
        minutes=data.get("minutes"), min_age=audience.get("min_age"), reviewed=data.get("reviewed", ""),
        authors=tuple(data.get("authors", ())), reveal=(data.get("settings") or {}).get("reveal", "immediate"),
        sources=sources, reading=reading, resources=resources, scales=tuple(scales.values()),
        examples=tuple(examples), flags=tuple(q.flag for q in questions if q.flag is not None),
        by_id={q.id: q for q in questions}, dimension_by_id={d.id: d for d in dims},
        works={w.id: w for w in reading + sources}, resource_by_id={r.id: r for r in resources},
        section_by_id={s.id: s for s in sections},
        flag_by_id={q.flag.id: q.flag for q in questions if q.flag is not None},
    )
