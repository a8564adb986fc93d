"""The served pages' templates: Jinja2 with autoescaping, every value made safe by `quiz.safe_text` first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from quiz.safe_text import clean

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def inert(value: Any) -> Any:
    """What every `{{ }}` prints, before autoescaping: text loses the characters that act rather than
    show (controls, bidi overrides, stray zero-width), so bank text cannot reorder or hide the page."""
    return clean(value) if isinstance(value, str) else value


ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every template here is HTML: `<`, `>`, `&` and quotes in any value are escaped
    finalize=inert,
    undefined=jinja2.StrictUndefined,  # a value the page forgot is an error in the tests, not a blank
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render(name: str, **context: Any) -> str:
    """The page `name` filled with `context`."""
    return ENV.get_template(name).render(**context)
