"""One counting rule: an age check is not counted, "up to N" where answers hide questions, and plain
mode's intro, questions and review say the same numbers for every shipped bank."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.engine.count import answered_words, counted, is_check, length, place, varies
from quiz.engine.flow import Ask, Flow
from quiz.engine.session import Session
from quiz.paths import shipped_banks
from quiz.plain import PlainRunner

from .test_plain import first_answers

LABEL = re.compile(r"^(Question|Statement) (\d+) of (up to )?(\d+)$", re.MULTILINE)
ANSWERED = re.compile(r"(\d+) of (\d+) (questions?|statements?) answered\.")


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_the_count_leaves_out_the_age_check(path: Path) -> None:
    bank = load_bank(path)
    checks = [q for q in bank.questions if is_check(q)]
    assert len(checks) == 1  # every shipped bank opens with one
    total = len(bank.questions) - 1
    assert len(counted(bank)) == total
    if all(q.kind == "statement" for q in counted(bank)):
        assert length(bank) == f"{total} statements"
    else:
        assert length(bank) == f"{'up to ' if varies(bank) else ''}{total} questions"
    session = Session(bank)
    assert place(session, checks[0]).number == 0 and place(session, checks[0]).label == ""


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                "twenty", "twenty-one", "twenty-two", "twenty-three", "twenty-four", "twenty-five"]
STATED = re.compile(r"\b(?P<n>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
                    r"(?P<between>(?:\s+(?!(?:of|the|these|those|its|their|more|other)\b)[\w-]+){0,2}?)"
                    r"\s+(?P<what>statements?|questions?)\b", re.IGNORECASE)
""""Nineteen true-or-false statements", "3 quick questions": a number, at most two describing words, then
the noun ("one of the statements" and "two more questions" are not counts of the bank)."""


def stated_counts(text: str) -> list[int]:
    """Every count of statements or questions a text states."""
    return [int(n) if n.isdigit() else NUMBER_WORDS.index(n.lower())
            for n in (m["n"] for m in STATED.finditer(" ".join(text.split())))]


def test_stated_counts_are_read_in_words_and_digits() -> None:
    assert stated_counts("Nineteen true-or-false statements, each with") == [19]
    assert stated_counts("Three quick questions about how this sits with you.") == [3]
    assert stated_counts("up to 21 questions") == [21]
    assert stated_counts("One of the statements") == []  # "of the" is not a count's adjective
    assert stated_counts("Decide whether each statement is true or false.") == []


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_what_a_bank_says_of_its_length_agrees_with_the_count(path: Path) -> None:
    """The counting rule (quiz.engine.count) is the one the launcher, intro and every question show: the
    bank's title and description say its whole count, a section's intro and note that section's."""
    bank = load_bank(path)
    total = len(counted(bank))
    for where, text in (("title", bank.title), ("description", bank.description)):
        for n in stated_counts(text):
            assert n == total, f"the bank's {where} says {n}; the count shown is {length(bank)}"
    for section in bank.sections:
        here = sum(1 for q in section.questions if not is_check(q))
        for text in (section.intro, section.content_note):
            for n in stated_counts(text):
                assert n == here, f"section `{section.id}` says {n}; it holds {here}"


def test_myths_facts_says_how_many_statements_it_has() -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "myths-facts"))
    statements = sum(1 for q in bank.questions if q.kind == "statement")
    assert length(bank) == f"{statements} statements"
    assert stated_counts(bank.description) == [statements]  # said once, in words that agree


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_the_flow_numbers_questions_by_the_rule(path: Path) -> None:
    bank = load_bank(path)
    flow = Flow(Session(bank))
    step = flow.begin()
    numbers = []
    for reply in first_answers(bank):
        while not isinstance(step, Ask):
            step = flow.go_on()
        assert step.total == len(counted(bank)) and step.up_to is varies(bank)
        numbers.append(step.number)
        q = step.question
        value = q.choices()[int(reply) - 1][0] if reply else ""
        step = flow.answer([value] if q.kind == "multiple" else value)
    assert numbers[0] == 0  # the age check
    assert numbers[1:] == list(range(1, len(numbers)))  # then 1, 2, 3 ... never backwards


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_plain_mode_says_the_same_count_on_intro_questions_and_review(path: Path) -> None:
    bank = load_bank(path)
    out = io.StringIO()
    runner = PlainRunner(bank, io.StringIO("".join(r + "\n" for r in first_answers(bank)) + "\n"), out)
    assert runner.run() == 0
    text = out.getvalue()
    total = len(counted(bank))
    intro = text.splitlines()[1]
    assert intro.lower().startswith(length(bank) + ",")
    labels = LABEL.findall(text[:text.index("Results:")])
    assert labels, "no numbered question"
    assert labels[0][1] == "1"
    assert {int(t) for *_x, t in labels} == {total}
    assert {bool(u) for _n, _k, u, _t in labels} == {varies(bank)}
    assert {n.lower() for n, *_x in labels} == {length(bank).split()[-1][:-1]}
    asked = max(int(n) for _k, n, _u, _t in labels)
    review = ANSWERED.search(text)
    assert review is not None
    assert review.group(0) == answered_words(runner.session).split(" (")[0]
    assert int(review.group(1)) == int(review.group(2)) == asked <= total
    if asked < total:
        assert f"{total - asked} of the bank's {total} do" in text
