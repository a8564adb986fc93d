"""Safe YAML loading: plain data plus the line and column of every node, or located problems."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from quiz.bank.files import ANSWERS, BANK, MAX_FILE_BYTES, FileRole, decode, read_bytes
from quiz.errors import BankError, Problem, ProblemKind, shown

# Banks nest about eight levels deep (bank > sections > questions > options > scores). 64 is generous for
# any honest file and stops "[[[[[..." bombs long before Python's recursion or C stack is at risk.
MAX_DEPTH = 64
# One bank node per ~10 bytes is already dense; this bounds the work of checking a file at the size limit.
MAX_NODES = 500_000

__all__ = ["ANSWERS", "BANK", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "Document", "FileRole", "Position",
           "decode", "dotted", "load_path", "load_text", "read_bytes"]

FAST_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML's build has it (about ten times faster), else the pure-Python one."""
PURE_LOADER: type[Any] = yaml.SafeLoader
"""PyYAML's pure-Python parser: the one whose findings quiz reports when a file does not parse."""
LIBYAML = FAST_LOADER is not PURE_LOADER

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")} | {"!"}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = {"true", "True", "TRUE"}
_BOOL_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """Where a node starts: 1-based line and column, and the scalar style (for condition offsets)."""

    line: int
    column: int
    style: str = ""


@dataclass
class Document:
    """A loaded YAML file: its data, and the position of every value and every mapping key."""

    file: str
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    text: str = ""
    """The text the document was parsed from (hints that quote a line read it), or "" when unknown."""
    origin: dict[Path_, Path_] = field(default_factory=dict)
    """For a corrected view (`corrected`), where each path of it sits in the file as written."""

    @classmethod
    def unplaced(cls, file: str, data: Any = None) -> Document:
        """Data that came from no parsed text: its problems name the path, with line and column 0."""
        return cls(file, data)

    def where(self, path: Path_, *, key: bool = False) -> Position:
        """The position of the value (or key) at `path`, falling back to the nearest parent.

        A parsed document always places its root, so only an unplaced one answers 0:0 (unknown).
        """
        table = self.key_positions if key else self.positions
        p = tuple(path)
        while True:
            if p in table:
                return table[p]
            if p in self.positions:
                return self.positions[p]
            if not p:
                return Position(0, 0)
            p = p[:-1]

    def problem(self, path: Path_, message: str, hint: str = "", *, key: bool = False,
                kind: ProblemKind = "semantic") -> Problem:
        """A problem located at `path` in this document."""
        pos = self.where(path, key=key)
        return Problem(self.file, pos.line, pos.column, dotted(self.written(path)), message, hint, kind)

    def written(self, path: Path_) -> Path_:
        """`path` as the file spells it: a corrected view names a problem by the file's own keys."""
        p = tuple(path)
        for n in range(len(p), -1, -1):
            if p[:n] in self.origin:
                return self.origin[p[:n]] + p[n:]
        return p

    def value_at(self, path: Path_) -> Any:
        """The value at `path` (which must exist)."""
        node = self.data
        for part in path:
            node = node[part]
        return node

    def corrected(self, renames: dict[Path_, str], moves: dict[Path_, Path_],
                  values: dict[Path_, Any] | None = None, copies: dict[Path_, Path_] | None = None) -> Document:
        """A view of this document with misspelled keys renamed and misplaced list items moved.

        `renames` maps a key's path to the key it was meant to be; `moves` maps a list item's path to
        the list item it should follow (an item indented one level too far sits inside the one above);
        `values` maps a path to the value it was meant to hold (`kind: checklist` read as `multiple`);
        `copies` maps a path to another path of this document whose value it stands for (a question's
        `options: yes_no` read as the option set it names, placed where the set is written).
        Positions stay those of the text as written, and problems name the file's own paths, so the
        checks that run on the view report the real mistakes without the knock-on ones.
        """
        view = Document(self.file, None, text=self.text)
        after: dict[Path_, list[Path_]] = {}
        for src, anchor in moves.items():
            after.setdefault(anchor, []).append(src)

        def copy(value: Any, old: Path_, new: Path_) -> Any:
            if copies and old in copies:
                old = copies[old]
                value = self.value_at(old)
            elif values and old in values:
                value = values[old]
            view.origin[new] = self.written(old)
            if old in self.positions:
                view.positions[new] = self.positions[old]
            if old in self.key_positions:
                view.key_positions[new] = self.key_positions[old]
            if isinstance(value, dict):
                out: dict[str, Any] = {}
                for k, v in value.items():
                    name: str = renames.get(old + (k,)) or str(k)
                    out[name] = copy(v, old + (k,), new + (name,))
                return out
            if isinstance(value, list):
                items: list[Any] = []
                for i, v in enumerate(value):
                    if old + (i,) in moves:
                        continue
                    items.append(copy(v, old + (i,), new + (len(items),)))
                    for src in after.get(old + (i,), []):
                        items.append(copy(self.value_at(src), src, new + (len(items),)))
                return items
            return value

        view.data = copy(self.data, (), ())
        return view


