"""The authoring guide that ships inside the package: its Markdown, its sections, and finding one by number
(`7`, `§7`, `12a`) or by words of its heading (`missing answers`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = ["Heading", "contents", "find", "headings", "section_text", "text"]

GUIDE = "authoring.md"
"""The guide's file, beside this module (and so inside every install, editable or not)."""

_NUMBERED = re.compile(r"(\d+[a-z]?)\.\s")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Heading:
    """A section (`## 7. Missing answers`) or a part of one (`### A safety rule`)."""

    level: int
    """2 for a section, 3 for a part of one."""
    title: str
    """As written, Markdown marks included."""
    number: str
    """The section's number ("7", "12a"); for a part, the number of the section it is in."""
    start: int
    """Index of the heading's line."""
    end: int
    """Index of the line after its last line (the next heading of the same or a higher level)."""

    @property
    def plain(self) -> str:
        """The title without Markdown marks, as the viewer's table of contents shows it."""
        return self.title.replace("`", "")

    @property
    def words(self) -> tuple[str, ...]:
        """The title's words, lowercase, for finding it."""
        return tuple(_WORD.findall(self.plain.lower()))


@cache
def text() -> str:
    """The whole guide, Markdown."""
    return files(__package__).joinpath(GUIDE).read_text(encoding="utf-8")


def headings(markdown: str | None = None) -> list[Heading]:
    """Every `##` and `###` heading outside code blocks, in order (a YAML comment in a fence is none)."""
    return list(_parse(markdown) if markdown is not None else _guide_headings())


@cache
def _guide_headings() -> tuple[Heading, ...]:
    """The shipped guide's headings, read once a run (every lookup walks them)."""
    return _parse(text())


def _parse(markdown: str) -> tuple[Heading, ...]:
    lines = markdown.splitlines()
    found: list[tuple[int, str, int]] = []
    fence = ""
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            mark = stripped[:3]
            fence = "" if fence == mark else (fence or mark)
            continue
        if fence:
            continue
        m = re.match(r"(#{2,3}) (.+?)\s*$", line)
        if m:
            found.append((len(m[1]), m[2], i))
    out: list[Heading] = []
    number = ""
    for n, (level, title, start) in enumerate(found):
        end = next((s for lv, _t, s in found[n + 1:] if lv <= level), len(lines))
        if level == 2:
            m = _NUMBERED.match(title)
            number = m[1] if m else ""
        out.append(Heading(level, title, number, start, end))
    return tuple(out)


def contents(markdown: str | None = None) -> list[Heading]:
    """The numbered sections, in order."""
    return [h for h in headings(markdown) if h.level == 2 and h.number]


def _fits(query: str, word: str) -> bool:
    """A word of the query names a word of a heading: its start (`cond` for `condition`), or the word
    with an ending (`conditions`, `recipe`)."""
    return word.startswith(query) or (len(word) >= 4 and query.startswith(word))


def find(query: str, markdown: str | None = None) -> Heading | None:
    """The section a reader asks for: by number (`7`, `§7`, `section 12a`), else the first section whose
    heading has every word asked for, else the first part of one that has them; None when none has."""
    q = query.strip().lower().lstrip("§").strip()
    q = re.sub(r"^section\s*(?=\d)", "", q).rstrip(".")
    all_headings = headings(markdown)
    if re.fullmatch(r"\d+[a-z]?", q):
        return next((h for h in all_headings if h.level == 2 and h.number == q), None)
    wanted = _WORD.findall(q)
    if not wanted:
        return None
    for level in (2, 3):
        for h in all_headings:
            if h.level == level and all(any(_fits(w, x) for x in h.words) for w in wanted):
                return h
    return None


def section_text(heading: Heading, markdown: str | None = None) -> str:
    """The heading and everything under it, up to the next heading of the same or a higher level."""
    lines = (text() if markdown is None else markdown).splitlines()
    return "\n".join(lines[heading.start:heading.end]).rstrip() + "\n"
