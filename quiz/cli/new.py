"""`quiz new NAME`: write a small, valid, commented bank to start from."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quiz.errors import UsageError
from quiz.paths import schema_path
from quiz.store.atomic import write_file

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "new_bank.yaml"
ID_MAX = 64


def register(sub: Any) -> None:
    """Add the `new` command."""
    p = sub.add_parser("new", help="start a bank from a small, commented, working template",
                       description="Write a bank named from NAME's id in the current folder (or the "
                                   "folder given): `quiz new \"Sleep Habits\"` writes sleep-habits.yaml, "
                                   "and a NAME ending in .yaml is the file's name as given. It is a small "
                                   "bank that passes `quiz validate` and `quiz test`, with a comment on "
                                   "every part and the schema line editors use for completion. Exit 2 "
                                   "if the file exists (unless --force) or cannot be written.")
    p.add_argument("name", metavar="NAME", help="the bank's name or file (`Sleep Habits` writes sleep-habits.yaml)")
    p.add_argument("--title", help="the bank's title (default: from NAME)")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.set_defaults(func=run)


def target_path(name: str) -> Path:
    """The file to write: NAME itself when it ends in .yaml or .yml, else the bank's id from NAME with
    .yaml (`Sleep Habits` writes sleep-habits.yaml), in NAME's folder."""
    p = Path(name).expanduser()
    return p if p.suffix in (".yaml", ".yml") else p.with_name(bank_id(p.name) + ".yaml")


def given_stem(name: str) -> str:
    """NAME without its folder and its .yaml or .yml: what the title and id are made from."""
    p = Path(name).expanduser()
    return p.stem if p.suffix in (".yaml", ".yml") else p.name


def bank_id(stem: str) -> str:
    """A valid bank id from a file stem: lowercase, other characters as `-`, starting with a letter."""
    text = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_")
    text = re.sub(r"^[^a-z]+", "", text)
    if len(text) > ID_MAX:
        cut = text[:ID_MAX + 1]  # a whole word where one ends within the limit
        text = cut.rsplit("-", 1)[0] if "-" in cut else text[:ID_MAX]
    return text[:ID_MAX].rstrip("-_") or "my-bank"


def title_from(stem: str) -> str:
    """A readable title from a name: `sleep-check` gives `Sleep check`; a name with spaces is a title
    already (`Sleep habits of grown-ups` keeps its hyphen)."""
    words = " ".join(stem.split()) if " " in stem.strip() else re.sub(r"[-_.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "My bank"


def render(path: Path, title: str | None = None, today: dt.date | None = None) -> str:
    """The template filled in for a bank written to `path`, its trailing comments still aligned."""
    stem = path.stem
    day = (today or dt.date.today()).isoformat()
    title_text = title if title is not None else title_from(stem)
    replacements = {
        "__SCHEMA_URI__": schema_path().resolve().as_uri(),
        "__ID__": bank_id(stem),
        # Double quotes and YAML escapes keep any title (colons, quotes, `#`) a plain string.
        "__TITLE__": '"' + title_text.replace("\\", "\\\\").replace('"', '\\"') + '"',
        "__DATE__": day,
        "__FILE__": path.name,
    }

    def fill(text: str) -> str:
        for key, value in replacements.items():
            text = text.replace(key, value)
        return text

    return align(TEMPLATE.read_text(encoding="utf-8"), fill)


TRAILING = re.compile(r"^(?P<content>\s*[^\s#].*?\S)(?P<gap> {2,})(?P<comment># .*)$")
"""A template line with a comment after its YAML, two spaces or more away."""


def align(template: str, fill: Callable[[str], str]) -> str:
    """The template filled in by `fill`, each group of trailing comments that lined up in the template (a
    paragraph's comments at one column) lined up again after the longest filled-in line of the group.

    The template's own lines are split before filling, so a title holding `  # ` is never taken for a
    comment.
    """
    rows: list[tuple[str, str, int] | str] = []
    """(filled content, filled comment, template column) for a line with a trailing comment, else the
    filled line."""
    for line in template.split("\n"):
        m = TRAILING.match(line)
        if m:
            rows.append((fill(m["content"]), fill(m["comment"]), m.start("comment")))
        else:
            rows.append(fill(line))
    width: dict[tuple[int, int], int] = {}
    paragraph = 0
    keys: list[tuple[int, int] | None] = []
    for row in rows:
        if isinstance(row, str):
            paragraph += not row.strip()
            keys.append(None)
            continue
        key = (paragraph, row[2])
        width[key] = max(width.get(key, row[2]), len(row[0]) + 2)
        keys.append(key)
    out = []
    for row, k in zip(rows, keys, strict=True):
        if isinstance(row, str) or k is None:
            out.append(row if isinstance(row, str) else "")
        else:
            out.append(row[0].ljust(width[k]) + row[1])
    return "\n".join(out)


def write_new(path: Path, text: str, force: bool) -> None:
    """Write `text` to `path`: never over an existing file unless `force`, and never half-written."""
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another name, or add --force to overwrite it")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    try:
        # An ordinary file to share (0666 less the umask); exclusive unless forced, so a file that
        # appeared since the check above is never overwritten.
        write_file(path, text, mode=0o666, exclusive=not force)
    except FileExistsError as exc:
        raise UsageError(f"{path} already exists; add --force to overwrite it") from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def run(args: argparse.Namespace) -> int:
    """Write the template and print what to do next."""
    if not given_stem(args.name):
        raise UsageError("give the bank a name, e.g. `quiz new sleep-check`")
    path = target_path(args.name)
    title = args.title if args.title is not None else title_from(given_stem(args.name))
    write_new(path, render(path, title), args.force)
    shown = shlex.quote(str(path))
    print(f"Wrote {shown}: a small working bank about sleep, id `{bank_id(path.stem)}`.")
    steps = [
        (f"quiz validate {shown}", "names every mistake with its line (reading them: quiz guide 10)"),
        (f"quiz test {shown}", "runs its examples, proves every part reachable (quiz guide 11)"),
        (f"quiz preview {shown}", "see it in the app, reloading on every save"),
        (f"quiz export {shown} --format html --answer-key -o handout.html", ""),
    ]
    width = max(len(command) for command, what in steps if what)
    print("Next:")
    print("  1. edit it: put your topic in place of the sleep example (every key: quiz guide 5)")
    for n, (command, what) in enumerate(steps, 2):
        print(f"  {n}. {command:<{width}}   {what}".rstrip())
    print(f"Editor completion: line 1 points at the schema ({schema_path()}; quiz guide 4).")
    print("The guide, installed with quiz: quiz guide (quiz guide --plain prints it).")
    sys.stdout.flush()
    return 0
