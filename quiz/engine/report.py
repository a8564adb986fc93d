"""Outcome as plain text, Markdown, self-contained HTML, JSON, or a JSON Lines or CSV row; no styling here."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from quiz.bank.model import Bank
from quiz.engine.outcome import ChosenSuggestion, DimensionResult, Outcome, ResourceRef, StatementResult, WorkRef
from quiz.engine.summary import band_words, place_words, summarise
from quiz.errors import Problem
from quiz.safe_text import (
    clean,
    csv_cell,
    html_escape,
    html_url,
    json_safe,
    json_safe_bytes,
    md_escape,
    md_url,
    one_line,
)

if TYPE_CHECKING:  # only for types: the batch reader (and YAML) stays unloaded for a session
    from quiz.engine.batch import Row

KIND_HEADINGS = {"safety": "Safety first", "next-step": "Next steps", "reading": "Reading"}

PARTIAL = "Some questions were left unanswered; results use the answers given."
ENDED = "An answer ended the questions early; what follows uses the answers given."
DETAILS = "details below"
"""What a safety note in the summary says of its full card, which always follows the summary."""


def statement_words(st: StatementResult) -> str:
    """A statement's answer and the person's, in words, the same in every format: "False: you answered
    True", "True: you got it right", "False: you did not answer"."""
    right = "True" if st.answer else "False"
    if st.given is None:
        return f"{right}: you did not answer"
    if st.correct:
        return f"{right}: you got it right"
    return f"{right}: you answered {'True' if st.given else 'False'}"


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


def held_back(outcome: Outcome) -> dict[str, list[str]]:
    """For each shown suggestion, the titles of those its showing holds back (their `withheld_by`); a
    suggestion held back by several is listed under the first of them shown."""
    order = {s.id: i for i, s in enumerate(outcome.suggestions)}
    out: dict[str, list[str]] = {}
    for w in outcome.withheld:
        # Said once, under the first card shown that holds it back, not again under each.
        first = min(w.by, key=lambda by: order.get(by, len(order)))
        out.setdefault(first, []).append(w.title)
    return out


def held_words(titles: list[str]) -> str:
    """Why a card stands alone: what was left out because it appears."""
    return "Left out because this appears: " + ", ".join(f"\u201c{t}\u201d" for t in titles) + "."


def status_line(outcome: Outcome) -> str:
    """Whether the answers were cut short: an early end, questions left unanswered, or ""."""
    if outcome.ended_early:
        return ENDED
    return "" if outcome.complete else PARTIAL


def checked_words(res: ResourceRef) -> str:
    """What every output says of when a resource was checked, "checked 2026-11-28", or "" when nobody
    checked it: a date says the number was checked; if it was not, there is no date."""
    return f"checked {res.last_verified}" if res.last_verified else ""


def resource_words(res: ResourceRef) -> str:
    """A resource as one line of plain text: name, region, how to reach it and when it was checked."""
    how = " ".join(x for x in (res.contact, res.url) if x)
    checked = f" ({checked_words(res)})" if res.last_verified else ""
    return f"{res.name} ({res.region}) {how}".rstrip() + checked


def work_words(w: WorkRef) -> str:
    """A work as one line: its citation, its address and the note on it."""
    return w.citation + (f" {w.url}" if w.url else "") + (f" ({w.note})" if w.note else "")


def _text_summary(outcome: Outcome) -> list[str]:
    s = summarise(outcome)
    lines = ["IN SHORT"]
    if s.safety:
        lines.append("Safety first:")
        for x in s.safety:
            lines += [f"* {x.title} ({DETAILS})", f"  {x.now}"]
    if s.verdicts:
        lines.append("Your results:")
        for v in s.verdicts:
            shown = f" ({v.score_words})" if v.score_words else ""
            lines += [f"* {v.title}: {v.band_label}{shown}"] + ([f"  {v.line}"] if v.line else [])
    if s.statements:
        lines.append(f"Statements: {s.statements}")
    if s.next_steps:
        lines.append("Next steps that matter most:")
        lines += [f"* {n.title}" for n in s.next_steps]
    return lines + [""] if len(lines) > 1 else []


