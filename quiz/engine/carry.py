"""Answers carried over to a changed bank: those that still fit, each one left out with why, and the words
that say so (one path for `quiz take --resume` and the preview's reload)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz.bank.answer_rules import normalize_one
from quiz.bank.model import Answer, Bank
from quiz.engine.scoring import engine_for
from quiz.engine.session import Session
from quiz.errors import counted

SHOWN_DROPPED = 10
"""How many left-out answers are named one by one; the rest are counted ("and 199,990 more"), so a
crafted file of 200,000 unknown answers cannot flood the screen."""


@dataclass(frozen=True)
class Carried:
    """What came through: the answers kept, and (question id, why) for each one left out."""

    kept: dict[str, Answer]
    dropped: tuple[tuple[str, str], ...]
    what: str = "answer"
    """What the answers are called in the words: "saved answer" for a resumed session."""

    def lines(self, bank: Bank, earlier: Bank | None = None) -> list[str]:
        """"2 saved answers no longer fit and were left out; 5 kept:", then a line for each left out,
        with its question's text from `bank`, or from `earlier` (the bank before the change) for a
        question that is gone; empty when nothing was left out."""
        if not self.dropped:
            return []
        out = [f"{counted(len(self.dropped), self.what)} no longer {'fits' if len(self.dropped) == 1 else 'fit'} "
               f"and {'was' if len(self.dropped) == 1 else 'were'} left out; {len(self.kept)} kept:"]
        for qid, why in self.dropped[:SHOWN_DROPPED]:
            q = bank.by_id.get(qid) or (earlier.by_id.get(qid) if earlier is not None else None)
            out.append(f"- `{qid}`" + (f" (\u201c{q.text}\u201d)" if q is not None else "") + f": {why}")
        if len(self.dropped) > SHOWN_DROPPED:
            out.append(f"- and {len(self.dropped) - SHOWN_DROPPED:,} more")
        return out


def carry(bank: Bank, answers: Mapping[str, Any], what: str = "answer") -> Carried:
    """Fit `answers` (as saved: lists for checklists) to `bank`: each must name a question it has, be an
    answer that question takes, and be to a question shown for the other answers kept. `what` names
    them in the words ("saved answer")."""
    kept: dict[str, Answer] = {}
    dropped: list[tuple[str, str]] = []
    for qid, raw in answers.items():
        q = bank.by_id.get(qid)
        if q is None:
            dropped.append((qid, "the question is no longer in the bank"))
            continue
        ans, message, _hint = normalize_one(q, list(raw) if isinstance(raw, tuple) else raw)
        if ans is None:
            dropped.append((qid, f"the {what} no longer fits: {message}"))
        else:
            kept[qid] = ans
    ctx, _visible, _ended = engine_for(bank).walk(kept)
    for qid in list(kept):
        if qid not in ctx.answers:
            del kept[qid]
            dropped.append((qid, "the question is no longer shown for your other answers"))
    return Carried(kept, tuple(dropped), what)


def carry_on(bank: Bank, answers: Mapping[str, Answer], position: str | None,
             place: int | None = None) -> Session:
    """A Session of answers that fit `bank`, at `position` while that question is shown; else, given
    `place` (where `position` stood among the questions shown before the change, from 0), at the question
    now in that place (a renamed or removed question gives way to the one there now); else at the first
    question still needing an answer (finished, for review, when none does and there was no position)."""
    s = Session(bank, dict(answers), position)
    visible = [q.id for q in s.visible]
    if position is not None and position not in visible and place is not None and visible:
        s.position = visible[min(place, len(visible) - 1)]
    elif position is None or position not in visible:
        missing = s.unanswered()
        if missing:
            s.position = missing[0].id
        elif position is None:
            s.finish()
    return s
