"""The answer key shows the rules: each suggestion's kind, priority, conditions in words, and its proof."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.handout import RULES_HEADING, render
from quiz.bank.check import check_file
from quiz.bank.model import Bank
from quiz.cli import main
from quiz.conditions import parse
from quiz.conditions.nodes import Value
from quiz.conditions.words import in_words

RULES = Path(__file__).parent / "data" / "examples" / "rules.yaml"


def load(path: Path) -> Bank:
    result = check_file(path)
    assert result.bank is not None, result.problems
    return result.bank


def section(text: str) -> str:
    return text[text.index(RULES_HEADING):]


def test_markdown_key_lists_each_suggestion_with_its_rules() -> None:
    md = section(render(load(RULES), "md", answer_key=True))
    assert md.split("\n## ", 1)[0] == "\n".join([
        RULES_HEADING, "",
        "### See a doctor", "", "*Safety, priority 10*", "",
        "- **Shown when:** “Pain during sex” is ticked in question 2.",
        "- **Proved by examples:** “pain”.", "",
        r"### \<b\>\*Therapy\*\</b\> \[may\](javascript:x) help", "", "*Next step*", "",
        "- **Shown when:** the Weight result is “Heavy”.",
        "- **Only if:** the answer to question 1 is “Yes”.",
        "- **Withheld when any of these is shown:** “See a doctor”.",
        r"- **Because:** Talking helps \| \*often\*.",
        r"- **Proved by examples:** “heavy \<i\>load\</i\>”.", "",
        "### Something to read", "", "*Reading*", "",
        "- **Shown when:** whenever its “Only if” holds (it has no condition of its own).",
        "- **Only if:** the answer to question 1 is “Yes”.",
        "- **Because:** Every adult can use it.",
        r"- **Proved by examples:** “heavy \<i\>load\</i\>”.", ""])


def test_html_key_escapes_every_part() -> None:
    page = section(render(load(RULES), "html", answer_key=True))
    assert "<h3>&lt;b&gt;*Therapy*&lt;/b&gt; [may](javascript:x) help</h3>" in page
    assert "<li><strong>Only if:</strong> the answer to question 1 is “Yes”.</li>" in page
    assert "<li><strong>Proved by examples:</strong> “heavy &lt;i&gt;load&lt;/i&gt;”.</li>" in page
    assert "<b>" not in page and "<i>" not in page


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_rules_are_only_in_the_key(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(RULES), "--format", fmt]) == 0
    assert RULES_HEADING not in capsys.readouterr().out
    assert main(["export", str(RULES), "--format", fmt, "--answer-key"]) == 0
    assert RULES_HEADING in capsys.readouterr().out


def test_an_example_without_expect_proves_nothing() -> None:
    """“not asserted” shows `doctor`, but only “pain” expects it."""
    md = section(render(load(RULES), "md", answer_key=True))
    doctor = md.split("### See a doctor", 1)[1].split("###", 1)[0]
    assert "not asserted" not in doctor and "“pain”" in doctor


class _Names:
    """Names a condition's ids without any bank: the function needs only these."""

    def question(self, qid: str) -> str:
        return f"Q-{qid}"

    def answer(self, qid: str, value: Value) -> str:
        return str(value).upper()

    def is_point(self, qid: str, value: Value) -> bool:
        return False

    def dimension(self, did: str) -> str:
        return did.title()

    def band(self, did: str, bid: str) -> str:
        return bid.title()

    def flag(self, fid: str) -> str:
        return f"flag {fid}"


@pytest.mark.parametrize(("condition", "words"), [
    ('a == "x" or b in ["y", "z"]', "the answer to Q-a is “X” or the answer to Q-b is “Y” or “Z”"),
    ('(a == "x" or skipped(b)) and score(d) >= 3', "(the answer to Q-a is “X” or Q-b was skipped) and the D "
                                                   "score is at least 3"),
    ('not answered(c) and band(d) != "high"', "Q-c was not answered and the D result is not “High”"),
    ('count(t) >= 2 or flagged(f) or t includes "p"',
     "at least 2 options are ticked in Q-t or the flag “flag f” was raised or “P” is ticked in Q-t"),
    ('band(d) == "incomplete"', "the D result has too few answers"),
    # Neighbouring ticks of one checklist read as one clause.
    ('t includes "a" or t includes "b" or t includes "c" or u includes "d"',
     "any of “A”, “B” or “C” is ticked in Q-t or “D” is ticked in Q-u"),
    ('t includes "a" and t includes "b" and score(d) > 1',
     "“A” and “B” are both ticked in Q-t and the D score is above 1"),
    ('x == "y" and (t includes "a" or t includes "b")',
     "the answer to Q-x is “Y” and any of “A” or “B” is ticked in Q-t"),
])
def test_one_function_puts_any_condition_into_words(condition: str, words: str) -> None:
    assert in_words(parse(condition), _Names()) == words
