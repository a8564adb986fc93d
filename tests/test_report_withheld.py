"""A card that holds others back says so in every report; a card with nothing to say about why says nothing."""

from __future__ import annotations

import pytest

from quiz.bank.check import check_text
from quiz.engine.report import render
from quiz.engine.scoring import score

BANK = """\
quiz: 1
id: held
title: Held
version: "1"
disclaimer: A test bank; educational only.
sections:
  - id: s
    title: S
    questions:
      - id: contact
        kind: single
        text: Did they suggest sexual contact?
        options:
          - {value: "yes", label: "Yes"}
          - {value: "no", label: "No"}
      - id: warm
        kind: single
        text: Did they listen well?
        options:
          - {value: "yes", label: "Yes"}
          - {value: "no", label: "No"}
suggestions:
  - id: red-flag
    kind: safety
    title: Sexual contact is never part of therapy
    text: You can stop seeing this person.
    when: 'contact == "yes"'
  - id: strength
    kind: next-step
    title: "Strength: they listen"
    text: A good sign.
    when: 'warm == "yes"'
    withheld_by: [red-flag]
"""


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_withholding_card_names_what_it_left_out(fmt: str) -> None:
    bank = check_text(BANK, "held.yaml").bank
    assert bank is not None
    held = render(score(bank, {"contact": "yes", "warm": "yes"}), fmt)
    assert "Strength: they listen" in held and "Left out because this appears" in held
    shown = render(score(bank, {"contact": "no", "warm": "yes"}), fmt)
    assert "Left out" not in shown and "Strength: they listen" in shown


def test_no_empty_why_line() -> None:
    # With no `because`, "Why:" heads the reasons generated from the answers; it never stands alone.
    bank = check_text(BANK, "held.yaml").bank
    assert bank is not None
    lines = render(score(bank, {"contact": "yes", "warm": "no"}), "text").splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "Why:":
            assert lines[i + 1].lstrip().startswith("- You answered")
