"""The guide ships in the package: `quiz guide --plain [SECTION]` prints it, sections are found by number or
words, an unknown one is a one-line usage error, and every `quiz guide N` that quiz prints leads somewhere."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from quiz import guide
from quiz.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_guide_is_package_data() -> None:
    """Read through importlib.resources from inside `quiz`, as a wheel install has it."""
    text = files("quiz.guide").joinpath("authoring.md").read_text(encoding="utf-8")
    assert text == guide.text()
    assert text.startswith("# Writing a quiz bank")
    assert not (ROOT / "docs" / "authoring.md").exists()  # one copy, the one that ships


def test_sections_by_number_and_by_words() -> None:
    numbers = [h.number for h in guide.contents()]
    assert numbers[:3] == ["1", "2", "3"] and "12a" in numbers
    for h in guide.contents():
        for asked in (h.number, f"§{h.number}", f"§ {h.number}", f"section {h.number}", h.number.upper()):
            assert guide.find(asked) == h, asked
    assert guide.find("missing answers") == guide.find("7")
    assert guide.find("Conditions") == guide.find("6")  # an ending, any case
    assert guide.find("quiz test") == guide.find("11")  # a section before a part with the same words
    part = guide.find("safety rule")
    assert part is not None and part.level == 3 and part.number == "9"
    for unknown in ("99", "§", "", "no such words here"):
        assert guide.find(unknown) is None, unknown


def test_headings_inside_code_blocks_are_not_sections() -> None:
    text = "## 1. One\n\n```yaml\n## 2. Not a heading\n# a comment\n```\n\n### Part\n\n## 2. Two\nend\n"
    assert [(h.level, h.title) for h in guide.headings(text)] == [(2, "1. One"), (3, "Part"), (2, "2. Two")]
    one = guide.find("1", text)
    assert one is not None and "Not a heading" in guide.section_text(one, text)
    assert "Two" not in guide.section_text(one, text)


def test_headings_hold_no_markdown_but_backticks() -> None:
    """The viewer's contents show a heading without its Markdown; backticks are all `plain` drops."""
    for h in guide.headings():
        assert not re.search(r"[*_\[\]\\<>]", h.title), h.title


def test_plain_prints_the_whole_guide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", "--plain"]) == 0
    assert capsys.readouterr().out == guide.text()


def test_plain_section_prints_just_that_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", "--plain", "§7"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## 7. Missing answers\n")
    assert "## 8." not in out and "## 6." not in out
    assert main(["guide", "--plain", "missing", "answers"]) == 0  # words need no quotes
    assert capsys.readouterr().out == out


def test_list_names_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == [h.number for h in guide.contents()]
    assert "Missing answers" in out[6]


@pytest.mark.parametrize("asked", ["99", "no such thing", "zz\nqq"])
def test_an_unknown_section_is_a_one_line_usage_error(asked: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", "--plain", asked]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.rstrip("\n")
    assert "\n" not in err and "quiz guide --list" in err and "no section" in err


def _pointers() -> list[tuple[str, str]]:
    """Every `quiz guide N` (and `quiz guide words`) that quiz prints or its README tells."""
    found = []
    sources = [*(ROOT / "quiz").rglob("*.py"), *(ROOT / "quiz").rglob("*.yaml"), ROOT / "README.md",
               *(ROOT / "schemas").glob("*.json")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"quiz guide (§?\d+[a-z]?\b|[a-z][a-z ]+?(?=[`)]))", text):
            found.append((path.name, m[1]))
    return found


def test_every_pointer_to_the_guide_leads_to_a_section() -> None:
    pointers = _pointers()
    assert len(pointers) >= 8, pointers  # quiz new, the epilogs, the template, the README
    for where, asked in pointers:
        assert guide.find(asked) is not None, f"{where}: `quiz guide {asked}` leads nowhere"


def test_nothing_points_at_the_old_place_of_the_guide() -> None:
    """The guide's old place (docs/) is not installed: every pointer names `quiz guide` (a section: `quiz guide 9`).

    The guide itself may say where it used to be."""
    sources = [*(ROOT / "quiz").rglob("*.py"), *(ROOT / "quiz").rglob("*.yaml"), ROOT / "README.md",
               *(ROOT / "schemas").glob("*.json"), *(ROOT / "tests").rglob("*.py")]
    old = "docs/" + "authoring.md"
    stale = [str(p.relative_to(ROOT)) for p in sources if old in p.read_text(encoding="utf-8")]
    assert stale == []
