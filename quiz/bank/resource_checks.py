"""Checks on a bank's helplines and services: a `last_verified` date says the entry was checked, so it is
a real day no later than today, and an entry whose words say it was not checked carries none."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from quiz.bank.facts import dicts
from quiz.bank.loader import Document
from quiz.errors import Problem

__all__ = ["UNCHECKED", "resource_problems", "unchecked_words"]

UNCHECKED = re.compile(
    r"\bun(?:verified|checked|confirmed)\b"
    r"|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:checked|verified|confirmed)\b"
    r"|\bconfirm\s+(?:it|this|them|the\s+number)\s+(?:there|before\s+relying)\b",
    re.IGNORECASE)
"""Words saying an entry was not checked: "not checked on the service's own site", "unverified",
"confirm it there"."""

_TEXT_KEYS = ("name", "contact", "description")
_DATE_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def unchecked_words(resource: dict[str, Any]) -> tuple[str, str]:
    """The key of a resource whose text says it was not checked, and those words; ("", "") when none does."""
    for key in _TEXT_KEYS:
        value = resource.get(key)
        if isinstance(value, str) and (m := UNCHECKED.search(value)):
            return key, " ".join(m.group(0).split())
    return "", ""


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not _DATE_FORM.match(value):
        return None  # the form is the schema's to report, a day that does not exist the date check's
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def resource_problems(doc: Document, today: dt.date | None = None) -> list[Problem]:
    """A `last_verified` later than `today` (the local date when not given), and a `last_verified` on an
    entry whose words say it was not checked."""
    today = today or dt.date.today()
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    for i, r in dicts(data.get("resources")):
        if "last_verified" not in r:
            continue
        path = ("resources", i, "last_verified")
        day = _day(r["last_verified"])
        if day is not None and day > today:
            problems.append(doc.problem(
                path, f"`{r['last_verified']}` is later than today ({today.isoformat()}): a check cannot have "
                      "happened yet",
                "write the day someone checked the entry against the service's own site, as YYYY-MM-DD"))
        key, words = unchecked_words(r)
        if key:
            problems.append(doc.problem(
                path, f"the resource `{r.get('id')}` has a `last_verified` date, but its `{key}` says "
                      f"\u201c{words}\u201d: a date says the entry was checked",
                "check it on the service's own site and drop those words, or remove `last_verified`: "
                "`quiz migrate` removes it"))
    return problems