def to_text(outcome: Outcome) -> str:
    """Plain text for screen readers, pipes and `--plain`: the summary first, then the details."""
    lines = [f"Results: {outcome.bank_title}", ""]
    if status := status_line(outcome):
        lines += [status, ""]
    lines += _text_summary(outcome)
    held = held_back(outcome)
    for kind, items in grouped(outcome):
        lines.append(KIND_HEADINGS[kind].upper())
        for s in items:
            lines += [f"* {s.title}", f"  {s.text}"]
            if s.because or s.reasons:
                lines.append(f"  Why: {s.because}".rstrip())
            lines += [f"  - {r.text}" for r in s.reasons]
            if s.id in held:
                lines.append(f"  {held_words(held[s.id])}")
            lines += [f"  Contact: {resource_words(res)}" for res in s.resources]
            lines += [f"  Read: {work_words(w)}" for w in s.reading]
            lines += [f"  Source: {work_words(w)}" for w in s.sources]
        lines.append("")
    if outcome.dimensions and not outcome.ended_early:
        lines.append("SCORES")
        for d in outcome.dimensions:
            if d.score is None:
                lines.append(f"* {d.title}: not enough answers ({missing_words(d)})")
            else:
                lines.append(f"* {d.title}: {band_words(d)}")
                if place := place_words(d):
                    lines.append(f"  {place[0].upper()}{place[1:]}.")
                if d.band_text:
                    lines.append(f"  {d.band_text}")
            lines += [f"  Flag: {f.label}" for f in outcome.flags if f.dimension == d.id]
        lines.append("")
    if outcome.statements and not outcome.ended_early:
        lines.append(f"STATEMENTS: {outcome.correct} of {len(outcome.statements)} right")
        for st in outcome.statements:
            lines.append(f"* {st.text} ({statement_words(st)})")
        lines.append("")
    lines += ["About these results", outcome.disclaimer]
    return "\n".join(lines) + "\n"


def _md_work(w: WorkRef) -> str:
    return (md_escape(w.citation) + (f" {md_url(w.url)}" if w.url else "")
            + (f" ({md_escape(w.note)})" if w.note else ""))


def md_bands(d: DimensionResult) -> str:
    """Every band of a dimension, lowest scores first, the person's in bold: where they sit."""
    return " \u00b7 ".join(f"**{md_escape(b)}**" if i == d.band_place else md_escape(b)
                           for i, b in enumerate(d.band_labels))


def _md_summary(outcome: Outcome) -> list[str]:
    s = summarise(outcome)
    out = ["## In short", ""]
    if s.safety:
        out += ["**Safety first**", ""]
        out += [f"- **{md_escape(x.title)}** ({DETAILS}): {md_escape(x.now)}" for x in s.safety] + [""]
    if s.verdicts:
        out += ["**Your results**", ""]
        for v in s.verdicts:
            shown = f" ({md_escape(v.score_words)})" if v.score_words else ""
            line = f": {md_escape(v.line)}" if v.line else ""
            out.append(f"- {md_escape(v.title)}: **{md_escape(v.band_label)}**{shown}{line}")
        out.append("")
    if s.statements:
        out += [f"**Statements:** {s.statements}", ""]
    if s.next_steps:
        out += ["**Next steps that matter most**", ""]
        out += [f"- {md_escape(n.title)}" for n in s.next_steps] + [""]
    return out if len(out) > 2 else []


def to_markdown(outcome: Outcome) -> str:
    """A Markdown report: the summary first, then the details."""
    out = [f"# Results: {md_escape(outcome.bank_title)}", ""]
    if status := status_line(outcome):
        out += [f"_{status}_", ""]
    out += _md_summary(outcome)
    held = held_back(outcome)
    for kind, items in grouped(outcome):
        out += [f"## {KIND_HEADINGS[kind]}", ""]
        for s in items:
            out += [f"### {md_escape(s.title)}", "", md_escape(s.text), ""]
            if s.because or s.reasons:
                out += [f"**Why this appears:** {md_escape(s.because)}".rstrip(), ""]
            out += [f"- {md_escape(r.text)}" for r in s.reasons] + [""]
            if s.id in held:
                out += [md_escape(held_words(held[s.id])), ""]
            for res in s.resources:
                bits = ", ".join([md_escape(res.contact)] * bool(res.contact) + [md_url(res.url)] * bool(res.url))
                how = f": {bits}" if bits else ""
                checked = f" ({md_escape(checked_words(res))})" if res.last_verified else ""
                out.append(f"- **{md_escape(res.name)}** ({md_escape(res.region)}){how}{checked}")
            out += [f"- Read: {_md_work(w)}" for w in s.reading]
            out += [f"- Source: {_md_work(w)}" for w in s.sources]
            out.append("")
    if outcome.dimensions and not outcome.ended_early:
        out += ["## Scores", ""]
        for d in outcome.dimensions:
            if d.score is None:
                out += [f"### {md_escape(d.title)}: not enough answers", "", md_escape(missing_words(d)), ""]
                continue
            out += [f"### {md_escape(d.title)}: {md_escape(band_words(d))}", ""]
            if len(d.band_labels) > 1:
                out += [f"Bands, lowest scores first: {md_bands(d)}", ""]
            if d.band_text:
                out += [md_escape(d.band_text), ""]
            out += [f"- Flag: {md_escape(f.label)}" for f in outcome.flags if f.dimension == d.id]
            if any(f.dimension == d.id for f in outcome.flags):
                out.append("")
    if outcome.statements and not outcome.ended_early:
        out += [f"## Statements: {outcome.correct} of {len(outcome.statements)} right", ""]
        for st in outcome.statements:
            out += [f"- **{md_escape(st.text)}** {statement_words(st)}. "
                    f"{md_escape(st.explanation)} _{md_escape(st.source)}_"]
        out.append("")
    out += ["## About these results", "", md_escape(outcome.disclaimer), ""]
    return "\n".join(out)


