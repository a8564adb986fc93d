"""The command line: parse arguments, call the core, print, return an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quiz import __version__
from quiz.errors import BankError, InputError, Problem, QuizError, UsageError
from quiz.safe_text import clean

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# Each command lives in its own module with `register(subparsers)`; the order here is the help order.
COMMANDS = ("take", "score", "validate", "test", "new", "preview", "guide", "export", "present", "serve",
            "room", "compare", "forget", "migrate")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command, or just `only` (start-up stays fast: see bench/startup.py)."""
    import importlib

    parser = _Parser(
        prog="quiz",
        description="Private self-assessment in the terminal. Run with no command to open the launcher.",
        epilog="Nothing is stored or sent unless you ask. `quiz COMMAND --help` explains a command.\n"
               "Writing a bank: `quiz new NAME` starts one; the guide to every part: `quiz guide`.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(f"quiz.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"quiz.cli.{name}":
                continue  # not built yet
            raise
        module.register(sub)
    return parser


def print_problems(problems: Sequence[Problem]) -> None:
    """Print located problems to stderr, one per line."""
    for p in problems:
        print(p.render(), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # answered without loading any command module
        print(f"quiz {__version__}")
        return EXIT_OK
    return _run(args_list)


def _run(args_list: list[str]) -> int:
    first = next((a for a in args_list if not a.startswith("-")), None)
    if first in COMMANDS:
        parser = build_parser(only=first)
    elif first is None and not args_list:
        parser = build_parser(only="take")  # the bare launcher needs no other command module
    else:
        parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.command is None:
            from quiz.cli.take import launch

            return launch(args)
        code: int = args.func(args)
        return code
    except (BankError, InputError) as exc:
        print_problems(exc.problems)
        return EXIT_PROBLEMS
    except UsageError as exc:
        print(f"quiz: {clean(str(exc))}", file=sys.stderr)  # names files and banks: one safe layer
        return EXIT_USAGE
    except QuizError as exc:
        print(f"quiz: {clean(str(exc))}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
