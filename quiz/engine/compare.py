"""Saved sessions of one bank side by side: the table `quiz compare` prints and the app shows."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from quiz.bank.model import Bank
from quiz.engine.outcome import Outcome
from quiz.engine.summary import band_words
from quiz.errors import counted
from quiz.safe_text import clean, json_safe, md_escape, one_line


@dataclass(frozen=True)
class Column:
    """One saved session, scored against the current bank."""

    file: str
    label: str
    saved_at: str
    outcome: Outcome
    notes: tuple[str, ...]


def name(c: Column) -> str:
    """A column's label, or the file's name when it has none."""
    return one_line(c.label) or one_line(Path(c.file).name)


def when(c: Column) -> str:
    """When a column was saved, for a person: "2026-05-01 14:03 UTC" (the save's time as written when
    it is not the usual ISO form)."""
    stamp = one_line(c.saved_at)
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", stamp)
    if m is None:
        return stamp
    zone = " UTC" if m[3] in ("Z", "+00:00", "+0000") else (f" {m[3]}" if m[3] else "")
    return f"{m[1]} {m[2]}{zone}"


def headings(columns: list[Column]) -> list[list[str]]:
    """Each column's heading lines: its label and when it was saved, and its file's name too where two
    columns would otherwise read the same."""
    heads = [[name(c), when(c)] for c in columns]
    for c, head in zip(columns, heads, strict=True):
        if sum(1 for h in heads if h[:2] == head[:2]) > 1 and Path(c.file).name != head[0]:
            head.append(one_line(Path(c.file).name))
    return [[line for line in head if line] for head in heads]


def band(c: Column, did: str) -> str:
    """One dimension's band for one column, in words, with its score where it means something."""
    d = c.outcome.dimension(did)
    return "not enough answers" if d.score is None else band_words(d)


def rows(bank: Bank, columns: list[Column]) -> list[tuple[str, list[str]]]:
    """(row title, one cell per column): each dimension's band, statements right, completeness."""
    out = [(d.title, [band(c, d.id) for c in columns]) for d in bank.dimensions]
    if any(c.outcome.statements for c in columns):
        out.append(("Statements right", [f"{c.outcome.correct} of {len(c.outcome.statements)}"
                                         for c in columns]))
    out.append(("Complete", ["yes" if c.outcome.complete else "no" for c in columns]))
    return out


def suggestion_rows(columns: list[Column]) -> list[tuple[str, list[str]]]:
    """The suggestion titles, one row per place in each column's list ("" where one runs out)."""
    longest = max([len(c.outcome.suggestions) for c in columns] + [0])
    out = []
    for i in range(longest):
        cells = [c.outcome.suggestions[i].title if i < len(c.outcome.suggestions) else ""
                 for c in columns]
        out.append(("Suggestions" if i == 0 else "", cells))
    if not longest:
        out.append(("Suggestions", ["(none)" for _ in columns]))
    return out


def to_text(bank: Bank, columns: list[Column]) -> str:
    """Plain text: a table of bands headed by each save's label and date (nothing cut), then each
    file's suggestions."""
    heads = headings(columns)
    table = rows(bank, columns)
    first = max([len(r[0]) for r in table] + [0])
    widths = [max([len(x) for x in h] + [len(r[1][i]) for r in table]) for i, h in enumerate(heads)]

    def line(cells: list[str], lead: str) -> str:
        padded = [c.ljust(w) for c, w in zip(cells, widths, strict=True)]
        return "  ".join([lead.ljust(first), *padded]).rstrip()

    depth = max(len(h) for h in heads)
    out = [f"Comparing {counted(len(columns), 'saved session')} of \u201c{clean(bank.title)}\u201d", ""]
    out += [line([h[i] if i < len(h) else "" for h in heads], "") for i in range(depth)]
    out.append(line(["-" * w for w in widths], "-" * first))
    out += [line(cells, clean(title)) for title, cells in table]
    out.append("")
    for c, head in zip(columns, heads, strict=True):
        out.append(f"{head[0]} ({one_line(c.file)}, saved {when(c)}):")
        out += [f"  * {clean(s.title)} [{s.kind}]" for s in c.outcome.suggestions] or ["  (none)"]
        out.append("")
    out.append(clean(bank.disclaimer))
    return "\n".join(out) + "\n"


def to_markdown(bank: Bank, columns: list[Column]) -> str:
    """A Markdown table of bands and suggestions, one column per file, headed by label and date."""
    heads = ["<br>".join(md_escape(x) for x in h) for h in headings(columns)]
    out = [f"# {md_escape(bank.title)}: {counted(len(columns), 'saved session')} compared", "",
           "| | " + " | ".join(heads) + " |", "|---|" + "---|" * len(columns)]
    for title, cells in rows(bank, columns):
        out.append(f"| {md_escape(title)} | " + " | ".join(md_escape(x) for x in cells) + " |")
    sugg = ["<br>".join(md_escape(s.title) for s in c.outcome.suggestions) or "-" for c in columns]
    out.append("| Suggestions | " + " | ".join(sugg) + " |")
    out += ["", "Files: " + "; ".join(f"{md_escape(name(c))}: {md_escape(c.file)} (saved {md_escape(when(c))})"
                                      for c in columns), "", md_escape(bank.disclaimer), ""]
    return "\n".join(out)


def to_json(bank: Bank, columns: list[Column]) -> str:
    """JSON for machines: the bank, then per file its label, bands and suggestions."""
    data = {
        "bank": {"id": bank.id, "title": bank.title, "version": bank.version},
        "sessions": [{
            "file": c.file, "label": c.label, "saved_at": c.saved_at,
            "complete": c.outcome.complete, "notes": list(c.notes),
            "dimensions": [{"id": d.id, "title": d.title, "score": d.score, "band": d.band,
                            "band_label": d.band_label} for d in c.outcome.dimensions],
            "statements_right": c.outcome.correct, "statements_total": len(c.outcome.statements),
            "suggestions": [{"id": s.id, "kind": s.kind, "title": s.title}
                            for s in c.outcome.suggestions],
        } for c in columns],
    }
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
