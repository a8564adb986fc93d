"""JSON Schema validation of a loaded bank, with each error located and worded for an author."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from quiz.errors import Problem, shown
from quiz.paths import schema_path

if TYPE_CHECKING:  # jsonschema is imported only when a bank is schema-checked (start-up time)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    from quiz.bank.loader import Document

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


def _kind(value: Any) -> str:
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


def suggest(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    """A "did you mean" hint, or "" when nothing is close."""
    import difflib  # here, not at the top: a session imports this module, and needs no hint to start

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""


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
        return [doc.problem(path, f"expected {words}, found {_kind(inst)}", hint)]
    if v == "enum":
        allowed = [shown(a) for a in value]
        hint = suggest(shown(inst), allowed) or "one of: " + ", ".join(allowed)
        return [doc.problem(path, f"`{shown(inst)}` is not allowed here", hint)]
    if v == "const":
        return [doc.problem(path, f"must be `{shown(value)}`, found `{shown(inst)}`")]
    if v == "pattern":
        return [doc.problem(path, f"`{shown(inst)}` is not in the expected form", _pattern_hint(value))]
    if v in ("minLength",) :
        return [doc.problem(path, "must not be empty")]
    if v == "minItems":
        return [doc.problem(path, f"needs at least {value} item(s), found {len(inst)}")]
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


def schema_problems(doc: Document) -> list[Problem]:
    """Every schema violation in the document, each located and worded."""
    out: list[Problem] = []
    for err in validator().iter_errors(doc.data):
        out.extend(replace(p, kind="schema") for p in _problems_for(doc, err))
    return out
