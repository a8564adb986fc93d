"""A person's way through a bank: position, answers, back, skip, and what changing an answer hides."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from quiz.bank.answer_rules import person_words
from quiz.bank.model import DECLINED, Answer, Bank, Question
from quiz.engine.answers import normalize_one
from quiz.engine.outcome import Outcome
from quiz.engine.scoring import engine_for
from quiz.errors import QuizError


class SessionError(QuizError):
    """An action the session does not allow (skipping a required question, a value not offered)."""


@dataclass(frozen=True)
class Change:
    """What an answer did: the answers dropped because their questions are now hidden."""

    dropped: tuple[str, ...] = ()
    ended: bool = False


class Session:
    """Mutable progress through a bank; every reading of it goes through the pure engine."""

    def __init__(self, bank: Bank, answers: Mapping[str, Answer] | None = None,
                 position: str | None = None,
                 listener: Callable[[str, Answer | None, Answer | None], None] | None = None) -> None:
        self.bank = bank
        self.listener = listener
        """Told `(question, old, new)` after every answer that changes (e.g. a workshop room tally)."""
        self.engine = engine_for(bank)
        self.answers: dict[str, Answer] = dict(answers or {})
        self._visible: list[Question] = []
        self._ended = False
        self._refresh()
        self.position: str | None = position if position in {q.id for q in self._visible} else (
            self._visible[0].id if self._visible else None)

    def _refresh(self) -> tuple[str, ...]:
        ctx, self._visible, self._ended = self.engine.walk(self.answers)
        dropped = tuple(k for k in self.answers if k not in ctx.answers)
        for k in dropped:
            del self.answers[k]
        return dropped

    # -- reading -------------------------------------------------------------------------------------
    @property
    def visible(self) -> list[Question]:
        """The questions shown for the answers so far."""
        return list(self._visible)

    @property
    def ended(self) -> bool:
        """Whether an answer ended the bank early (e.g. the age gate)."""
        return self._ended

    def current(self) -> Question | None:
        """The question on screen, or None when the person is past the last one."""
        return self.bank.by_id[self.position] if self.position is not None else None

    def number(self) -> tuple[int, int]:
        """(1-based position of the current question among the visible ones, visible questions in all).

        A position, not what people are shown: the count on screen leaves out an age check and
        says "up to N" where answers hide questions (`quiz.engine.count`)."""
        ids = [q.id for q in self._visible]
        n = ids.index(self.position) + 1 if self.position in ids else len(ids)
        return n, len(ids)

    def is_complete(self) -> bool:
        """Every visible required question has an answer."""
        return all(q.id in self.answers for q in self._visible if not q.can_skip and q.kind != "text")

    def unanswered(self) -> list[Question]:
        """Visible required questions still without an answer."""
        return [q for q in self._visible if not q.can_skip and q.kind != "text" and q.id not in self.answers]

    def outcome(self) -> Outcome:
        """The outcome for the answers so far."""
        return self.engine.score(self.answers)

    # -- acting --------------------------------------------------------------------------------------
    def answer(self, value: Any, qid: str | None = None, *, advance: bool = True) -> Change:
        """Answer the current (or named) question and move on; returns what the answer hid."""
        q = self.bank.by_id[qid or self.position or ""]
        before = dict(self.answers) if self.listener is not None else {}
        change = self._answer(q, value, advance)
        if self.listener is not None:
            self._notify(before)
        return change

    def _notify(self, before: Mapping[str, Answer]) -> None:
        assert self.listener is not None
        for key in set(before) | set(self.answers):
            old, new = before.get(key), self.answers.get(key)
            if old != new:
                self.listener(key, old, new)

    def _answer(self, q: Question, value: Any, advance: bool) -> Change:
        if value == DECLINED and not q.prefer_not_to_say:
            raise SessionError(person_words(q, value))
        if isinstance(value, tuple):
            value = list(value)
        if q.kind == "text" and isinstance(value, str) and not value.strip():
            self.answers.pop(q.id, None)
            dropped = self._refresh()
        else:
            ans, _message, _hint = normalize_one(q, value)
            if ans is None:  # said to the person at the screen, not to an author: no ids, no YAML
                raise SessionError(person_words(q, value))
            self.answers[q.id] = ans
            dropped = self._refresh()
        if advance:
            self.position = self._after(q.id)
        return Change(dropped, self._ended)

    def clear(self, qid: str | None = None) -> tuple[str, ...]:
        """Remove an answer (e.g. unticking every box); returns answers dropped as a result."""
        key = qid or self.position
        before = dict(self.answers)
        if key is not None:
            self.answers.pop(key, None)
        dropped = self._refresh()
        if self.listener is not None:
            self._notify(before)
        return dropped

    def skip(self) -> None:
        """Move on without answering; only where the bank allows it."""
        q = self.current()
        if q is None:
            return
        if not q.can_skip:
            raise SessionError("this question needs an answer" +
                               (" (or choose \"Prefer not to say\")" if q.prefer_not_to_say else ""))
        self.position = self._after(q.id)

    def back(self) -> bool:
        """Go to the previous visible question; False when already at the first."""
        ids = [q.id for q in self._visible]
        if self.position is None:
            if ids:
                self.position = ids[-1]
                return True
            return False
        i = ids.index(self.position) if self.position in ids else 0
        if i == 0:
            return False
        self.position = ids[i - 1]
        return True

    def go_to(self, qid: str) -> None:
        """Jump to a visible question (from the review screen)."""
        if qid not in {q.id for q in self._visible}:
            raise SessionError(f"`{qid}` is not shown for the current answers")
        self.position = qid

    def finish(self) -> None:
        """Move past the last question (to review)."""
        self.position = None

    def _after(self, qid: str) -> str | None:
        ids = [q.id for q in self._visible]
        if qid not in ids:
            return None
        i = ids.index(qid)
        return ids[i + 1] if i + 1 < len(ids) else None
