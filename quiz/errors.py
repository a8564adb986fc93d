"""Problems with a location, and the one exception hierarchy of the package.

A base module: it imports nothing from quiz but quiz.safe_text, so every package (quiz.conditions, the
lowest, too) roots its errors here without an upward import.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

from quiz.safe_text import one_line

ProblemKind = Literal["unreadable", "syntax", "schema", "semantic"]
"""What stage found a problem: the file could not be read at all; its text is not usable YAML (encoding,
size, syntax, quiz's YAML limits); it breaks the JSON Schema; or a check beyond the schema (ids,
references, conditions, bands, examples, reachability, answers) refused it."""

Severity = Literal["error", "warning"]
"""An error makes the input unusable; a warning is worth fixing but leaves it valid (exit 0)."""


def counted(n: int, noun: str) -> str:
    """A count with its noun in the right number: `1 problem`, `2 problems`, never `problem(s)`."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def shown(value: Any) -> str:
    """A value as YAML writes it, for a message: `null`, `true`, `[a, b]`, `{a: 1}`, never a Python repr."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{shown(k)}: {shown(v)}" for k, v in value.items()) + "}"
    return str(value)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    Attributes:
        file: The file the problem is in (as the user named it).
        line: 1-based line, or 0 when unknown.
        column: 1-based column, or 0 when unknown.
        path: Dotted path inside the bank (``sections.0.questions.2.id``), or "" for the file.
        message: What is wrong.
        hint: What to do about it, when we can say.
        kind: Which stage found it; exit codes are decided by it, never by the words.
        severity: `warning` for a problem that leaves the input valid; `error` otherwise.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""
    kind: ProblemKind = "semantic"
    severity: Severity = "error"

    def render(self) -> str:
        """The `file:line:column: path: message (hint)` form used on the command line, always one line."""
        where = f"{self.file}:{self.line}:{self.column}"
        if self.severity == "warning":
            where += ": warning"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return one_line(text)  # a hostile file's escape sequences must not reach the terminal

    def to_json(self) -> dict[str, Any]:
        """A plain dictionary for `--format json`."""
        return asdict(self)


class QuizError(Exception):
    """The root of every error this package raises on purpose."""


class BankError(QuizError):
    """A bank could not be loaded or checked; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class InputError(QuizError):
    """A user-supplied input other than a bank (answers, saved session, path) is unusable."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


class UsageError(QuizError):
    """The command line was used wrongly or a path cannot be read."""
