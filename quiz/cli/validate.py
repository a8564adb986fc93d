"""`quiz validate PATH...`: check banks and report every problem with file:line:column."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from quiz.bank.check import check_file
from quiz.errors import Problem, counted
from quiz.safe_text import json_safe, one_line


def register(sub: Any) -> None:
    """Add the `validate` command."""
    p = sub.add_parser("validate", help="check banks: every problem with file:line:column",
                       description="Check bank files (and folders of them) against the bank format.\n"
                                   "Exit 0 when clean, 1 when problems are found, 2 for usage errors\n"
                                   "or unreadable paths.",
                       epilog="Each problem is one line: file:line:column: path: message (hint).\n"
                              "How to read a long list of them: quiz guide 10\n"
                              "Every key of the format:         quiz guide 5",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="bank files or folders of *.yaml banks")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(func=run)


def collect(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Bank files from files and folders, and the paths that could not be used."""
    files: list[Path] = []
    bad: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            try:
                found = sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml") and x.is_file())
            except OSError as exc:
                bad.append(f"{raw}: cannot read folder: {exc.strerror}")
                continue
            if not found:
                bad.append(f"{raw}: no .yaml banks in this folder")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            bad.append(f"{raw}: no such file or folder")
    return files, bad


def run(args: argparse.Namespace) -> int:
    """Validate every path; print problems; return 0, 1 or 2."""
    files, bad = collect(args.paths)
    results = [check_file(f) for f in files]
    problems: list[Problem] = [p for r in results for p in r.problems]
    unreadable = [r.file for r in results if any(p.kind == "unreadable" for p in r.problems)]
    if args.format == "json":
        out: dict[str, Any] = {
            "files": [{"file": r.file, "ok": r.bank is not None,
                       "problems": [p.to_json() for p in r.problems],
                       "warnings": [p.to_json() for p in r.warnings]} for r in results],
            "errors": bad,
            "problem_count": len(problems),
        }
        print(json_safe(json.dumps(out, indent=2, ensure_ascii=False)))
    else:
        for msg in bad:
            print(one_line(f"quiz validate: {msg}"), file=sys.stderr)
        for r in results:
            for prob in sorted(r.problems + r.warnings):
                print(prob.render(), file=sys.stderr)
            if r.bank is not None:
                b = r.bank
                print(one_line(f"ok  {r.file}: {b.title} ({counted(len(b.questions), 'question')}, "
                               f"{counted(len(b.dimensions), 'dimension')}, "
                               f"{counted(len(b.suggestions), 'suggestion')})"))
        if problems:
            n_files = sum(1 for r in results if r.problems)
            print(f"{counted(len(problems), 'problem')} in {counted(n_files, 'file')}", file=sys.stderr)
        warned = [w for r in results for w in r.warnings]
        if warned:
            print(f"{counted(len(warned), 'warning')} (the banks stay valid)", file=sys.stderr)
    if bad or unreadable:
        return 2
    return 1 if problems else 0

