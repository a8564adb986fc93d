"""A bank's printable handout as Markdown (quiz.authoring.handout says what it holds)."""

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
from quiz.bank.model import Bank, Question, Work
from quiz.safe_text import clean, md_url

# Escaped anywhere: emphasis, code, links, raw HTML, headings' closing `#`, tables, strikethrough.
# Parentheses and `!` need no escape once `[` is escaped: no link or image can start.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_text(text: str) -> str:
    """Bank text as Markdown that renders as exactly that text in the middle of a line."""
    line = _MD_SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))
    return re.sub(r"&(?=#?[A-Za-z0-9]+;)", r"\\&", line)  # `&amp;` would become `&`


def md_inline(text: str) -> str:
    """Bank text as one line of Markdown, safe at the start of a line too."""
    line = md_text(text)
    line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)  # "1. " would start a list
    return re.sub(r"^([-+=:])", r"\\\1", line)  # list item, heading underline, definition


def md_paragraphs(text: str) -> str:
    """Bank text as Markdown paragraphs (blank lines in the text separate them)."""
    return "\n\n".join(md_inline(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


def _md_work(w: Work) -> str:
    return md_inline(w.citation()) + (f" {md_url(w.url)}" if w.url else "")


def to_markdown(bank: Bank, answer_key: bool = False) -> str:
    """The handout as Markdown."""
    numbers = numbering(bank)
    title = ("Answer key: " if answer_key else "") + md_inline(bank.title)
    out = [f"# {title}", ""]
    if bank.description:
        out += [md_paragraphs(bank.description), ""]
    out += [f"*{md_inline(meta_line(bank))}*", ""]
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
        out += _md_rules(bank, numbers)
        for name, works in keyed_works(bank):
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
        out += [md_inline(range_sentence(d, numbers)), ""]
        out += ["| score | result | meaning |", "|---|---|---|"]
        out += [f"| {b.min} to {b.max} | {md_inline(b.label)} | {md_inline(b.text)} |" for b in d.bands]
        out.append("")
    return out


def _md_rules(bank: Bank, numbers: dict[str, int]) -> list[str]:
    if not bank.suggestions:
        return []
    out = [f"## {RULES_HEADING}", ""]
    for rule in rules(bank, numbers):
        out += [f"### {md_inline(rule.suggestion.title)}", "", f"*{md_inline(rule.heading)}*", ""]
        out += [f"- **{label}:** {md_text(text)}" for label, text in rule_lines(rule)]
        out.append("")
    return out
