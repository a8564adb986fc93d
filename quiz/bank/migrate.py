"""Rewrites a bank valid under the old scoring rules so it is valid now, editing only the lines concerned.

The old rules let a missing item add 0 and defaulted `min_answered` to 1, so band limits could lie
outside today's reachable range, a dimension could count on items `show_if` hides, and `incomplete`
could be a band id. A suggestion's `because` sentence that claims what the person answered ("You said
...") is dropped: results show the reasons generated from the answers in its place. A resource whose words
say it was not checked loses its `last_verified` date (a date says the entry was checked). Each fix edits
the located text (comments and layout stay); nothing is re-dumped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from quiz.bank.claims import claims, without_claims
from quiz.bank.facts import dicts, is_number
from quiz.bank.loader import Document, Path_, load_text
from quiz.bank.option_sets import with_option_sets
from quiz.bank.resource_checks import unchecked_words
from quiz.bank.semantics import Checker
from quiz.errors import BankError, Problem, shown

_PLAIN = re.compile(r"""[^\s,}\]#]+|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'""")
ROUNDS = 4
"""Fixes can uncover others (a renamed band, then its range): a few passes settle any old bank."""


@dataclass(frozen=True)
class Change:
    """One edit made: where, and what it did in words."""

    line: int
    what: str


@dataclass(frozen=True)
class Migration:
    """The rewritten text, the changes made (none: it was already valid), and what is still wrong."""

    text: str
    changes: tuple[Change, ...]
    problems: tuple[Problem, ...]


