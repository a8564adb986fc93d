"""`quiz export`: every question in the handout, the key only with `--answer-key`, bank text escaped."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from quiz.authoring.handout import render
from quiz.authoring.handout_md import md_inline
from quiz.bank.check import check_file
from quiz.bank.model import Bank
from quiz.cli import main
from quiz.paths import shipped_banks

DATA = Path(__file__).parent / "data"
BANKS = [*shipped_banks(), DATA / "valid" / "full.yaml", DATA / "valid" / "conditions.yaml"]


def load(path: Path) -> Bank:
    result = check_file(path)
    assert result.bank is not None, result.problems
    return result.bank


def as_html(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def as_md(text: str) -> str:
    return md_inline(text)


def key_texts(bank: Bank) -> list[str]:
    """What only the answer key may say: explanations, discussion prompts, sources' citations."""
    out = []
    for q in bank.questions:
        out += [t for t in (q.explanation, q.discussion) if t]
        src = bank.source(q.source) if q.source else None
        if src is not None:
            out.append(src.citation())
    return out


def test_shipped_banks_are_exported() -> None:
    assert shipped_banks()
    assert set(shipped_banks()) < set(BANKS)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("fmt", "escape"), [("md", as_md), ("html", as_html)], ids=["md", "html"])
def test_handout_has_every_question_and_the_key_only_when_asked(path: Path, fmt: str, escape: object,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    bank = load(path)
    assert callable(escape)
    assert main(["export", str(path), "--format", fmt]) == 0
    plain = capsys.readouterr().out
    assert main(["export", str(path), "--format", fmt, "--answer-key"]) == 0
    keyed = capsys.readouterr().out
    for text in (bank.title, bank.disclaimer):
        assert escape(text) in plain
    for section in bank.sections:
        assert escape(section.title) in plain
        for note in (section.intro, section.content_note):
            if note:
                assert escape(note) in plain
    for q in bank.questions:
        assert escape(q.text) in plain, q.id
        assert escape(q.text) in keyed, q.id
        for _value, label in q.choices():
            assert escape(label) in plain, (q.id, label)
    secret = key_texts(bank)
    for text in secret:
        assert escape(text) not in plain, text
        assert escape(text) in keyed, text
    statements = [q for q in bank.questions if q.kind == "statement"]
    assert plain.count("Answer:") == 0
    assert keyed.count("Answer:") == len(statements)


def test_html_is_self_contained_and_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(DATA / "valid" / "full.yaml"), "--format", "html", "--answer-key"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!doctype html>")
    assert "@media print" in page
    low = page.lower()
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "@import", "url("):
        assert forbidden not in low, forbidden
    assert '<html lang="en">' in page


HOSTILE = """\
quiz: 1
id: hostile
title: "<script>alert(1)</script> *bold* [x](javascript:alert(1))"
version: "1"
disclaimer: "# not a heading & <b>not bold</b> | pipe ~strike~ &amp; entity"
sections:
  - id: s
    title: "1. not a list"
    intro: "- not a bullet\\n\\n+ nor this"
    questions:
      - id: q
        kind: single
        text: "![img](http://x.invalid/a.png) `code` _em_"
        options:
          - {value: a, label: "<i>a</i>"}
          - {value: b, label: "> quote"}
"""


def test_bank_text_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    bank = load(path)
    page = render(bank, "html", answer_key=True)
    assert "<script" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp; entity" in page
    md = render(bank, "md", answer_key=True)
    assert "<script>" not in md and "<b>" not in md and "<i>" not in md
    assert r"\<script\>" in md
    assert r"\*bold\*" in md
    assert r"\[x\](javascript:alert(1))" in md  # no link: the bracket is escaped
    assert r"!\[img\]" in md
    assert r"\`code\` \_em\_" in md
    assert r"\# not a heading" in md and r"\| pipe \~strike\~ \&amp; entity" in md
    assert "## 1\\. not a list" in md
    assert "\n\\- not a bullet\n" in md and "\n\\+ nor this\n" in md
    assert "- ◯ \\> quote" in md


def test_output_file_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "handout.html"
    out.write_text("old", encoding="utf-8")
    code = main(["export", str(DATA / "valid" / "full.yaml"), "--format", "html", "-o", str(out)])
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert capsys.readouterr().out == ""  # the handout went to the file, not the screen
    assert [p.name for p in tmp_path.iterdir()] == ["handout.html"]  # no temporary file left


def test_unwritable_output_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(DATA / "valid" / "full.yaml"), "-o", str(tmp_path / "no" / "such" / "x.md")])
    assert code == 2
    assert "cannot write" in capsys.readouterr().err
    code = main(["export", str(DATA / "valid" / "full.yaml"), "-o", str(tmp_path)])
    assert code == 2
    assert "is a folder" in capsys.readouterr().err


def test_missing_bank_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "nope.yaml")]) == 2
    assert "no bank named" in capsys.readouterr().err


def test_broken_bank_exits_1_with_its_problems(capsys: pytest.CaptureFixture[str]) -> None:
    bad = DATA / "invalid" / "sem_band_gap.yaml"
    assert main(["export", str(bad)]) == 1
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+:", capsys.readouterr().err)


def test_conditions_are_put_in_words() -> None:
    """Every form of condition reads as words about numbered questions, never as code."""
    bank = load(DATA / "valid" / "conditions.yaml")
    md = render(bank, "md")
    conditional = [q for q in bank.questions if q.show_if is not None]
    assert md.count("*Only if ") == len(conditional)
    only_if = [line for line in md.splitlines() if line.startswith("*Only if ")]
    for line in only_if:
        assert "==" not in line and "(topics)" not in line and "score(" not in line, line
    assert "*Only if “Pain” is ticked in question 4.*" in only_if
    assert "*Only if the Wellbeing result is “High”.*" in only_if
    assert "*Answer this part only if the answer to question 1 is not “No”.*" in md
