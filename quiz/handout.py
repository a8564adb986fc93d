"""Printable handouts of a bank, in Markdown or self-contained HTML, with or without the answer key."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from quiz.conditions.nodes import (
    And,
    Compare,
    Includes,
    InList,
    Literal,
    Measure,
    Node,
    Not,
    Or,
    Predicate,
)
from quiz.model import Bank, Dimension, Question, Section, Work

FORMATS = ("md", "html")
TEXT_LINES = 3  # ruled lines printed under a free-text question

_OP_WORDS = {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "==": "exactly", "!=": "not"}
_BAND_WORDS = {"==": "is “{b}”", "!=": "is not “{b}”", "<": "is below “{b}”", "<=": "is “{b}” or lower",
               ">": "is above “{b}”", ">=": "is “{b}” or higher"}


# -- what a handout says, whatever the format -------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    """One printed answer: the mark to fill in, its words, and a scoring note for the key."""

    label: str
    key_note: str = ""
    stop: bool = False


@dataclass(frozen=True)
class Item:
    """One printed question: its number, its instructions and choices, and its key."""

    number: int
    question: Question
    instruction: str
    condition: str
    choices: tuple[Choice, ...]
    box: bool  # checkboxes (a checklist) rather than circles
    scoring: str


def numbering(bank: Bank) -> dict[str, int]:
    """Question numbers as printed: 1, 2, 3... through the whole bank."""
    return {q.id: i for i, q in enumerate(bank.questions, start=1)}


_COUNT_WORDS = {"<": "fewer than", "<=": "at most", ">": "more than", ">=": "at least", "==": "exactly",
                "!=": "other than"}
_SCALE_WORDS = {"==": "is “{v}”", "!=": "is not “{v}”", "<": "is below “{v}”", "<=": "is “{v}” or below",
                ">": "is above “{v}”", ">=": "is “{v}” or above"}


def _lit(bank: Bank, qid: str, value: Literal) -> str:
    """An answer value as the person saw it: the option's or scale point's words."""
    q = bank.by_id.get(qid)
    if isinstance(value, bool):
        return "True" if value else "False"
    if q is not None and not isinstance(value, float):
        return q.label_of(value)
    return str(value)


def describe(node: Node, bank: Bank, numbers: dict[str, int], parent: str = "") -> str:
    """A condition in words for a person with a pen: `“Pain” is ticked in question 4`."""

    def qn(qid: str) -> str:
        return f"question {numbers[qid]}" if qid in numbers else f"`{qid}`"

    if isinstance(node, (And, Or)):
        kind = "and" if isinstance(node, And) else "or"
        text = f" {kind} ".join(describe(n, bank, numbers, kind) for n in node.items)
        return f"({text})" if parent and parent != kind else text
    if isinstance(node, Not):
        inner = node.item
        if isinstance(inner, Predicate) and inner.func in ("answered", "skipped"):
            verb = "was not answered" if inner.func == "answered" else "was not skipped"
            return f"{qn(inner.subject.name)} {verb}"
        return f"not ({describe(inner, bank, numbers)})"
    if isinstance(node, Compare):
        sid, v = node.subject.name, node.value
        q = bank.by_id.get(sid)
        is_point = q is not None and q.kind == "scale" and any(v == x for x, _ in q.choices())
        if node.op in ("==", "!=") or is_point:
            return f"the answer to {qn(sid)} " + _SCALE_WORDS[node.op].format(v=_lit(bank, sid, v))
        return f"the answer to {qn(sid)} is {_OP_WORDS[node.op]} {v}"
    if isinstance(node, InList):
        sid = node.subject.name
        return f"the answer to {qn(sid)} is " + " or ".join(f"“{_lit(bank, sid, v)}”" for v in node.values)
    if isinstance(node, Includes):
        return f"“{_lit(bank, node.subject.name, node.value)}” is ticked in {qn(node.subject.name)}"
    if isinstance(node, Predicate):
        sid = node.subject.name
        return {
            "answered": f"{qn(sid)} was answered",
            "skipped": f"{qn(sid)} was skipped",
            "declined": f"“Prefer not to say” was chosen for {qn(sid)}",
            "correct": f"{qn(sid)} was answered right",
            "wrong": f"{qn(sid)} was not answered right",
        }[node.func]
    assert isinstance(node, Measure)
    sid, op, v = node.subject.name, node.op, node.value
    if node.func == "count":
        return f"{_COUNT_WORDS[op]} {v} {'option is' if v == 1 else 'options are'} ticked in {qn(sid)}"
    d = bank.dimension_by_id.get(sid)
    title = d.title if d is not None else sid
    if node.func == "score":
        return f"the {title} score is {_OP_WORDS[op]} {v}"
    if v == "incomplete":
        return f"the {title} result {'has too few' if op == '==' else 'has enough'} answers"
    band = next((b.label for b in d.bands if b.id == v), str(v)) if d is not None else str(v)
    return f"the {title} result " + _BAND_WORDS[op].format(b=band)


def items(bank: Bank, section: Section, numbers: dict[str, int]) -> list[Item]:
    """The printed form of each question in a section."""
    out = []
    for q in section.questions:
        choices: list[Choice] = []
        scoring = ""
        box = q.kind == "multiple"
        if q.kind in ("single", "multiple"):
            titles = {d.id: d.title for d in bank.dimensions}
            for o in q.options:
                note = ", ".join(f"{p:+d} {titles.get(d, d)}" for d, p in o.scores)
                choices.append(Choice(o.label, note, o.end))
            if q.kind == "single":
                instruction = "Choose one."
            elif q.max_choices == 1:
                instruction = "Tick one."
            else:
                instruction = "Tick all that apply."
                if q.min_choices > 1:
                    instruction = f"Tick at least {q.min_choices}."
                if q.max_choices:
                    instruction = instruction[:-1] + f" (at most {q.max_choices})."
        elif q.kind == "scale" and q.scale is not None:
            pts = q.scale.points
            lo, hi = min(p.value for p in pts), max(p.value for p in pts)
            for p in pts:
                value = lo + hi - p.value if q.reverse else p.value
                choices.append(Choice(p.label, f"{value:+d}" if q.dimension else ""))
            instruction = "Choose one."
            if q.dimension:
                title = bank.dimension_by_id[q.dimension].title
                scoring = f"Adds to {title}" + (" (reverse keyed)." if q.reverse else ".")
        elif q.kind == "statement":
            choices = [Choice("True"), Choice("False")]
            instruction = "True or false?"
            if q.dimension:
                scoring = f"A right answer adds 1 to {bank.dimension_by_id[q.dimension].title}."
        else:
            instruction = "Write your answer."
        if q.prefer_not_to_say:
            choices.append(Choice("Prefer not to say"))
        if q.optional:
            instruction += " You may skip this question."
        cond = describe(q.show_if, bank, numbers) if q.show_if is not None else ""
        out.append(Item(numbers[q.id], q, instruction, cond, tuple(choices), box, scoring))
    return out


def _meta(bank: Bank) -> str:
    bits = [f"Version {bank.version}"]
    if bank.minutes:
        bits.append(f"about {bank.minutes} minutes")
    if bank.min_age:
        bits.append(f"for ages {bank.min_age} and over")
    if bank.reviewed:
        bits.append(f"reviewed {bank.reviewed}")
    if bank.authors:
        bits.append("by " + ", ".join(bank.authors))
    return " · ".join(bits)


def _range_sentence(d: Dimension, numbers: dict[str, int]) -> str:
    nums = [str(numbers[q]) for q in d.items if q in numbers]
    which = f"question {nums[0]}" if len(nums) == 1 else "questions " + ", ".join(nums)
    rule = ("With none of them answered" if d.min_answered <= 1
            else f"With fewer than {d.min_answered} of them answered")
    return (f"Scores run from {d.low} to {d.high} and come from {which}. "
            f"{rule}, the result is “not enough answers”.")


def _keyed_works(bank: Bank) -> list[tuple[str, list[Work]]]:
    groups = [("Sources", list(bank.sources)), ("Reading", list(bank.reading))]
    return [(name, works) for name, works in groups if works]


def _safe_url(url: str) -> str:
    return url if re.match(r"^https?://[^\s<>\"'`]+$", url) else ""


# -- Markdown ---------------------------------------------------------------------------------------------
# Escaped anywhere: emphasis, code, links, raw HTML, headings' closing `#`, tables, strikethrough.
# Parentheses and `!` need no escape once `[` is escaped: no link or image can start.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_text(text: str) -> str:
    """Bank text as Markdown that renders as exactly that text in the middle of a line."""
    line = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"&(?=#?[A-Za-z0-9]+;)", r"\\&", line)  # `&amp;` would become `&`


def md_inline(text: str) -> str:
    """Bank text as one line of Markdown, safe at the start of a line too."""
    line = md_text(text)
    line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)  # "1. " would start a list
    return re.sub(r"^([-+=:])", r"\\\1", line)  # list item, heading underline, definition


def md_paragraphs(text: str) -> str:
    """Bank text as Markdown paragraphs (blank lines in the text separate them)."""
    return "\n\n".join(md_inline(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


def _md_link(url: str) -> str:
    safe = _safe_url(url)
    return f"<{safe}>" if safe else md_inline(url)


def _md_work(w: Work) -> str:
    return md_inline(w.citation()) + (f" {_md_link(w.url)}" if w.url else "")


def to_markdown(bank: Bank, answer_key: bool = False) -> str:
    """The handout as Markdown."""
    numbers = numbering(bank)
    title = md_inline(bank.title) + (": answer key" if answer_key else "")
    out = [f"# {title}", ""]
    if bank.description:
        out += [md_paragraphs(bank.description), ""]
    out += [f"*{md_inline(_meta(bank))}*", ""]
    out += ["> **About this questionnaire.** " + md_inline(bank.disclaimer), ""]
    for section in bank.sections:
        out += [f"## {md_inline(section.title)}", ""]
        if section.show_if is not None:
            out += [f"*Answer this part only if {md_inline(describe(section.show_if, bank, numbers))}.*", ""]
        if section.content_note:
            out += [f"> **Content note.** {md_inline(section.content_note)}", ""]
        if section.intro:
            out += [md_paragraphs(section.intro), ""]
        for it in items(bank, section, numbers):
            q = it.question
            out += [f"**{it.number}.** {md_inline(q.text)}", ""]
            if it.condition:
                out += [f"*Only if {md_inline(it.condition)}.*", ""]
            if q.help:
                out += [f"*{md_inline(q.help)}*", ""]
            out += [f"{md_inline(it.instruction)}", ""]
            mark = "☐" if it.box else "◯"
            for c in it.choices:
                line = f"- {mark} {md_inline(c.label)}"
                if c.stop:
                    line += " *(stop here)*"
                if answer_key and c.key_note:
                    line += f" **\\[{md_text(c.key_note)}\\]**"
                out.append(line)
            if q.kind == "text":
                for _ in range(TEXT_LINES):
                    out += ["", "." * 60]
            out.append("")
            if answer_key:
                out += _md_key(bank, q, it)
    if answer_key:
        out += _md_scoring(bank, numbers)
        for name, works in _keyed_works(bank):
            out += [f"## {name}", ""] + [f"- {_md_work(w)}" for w in works] + [""]
    return "\n".join(out).rstrip() + "\n"


def _md_key(bank: Bank, q: Question, it: Item) -> list[str]:
    lines: list[str] = []
    if q.kind == "statement":
        verdict = "True: a fact." if q.answer else "False: a myth."
        lines.append(f"> **Answer:** {verdict}")
    if q.explanation:
        lines.append(f"> {md_inline(q.explanation)}")
    src = bank.source(q.source) if q.source else None
    if src is not None:
        lines.append(f"> **Source:** {_md_work(src)}")
    if q.discussion:
        lines.append(f"> **Discuss:** {md_inline(q.discussion)}")
    if it.scoring:
        lines.append(f"> **Scoring:** {md_inline(it.scoring)}")
    # A blank quoted line between parts keeps each on its own line when rendered.
    spaced: list[str] = []
    for line in lines:
        spaced += [line, ">"]
    return spaced[:-1] + [""] if spaced else []


def _md_scoring(bank: Bank, numbers: dict[str, int]) -> list[str]:
    if not bank.dimensions:
        return []
    out = ["## How the scores are read", ""]
    for d in bank.dimensions:
        out += [f"### {md_inline(d.title)}", ""]
        if d.description:
            out += [md_paragraphs(d.description), ""]
        out += [md_inline(_range_sentence(d, numbers)), ""]
        out += ["| score | result | meaning |", "|---|---|---|"]
        out += [f"| {b.min} to {b.max} | {md_inline(b.label)} | {md_inline(b.text)} |" for b in d.bands]
        out.append("")
    return out


# -- HTML -------------------------------------------------------------------------------------------------
_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:1px solid #999;margin-top:1.8em}
.meta{color:#444}.disclaimer,.note{border:1px solid #777;padding:.5em .8em}
.q{margin:1.2em 0;break-inside:avoid;page-break-inside:avoid}.q p{margin:.2em 0}
.num{font-weight:bold;margin-right:.3em}.how,.cond,.help{color:#333;font-style:italic}
ul.choices{list-style:none;padding-left:1.2em;margin:.4em 0}ul.choices li{margin:.25em 0}
.mark{display:inline-block;width:.85em;height:.85em;border:1.5px solid #111;margin-right:.55em;
vertical-align:-.1em}.circle{border-radius:50%}
.lines span{display:block;border-bottom:1px solid #555;height:1.9em}
.key{border-left:4px solid #555;padding:.2em .8em;margin:.5em 0 0 1.2em;background:#f3f3f3}
.key p{margin:.3em 0}.pts{font-weight:bold;margin-left:.4em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .6em;text-align:left}
@page{margin:18mm}
@media print{body{margin:0;max-width:none;font-size:12pt}a{color:#000;text-decoration:none}
a[href]:after{content:" (" attr(href) ")";font-size:90%}h2,h3{break-after:avoid;page-break-after:avoid}
.key{background:none}}
"""