def dotted(path: Path_) -> str:
    """`("sections", 0, "id")` as `sections.0.id`."""
    return ".".join(str(p) for p in path)


def _resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema resolution: `yes`, `no`, `on`, `off` and dates stay strings."""
    if _NULL.match(value):
        return None
    if value in _BOOL_TRUE:
        return True
    if value in _BOOL_FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _INT_HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def _resolve_tagged(tag: str, value: str) -> Any:
    """A scalar with an explicit core tag; raises ValueError if the text does not fit the tag."""
    kind = tag[len(_CORE):] if tag.startswith(_CORE) else "str"
    if kind == "str":
        return value
    resolved = _resolve_plain(value)
    expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[kind]
    if isinstance(resolved, bool) and kind != "bool":
        raise ValueError(f"`{value}` is not a valid !!{kind}")
    if not isinstance(resolved, expected):  # type: ignore[arg-type]
        raise ValueError(f"`{value}` is not a valid !!{kind}")
    return float(resolved) if kind == "float" else resolved


def load_text(text: str, name: str, *, role: FileRole = BANK, loader: type[Any] | None = None) -> Document:
    """Parse YAML text into a Document, refusing everything a bank has no use for.

    Sound files are parsed by libyaml when PyYAML has it. When libyaml refuses a file, the file is read
    again by the pure-Python parser, so what quiz reports (its own limits, such as nesting depth, and the
    syntax error's place and words) does not depend on which libyaml a PyYAML release bundles: libyaml
    scans ahead and may hit a limit of its own before quiz's checks see the events. `role` words the
    problems for what the file is meant to be (a bank, an answers file).
    """
    if loader is None:
        try:
            return load_text(text, name, role=role, loader=FAST_LOADER)
        except BankError:
            if not LIBYAML:
                raise
        return load_text(text, name, role=role, loader=PURE_LOADER)
    doc = Document(name, None, text=text)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise BankError([Problem(name, 1, 1, "", "the file is empty", role.shape, "syntax")])
    positions = doc.positions
    key_positions = doc.key_positions
    # Each frame: [container, path, pending_key (maps only), key position]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    nodes = 0
    _missing = object()

    def fail(mark: Any, message: str, hint: str = "", path: Path_ = ()) -> BankError:
        line = mark.line + 1 if mark is not None else 0
        col = mark.column + 1 if mark is not None else 0
        return BankError([Problem(name, line, col, dotted(path), message, hint, "syntax")])

    def place(value: Any, mark: Any, style: str, event: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            positions[()] = Position(mark.line + 1, mark.column + 1, style)
            return None
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            path = frame[1] + (len(container),)
            container.append(value)
            positions[path] = Position(mark.line + 1, mark.column + 1, style)
            return None
        if frame[2] is _missing:
            # This value is a key.
            if not isinstance(value, str):
                found = "a mapping" if isinstance(value, dict) else (
                    "a list" if isinstance(value, list) else f"`{shown(value)}`")
                raise fail(mark, f"keys must be text, found {found}",
                           "quote the key if it is meant as text", frame[1])
            if value in container:
                first = key_positions.get(frame[1] + (value,))
                seen = f" (first at line {first.line})" if first else ""
                raise fail(mark, f"duplicate key `{value}`{seen}",
                           "remove one of them; YAML would silently keep only the last",
                           frame[1] + (value,))
            frame[2] = value
            frame[3] = Position(mark.line + 1, mark.column + 1, style)
            return None
        key = frame[2]
        path = frame[1] + (key,)
        container[key] = value
        positions[path] = Position(mark.line + 1, mark.column + 1, style)
        key_positions[path] = frame[3]
        frame[2] = _missing
        return None

    def current_path() -> Path_:
        if not stack:
            return ()
        frame = stack[-1]
        parent: Path_ = frame[1]
        if isinstance(frame[0], list):
            return parent + (len(frame[0]),)
        return parent + ((frame[2],) if frame[2] is not _missing else ())

    try:
        events: Any = yaml.parse(text, Loader=loader)
        for event in events:
            cls = type(event)
            if cls is yaml.ScalarEvent or cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                nodes += 1
                if nodes > MAX_NODES:
                    raise fail(event.start_mark, f"more than {MAX_NODES:,} YAML nodes",
                               "split the bank into smaller files")
                if event.anchor is not None:
                    raise fail(event.start_mark, f"anchors (`&{event.anchor}`) are not allowed in {role.noun}",
                               "write the value out; to share answers between questions, define an option "
                               "set once under the top-level `options` and name it (`options: yes_no` is "
                               "built in), or a scale under `scales`",
                               current_path())
                tag = event.tag
                if tag is not None and tag not in _ALLOWED_TAGS:
                    raise fail(event.start_mark, f"the tag `{tag}` is not allowed",
                               f"remove it; {role.noun} uses only plain YAML values", current_path())
            if cls is yaml.ScalarEvent:
                if event.tag is None or event.tag == "!":
                    value = _resolve_plain(event.value) if event.implicit[0] and event.style in (None, "") \
                        and event.tag is None else event.value
                else:
                    if event.tag in (_CORE + "map", _CORE + "seq"):
                        raise fail(event.start_mark, f"the tag `{event.tag}` does not fit a scalar",
                                   "remove the tag", current_path())
                    try:
                        value = _resolve_tagged(event.tag, event.value)
                    except ValueError as exc:
                        raise fail(event.start_mark, str(exc), "remove the tag", current_path()) from None
                if event.style in ("|", ">") and isinstance(value, str):
                    value = value.rstrip("\n")  # "keep" chomping only adds a stray blank line to prose
                place(value, event.start_mark, event.style or "", event)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                if cls is yaml.MappingStartEvent and event.tag not in (None, "!", _CORE + "map"):
                    raise fail(event.start_mark, f"the tag `{event.tag}` does not fit a mapping",
                               "remove the tag", current_path())
                if cls is yaml.SequenceStartEvent and event.tag not in (None, "!", _CORE + "seq"):
                    raise fail(event.start_mark, f"the tag `{event.tag}` does not fit a list",
                               "remove the tag", current_path())
                if len(stack) >= MAX_DEPTH:
                    raise fail(event.start_mark, f"nested deeper than {MAX_DEPTH} levels",
                               f"{role.noun} never needs this much nesting", current_path())
                container: Any = {} if cls is yaml.MappingStartEvent else []
                path = current_path()
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is _missing:
                    place(container, event.start_mark, "", event)  # raises: non-text key
                place(container, event.start_mark, "", event)
                stack.append([container, path, _missing, None])
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                stack.pop()
            elif cls is yaml.AliasEvent:
                raise fail(event.start_mark, f"aliases (`*{event.anchor}`) are not allowed in {role.noun}",
                           "write the value out in full", current_path())
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(event.start_mark, "more than one YAML document in the file",
                               f"{role.noun} is one document; remove the `---` separator or split the file")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "YAML syntax error"
        ctx = exc.context_mark
        if exc.problem and exc.context and ctx is not None and (mark is None or ctx.line != mark.line):
            # An unclosed quote or bracket is noticed far from where it opened; name both places,
            # and point at the opening when the parser only gave up at the end of the file.
            message = f"{exc.problem} {exc.context} that starts at line {ctx.line + 1}"
            if "end of stream" in exc.problem:
                mark = ctx
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            # quiz's own words, whichever parser noticed it (their wording differs).
            raise fail(mark, "YAML syntax error: a tab where YAML allows only spaces",
                       "indent with spaces, not tabs") from None
        if mark is not None and (found := _shape_of(text, mark.line, message)) is not None:
            line, column, words, hint = found
            raise BankError([Problem(name, line, column, "", f"YAML syntax error: {words}", hint,
                                     "syntax")]) from None
        # The parser quotes what it found Python's way ('-'); quiz messages quote with backticks.
        shown_message = re.sub(r"'([^'\s]{1,20})'", r"`\1`", message)
        raise fail(mark, f"YAML syntax error: {shown_message}", _syntax_hint(message)) from None
    except yaml.reader.ReaderError as exc:
        pos = max(0, int(getattr(exc, "position", 0) or 0))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = getattr(exc, "character", None)
        if isinstance(char, str) and len(char) == 1:
            char = ord(char)
        code = f"U+{char:04X}" if isinstance(char, int) else "this character"
        raise BankError([Problem(name, line, col, "", f"YAML does not allow the control character {code}",
                                 f"remove it; {role.noun} is plain text (escape sequences and control "
                                 "characters are refused)", "syntax")]) from None
    except yaml.YAMLError as exc:
        raise BankError([Problem(name, 0, 0, "", f"YAML error: {exc}", kind="syntax")]) from None
    except RecursionError:
        raise BankError([Problem(name, 0, 0, "", "nested too deeply to read", kind="syntax")]) from None
    if root is None:
        raise BankError([Problem(name, 1, 1, "", "the file holds no data", role.shape, "syntax")])
    if not isinstance(root, dict):
        what = "a list" if isinstance(root, list) else "a single value"
        top = positions.get((), Position(1, 1))
        raise BankError([Problem(name, top.line, top.column, "", f"the top level is {what}, not a mapping",
                                 role.shape, "syntax")])
    doc.data = root
    return doc


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column of `text`, or "" past its end."""
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


CONDITION_KEYS = ("show_if", "when")
"""The keys whose values are conditions: YAML reads an unquoted one's `: `, ` #` or quotes as YAML."""

_CONDITION_LINE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?(?P<key>" + "|".join(CONDITION_KEYS) + r")\s*:[ \t]*)(?P<value>\S.*)$")
_PLAIN_KEY_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*)\s*:[ \t]+[^\s'\"|>&*!\[{#]")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _shape_of(text: str, line: int, message: str) -> tuple[int, int, str, str] | None:
    """A syntax error whose cause is a known shape (an unquoted condition, an indentation slip).

    Returns the 1-based line and column to report, quiz's words for it and the hint, or None.
    `line` is the 0-based line where the parser gave up.
    """
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    here = lines[line]
    if m := _CONDITION_LINE.match(here):
        return (line + 1, len(m["lead"]) + 1, "the condition is not quoted, so YAML reads parts of it as YAML",
                f"put the condition in single quotes: {m['key']}: '{m['value'].replace(chr(39), chr(39) * 2)}'")
    above = next((i for i in range(line - 1, -1, -1)
                  if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if above is None:
        return None
    if "mapping values are not allowed" in message and _indent(here) > _indent(lines[above]) \
            and (k := _PLAIN_KEY_LINE.match(lines[above])):
        return (line + 1, _indent(here) + 1,
                f"indentation: line {line + 1} is indented deeper than line {above + 1}, so YAML reads it "
                f"as part of the value of `{k['key']}`",
                f"line it up with `{k['key']}` (column {len(k['indent']) + 1}); quote the text if the `: ` "
                "is meant to be part of it")
    if "expected <block end>" in message and ("'-'" in message or "<block sequence start>" in message):
        col = _indent(here)
        dash = next((i for i in range(line - 1, -1, -1)
                     if lines[i].lstrip().startswith("-") and _indent(lines[i]) < col), None)
        hint = (f"line it up with the `-` of line {dash + 1} (column {_indent(lines[dash]) + 1}) and move "
                "the lines of its item with it, or indent the list above to match"
                if dash is not None else "a list's `-` items all start in one column")
        return (line + 1, col + 1, "indentation: this `-` does not line up with the list it belongs to", hint)
    return None


def _syntax_hint(message: str) -> str:
    if "tab" in message.lower():
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "a text containing `: ` must be quoted"
    if "quoted scalar" in message:
        return "close the quote where that text ends"
    if "flow sequence" in message or "flow mapping" in message:
        return "close every `[` with `]` and every `{` with `}`"
    if "could not find expected ':'" in message:
        return "check the indentation and that every key ends with `:`"
    return "check indentation and quoting near this position"


def load_path(path: str | os.PathLike[str], display: str | None = None, role: FileRole = BANK) -> Document:
    """Read, decode and parse a bank file (or, with `role`, another YAML file quiz reads)."""
    name = display or str(path)
    return load_text(decode(read_bytes(path, name, role), name), name, role=role)