_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em}h2{border-bottom:1px solid #999;margin-top:1.6em}.why{color:#333}
.summary{border:2px solid #111;padding:.2em 1em;margin:1em 0}.summary h2{border:0;margin-top:.4em}
.bands{display:flex;gap:2px;margin:.3em 0;padding:0;list-style:none}
.bands li{flex:1;border:1px solid #333;padding:.1em .4em;font-size:.85em;color:#444}
.bands li.here{background:#333;color:#fff;font-weight:bold}.safety{border-left:4px solid #111;padding-left:.8em}
.note{color:#333;font-style:italic}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media print{body{margin:0;max-width:none}a{color:#000}a[href]:after{content:" (" attr(href) ")"}
section{break-inside:avoid}.bands li.here{outline:2px solid #000}}
"""


def _html_link(url: str) -> str:
    """A link to a plain http(s) address; any other address is shown as text, never as a link."""
    if not url:
        return ""
    href = html_url(url)
    return f' <a href="{href}">{href}</a>' if href else f" {html_escape(url)}"


def _html_work(w: WorkRef, label: str) -> str:
    e = html_escape
    link = _html_link(w.url)
    note = f' <span class="note">{e(w.note)}</span>' if w.note else ""
    return f"<li>{label}: {e(w.citation)}{link}{note}</li>"


def html_bands(d: DimensionResult) -> str:
    """Every band of a dimension as a row of boxes, lowest scores first, the person's marked (in words
    for a screen reader, by weight and fill for the eye)."""
    e = html_escape
    items = []
    for i, b in enumerate(d.band_labels):
        if i == d.band_place:
            items.append(f'<li class="here" aria-current="true">{e(b)}<span class="sr"> (yours)</span></li>')
        else:
            items.append(f"<li>{e(b)}</li>")
    return f'<ol class="bands" aria-label="bands, lowest scores first">{"".join(items)}</ol>'


def _html_summary(outcome: Outcome) -> list[str]:
    e = html_escape
    s = summarise(outcome)
    parts = ['<section class="summary"><h2>In short</h2>']
    if s.safety:
        parts.append("<h3>Safety first</h3><ul>")
        parts += [f"<li><strong>{e(x.title)}</strong> ({DETAILS}): {e(x.now)}</li>" for x in s.safety]
        parts.append("</ul>")
    if s.verdicts:
        parts.append("<h3>Your results</h3><ul>")
        for v in s.verdicts:
            shown = f" ({e(v.score_words)})" if v.score_words else ""
            line = f": {e(v.line)}" if v.line else ""
            parts.append(f"<li>{e(v.title)}: <strong>{e(v.band_label)}</strong>{shown}{line}</li>")
        parts.append("</ul>")
    if s.statements:
        parts.append(f"<p><strong>Statements:</strong> {e(s.statements)}</p>")
    if s.next_steps:
        parts.append("<h3>Next steps that matter most</h3><ul>")
        parts += [f"<li>{e(n.title)}</li>" for n in s.next_steps]
        parts.append("</ul>")
    parts.append("</section>")
    return parts if len(parts) > 2 else []


def to_html(outcome: Outcome) -> str:
    """One self-contained HTML file (no scripts, no external assets) that prints well: the summary first,
    then the details."""
    e = html_escape
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Results: {e(outcome.bank_title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>Results: {e(outcome.bank_title)}</h1>"]
    if status := status_line(outcome):
        parts.append(f"<p><em>{e(status)}</em></p>")
    parts += _html_summary(outcome)
    held = held_back(outcome)
    for kind, items in grouped(outcome):
        parts.append(f"<h2>{KIND_HEADINGS[kind]}</h2>")
        for s in items:
            cls = ' class="safety"' if kind == "safety" else ""
            parts.append(f"<section{cls}><h3>{e(s.title)}</h3><p>{e(s.text)}</p>")
            if s.because or s.reasons:
                parts.append(f'<p class="why"><strong>Why this appears:</strong> {e(s.because)}</p>')
            if s.id in held:
                parts.append(f'<p class="held">{e(held_words(held[s.id]))}</p>')
            parts.append("<ul>")
            parts += [f"<li>{e(r.text)}</li>" for r in s.reasons]
            for res in s.resources:
                link = _html_link(res.url)
                checked = f" <small>{e(checked_words(res))}</small>" if res.last_verified else ""
                parts.append(f"<li><strong>{e(res.name)}</strong> ({e(res.region)}) {e(res.contact)}{link}"
                             f"{checked}</li>")
            parts += [_html_work(w, "Read") for w in s.reading]
            parts += [_html_work(w, "Source") for w in s.sources]
            parts.append("</ul></section>")
    if outcome.dimensions and not outcome.ended_early:
        parts.append("<h2>Scores</h2>")
        for d in outcome.dimensions:
            if d.score is None:
                parts.append(f"<section><h3>{e(d.title)}: not enough answers</h3>"
                             f"<p>{e(missing_words(d))}</p></section>")
                continue
            parts.append(f"<section><h3>{e(d.title)}: {e(band_words(d))}</h3>")
            if len(d.band_labels) > 1:
                parts.append(html_bands(d))
            if d.band_text:
                parts.append(f"<p>{e(d.band_text)}</p>")
            parts += [f"<p>Flag: {e(f.label)}</p>" for f in outcome.flags if f.dimension == d.id]
            parts.append("</section>")
    if outcome.statements and not outcome.ended_early:
        parts.append(f"<h2>Statements: {outcome.correct} of {len(outcome.statements)} right</h2><ul>")
        for st in outcome.statements:
            parts.append(f"<li><strong>{e(st.text)}</strong> {e(statement_words(st))}. "
                         f"{e(st.explanation)} <em>{e(st.source)}</em></li>")
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


def summary_json(outcome: Outcome) -> dict[str, object]:
    """The summary results open with, as plain data: safety notes (`id`, `title`, `now`), each
    dimension's verdict (`id`, `band_label`, `score_words`, `line`), the top next steps' ids, and the
    statements right when no dimension counts them."""
    s = summarise(outcome)
    return {
        "safety": [{"id": x.id, "title": x.title, "now": x.now} for x in s.safety],
        "dimensions": [{"id": v.id, "band_label": v.band_label, "score_words": v.score_words,
                        "line": v.line} for v in s.verdicts],
        "next_steps": [n.id for n in s.next_steps],
        "statements": s.statements,
    }


def to_json(outcome: Outcome) -> str:
    """JSON for machines (format 1; the guide's section 12a, `quiz guide 12a`, describes every field and
    schemas/results.schema.json checks it): one report also carries the `summary` results open with."""
    body = outcome_json(outcome)
    data = body[:-1] + b',"summary":' + _encode(summary_json(outcome)) + b"}"
    return msgspec.json.format(data, indent=2).decode("utf-8") + "\n"


def jsonl_row(row: Row) -> bytes:
    """One answer set of a batch as a JSON Lines row: the outcome's JSON with its `line` and `errors`
    (empty), or only `format`, `line` and `errors` for a set that could not be scored."""
    if row.outcome is None:
        return json_safe_bytes(_encode({"format": FORMAT, "line": row.line,
                                        "errors": [p.to_json() for p in row.problems]})) + b"\n"
    return json_safe_bytes(outcome_json(row.outcome, row.line)) + b"\n"


def csv_header(bank: Bank) -> list[str]:
    """The header row of `--format csv`: line, each dimension's score and band, suggestions, errors."""
    cols = ["line"]
    for d in bank.dimensions:
        cols += [f"{d.id}.score", f"{d.id}.band"]
    return [csv_cell(c) for c in [*cols, "suggestions", "ended_early", "errors"]]


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
    return [csv_cell(c) for c in cells]


RENDERERS = {"text": to_text, "md": to_markdown, "markdown": to_markdown, "html": to_html, "json": to_json}


def render(outcome: Outcome, fmt: str) -> str:
    """Render in a named format: text, md, html or json; nothing in it acts on a terminal (JSON keeps its
    data, with such characters as `\\uXXXX` escapes)."""
    out = RENDERERS[fmt](outcome)
    return json_safe(out) if fmt == "json" else clean(out)


def bank_summary(bank: Bank) -> str:
    """One line about a bank for listings."""
    mins = f", about {bank.minutes} min" if bank.minutes else ""
    return f"{bank.title} ({len(bank.questions)} questions{mins})"
