"""What a valid answer to one question is, and the one message for each wrong answer.

Every place that reads answers checks them here: answers files, batch scoring, plain mode, the preview
and saved sessions (through `quiz.engine.answers`), and `quiz validate` for the answers in a bank's
`examples`, which runs before the model is built and so describes each question with `sketch`.
The messages speak of "the answer", so they read right in an answers file and in an example alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz.bank.model import DECLINED, KINDS, Answer, Option, Question, Scale, ScalePoint
from quiz.bank.schema import suggest, type_name
from quiz.errors import shown

LOOKS_TYPED = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|true|false|null|~",
                         re.IGNORECASE)
"""Text that YAML (and JSON) would read as a number, true/false or null if it were not quoted."""
WHOLE_NUMBER_TEXT = re.compile(r"[-+]?[0-9]+")
"""Text that reads as a whole number."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an answer is refused: the message, what to write instead, and where under the answer the
    fault is (`(j,)` for the j-th item of a checklist's list, `()` for the answer as a whole)."""

    message: str
    hint: str = ""
    at: tuple[int, ...] = ()


def as_yaml(value: Any) -> str:
    """A value as it would be written in YAML: like `shown`, but text that would read as a number,
    true/false or null without quotes keeps its quotes (`"2"` is text, `2` a number)."""
    if isinstance(value, str) and (not value or LOOKS_TYPED.fullmatch(value)):
        return json.dumps(value, ensure_ascii=False)
    return shown(value)


def judge(q: Question, value: Any) -> Answer | Refusal:
    """The answer `value` gives to `q`, normalized (a checklist as a tuple in option order, a statement
    as true or false), or why it is refused.

    The accepting branch of each kind comes first and allocates nothing: batch scoring runs it for every
    answer of every set. Only a refused value pays for the words that explain it.
    """
    kind = q.kind
    if value == DECLINED and kind != "text":
        if q.prefer_not_to_say:
            return DECLINED
        return Refusal(f"`{q.id}` does not offer \"Prefer not to say\"", "answer it, or leave it out")
    if kind == "scale":
        if type(value) is int and q.scale is not None:
            for p in q.scale.points:
                if p.value == value:
                    return value
        return _scale_refusal(q, value)
    if kind == "single":
        if type(value) is str:
            for o in q.options:
                if o.value == value:
                    return value
        return _single_refusal(q, value)
    if kind == "multiple":
        return _multiple(q, value)
    if kind == "statement":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return Refusal(f"`{q.id}` is a true/false statement, and `{as_yaml(value)}` is neither",
                       "write true or false")
    if isinstance(value, str):
        if len(value) > q.max_length:
            return Refusal(f"the answer to `{q.id}` is longer than {q.max_length} characters",
                           f"shorten it to {q.max_length} characters")
        return value
    return Refusal(f"`{q.id}` takes free text, and `{as_yaml(value)}` is {_type_name(value)}",
                   "put the answer in quotes")


def normalize_one(q: Question, value: Any) -> tuple[Answer | None, str, str]:
    """(normalized answer or None, message, hint) for one raw value given to `q` (see `judge`)."""
    got = judge(q, value)
    if isinstance(got, Refusal):
        return None, got.message, got.hint
    return got, "", ""


def _type_name(value: Any) -> str:
    """What kind of value an answer is, in words; an answer of null is empty, not "nothing"."""
    return "empty" if value is None else type_name(value)


def _points_hint(q: Question) -> str:
    return "choose one of its points: " + ", ".join(f"{v} ({label})" for v, label in q.choices())


def _scale_refusal(q: Question, value: Any) -> Refusal:
    """Why `value` is not a point on `q`'s scale, and what to write instead."""
    points = [v for v, _ in q.choices()]
    if isinstance(value, str):
        text = value.strip()
        if WHOLE_NUMBER_TEXT.fullmatch(text) and int(text) in points:
            return Refusal(f"the answer to `{q.id}` is the text `{as_yaml(value)}`; a scale item takes a "
                           "whole number", f"write {int(text)} without quotes")
        for v, label in q.choices():
            if label.casefold() == text.casefold():
                return Refusal(f"the answer to `{q.id}` is the label `{as_yaml(value)}`; a scale item takes "
                               "the number of a point", f"write {v}")
        if LOOKS_TYPED.fullmatch(text):
            return Refusal(f"the answer to `{q.id}` is the text `{as_yaml(value)}`; a scale item takes a "
                           "whole number, and this is not one of its points", _points_hint(q))
        return Refusal(f"`{as_yaml(value)}` is not a point on `{q.id}`'s scale", _points_hint(q))
    if isinstance(value, float) and value.is_integer() and int(value) in points:
        return Refusal(f"the answer to `{q.id}` is the decimal number `{shown(value)}`; a scale item takes "
                       "a whole number", f"write {int(value)}")
    if isinstance(value, (bool, list, dict, float)) or value is None:
        return Refusal(f"the answer to `{q.id}` is {_type_name(value)} (`{as_yaml(value)}`); a scale item "
                       "takes one whole number", _points_hint(q))
    return Refusal(f"`{as_yaml(value)}` is not a point on `{q.id}`'s scale", _points_hint(q))


def _options_hint(q: Question, word: str = "") -> str:
    values = [o.value for o in q.options]
    return (suggest(word, values) if word else "") or "its options: " + ", ".join(values)


def _single_refusal(q: Question, value: Any) -> Refusal:
    """Why `value` is not an option of the single-choice `q`, and what to write instead."""
    if isinstance(value, list):
        return Refusal(f"`{q.id}` takes one option, and the answer is a list (`{as_yaml(value)}`)",
                       _options_hint(q))
    if not isinstance(value, str):
        if any(o.value == shown(value) for o in q.options):
            return Refusal(f"the answer to `{q.id}` is {_type_name(value)} (`{shown(value)}`); its options "
                           "are text", f"write \"{shown(value)}\" in quotes")
        return Refusal(f"`{q.id}` takes one option, and the answer is {_type_name(value)} "
                       f"(`{as_yaml(value)}`)", _options_hint(q))
    return Refusal(f"`{as_yaml(value)}` is not an option of `{q.id}`", _options_hint(q, value))


def _item_refusal(q: Question, item: Any, at: tuple[int, ...]) -> Refusal:
    """Why one item a checklist's answer lists is none of `q`'s option values."""
    if isinstance(item, str):
        return Refusal(f"`{as_yaml(item)}` is not an option of `{q.id}`", _options_hint(q, item), at)
    if any(o.value == shown(item) for o in q.options):
        return Refusal(f"the answer to `{q.id}` lists {_type_name(item)} (`{shown(item)}`); its options are "
                       "text", f"write \"{shown(item)}\" in quotes", at)
    return Refusal(f"the answer to `{q.id}` lists {_type_name(item)} (`{as_yaml(item)}`); a checklist lists "
                   "option values", _options_hint(q), at)


def _multiple(q: Question, value: Any) -> Answer | Refusal:
    listed = isinstance(value, list)
    items = value if listed else [value] if isinstance(value, str) else None
    if items is None:
        example = "[" + ", ".join(o.value for o in q.options[:2]) + "]"
        return Refusal(f"`{q.id}` is a checklist and takes a list of option values, not `{as_yaml(value)}` "
                       f"({_type_name(value)})", f"e.g. {example}")
    values = [o.value for o in q.options]
    for j, v in enumerate(items):
        if not isinstance(v, str) or v not in values:
            return _item_refusal(q, v, (j,) if listed else ())
    if len(set(items)) != len(items):
        return Refusal(f"`{q.id}` lists an option twice", "list each option once")
    if len(items) > 1:
        exclusive = [o.value for o in q.options if o.exclusive and o.value in items]
        if exclusive:
            return Refusal(f"`{q.id}`: `{exclusive[0]}` cannot be combined with other options",
                           "an exclusive option is chosen alone")
    if len(items) < q.min_choices:
        return Refusal(f"`{q.id}` needs at least {_choices(q.min_choices)}, found {len(items)}")
    if q.max_choices is not None and len(items) > q.max_choices:
        return Refusal(f"`{q.id}` allows at most {_choices(q.max_choices)}, found {len(items)}")
    return tuple(sorted(items, key=values.index))


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _answers(n: int) -> str:
    """"one answer", "3 answers": a count of ticks, in words up to ten."""
    return f"{_NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else n} answer{'' if n == 1 else 's'}"


def person_words(q: Question, value: Any) -> str:
    """Why an answer chosen on a screen (the app, plain mode, the room page) is refused, in words for the
    person taking the bank: no ids, no YAML, and what to do instead. "" when the answer is accepted."""
    got = judge(q, value)
    if not isinstance(got, Refusal):
        return ""
    decline = ", or choose “Prefer not to say”" if q.prefer_not_to_say else ""
    if value == DECLINED:
        return "This question does not offer “Prefer not to say”: choose an answer."
    if q.kind == "multiple":
        items = value if isinstance(value, (list, tuple)) else [value] if isinstance(value, str) else []
        alone = [o.label for o in q.options if o.exclusive and o.value in items]
        if alone and len(items) > 1:
            return f"“{alone[0]}” is ticked on its own: untick it, or untick the others."
        if len(items) < q.min_choices:
            return f"Tick at least {_answers(q.min_choices)}{decline}."
        if q.max_choices is not None and len(items) > q.max_choices:
            return f"Tick at most {_answers(q.max_choices)}."
        return f"Tick answers from the list{decline}."
    if q.kind == "text" and isinstance(value, str):
        return f"Your answer is longer than {q.max_length} characters: shorten it."
    return f"Choose one answer from the list{decline}."


def _choices(n: int) -> str:
    return "1 choice" if n == 1 else f"{n} choices"


def _int_or(value: Any, default: int | None) -> int | None:
    return value if type(value) is int else default


def sketch(data: Mapping[str, Any], scales: Mapping[str, Any]) -> Question | None:
    """A question as far as its answers are concerned, from a raw bank's question mapping and its
    `scales`, before the schema has checked either: None when the question's own definition is too
    broken to judge an answer by (an unknown kind, a scale that names no points), which the bank's
    checks report where it is defined.

    Only what `judge` reads is filled in; anything of the wrong type counts as absent.
    """
    kind, qid = data.get("kind"), data.get("id")
    if kind not in KINDS or not isinstance(qid, str):
        return None
    if kind in ("single", "multiple") and isinstance(data.get("options"), str):
        return None  # an option set the bank does not have: its values are unknown
    options = tuple(Option(o["value"], str(o.get("label", "")), exclusive=o.get("exclusive") is True)
                    for o in _mappings(data.get("options")) if isinstance(o.get("value"), str))
    scale = None
    if kind == "scale":
        raw = scales.get(data["scale"]) if isinstance(data.get("scale"), str) else None
        points = tuple(ScalePoint(p["value"], str(p.get("label", "")))
                       for p in _mappings(raw.get("options") if isinstance(raw, dict) else None)
                       if type(p.get("value")) is int)
        if not points:
            return None
        scale = Scale(data["scale"], "", points)
    return Question(qid, kind, "", "", 0, prefer_not_to_say=data.get("prefer_not_to_say") is True,
                    options=options, min_choices=_int_or(data.get("min_choices"), 0) or 0,
                    max_choices=_int_or(data.get("max_choices"), None), scale=scale,
                    max_length=_int_or(data.get("max_length"), 2000) or 2000)


def _mappings(value: Any) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []
