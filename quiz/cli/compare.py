"""`quiz compare FILES...`: saved sessions of one bank side by side (e.g. three therapists)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from quiz.check import load_bank, resolve_bank
from quiz.errors import QuizError, UsageError
from quiz.model import Bank
from quiz.outcome import Outcome
from quiz.plain import clean
from quiz.report import _md
from quiz.store import SavedInfo


def register(sub: Any) -> None:
    """Add the `compare` command."""
    p = sub.add_parser("compare", help="saved sessions of the same bank side by side",
                       description="Show saved sessions of one bank side by side: each "
                                   "dimension's band and the suggestions, one column per file, "
                                   "headed by its label. Protected files ask for their passphrase. "
                                   "Exit 1 when the files are of different banks or cannot be "
                                   "read.")
    p.add_argument("files", nargs="+", metavar="FILE", help="saved-session files")
    p.add_argument("--bank", metavar="BANK",
                   help="the bank file, when it is neither shipped nor in your banks folder")
    p.add_argument("--format", choices=("text", "md", "json"), default="text")
    p.set_defaults(func=run)


@dataclass(frozen=True)
class Column:
    """One saved session, scored against the current bank."""

    file: str
    label: str
    saved_at: str
    outcome: Outcome
    notes: tuple[str, ...]


def run(args: argparse.Namespace) -> int:
    """Open every file, check they share a bank, score each, print them side by side."""
    from quiz.cli._passphrase import with_passphrase
    from quiz.store import find_bank, load_session, read_info

    known: list[str] = []
    infos: list[SavedInfo] = []
    for f in args.files:
        infos.append(with_passphrase(partial(read_info, Path(f)), f, known))
    ids = {i.bank_id for i in infos}
    if len(ids) > 1:
        which = "; ".join(f"{i.path} is `{i.bank_id}`" for i in infos)
        raise QuizError(f"these files are of different banks ({which}); compare saves of one bank")
    bank_id = infos[0].bank_id
    bank: Bank | None
    if args.bank:
        bank_path = resolve_bank(args.bank)
        if not bank_path.exists():
            raise UsageError(f"no bank named `{args.bank}`")
        bank = load_bank(bank_path)
        if bank.id != bank_id:
            raise QuizError(f"the files are of the bank `{bank_id}`, but {args.bank} is "
                            f"`{bank.id}`")
    else:
        bank = find_bank(bank_id)
    if bank is None:
        raise QuizError(f"cannot find the bank `{bank_id}` (\u201c{infos[0].bank_title}\u201d) "
                        "among the shipped banks or your banks folder; give its file with "
                        "--bank FILE")
    known_bank: Bank = bank

    def lookup(_bank_id: str) -> Bank:
        return known_bank

    columns = []
    for info in infos:
        loaded = with_passphrase(partial(load_session, info.path, lookup), str(info.path), known)
        columns.append(Column(str(info.path), loaded.label, loaded.saved_at, loaded.outcome(),
                              loaded.changes))
    for c in columns:
        for note in c.notes:
            print(f"{c.file}: {note}", file=sys.stderr)
    render = {"text": to_text, "md": to_markdown, "json": to_json}[args.format]
    sys.stdout.write(render(known_bank, columns))
    return 0


def _name(c: Column) -> str:
    return clean(c.label) or Path(c.file).name


def _band(c: Column, did: str) -> str:
    d = c.outcome.dimension(did)
    return "not enough answers" if d.score is None else f"{d.band_label} ({d.score})"


def _rows(bank: Bank, columns: list[Column]) -> list[tuple[str, list[str]]]:
    rows = [(d.title, [_band(c, d.id) for c in columns]) for d in bank.dimensions]
    if any(c.outcome.statements for c in columns):
        rows.append(("Statements right", [f"{c.outcome.correct} of {len(c.outcome.statements)}"
                                          for c in columns]))
    rows.append(("Complete", ["yes" if c.outcome.complete else "no" for c in columns]))
    return rows


def to_text(bank: Bank, columns: list[Column]) -> str:
    """Plain text: a table of bands, then each file's suggestions."""
    heads = [_name(c) for c in columns]
    rows = _rows(bank, columns)
    first = max([len(r[0]) for r in rows] + [0])
    widths = [max([len(h)] + [len(r[1][i]) for r in rows]) for i, h in enumerate(heads)]

    def line(cells: list[str], lead: str) -> str:
        padded = [c.ljust(w) for c, w in zip(cells, widths, strict=True)]
        return "  ".join([lead.ljust(first), *padded]).rstrip()

    out = [f"Comparing {len(columns)} saved session(s) of \u201c{clean(bank.title)}\u201d", "",
           line(heads, ""), line(["-" * w for w in widths], "-" * first)]
    out += [line(cells, clean(title)) for title, cells in rows]
    out.append("")
    for c, head in zip(columns, heads, strict=True):
        out.append(f"{head} ({c.file}, saved {c.saved_at}):")
        out += [f"  * {clean(s.title)} [{s.kind}]" for s in c.outcome.suggestions] or ["  (none)"]
        out.append("")
    out.append(clean(bank.disclaimer))
    return "\n".join(out) + "\n"


def to_markdown(bank: Bank, columns: list[Column]) -> str:
    """A Markdown table of bands and suggestions, one column per file."""
    heads = [_md(_name(c)) for c in columns]
    out = [f"# {_md(bank.title)}: {len(columns)} saved session(s) compared", "",
           "| | " + " | ".join(heads) + " |", "|---|" + "---|" * len(columns)]
    for title, cells in _rows(bank, columns):
        out.append(f"| {_md(title)} | " + " | ".join(_md(x) for x in cells) + " |")
    sugg = ["<br>".join(_md(s.title) for s in c.outcome.suggestions) or "-" for c in columns]
    out.append("| Suggestions | " + " | ".join(sugg) + " |")
    out += ["", "Files: " + "; ".join(f"{_md(_name(c))}: `{c.file}` (saved {c.saved_at})"
                                      for c in columns), "", _md(bank.disclaimer), ""]
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
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
