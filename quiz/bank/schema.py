"""JSON Schema validation of a loaded bank, with each error located and worded for an author."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from quiz.bank.model import KINDS
from quiz.errors import Problem, counted, shown
from quiz.paths import schema_path

if TYPE_CHECKING:  # jsonschema is imported only when a bank is schema-checked (start-up time)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    from quiz.bank.loader import Document, Path_

_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "object": "a mapping of keys", "array": "a list", "null": "nothing",
}


@cache
def bank_schema() -> dict[str, Any]:
    """The bank schema, read once."""
    with schema_path().open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def validator() -> Draft202012Validator:
    """A validator for the bank schema, built once."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(bank_schema())


def type_name(value: Any) -> str:
    """What kind of value this is, in words: `a whole number`, `a list`, `nothing` (null)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


SYNONYMS = {
    "checklist": "multiple", "checkbox": "multiple", "checkboxes": "multiple",
    "radio": "single", "choice": "single",
    "likert": "scale", "rating": "scale",
    "truefalse": "statement", "true-false": "statement", "boolean": "statement", "myth": "statement",
    "free": "text", "open": "text", "textarea": "text",
}
"""Words authors bring from other tools, and the question kind each one means here."""


def closest(word: str, choices: list[str] | set[str] | tuple[str, ...] | frozenset[str]) -> str:
    """The choice `word` most likely meant: a known synonym, else a close spelling; "" when none is."""
    import difflib  # here, not at the top: a session imports this module, and needs no hint to start

    meant = SYNONYMS.get(word.lower().replace(" ", ""))
    if meant is not None and meant in choices:
        return meant
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else ""


def suggest(word: str, choices: list[str] | set[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A "did you mean" hint, or "" when nothing is close."""
    meant = closest(word, choices)
    return f"did you mean `{meant}`?" if meant else ""


