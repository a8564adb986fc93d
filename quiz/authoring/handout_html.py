"""A bank's printable handout as one self-contained HTML file (quiz.authoring.handout says what it holds)."""

from __future__ import annotations

import re

from quiz.authoring.handout import (
    RULES_HEADING,
    TEXT_LINES,
    Item,
    describe,
    items,
    keyed_works,
    meta_line,
    numbering,
    range_sentence,
    rule_lines,
    rules,
)
from quiz.bank.model import Bank, Work
from quiz.safe_text import html_escape, html_url

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
.key p{margin:.3em 0}.pts{font-weight:bold;margin-left:.4em}.rule{break-inside:avoid;page-break-inside:avoid}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .6em;text-align:left}
@page{margin:18mm}
@media print{body{margin:0;max-width:none;font-size:12pt}a{color:#000;text-decoration:none}
a[href]:after{content:" (" attr(href) ")";font-size:90%}h2,h3{break-after:avoid;page-break-after:avoid}
.key{background:none}}
"""


def _e(text: str) -> str:
    """Bank text as HTML text on one line: escaped, runs of white space as one space."""
    return html_escape(" ".join(text.split()))


def _html_paragraphs(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{_e(p)}</p>"
                   for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


def _html_work(w: Work) -> str:
    href = html_url(w.url)
    link = f' <a href="{href}">{href}</a>' if href else (f" {_e(w.url)}" if w.url else "")
    return _e(w.citation()) + link


def to_html(bank: Bank, answer_key: bool = False) -> str:
    """The handout as one self-contained HTML file: no scripts, no external assets; prints cleanly."""
    numbers = numbering(bank)
    title = ("Answer key: " if answer_key else "") + _e(bank.title)
    lang = _e(bank.language or "en")
    parts = ["<!doctype html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             '<meta name="generator" content="quiz export">',
             f"<title>{title}</title><style>{_CSS}</style></head><body>", "<header>",
             f"<h1>{title}</h1>"]
    if bank.description:
        parts.append(_html_paragraphs(bank.description))
    parts.append(f'<p class="meta">{_e(meta_line(bank))}</p>')
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
        parts.append(_html_rules(bank, numbers))
        for name, works in keyed_works(bank):
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
        out.append(f"<p>{_e(range_sentence(d, numbers))}</p>")
        out.append("<table><tr><th>Score</th><th>Result</th><th>Meaning</th></tr>")
        out += [f"<tr><td>{b.min} to {b.max}</td><td>{_e(b.label)}</td><td>{_e(b.text)}</td></tr>"
                for b in d.bands]
        out.append("</table>")
    out.append("</section>")
    return "\n".join(out)


def _html_rules(bank: Bank, numbers: dict[str, int]) -> str:
    if not bank.suggestions:
        return ""
    out = [f"<section><h2>{RULES_HEADING}</h2>"]
    for rule in rules(bank, numbers):
        out.append(f'<div class="rule"><h3>{_e(rule.suggestion.title)}</h3>'
                   f'<p class="how">{_e(rule.heading)}</p><ul>')
        out += [f"<li><strong>{label}:</strong> {_e(text)}</li>" for label, text in rule_lines(rule)]
        out.append("</ul></div>")
    out.append("</section>")
    return "\n".join(out)
