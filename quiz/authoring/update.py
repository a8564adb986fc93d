"""`quiz test --update`: write examples' actual outcomes into their `expect`, editing only that text.

Like quiz.bank.migrate, each change edits the located text of the file and nothing is re-dumped: the
rest of the file (comments, layout, quoting, line endings) stays byte for byte. Inside `expect`, a key
whose value already holds is left as written; a changed value is rewritten in place, in the style it
was written in (a flow `[a, b]` stays flow, a block list stays a block list); a missing key or a missing
`expect` is added at the indentation of its neighbours.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quiz.authoring.examples import ExampleResult
from quiz.bank.model import Bank
from quiz.engine.outcome import Outcome
from quiz.errors import shown

WIDTH = 110
"""Flow lists and maps longer than this are wrapped, continuation lines under the first item."""
_PLAIN_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
# Ids YAML 1.1 tools (and YAML 1.2's `true`, `false`, `null`) read as something else: always quoted.
_AMBIGUOUS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
_ORDER = ("suggestions", "not_suggestions", "first", "bands", "correct", "ended")


@dataclass(frozen=True)
class ExpectChange:
    """What was changed in one example's `expect`: its name, the line of the example, and each change
    in words (`suggestions: [a] -> [a, b]`)."""

    example: str
    line: int
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Updated:
    """The rewritten text and what changed (nothing when every chosen example already held)."""

    text: str
    changes: tuple[ExpectChange, ...]


def expectation(bank: Bank, out: Outcome, old: dict[str, Any] | None) -> dict[str, Any]:
    """The `expect` that states this outcome: the suggestions shown, in order; every dimension's band
    (`incomplete` for too few answers); the statements answered right and whether the bank ended
    early, where the bank has statements or an option that ends it. `first` and `not_suggestions`
    are kept where the author wrote them, made true (the first shown; those still not shown)."""
    old = old or {}
    fired = out.suggestion_ids()
    new: dict[str, Any] = {"suggestions": fired}
    if isinstance(old.get("not_suggestions"), list):
        new["not_suggestions"] = [s for s in old["not_suggestions"] if s not in fired]
    if "first" in old and fired:
        new["first"] = fired[0]
    if out.dimensions:
        new["bands"] = {d.id: d.band or "incomplete" for d in out.dimensions}
    if out.statements or "correct" in old:
        new["correct"] = out.correct
    if "ended" in old or any(o.end for q in bank.questions for o in q.options):
        new["ended"] = out.ended_early
    return new


def update_text(text: str, bank: Bank, results: Sequence[ExampleResult]) -> Updated:
    """Write each result's outcome into its example's `expect` in `text` (the text `bank` was built
    from). Results without an outcome (answers with problems) are left alone."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)  # the pure parser: its marks count characters
    examples = _get(root, "examples")
    nl = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    changes: list[ExpectChange] = []
    for r in results:
        if r.outcome is None or examples is None:
            continue
        node = examples.value[r.example.index]
        old_node = _get(node, "expect")
        old = _plain(old_node)
        new = expectation(bank, r.outcome, old if isinstance(old, dict) else None)
        said: list[str] = []
        if old_node is None:
            edits += _add_expect(text, node, new, nl)
            said.append(f"expect added: {shown(new)}")
        elif old_node.flow_style or not isinstance(old, dict) or not old:
            if not _same_all(old if isinstance(old, dict) else {}, new):
                edits.append(_replace_flow_expect(text, node, old_node, new, nl))
                said += _said(old if isinstance(old, dict) else {}, new)
        else:
            for key in _ORDER:
                if not _same(key, old.get(key, _MISSING), new.get(key, _MISSING)):
                    edits += _edit_key(text, old_node, key, new, nl)
            said += _said(old, new)
        if said:
            changes.append(ExpectChange(r.example.name, node.start_mark.line + 1, tuple(said)))
    for start, end, new_text in sorted(edits, reverse=True):
        text = text[:start] + new_text + text[end:]
    return Updated(text, tuple(changes))


_MISSING = object()


def _same(key: str, before: Any, after: Any) -> bool:
    """Whether a key of `expect` already says what it should (lists of ids compare as sets: `expect`
    does not assert the order of `suggestions`, so an author's order is kept)."""
    if key in ("suggestions", "not_suggestions") and isinstance(before, list) and isinstance(after, list):
        return set(before) == set(after) and len(before) == len(after)
    return bool(before == after)


def _same_all(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return all(_same(k, old.get(k, _MISSING), new.get(k, _MISSING)) for k in _ORDER) and set(old) <= set(_ORDER)


def _said(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    out = []
    for key in _ORDER:
        before, after = old.get(key, _MISSING), new.get(key, _MISSING)
        if _same(key, before, after):
            continue
        if before is _MISSING:
            out.append(f"{key}: added {shown(after)}")
        elif after is _MISSING:
            out.append(f"{key}: removed (was {shown(before)})")
        else:
            out.append(f"{key}: {shown(before)} -> {shown(after)}")
    return out


# -- reading the composed document ----------------------------------------------------------------------
def _get(node: Any, key: str) -> Any:
    """The value node under `key` in a mapping node, or None."""
    for k, v in getattr(node, "value", ()):
        if getattr(k, "value", None) == key:
            return v
    return None


def _key_node(node: Any, key: str) -> Any:
    for k, _v in node.value:
        if k.value == key:
            return k
    return None


def _plain(node: Any) -> Any:
    """A composed node as plain data (ids, numbers, true/false: what `expect` holds)."""
    import yaml

    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    if node.style in ("'", '"'):
        return node.value
    value = node.value
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if re.fullmatch(r"[-+]?[0-9]+", value):
        return int(value)
    return value


def _content_end(text: str, node: Any) -> int:
    """Where a node's own text ends: its last character, before trailing blank lines and comments."""
    import yaml

    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(text, last[1] if isinstance(node, yaml.MappingNode) else last)
    end: int = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_end(text: str, index: int) -> int:
    """The end of the line holding `index` (before its line break), so a trailing comment stays put."""
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


# -- writing values ------------------------------------------------------------------------------------------
def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN_ID.match(text) and text not in _AMBIGUOUS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _inline(value: Any) -> str:
    """`value` in flow style on one line."""
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_inline(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _flow(value: Any, column: int) -> str:
    """`value` in flow style starting at `column` (0-based), wrapped past WIDTH under its first item."""
    if isinstance(value, list):
        parts, opening, closing = [_inline(v) for v in value], "[", "]"
    elif isinstance(value, dict):
        parts, opening, closing = [f"{_scalar(k)}: {_inline(v)}" for k, v in value.items()], "{", "}"
    else:
        return _scalar(value)
    lines = [opening]
    for i, part in enumerate(parts):
        piece = part + ("," if i < len(parts) - 1 else closing)
        current = lines[-1]
        if current not in (opening,) and column + len(current) + 1 + len(piece) > WIDTH:
            lines[-1] = current.rstrip()
            lines.append(" " * (column + 1) + piece)
        else:
            lines[-1] = current + ("" if current == opening else " ") + piece
    if not parts:
        return opening + closing
    return "\n".join(lines)


def _ordered(new: dict[str, Any]) -> dict[str, Any]:
    return {k: new[k] for k in _ORDER if k in new}


def _key_lines(key: str, value: Any, indent: int) -> list[str]:
    head = f"{' ' * indent}{key}: "
    return (head + _flow(value, len(head))).split("\n")


def _block_lines(new: dict[str, Any], indent: int) -> list[str]:
    out: list[str] = []
    for key in _ORDER:
        if key in new:
            out += _key_lines(key, new[key], indent)
    return out


# -- the edits -------------------------------------------------------------------------------------------------
def _add_expect(text: str, example: Any, new: dict[str, Any], nl: str) -> list[tuple[int, int, str]]:
    """An `expect` for an example that has none: a block after its last key, or `, expect: {...}` inside
    a flow mapping."""
    if example.flow_style:
        close = example.end_mark.index - 1  # the `}`
        return [(close, close, ", expect: " + _inline(_ordered(new)))]
    indent = example.start_mark.column
    at = _line_end(text, _content_end(text, example))
    lines = [" " * indent + "expect:"] + _block_lines(new, indent + 2)
    return [(at, at, nl + nl.join(lines))]


def _replace_flow_expect(text: str, example: Any, old: Any, new: dict[str, Any], nl: str) -> tuple[int, int, str]:
    """A flow (or empty) `expect` rewritten: as a block under its key where the key starts its own line,
    else as one flow mapping in its place."""
    key = _key_node(example, "expect")
    line_start = _line_start(text, key.start_mark.index)
    if not example.flow_style and text[line_start:key.start_mark.index].strip() in ("", "-"):
        indent = key.start_mark.column + 2
        return (key.end_mark.index, old.end_mark.index, ":" + nl + nl.join(_block_lines(new, indent)))
    return (old.start_mark.index, old.end_mark.index, _inline(_ordered(new)))


def _edit_key(text: str, expect: Any, key: str, new: dict[str, Any], nl: str) -> list[tuple[int, int, str]]:
    """One key of a block `expect` made to say `new[key]`: replaced, added or removed."""
    import yaml

    knode, vnode = _key_node(expect, key), _get(expect, key)
    if knode is None:  # added after the mapping's last line, at its keys' indentation
        at = _line_end(text, _content_end(text, expect))
        return [(at, at, nl + nl.join(_key_lines(key, new[key], expect.start_mark.column)))]
    if key not in new:  # removed, with its lines (the key starts its own line in a block mapping)
        start = _line_start(text, knode.start_mark.index)
        end = _line_end(text, _content_end(text, vnode))
        return [(start - len(nl) if start >= len(nl) else start, end, "")]
    value = new[key]
    block = isinstance(vnode, (yaml.MappingNode, yaml.SequenceNode)) and not vnode.flow_style
    if block and value:
        column = vnode.start_mark.column
        if isinstance(value, list):
            lines = [f"- {_scalar(v)}" for v in value]
        else:
            lines = [f"{_scalar(k)}: {_scalar(v)}" for k, v in value.items()]
        body = (nl + " " * column).join(lines)
        return [(vnode.start_mark.index, _content_end(text, vnode), body)]
    if block:  # an empty list or map has no block form
        return [(knode.end_mark.index, _content_end(text, vnode), ": " + _flow(value, 0))]
    column = vnode.start_mark.column
    return [(vnode.start_mark.index, vnode.end_mark.index, _flow(value, column).replace("\n", nl))]