def _resolve(node: Any) -> Any:
    """A schema node with its `$ref` (always `#/$defs/...` in the bank schema) followed."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        node = bank_schema().get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1])
    return node


def subschema(path: Path_) -> dict[str, Any] | None:
    """The part of the bank schema that describes the value at `path`, or None if nothing does."""
    node = _resolve(bank_schema())
    for part in path:
        if not isinstance(node, dict):
            return None
        if isinstance(part, int):
            node = node.get("items")
        elif part in node.get("properties", {}):
            node = node["properties"][part]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return None
        node = _resolve(node)
    return node if isinstance(node, dict) else None


def allowed_keys(path: Path_) -> frozenset[str] | None:
    """The keys the mapping at `path` may hold, or None when it is open (ids as keys) or unknown."""
    node = subschema(path)
    if node is None or node.get("additionalProperties") is not False:
        return None
    return frozenset(node.get("properties", {}))


def _problems_for(doc: Document, err: ValidationError) -> list[Problem]:
    path = tuple(err.absolute_path)
    v: Any = err.validator
    inst: Any = err.instance
    schema: Any = err.schema
    value: Any = err.validator_value
    if v == "additionalProperties" and isinstance(inst, dict):
        allowed: Any = set(schema.get("properties", {}))
        out = []
        for key in inst:
            if key not in allowed:
                hint = suggest(key, allowed) or ("allowed keys: " + ", ".join(sorted(allowed)))
                out.append(doc.problem(path + (key,), f"unknown key `{key}`", hint, key=True))
        return out
    if v == "required" and isinstance(inst, dict):
        return [doc.problem(path, f"missing required key `{k}`", _required_hint(path, k))
                for k in value if k not in inst]
    if v == "type":
        want = value
        words = " or ".join(str(_TYPE_WORDS.get(w, w)) for w in (want if isinstance(want, list) else [want]))
        hint = "put quotes around it" if want == "string" else ""
        return [doc.problem(path, f"expected {words}, found {type_name(inst)}", hint)]
    if v == "enum":
        allowed = [shown(a) for a in value]
        hint = suggest(shown(inst), allowed) or "one of: " + ", ".join(allowed)
        if hint.startswith("did you mean") and path[-1:] == ("kind",) and "questions" in path:
            hint += " Question kinds are " + ", ".join(allowed) + "."
        return [doc.problem(path, f"`{shown(inst)}` is not allowed here", hint)]
    if v == "const":
        return [doc.problem(path, f"must be `{shown(value)}`, found `{shown(inst)}`")]
    if v == "pattern":
        return [doc.problem(path, f"`{shown(inst)}` is not in the expected form", _pattern_hint(value))]
    if v in ("minLength",) :
        return [doc.problem(path, "must not be empty")]
    if v == "minItems":
        return [doc.problem(path, f"needs at least {counted(value, 'item')}, found {len(inst)}")]
    if v == "maxItems":
        return [doc.problem(path, f"allows at most {value} items, found {len(inst)}")]
    if v == "maxLength":
        return [doc.problem(path, f"is longer than {value} characters")]
    if v in ("minimum", "maximum"):
        word = "at least" if v == "minimum" else "at most"
        return [doc.problem(path, f"must be {word} {shown(value)}, found {shown(inst)}")]
    if v == "uniqueItems":
        return [doc.problem(path, "lists the same id twice")]
    if v == "anyOf" and isinstance(inst, dict) and "title" in inst:
        return [doc.problem(path, "a reference needs `author` and `year`, or an `organisation`",
                            "add who wrote or published the work, so readers can check it")]
    if v == "propertyNames":
        return [doc.problem(path, f"`{shown(inst)}` has a key that is not a valid id",
                            _pattern_hint("^[a-z]"))]
    return [doc.problem(path, err.message)]


def _required_hint(path: tuple[Any, ...], key: str) -> str:
    hints = {
        "disclaimer": "every bank says what it is and is not (educational, not a diagnosis)",
        "quiz": "add `quiz: 1` at the top (the format version)",
        "options": "single and multiple choice questions list their options",
        "scale": "scale items name a scale defined under `scales`",
        "because": "say why the suggestion appears; results show it to the person",
        "source": "every statement names the source behind its explanation",
        "last_verified": "record when someone checked the entry (YYYY-MM-DD)",
    }
    return hints.get(key, "")


def _pattern_hint(pattern: str) -> str:
    if pattern.startswith("^[a-z]"):
        return "ids use lowercase letters, digits, `-` and `_`, and start with a letter"
    if "[0-9]{4}" in pattern:
        return "write the date as YYYY-MM-DD, e.g. 2026-11-01"
    if "http" in pattern:
        return "addresses start with https:// or http://"
    if "ALL" in pattern:
        return "use ALL or a two-letter country code such as US"
    return f"must match {pattern}"


def structure_fixes(doc: Document) -> tuple[Document, list[Problem]]:
    """Misspelled keys and items indented too far: one problem each, and the document as meant.

    A key that is not allowed where it stands but is a close spelling of an allowed key that is missing
    (`quesitons` for `questions`) is read as that key; a list item whose keys belong to an item further
    up (a question indented into the options of the one above) is read as following that item. Every
    other check runs on the view this returns, so the one mistake is reported once instead of with
    the dozens of problems that only follow from it (a missing `sections`, every unknown question).
    """
    renames: dict[Path_, str] = {}
    moves: dict[Path_, Path_] = {}
    values: dict[Path_, Any] = {}
    problems: list[Problem] = []

    def walk(value: Any, path: Path_, spath: Path_) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,), spath + (i,))
            return
        if not isinstance(value, dict):
            return
        own = allowed_keys(spath)
        if own is not None and path and isinstance(path[-1], int) and not set(value) <= own:
            anchor = _misplaced_under(path, spath, set(value))
            if anchor is not None:
                moves[path] = anchor
                problems.append(_misplaced_problem(doc, path, anchor))
                spath = anchor[:-1] + (0,)
                own = allowed_keys(spath)
        if own is not None:
            missing = own - set(value)
            for key in value:
                if key not in own and (meant := closest(key, missing)):
                    missing = missing - {meant}
                    renames[path + (key,)] = meant
                    problems.append(doc.problem(path + (key,), f"unknown key `{key}`",
                                                f"did you mean `{meant}`?", key=True, kind="schema"))
        kind = value.get("kind")
        if _is_question(spath) and isinstance(kind, str) and kind not in KINDS:
            meant = closest(kind, KINDS)
            if meant:  # read as meant, so its checklist conditions are not reported as wrong as well
                values[path + ("kind",)] = meant
                problems.append(doc.problem(path + ("kind",), f"`{kind}` is not allowed here",
                                            f"did you mean `{meant}`? Question kinds are {', '.join(KINDS)}.",
                                            kind="schema"))
        for key, item in value.items():
            name: str = renames.get(path + (key,)) or str(key)
            walk(item, path + (key,), spath + (name,))

    walk(doc.data, (), ())
    if not renames and not moves and not values:
        return doc, []
    return doc.corrected(renames, moves, values), problems


def _is_question(spath: Path_) -> bool:
    return len(spath) == 4 and spath[0] == "sections" and spath[2] == "questions" and isinstance(spath[3], int)


def _misplaced_under(path: Path_, spath: Path_, keys: set[str]) -> Path_ | None:
    """The list item further up whose list `keys` belong in, when they do not belong where they are."""
    for k in range(len(spath) - 2, 0, -1):
        if isinstance(spath[k], int):
            theirs = allowed_keys(spath[: k + 1])
            if theirs is not None and keys <= theirs:
                return path[: k + 1]
    return None


def _misplaced_problem(doc: Document, path: Path_, anchor: Path_) -> Problem:
    from quiz.bank.loader import dotted

    lines = [pos.line for p, pos in doc.positions.items() if p[: len(path)] == path]
    at, above = doc.where(path), doc.where(anchor)
    span = f"line {at.line}" if min(lines) == max(lines) else f"lines {min(lines)}-{max(lines)}"
    return doc.problem(
        path, f"indentation: this item is indented too far, so it became part of `{dotted(path[:-1])}`;"
              f" its keys belong to an item of `{dotted(anchor[:-1])}`",
        f"move {span} left by {at.column - above.column} spaces, to line up with line {above.line}",
        kind="schema")


def schema_problems(doc: Document) -> list[Problem]:
    """Every schema violation in the document, each located and worded."""
    view, out = structure_fixes(doc)
    for err in validator().iter_errors(view.data):
        out.extend(replace(p, kind="schema") for p in _problems_for(view, err))
    return out