class _Edits:
    """Edits by (line, column), applied together from the end so earlier positions stay right."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.todo: list[tuple[int, int, int, str]] = []  # (line index, column index, old length, new)
        self.changes: list[Change] = []

    def replace_scalar(self, doc: Document, path: Path_, new: str, what: str, *, key: bool = False) -> None:
        pos = doc.where(path, key=key)
        li, ci = pos.line - 1, pos.column - 1
        m = _PLAIN.match(self.lines[li], ci)
        if m is None:
            return
        self.todo.append((li, ci, m.end() - ci, new))
        self.changes.append(Change(pos.line, what))

    def insert_key(self, doc: Document, mapping: Path_, after: str, text: str, what: str) -> None:
        """Add `key: value` to a mapping, beside its key `after` (block or flow style)."""
        kpos = doc.where(mapping + (after,), key=True)
        vpos = doc.where(mapping + (after,))
        li = kpos.line - 1
        line = self.lines[li]
        before = line[:kpos.column - 1]
        if before.strip() in ("", "-"):  # block style: a line of its own at the key's column
            self.todo.append((li + 1, -1, 0, " " * (kpos.column - 1) + text))
        else:  # flow style: after the value, inside the braces
            m = _PLAIN.match(self.lines[vpos.line - 1], vpos.column - 1)
            end = m.end() if m else vpos.column - 1
            self.todo.append((vpos.line - 1, end, 0, f", {text}"))
        self.changes.append(Change(kpos.line, what))

    def apply(self) -> str:
        for li, ci, length, new in sorted(self.todo, reverse=True):
            if ci < 0:
                self.lines.insert(li, new)
            else:
                line = self.lines[li]
                self.lines[li] = line[:ci] + new + line[ci + length:]
        return "\n".join(self.lines)


def migrate_text(text: str, name: str) -> Migration:
    """Rewrite bank text for the current rules; raises BankError when the text does not parse."""
    changes: list[Change] = []
    for _ in range(ROUNDS):
        doc = load_text(text, name)
        edits = _Edits(text)
        _plan(doc, edits)
        if not edits.todo:
            break
        text = edits.apply()
        changes.extend(edits.changes)
    text, dropped = _rewrite_because(load_text(text, name), text)
    changes.extend(dropped)
    text, undated = _drop_unchecked_dates(load_text(text, name), text)
    changes.extend(undated)
    from quiz.bank.check import check_text

    result = check_text(text, name)
    return Migration(text, tuple(changes), result.problems)


def _plan(doc: Document, edits: _Edits) -> None:
    """The edits one pass makes: reserved band ids first, then hidden items, then band ends."""
    data = doc.data
    if not isinstance(data, dict):
        return
    checker = Checker(with_option_sets(doc))
    checker.run()
    facts = checker.facts
    renamed = _rename_incomplete(doc, edits)
    if renamed:
        return  # the band ids change the conditions' meaning: check again before the ranges
    hidden_added = False
    for did, (path, _d) in facts.dims.items():
        where = ".".join(map(str, path))
        if any(p.path.startswith(where + ".") and "`show_if` can hide" in p.message for p in checker.problems):
            # The old rule: a hidden item added 0 and counted as missing. `hidden: 0` keeps its 0.
            edits.insert_key(doc, path, "id", "hidden: 0",
                             f"dimension `{did}`: items hidden by show_if now count as 0 points (`hidden: 0`)")
            hidden_added = True
    if hidden_added:
        return
    for did, (path, d) in facts.dims.items():
        if did not in facts.ranges:
            continue
        lo, hi = facts.ranges[did]
        bands = sorted(((bi, b) for bi, b in dicts(d.get("bands"))
                        if is_number(b.get("min")) and is_number(b.get("max"))),
                       key=lambda x: (x[1]["min"], x[1]["max"]))
        if not bands:
            continue
        first_i, first = bands[0]
        last_i, last = bands[-1]
        if first["min"] != lo and first["max"] >= lo:
            edits.replace_scalar(doc, path + ("bands", first_i, "min"), shown(lo),
                                 f"dimension `{did}`: lowest band `{first.get('id')}` now starts at {shown(lo)} "
                                 f"(was {shown(first['min'])}), the lowest reachable score")
        if last["max"] != hi and last["min"] <= hi:
            edits.replace_scalar(doc, path + ("bands", last_i, "max"), shown(hi),
                                 f"dimension `{did}`: highest band `{last.get('id')}` now ends at {shown(hi)} "
                                 f"(was {shown(last['max'])}), the highest reachable score")


def _rename_incomplete(doc: Document, edits: _Edits) -> bool:
    """Rename bands called `incomplete` (reserved: "no band") and the conditions and examples naming them."""
    data: dict[str, Any] = doc.data
    renamed: dict[str, str] = {}
    for di, d in dicts(data.get("dimensions")):
        ids = {b.get("id") for _, b in dicts(d.get("bands"))}
        for bi, b in dicts(d.get("bands")):
            if b.get("id") == "incomplete" and isinstance(d.get("id"), str):
                new = next(c for c in ("incomplete-band", "unfinished", "partial") + tuple(
                    f"incomplete-{n}" for n in range(2, 99)) if c not in ids)
                renamed[d["id"]] = new
                edits.replace_scalar(doc, ("dimensions", di, "bands", bi, "id"), new,
                                     f"dimension `{d['id']}`: band `incomplete` renamed `{new}` (reserved word)")
    if not renamed:
        return False
    for path, text in _conditions(data):
        for did, new in renamed.items():
            pat = re.compile(r"(band\(\s*" + re.escape(did) + r"\s*\)\s*(?:==|!=|<=|>=|<|>|=)\s*)([\"'])incomplete\2")
            for m in pat.finditer(text):
                pos = doc.where(path)
                if pos.style in ("|", ">") or "\n" in text[:m.start()]:
                    continue  # a multi-line condition: left for the author (reported below)
                col = pos.column - 1 + (1 if pos.style in ('"', "'") else 0) + m.start(2)
                li = pos.line - 1
                quote = m.group(2)
                edits.todo.append((li, col, len("incomplete") + 2, f"{quote}{new}{quote}"))
                edits.changes.append(Change(pos.line, f"condition: band `incomplete` of `{did}` is now `{new}`"))
    for ei, ex in dicts(data.get("examples")):
        exp = ex.get("expect")
        bands = exp.get("bands") if isinstance(exp, dict) else None
        if isinstance(bands, dict):
            for did, bid in bands.items():
                if bid == "incomplete" and did in renamed:
                    edits.replace_scalar(doc, ("examples", ei, "expect", "bands", did), renamed[did],
                                         f"example `{ex.get('name')}`: band `incomplete` of `{did}` is now "
                                         f"`{renamed[did]}`")
    return True


_PLAIN_TEXT = re.compile(r"^[A-Za-z][^:#\"'\n]*$")


def _rewrite_because(doc: Document, text: str) -> tuple[str, list[Change]]:
    """Drop the sentences of each `because` that claim what the person answered, keeping the rest; a
    `because` left empty goes where the suggestion has a `when` (its reasons say why) and stays otherwise."""
    data = doc.data if isinstance(doc.data, dict) else {}
    lines = text.split("\n")
    todo: list[tuple[int, int, list[str]]] = []  # (first line index, end line index, new lines)
    changes: list[Change] = []
    for i, s in dicts(data.get("suggestions")):
        because = s.get("because")
        if not isinstance(because, str) or not claims(because):
            continue
        kept = without_claims(because)
        kpos = doc.where(("suggestions", i, "because"), key=True)
        first = kpos.line - 1
        prefix = lines[first][:kpos.column - 1]
        if prefix.strip() not in ("", "-") or (not kept and (not isinstance(s.get("when"), str) or prefix.strip())):
            continue  # a flow mapping, a key opening its list item, or nothing would say why: left as is
        indent = len(prefix)
        end = first + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        while end > first + 1 and not lines[end - 1].strip():
            end -= 1
        value = kept if _PLAIN_TEXT.match(kept) and ": " not in kept else json.dumps(kept, ensure_ascii=False)
        todo.append((first, end, [f"{prefix}because: {value}"] if kept else []))
        what = "; ".join(f'"{c}"' for c in claims(because))
        changes.append(Change(kpos.line, f"suggestion `{s.get('id')}`: `because` no longer claims what the person "
                                         f"answered (dropped {what}); results give the reasons from the answers"))
    for first, end, new in sorted(todo, reverse=True):
        lines[first:end] = new
    return "\n".join(lines), changes


_FLOW_DATE = re.compile(r"""last_verified\s*:\s*(?:"[^"]*"|'[^']*'|[^,}\s]+)""")
_COMMA = re.compile(r"\s*,\s*")


