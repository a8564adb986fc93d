"""`quiz guide [SECTION]`: the authoring guide, shipped inside the package, in the terminal or printed."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from quiz.errors import UsageError
from quiz.safe_text import clean, one_line


def register(sub: Any) -> None:
    """Add the `guide` command."""
    p = sub.add_parser(
        "guide", help="the guide to writing banks: every key, recipes, reading validate and test",
        description="Open the guide to writing banks in the terminal, with its table of contents beside "
                    "it (q leaves). SECTION jumps to a section: its number (7, §7, 12a) or words of its "
                    "heading (missing answers). Printed as Markdown instead with --plain, or when the "
                    "output is not a terminal. Exit 2 for a section the guide does not have.")
    p.add_argument("section", nargs="*", metavar="SECTION",
                   help="a section's number or words of a heading (default: the whole guide)")
    p.add_argument("--plain", action="store_true",
                   help="print the guide (or just SECTION) as Markdown instead of opening it")
    p.add_argument("--list", action="store_true", help="print the sections' numbers and titles")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Find SECTION, then print the list, print the text, or open the viewer."""
    from quiz import guide

    wanted = " ".join(args.section).strip()
    heading = guide.find(wanted) if wanted else None
    if wanted and heading is None:
        raise UsageError(f"the guide has no section `{one_line(wanted)}`; `quiz guide --list` shows its sections "
                         "(give a number such as 7, or words of a heading)")
    if args.list:
        for h in guide.contents():
            print(clean(f"{h.number:>4}  {h.plain.removeprefix(h.number + '.').strip()}"))
        return 0
    if args.plain or not sys.stdout.isatty():
        body = guide.section_text(heading) if heading is not None else guide.text()
        sys.stdout.write(clean(body))
        sys.stdout.flush()
        return 0
    from quiz.ui.guide_app import GuideApp

    GuideApp(guide.text(), heading).run()
    return 0
