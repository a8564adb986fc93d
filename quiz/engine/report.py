"""Outcome as plain text, Markdown, self-contained HTML, JSON, or a JSON Lines or CSV row; no styling here."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import msgspec

from quiz.bank.model import Bank
from quiz.engine.outcome import ChosenSuggestion, DimensionResult, Outcome
from quiz.errors import Problem
from quiz.safe_text import clean, one_line

if TYPE_CHECKING:  # only for types: the batch reader (and YAML) stays unloaded for a session
    from quiz.engine.batch import Row

KIND_HEADINGS = {"safety": "Safety first", "next-step": "Next steps", "reading": "Reading"}


def _bar(d: DimensionResult, width: int = 20) -> str:
    if d.score is None or d.high == d.low:
        return ""
    filled = round((d.score - d.low) / (d.high - d.low) * width)
    return "[" + "#" * filled + "." * (width - filled) + "]"


def grouped(outcome: Outcome) -> list[tuple[str, list[ChosenSuggestion]]]:
    """Suggestions grouped by kind, safety first, keeping their order."""
    out: list[tuple[str, list[ChosenSuggestion]]] = []
    for kind in ("safety", "next-step", "reading"):
        items = [s for s in outcome.suggestions if s.kind == kind]
        if items:
            out.append((kind, items))
    return out


def missing_words(d: DimensionResult) -> str:
    """How far an incomplete dimension is from a result: "9 of 10 answered, 10 needed"."""
    of = f" of {d.items}" if d.items else ""
    return f"{d.answered}{of} answered, {d.needed} needed"


def to_text(outcome: Outcome) -> str:
    """Plain text for screen readers, pipes and `--plain`."""
    lines = [f"Results: {outcome.bank_title}", ""]
    if not outcome.complete and not outcome.ended_early:
        lines += ["Some questions were left unanswered; results use the answers given.", ""]
    for kind, items in grouped(outcome):
        lines.append(KIND_HEADINGS[kind].upper())
        for s in items:
            lines += [f"* {s.title}", f"  {s.text}", f"  Why: {s.because}"]
            lines += [f"  - {r.text}" for r in s.reasons]
            for res in s.resources:
                contact = " ".join(x for x in (res.contact, res.url) if x)
                lines.append(f"  Contact: {res.name} ({res.region}) {contact}".rstrip())
            lines += [f"  Read: {w.citation}" + (f" {w.url}" if w.url else "") for w in s.reading]
        lines.append("")
    if outcome.dimensions and not outcome.ended_early:
        lines.append("SCORES")
        for d in outcome.dimensions:
            if d.score is None:
                lines.append(f"* {d.title}: not enough answers ({missing_words(d)})")
            else:
                lines.append(f"* {d.title}: {d.band_label} ({d.score} on a range of {d.low} to {d.high}) "
                             f"{_bar(d)}")
                if d.band_text:
                    lines.append(f"  {d.band_text}")
            lines += [f"  Flag: {f.label}" for f in outcome.flags if f.dimension == d.id]
        lines.append("")
    if outcome.statements and not outcome.ended_early:
        lines.append(f"STATEMENTS: {outcome.correct} of {len(outcome.statements)} right")
        for st in outcome.statements:
            mark = "right" if st.correct else ("not answered" if st.given is None else "not right")
            lines.append(f"* {st.text} ({'true' if st.answer else 'false'}; you: {mark})")
        lines.append("")
    lines += ["About these results", outcome.disclaimer]
    return "\n".join(lines) + "\n"


def md_escape(text: str) -> str:
    """Bank text as Markdown text: its syntax escaped so it cannot become links, images or HTML."""
    # Bank text is text: escape Markdown syntax so it cannot become links, images or HTML.
    return re.sub(r"([\\`*_{}\[\]<>()#+!|])", r"\\\1", text)


def to_markdown(outcome: Outcome) -> str:
    """A Markdown report."""
    out = [f"# {md_escape(outcome.bank_title)}: results", ""]
    if not outcome.complete and not outcome.ended_early:
        out += ["_Some questions were left unanswered; results use the answers given._", ""]
    for kind, items in grouped(outcome):
        out += [f"## {KIND_HEADINGS[kind]}", ""]
        for s in items:
            out += [f"### {md_escape(s.title)}", "", md_escape(s.text), "",
                    f"**Why this appears:** {md_escape(s.because)}", ""]
            out += [f"- {md_escape(r.text)}" for r in s.reasons] + [""]
            for res in s.resources:
                bits = ", ".join(md_escape(x) for x in (res.contact, res.url) if x)
                out.append(f"- **{md_escape(res.name)}** ({res.region}): {bits}. Checked {res.last_verified}.")
            for w in s.reading:
                out.append(f"- {md_escape(w.citation)}" + (f" <{w.url}>" if w.url else ""))
            out.append("")
    if outcome.dimensions and not outcome.ended_early:
        out += ["## Scores", "", "| dimension | result | score |", "|---|---|---|"]
        for d in outcome.dimensions:
            score = missing_words(d) if d.score is None else f"{d.score} ({d.low} to {d.high})"
            out.append(f"| {md_escape(d.title)} | {md_escape(d.band_label)} | {score} |")
        out.append("")
    if outcome.statements and not outcome.ended_early:
        out += [f"## Statements: {outcome.correct} of {len(outcome.statements)} right", ""]
        for st in outcome.statements:
            mark = "right" if st.correct else ("not answered" if st.given is None else "not right")
            out += [f"- **{md_escape(st.text)}** {'True' if st.answer else 'False'} (you: {mark}). "
                    f"{md_escape(st.explanation)} _{md_escape(st.source)}_"]
        out.append("")
    out += ["## About these results", "", md_escape(outcome.disclaimer), ""]
    return "\n".join(out)


_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em}h2{border-bottom:1px solid #999;margin-top:1.6em}.why{color:#333}
.bar{display:inline-block;width:12em;height:.8em;border:1px solid #333;vertical-align:middle}
.bar span{display:block;height:100%;background:#333}.safety{border-left:4px solid #111;padding-left:.8em}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em;text-align:left}
@media print{body{margin:0;max-width:none}a{color:#000}a[href]:after{content:" (" attr(href) ")"}
section{break-inside:avoid}}
"""