def _e(text: str) -> str:
    """Bank text as HTML text on one line: escaped, runs of white space as one space."""
    return html.escape(" ".join(text.split()), quote=True)


def _html_paragraphs(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{_e(p)}</p>"
                   for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


def _html_work(w: Work) -> str:
    safe = _safe_url(w.url)
    link = f' <a href="{_e(safe)}">{_e(safe)}</a>' if safe else (f" {_e(w.url)}" if w.url else "")
    return _e(w.citation()) + link


def to_html(bank: Bank, answer_key: bool = False) -> str:
    """The handout as one self-contained HTML file: no scripts, no external assets; prints cleanly."""
    numbers = numbering(bank)
    title = _e(bank.title) + (": answer key" if answer_key else "")
    lang = _e(bank.language or "en")
    parts = ["<!doctype html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             '<meta name="generator" content="quiz export">',
             f"<title>{title}</title><style>{_CSS}</style></head><body>", "<header>",
             f"<h1>{title}</h1>"]
    if bank.description:
        parts.append(_html_paragraphs(bank.description))
    parts.append(f'<p class="meta">{_e(_meta(bank))}</p>')
    parts.append(f'<div class="disclaimer"><strong>About this questionnaire.</strong> '
                 f"{_e(bank.disclaimer)}</div></header><main>")
    for section in bank.sections:
        parts.append(f"<section><h2>{_e(section.title)}</h2>")
        if section.show_if is not None:
            parts.append(f'<p class="cond">Answer this part only if '
                         f"{_e(describe(section.show_if, bank, numbers))}.</p>")
        if section.content_note:
            parts.append(f'<div class="note"><strong>Content note.</strong> {_e(section.content_note)}</div>')
        if section.intro:
            parts.append(_html_paragraphs(section.intro))
        for it in items(bank, section, numbers):
            parts.append(_html_item(bank, it, answer_key))
        parts.append("</section>")
    if answer_key:
        parts.append(_html_scoring(bank, numbers))
        for name, works in _keyed_works(bank):
            parts.append(f"<section><h2>{name}</h2><ul>")
            parts += [f"<li>{_html_work(w)}</li>" for w in works]
            parts.append("</ul></section>")
    parts += ["</main></body></html>"]
    return "\n".join(parts) + "\n"


def _html_item(bank: Bank, it: Item, answer_key: bool) -> str:
    q = it.question
    out = [f'<div class="q" id="q{it.number}">',
           f'<p><span class="num">{it.number}.</span>{_e(q.text)}</p>']
    if it.condition:
        out.append(f'<p class="cond">Only if {_e(it.condition)}.</p>')
    if q.help:
        out.append(f'<p class="help">{_e(q.help)}</p>')
    out.append(f'<p class="how">{_e(it.instruction)}</p>')
    if it.choices:
        shape = "mark" if it.box else "mark circle"
        out.append('<ul class="choices">')
        for c in it.choices:
            extra = " <em>(stop here)</em>" if c.stop else ""
            if answer_key and c.key_note:
                extra += f' <span class="pts">[{_e(c.key_note)}]</span>'
            out.append(f'<li><span class="{shape}" aria-hidden="true"></span>{_e(c.label)}{extra}</li>')
        out.append("</ul>")
    if q.kind == "text":
        out.append('<div class="lines">' + "<span></span>" * TEXT_LINES + "</div>")
    if answer_key:
        key = []
        if q.kind == "statement":
            verdict = "True: a fact." if q.answer else "False: a myth."
            key.append(f"<p><strong>Answer:</strong> {verdict}</p>")
        if q.explanation:
            key.append(_html_paragraphs(q.explanation))
        src = bank.source(q.source) if q.source else None
        if src is not None:
            key.append(f"<p><strong>Source:</strong> {_html_work(src)}</p>")
        if q.discussion:
            key.append(f"<p><strong>Discuss:</strong> {_e(q.discussion)}</p>")
        if it.scoring:
            key.append(f"<p><strong>Scoring:</strong> {_e(it.scoring)}</p>")
        if key:
            out.append('<div class="key">' + "".join(key) + "</div>")
    out.append("</div>")
    return "\n".join(out)


def _html_scoring(bank: Bank, numbers: dict[str, int]) -> str:
    if not bank.dimensions:
        return ""
    out = ["<section><h2>How the scores are read</h2>"]
    for d in bank.dimensions:
        out.append(f"<h3>{_e(d.title)}</h3>")
        if d.description:
            out.append(_html_paragraphs(d.description))
        out.append(f"<p>{_e(_range_sentence(d, numbers))}</p>")
        out.append("<table><tr><th>Score</th><th>Result</th><th>Meaning</th></tr>")
        out += [f"<tr><td>{b.min} to {b.max}</td><td>{_e(b.label)}</td><td>{_e(b.text)}</td></tr>"
                for b in d.bands]
        out.append("</table>")
    out.append("</section>")
    return "\n".join(out)


def render(bank: Bank, fmt: str, answer_key: bool = False) -> str:
    """The handout in `md` or `html`."""
    if fmt == "md":
        return to_markdown(bank, answer_key)
    if fmt == "html":
        return to_html(bank, answer_key)
    raise ValueError(f"unknown handout format {fmt!r}; use one of {', '.join(FORMATS)}")
