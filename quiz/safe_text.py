"""The one output-safety layer: bank, answer and file-name text made safe for a terminal, Markdown, HTML,
CSV and JSON.

Every medium first loses the characters that act instead of showing: C0 controls (but tab and newline,
which prose may hold), DEL, C1 controls (0x9b starts a terminal sequence on its own), the bidi embeddings,
overrides and isolates (U+202A-202E, U+2066-2069) and marks, and the invisible zero-width characters. The
joiners ZWJ (U+200D) and ZWNJ (U+200C) stay where they join two visible characters (an emoji family, an
Indic conjunct); alone at the edge of a word they hide nothing useful and go too.

A module of its own, with nothing to import from quiz, so the app and quiz.errors can use it without
loading more.
"""

from __future__ import annotations

import html
import re

_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
CONTROL = re.compile(f"[{_UNSAFE}]")
"""Characters that act rather than show: controls other than tab and newline, bidi controls, and the
zero-width characters other than the two joiners."""

_JOINER = "\u200c\u200d"
_LOOSE_JOINER = re.compile(f"(?<![^\\s{_JOINER}])[{_JOINER}]+|[{_JOINER}]+(?!\\S)")
"""A joiner with no visible character on one side (start or end of a word, or a run of joiners)."""


def clean(text: str) -> str:
    """Text for a terminal (or any medium): characters that act rather than show removed, so escape
    sequences and bidi tricks in a bank stay inert; tab and newline kept."""
    text = CONTROL.sub("", text)
    return _LOOSE_JOINER.sub("", text) if ("\u200c" in text or "\u200d" in text) else text


def one_line(text: str) -> str:
    """Text for a single line of a log: newline and tab shown as `\\n` and `\\t`, other controls as `?`."""
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return clean(CONTROL.sub("?", text))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_escape(text: str) -> str:
    """Bank text as Markdown text: its syntax escaped so it cannot become links, images, code or HTML
    (an entity such as `&lt;` stays those characters), and nothing in it acts on a terminal."""
    return _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", clean(text)))


_SAFE_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
"""An http(s) address of plain URL characters only: no space, quote, angle bracket or control."""


def safe_url(url: str) -> str:
    """`url` when it is a plain http(s) address safe to link, else ""."""
    return url if _SAFE_URL.fullmatch(url) else ""


def md_url(url: str) -> str:
    """An address for Markdown: a plain http(s) one as an autolink `<url>`, anything else as escaped text
    (never a link), so no markup or script can ride in on it."""
    safe = safe_url(url)
    return f"<{safe}>" if safe else md_escape(url)


def html_escape(text: str) -> str:
    """Bank text as HTML text or an attribute value: every `<`, `>`, `&` and quote escaped, and nothing
    in it acts on a terminal when the page is printed to one."""
    return html.escape(clean(text), quote=True)


def html_url(url: str) -> str:
    """A plain http(s) address escaped for an `href`, or "" when it is not one (show it as text)."""
    return html.escape(safe_url(url), quote=True)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet cannot run: text starting with = + - @, tab or carriage return gets a
    leading `'`, so it is shown as text and never read as a formula (a plain number is left a number)."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_cell(cell: object) -> str:
    """Any value as a CSV cell: cleaned of controls (no raw ESC) and never a formula."""
    return spreadsheet_safe(clean(str(cell)))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_JSON_UNSAFE_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe1\xa0\x8e|\xe2\x80[\x8b-\x8f\xaa-\xae]"
                               rb"|\xe2\x81[\xa0-\xa4\xa6-\xa9]|\xef\xbb\xbf")
"""The same characters as `_JSON_UNSAFE`, as UTF-8 bytes, for JSON written as bytes."""


def json_safe(text: str) -> str:
    """Serialised JSON with every character that acts rather than shows written as a `\\uXXXX` escape
    (a JSON encoder escapes C0 controls itself; this adds DEL, C1, bidi and zero-width ones, joiners
    too). They can only stand inside strings, so the data read back is unchanged."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_safe_bytes(data: bytes) -> bytes:
    """`json_safe` for JSON already encoded as UTF-8."""
    return _JSON_UNSAFE_UTF8.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), data)
