"""Writing a results report to a file the person names: whole or not at all, readable by them only."""

from __future__ import annotations

from pathlib import Path

from quiz.engine.outcome import Outcome
from quiz.engine.report import render
from quiz.errors import QuizError
from quiz.store.atomic import write_file


class ExportError(QuizError):
    """A path that cannot be written, in words for the person."""


def write_report(outcome: Outcome, fmt: str, path: Path) -> Path:
    """Write the report in `fmt` (md, html, json) atomically, owner-only; returns the absolute path."""
    path = path.expanduser()
    if not path.name:
        raise ExportError("Type a file name.")
    path = path.absolute()
    if path.is_dir():
        raise ExportError(f"{path} is a folder; add a file name such as quiz-results.md.")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist.")
    try:
        return write_file(path, render(outcome, fmt))
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