def to_html(outcome: Outcome) -> str:
    """One self-contained HTML file (no scripts, no external assets) that prints well."""
    e = html.escape
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{e(outcome.bank_title)}: results</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(outcome.bank_title)}: results</h1>"]
    if not outcome.complete and not outcome.ended_early:
        parts.append("<p><em>Some questions were left unanswered; results use the answers given.</em></p>")
    for kind, items in grouped(outcome):
        parts.append(f"<h2>{KIND_HEADINGS[kind]}</h2>")
        for s in items:
            cls = ' class="safety"' if kind == "safety" else ""
            parts.append(f"<section{cls}><h3>{e(s.title)}</h3><p>{e(s.text)}</p>")
            parts.append(f'<p class="why"><strong>Why this appears:</strong> {e(s.because)}</p><ul>')
            parts += [f"<li>{e(r.text)}</li>" for r in s.reasons]
            for res in s.resources:
                link = f' <a href="{e(res.url)}">{e(res.url)}</a>' if res.url else ""
                parts.append(f"<li><strong>{e(res.name)}</strong> ({e(res.region)}) {e(res.contact)}{link}"
                             f" <small>checked {e(res.last_verified)}</small></li>")
            for w in s.reading:
                link = f' <a href="{e(w.url)}">{e(w.url)}</a>' if w.url else ""
                parts.append(f"<li>{e(w.citation)}{link}</li>")
            parts.append("</ul></section>")
    if outcome.dimensions and not outcome.ended_early:
        parts.append("<h2>Scores</h2><table><tr><th>Dimension</th><th>Result</th><th>Score</th></tr>")
        for d in outcome.dimensions:
            if d.score is None:
                cell = e(missing_words(d))
            else:
                pct = 0 if d.high == d.low else round((d.score - d.low) / (d.high - d.low) * 100)
                cell = (f'{d.score} of {d.low} to {d.high} <span class="bar" aria-hidden="true">'
                        f'<span style="width:{pct}%"></span></span>')
            parts.append(f"<tr><td>{e(d.title)}</td><td>{e(d.band_label)}</td><td>{cell}</td></tr>")
        parts.append("</table>")
    if outcome.statements and not outcome.ended_early:
        parts.append(f"<h2>Statements: {outcome.correct} of {len(outcome.statements)} right</h2><ul>")
        for st in outcome.statements:
            mark = "right" if st.correct else ("not answered" if st.given is None else "not right")
            parts.append(f"<li><strong>{e(st.text)}</strong> {'True' if st.answer else 'False'} "
                         f"(you: {mark}). {e(st.explanation)} <em>{e(st.source)}</em></li>")
        parts.append("</ul>")
    parts += ["<h2>About these results</h2>", f"<p>{e(outcome.disclaimer)}</p>", "</body></html>"]
    return "\n".join(parts) + "\n"


