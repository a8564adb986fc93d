"""`quiz new NAME`: write a small, valid, commented bank to start from."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shlex
import sys
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
                       description="Write NAME.yaml in the current folder (or the path given): a small "
                                   "bank that passes `quiz validate` and `quiz test`, with a comment on "
                                   "every part and the schema line editors use for completion. Exit 2 "
                                   "if the file exists (unless --force) or cannot be written.")
    p.add_argument("name", metavar="NAME", help="the bank's name or file (`sleep-check` writes sleep-check.yaml)")
    p.add_argument("--title", help="the bank's title (default: from NAME)")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.set_defaults(func=run)


def target_path(name: str) -> Path:
    """The file to write: NAME itself when it ends in .yaml or .yml, else NAME.yaml."""
    p = Path(name).expanduser()
    return p if p.suffix in (".yaml", ".yml") else p.with_name(p.name + ".yaml")


def bank_id(stem: str) -> str:
    """A valid bank id from a file stem: lowercase, other characters as `-`, starting with a letter."""
    text = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_")
    text = re.sub(r"^[^a-z]+", "", text)
    return text[:ID_MAX].rstrip("-_") or "my-bank"


def title_from(stem: str) -> str:
    """A readable title from a file stem: `sleep-check` gives `Sleep check`."""
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "My bank"


def render(path: Path, title: str | None = None, today: dt.date | None = None) -> str:
    """The template filled in for a bank written to `path`."""
    stem = path.stem
    day = (today or dt.date.today()).isoformat()
    text = TEMPLATE.read_text(encoding="utf-8")
    title_text = title if title is not None else title_from(stem)
    replacements = {
        "__SCHEMA_URI__": schema_path().resolve().as_uri(),
        "__ID__": bank_id(stem),
        # Double quotes and YAML escapes keep any title (colons, quotes, `#`) a plain string.
        "__TITLE__": '"' + title_text.replace("\\", "\\\\").replace('"', '\\"') + '"',
        "__DATE__": day,
        "__FILE__": path.name,
    }
    for key, value in replacements.items():
        text = text.replace(key, value)
    return text


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
    path = target_path(args.name)
    if not path.stem:
        raise UsageError("give the bank a name, e.g. `quiz new sleep-check`")
    write_new(path, render(path, args.title), args.force)
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