def _drop_unchecked_dates(doc: Document, text: str) -> tuple[str, list[Change]]:
    """Remove `last_verified` from each resource whose words say it was not checked: its own line in a block
    mapping, or the `key: value` inside a flow mapping's braces; a key that opens its list item is left
    (reported by `quiz validate`)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    lines = text.split("\n")
    todo: list[tuple[int, int, int]] = []  # (line index, start column index or -1 for the whole line, end)
    changes: list[Change] = []
    for i, r in dicts(data.get("resources")):
        key, words = unchecked_words(r)
        if not key or "last_verified" not in r:
            continue
        kpos = doc.where(("resources", i, "last_verified"), key=True)
        li, ci = kpos.line - 1, kpos.column - 1
        line = lines[li]
        before = line[:ci]
        if before.strip() == "":
            todo.append((li, -1, 0))
        elif before.rstrip().endswith((",", "{")):
            m = _FLOW_DATE.match(line, ci)
            if m is None:
                continue
            if after := _COMMA.match(line, m.end()):
                todo.append((li, ci, after.end()))  # its comma goes with it
            else:  # the last key: the comma before it goes
                start = len(before.rstrip()) - 1 if before.rstrip().endswith(",") else ci
                todo.append((li, start, m.end()))
        else:
            continue
        changes.append(Change(kpos.line, f"resource `{r.get('id')}`: `last_verified` removed, as its `{key}` says "
                                         f"\u201c{words}\u201d (a date says the entry was checked)"))
    for li, start, end in sorted(todo, reverse=True):
        if start < 0:
            del lines[li]
        else:
            lines[li] = lines[li][:start] + lines[li][end:]
    return "\n".join(lines), changes


def _conditions(data: dict[str, Any]) -> list[tuple[Path_, str]]:
    out: list[tuple[Path_, str]] = []
    for si, sec in dicts(data.get("sections")):
        if isinstance(sec.get("show_if"), str):
            out.append((("sections", si, "show_if"), sec["show_if"]))
        for qi, q in dicts(sec.get("questions")):
            if isinstance(q.get("show_if"), str):
                out.append((("sections", si, "questions", qi, "show_if"), q["show_if"]))
    for i, s in dicts(data.get("suggestions")):
        for key in ("gate", "when"):
            if isinstance(s.get(key), str):
                out.append((("suggestions", i, key), s[key]))
    return out


__all__ = ["BankError", "Change", "Migration", "migrate_text"]