FORMAT = 1
"""The version of the JSON that `quiz score` writes (the top-level `format` field). It changes only when
a field is renamed, removed or changes meaning; new fields may appear within a version."""

NO_BAND = "incomplete"
"""A dimension's `band` when too few items were answered: the word conditions and examples use."""

_encode = msgspec.json.Encoder().encode


def _as_shown(outcome: Outcome) -> Outcome:
    """The outcome as its JSON reads: a dimension with no band has the band `incomplete`, and the
    answers are an object of question id to answer."""
    dims = outcome.dimensions
    if any(d.band is None for d in dims):
        dims = tuple(d if d.band is not None else msgspec.structs.replace(d, band=NO_BAND) for d in dims)
    return msgspec.structs.replace(outcome, dimensions=dims, answers=dict(outcome.answers))


def outcome_json(outcome: Outcome, line: int | None = None) -> bytes:
    """The JSON object of an outcome, compact: `format`, a batch row's `line` and (empty) `errors` when
    `line` is given, every field of the outcome in order, then `correct` and `statements_total`.

    The outcome is encoded as the record it is and the fields around it are joined on as bytes: building
    a dictionary first would take longer than scoring a set, and a batch does it for every set.
    """
    head = b'{"format":%d,' % FORMAT
    if line is not None:
        head += b'"line":%d,"errors":[],' % line
    body = _encode(_as_shown(outcome))
    return head + body[1:-1] + b',"correct":%d,"statements_total":%d}' % (outcome.correct,
                                                                          len(outcome.statements))


def to_json(outcome: Outcome) -> str:
    """JSON for machines (format 1; docs/authoring.md describes every field)."""
    return msgspec.json.format(outcome_json(outcome), indent=2).decode("utf-8") + "\n"


def jsonl_row(row: Row) -> bytes:
    """One answer set of a batch as a JSON Lines row: the outcome's JSON with its `line` and `errors`
    (empty), or only `format`, `line` and `errors` for a set that could not be scored."""
    if row.outcome is None:
        return _encode({"format": FORMAT, "line": row.line,
                        "errors": [p.to_json() for p in row.problems]}) + b"\n"
    return outcome_json(row.outcome, row.line) + b"\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet cannot run: text starting with = + - @, tab or carriage return gets a
    leading `'`, so it is shown as text and never read as a formula (a plain number is left a number)."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_header(bank: Bank) -> list[str]:
    """The header row of `--format csv`: line, each dimension's score and band, suggestions, errors."""
    cols = ["line"]
    for d in bank.dimensions:
        cols += [f"{d.id}.score", f"{d.id}.band"]
    return [spreadsheet_safe(c) for c in [*cols, "suggestions", "ended_early", "errors"]]


def problem_words(p: Problem) -> str:
    """A problem for a cell of its set's row, on one line: `path: message (hint)` (the row has the line)."""
    text = (f"{p.path}: " if p.path else "") + p.message + (f" ({p.hint})" if p.hint else "")
    return one_line(text)


def csv_row(bank: Bank, row: Row) -> list[str]:
    """One answer set as a `--format csv` row (every cell safe for a spreadsheet)."""
    o = row.outcome
    cells = [str(row.line)]
    if o is None:
        cells += [""] * (2 * len(bank.dimensions)) + ["", ""]
    else:
        for d in o.dimensions:
            cells += ["" if d.score is None else str(d.score), d.band or NO_BAND]
        cells += [";".join(s.id for s in o.suggestions), "true" if o.ended_early else "false"]
    cells.append(" | ".join(problem_words(p) for p in row.problems))
    return [spreadsheet_safe(clean(c)) for c in cells]


RENDERERS = {"text": to_text, "md": to_markdown, "markdown": to_markdown, "html": to_html, "json": to_json}


def render(outcome: Outcome, fmt: str) -> str:
    """Render in a named format: text, md, html or json (JSON escapes control characters itself)."""
    out = RENDERERS[fmt](outcome)
    return out if fmt == "json" else clean(out)


def bank_summary(bank: Bank) -> str:
    """One line about a bank for listings."""
    mins = f", about {bank.minutes} min" if bank.minutes else ""
    return f"{bank.title} ({len(bank.questions)} questions{mins})"
