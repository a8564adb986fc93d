"""`quiz take --plain`: the bank line by line on stdin/stdout, for screen readers, pipes and scripts."""

from __future__ import annotations

import getpass
import re
import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, assert_never

import msgspec

from quiz.bank.answer_rules import person_words
from quiz.bank.model import DECLINED, Answer, Bank, Question, Section
from quiz.engine.count import answered_words, length
from quiz.engine.flow import Ask, Flow, Intro, Results, Reveal, Review, SectionNote, Step
from quiz.engine.outcome import Outcome
from quiz.engine.report import to_text
from quiz.engine.session import Session, SessionError
from quiz.errors import counted
from quiz.safe_text import clean

__all__ = ["COMMANDS", "Keys", "PlainRunner", "clean", "literal", "question_keys", "terminal_width"]

COMMANDS = ("b", "s", "p", "q", "quit", "save")
"""Replies that are commands, not answers (`p` only where "Prefer not to say" is offered). A free-text
answer that is one of these words is typed in quotes: `"save"` answers "save"."""

QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
"""Opening and closing quotes that make a command word an answer."""

INDENT = re.compile(r"^(\s*(?:[*-]\s+|(?:\d+|[a-z])\.\s+|[A-Z][A-Za-z ]{0,20}:\s+)?)")
"""The start of a line that its wrapped lines align under: an indent, a bullet, a number or a short
label such as "Why: "."""


def terminal_width(out: TextIO) -> int:
    """The width to wrap at: the terminal's when `out` is one, else 80 (a pipe or a file)."""
    if out.isatty():
        return max(shutil.get_terminal_size((80, 24)).columns, 20)
    return 80


def literal(reply: str) -> str | None:
    """The command word inside quotes (`"b"`, `'save'`, typographic quotes too), as an answer; None
    for any other reply."""
    if len(reply) >= 3 and QUOTES.get(reply[0]) == reply[-1] and reply[1:-1].strip().lower() in COMMANDS:
        return reply[1:-1].strip()
    return None


@dataclass(frozen=True)
class Keys:
    """What a prompt takes: how to answer, and every other key that works there. The prompt and the words
    after a reply it cannot take are both made from it, so they never disagree."""

    how: str
    """How to answer: "A number from 1 to 3", "Enter to see your results"."""
    keys: tuple[str, ...]
    """Every command that works at this prompt, each with what it does: "b back", "q quick exit"."""

    def prompt(self) -> str:
        """The prompt: "A number from 1 to 3; p prefer not to say, b back, save to save and leave, q quick exit:"."""
        return f"{self.how}; {', '.join(self.keys)}:"

    def refusal(self, what: str) -> str:
        """`what` was wrong with the reply, then the same keys: "That is not one of the choices. Type a
        number from 1 to 3; or p prefer not to say, b back, save to save and leave, q quick exit."."""
        return f"{what} Type {self.how[:1].lower()}{self.how[1:]}; or {', '.join(self.keys)}."


LEAVE_KEYS = ("save to save and leave", "q quick exit")
"""The commands that work at every prompt (`ask` acts on them, whatever the question)."""


def question_keys(q: Question, answered: bool, first: bool = False) -> Keys:
    """The keys of a question's prompt: numbers (or text), Enter where it does something, `p` where
    "Prefer not to say" is offered, `b`, `s` where the question may be left, `save` and `q`."""
    n = len(q.choices())
    if q.kind == "multiple":
        how = f"Numbers from 1 to {n} separated by spaces (e.g. 1 3)"
    elif q.kind == "text":
        how = "Type your answer (kept only in memory)"
    else:
        how = f"A number from 1 to {n}"
    if answered:
        how += "; Enter alone keeps your answer"
    elif q.kind == "text":
        how += "; Enter alone leaves it blank"
    elif q.kind == "multiple" and q.min_choices == 0:
        how += "; Enter alone: tick nothing"
    keys = (["p prefer not to say"] if q.prefer_not_to_say else []) + ([] if first else ["b back"])
    keys += ["s skip"] if q.can_skip or q.kind == "text" else []
    return Keys(how, (*keys, *LEAVE_KEYS))


REVIEW_KEYS = Keys("Enter to see your results", ("b back", *LEAVE_KEYS))
"""The keys of the prompt after the last question."""


@dataclass(frozen=True)
class Refused:
    """A reply that is no answer to the question asked, and why."""

    what: str


class _Quit(Exception):
    pass


class _Eof(Exception):
    pass


class _Save(Exception):
    pass


class PlainRunner:
    """Shows a Flow's steps as lines of text and reads the answers from a stream; `run` returns the
    exit code."""

    def __init__(self, bank: Bank, inp: TextIO, out: TextIO, session: Session | None = None,
                 notes: Sequence[str] = (),
                 read_secret: Callable[[str], str] | None = None, width: int | None = None,
                 resumed_from: Path | None = None) -> None:
        """Args:
            bank: The bank to take.
            inp: Where answers come from.
            out: Where questions and results go.
            session: A restored session to carry on (from `quiz.store`); a fresh one when None.
            notes: Said after the intro, e.g. what changed since a resumed session was saved.
            read_secret: Reads a passphrase without echo when the person saves with protection
                (default: `getpass.getpass`).
            width: Where lines wrap (default: `terminal_width(out)`).
            resumed_from: The saved file `session` was loaded from, which leaving keeps.
        """
        self.bank = bank
        self.resumed = session is not None
        self.session = session if session is not None else Session(bank)
        self.flow = Flow(self.session)
        self.inp = inp
        self.out = out
        self.notes = tuple(notes)
        self.read_secret = read_secret or (lambda prompt: getpass.getpass(prompt))
        self.width = width or terminal_width(out)
        self.resumed_from = resumed_from

    def wrap(self, text: str) -> list[str]:
        """`text` cleaned and wrapped at the width, each line's continuation under its start (after
        a bullet, number or label); URLs and long words are never broken."""
        lines: list[str] = []
        for line in clean(text).split("\n"):
            start = INDENT.match(line)
            hang = " " * len(start.group(1)) if start else ""
            lines += textwrap.wrap(line, self.width, subsequent_indent=hang, break_long_words=False,
                                   break_on_hyphens=False, drop_whitespace=True) or [""]
        return lines

    def say(self, text: str = "", *, wrap: bool = True) -> None:
        """Write `text` as lines; `wrap=False` keeps a line to copy (a path, a command) whole."""
        lines = self.wrap(text) if wrap else clean(text).split("\n")
        self.out.write("".join(line + "\n" for line in lines))
        self.out.flush()

    def ask(self, prompt: str) -> str:
        """Say `prompt` and read one reply: `q`/`quit` and `save` act at once, whatever the question."""
        *before, last = self.wrap(prompt.rstrip())
        self.out.write("".join(line + "\n" for line in before) + last + " ")
        self.out.flush()
        line = self.inp.readline()
        if line == "":
            raise _Eof
        if not self.inp.isatty():
            # A terminal echoes the Enter key; a pipe does not, so end the prompt's line ourselves.
            self.out.write("\n")
        text = line.strip()
        if text.lower() in ("q", "quit"):
            raise _Quit
        if text.lower() == "save":
            raise _Save
        return text

    def run(self) -> int:
        b = self.bank
        self.say(b.title)
        facts = [length(b)]
        if b.minutes:
            facts.append(f"about {b.minutes} minutes")
        if b.min_age:
            facts.append(f"for adults ({b.min_age}+)")
        self.say(", ".join(facts).capitalize() + ".")
        if b.description:
            self.say(b.description)
        self.say("")
        self.say(b.disclaimer)
        self.say("Nothing you answer is stored or sent. Type q at any prompt to leave at once, "
                 "or save to save your answers and leave.")
        self.say("")
        for note in self.notes:
            self.say(note)
        if self.notes:
            self.say("")
        try:
            step = self.flow.resume() if self.resumed else self.flow.begin()
            self.tell(step)
            while True:
                try:
                    self.loop(step)
                    break
                except _Save:
                    if self.save():
                        return 0
                    step = self.flow.step  # not saved: ask again where the person was
        except _Quit:
            self.say("")
            self.say(f"You left. Nothing new was saved; your earlier save is still at {self.resumed_from}."
                     if self.resumed_from is not None else "You left. Nothing was saved.")
            return 0
        except _Eof:
            if isinstance(self.flow.step, Review) and not self.session.unanswered():
                # A complete answers file needs no blank line for "see your results" at its end.
                self.say("")
                self.say(to_text(self.session.outcome()))
                return 0
            self.say("")
            self.say("Input ended before the last question; results use the answers given so far.")
            self.say("")
            self.say(to_text(unfinished(self.session.outcome())))
            return 1
        self.say("")
        self.say(to_text(self.session.outcome()))
        return 0

    def save(self) -> bool:
        """Ask for a label and an optional passphrase, then save; True when saved."""
        from quiz.store import StoreError, save_session

        self.say("")
        try:
            label = self.ask("A label for this save, e.g. a therapist's name (Enter for none): ")
            protect = self.ask("Protect it with a passphrase? (y/N): ").lower() in ("y", "yes")
        except _Save:
            return False
        passphrase = None
        if protect:
            try:
                passphrase = self.read_secret("Passphrase (not shown): ")
                again = self.read_secret("The same passphrase again: ")
            except (EOFError, KeyboardInterrupt):
                self.say("No passphrase read; nothing was saved.")
                return False
            if not passphrase or passphrase != again:
                self.say("The passphrases were empty or did not match; nothing was saved.")
                return False
        replace = False
        if self.resumed_from is not None and self.resumed_from.exists():
            try:
                replace = self.ask(f"Replace the earlier save at {self.resumed_from}? (Y/n): ").lower() \
                    not in ("n", "no")
            except _Save:
                return False
        try:
            path = save_session(self.session, label=label, passphrase=passphrase)
        except StoreError as exc:
            self.say(f"Could not save: {exc}")
            return False
        self.say(f"Saved to {path} (readable by you only).", wrap=False)
        if self.resumed_from is not None and self.resumed_from.exists():
            self._earlier(path, replace)
        self.say(f"Carry on later with: quiz take {self._bank_ref()} --resume {path}", wrap=False)
        return True

    def _earlier(self, written: Path, replace: bool) -> None:
        """Delete the save this one replaces, or say plainly that it is still there."""
        from quiz.store import StoreError, remove_earlier

        earlier = self.resumed_from
        assert earlier is not None
        if replace:
            try:
                remove_earlier(earlier, written)
                self.say(f"The earlier save {earlier} was deleted: this one replaces it.", wrap=False)
                self.resumed_from = written
                return
            except StoreError as exc:
                self.say(f"The earlier save was kept: {exc}")
        self.say(f"The earlier save is still at {earlier}; quiz forget lists and deletes saves.", wrap=False)

    def _bank_ref(self) -> str:
        from quiz.paths import resolve_bank

        return self.bank.id if resolve_bank(self.bank.id).exists() else self.bank.file

    def loop(self, step: Step) -> None:
        """Show `step`, then step after step, until the results."""
        while not isinstance(step, Results):
            step = self.take(step)
            self.tell(step)

    def take(self, step: Step) -> Step:
        """Show one step, and return the step the person's reply leads to."""
        flow = self.flow
        match step:
            case Intro():
                self.say("This is the first question.")
                return flow.begin()
            case SectionNote():
                self.section_head(step.section)
                return flow.go_on()  # a line needs no screen of its own: the question follows
            case Ask():
                if step.opens_section and step.section is not None and not step.section.content_note:
                    self.section_head(step.section)
                return self.question(step)
            case Reveal():
                self.reveal(step)
                return flow.go_on()
            case Review():
                self.say(answered_words(self.session))
                missing = step.missing
                if missing:
                    verb = "needs" if len(missing) == 1 else "need"
                    self.say(f"{counted(len(missing), 'required question')} still {verb} an answer: "
                             + ", ".join(f"\u201c{m.text}\u201d" for m in missing[:3]))
                reply = self.ask(REVIEW_KEYS.prompt())
                if reply.lower() == "b":
                    return flow.back()
                if reply:
                    # A number typed ahead for a question that is no longer there is not a yes.
                    self.say(REVIEW_KEYS.refusal("That is not a choice here."))
                    return step
                return flow.results()
            case Results():
                return step
            case _:
                assert_never(step)

    def tell(self, step: Step) -> None:
        """Say what the last action did: answers it removed, required answers still missing."""
        if step.dropped:
            names = ", ".join(f"\u201c{q.text}\u201d" for q in step.dropped)
            self.say(f"Note: that change means these questions no longer apply, and their answers "
                     f"were removed: {names}")
        if step.still_needed:
            self.say(f"{counted(step.still_needed, 'required question')} still "
                     f"{'needs' if step.still_needed == 1 else 'need'} an answer before the "
                     "results.")

    def section_head(self, sec: Section) -> None:
        ids = [x.id for x in self.bank.sections]
        where = f"Section {ids.index(sec.id) + 1} of {len(ids)}: " if sec.id in ids else "Section: "
        self.say(where + sec.title)
        if sec.content_note:
            self.say(f"Content note: {sec.content_note}")
        if sec.intro:
            self.say(sec.intro)
        self.say("")

    def question(self, step: Ask) -> Step:
        """Ask one question; returns the step its reply leads to (the same one after a bad reply).

        An answer given earlier is said, and Enter alone keeps it."""
        q = step.question
        flow = self.flow
        if step.label:
            self.say(step.label)
        self.say(q.text)
        if q.help:
            self.say(f"({q.help})")
        choices = q.choices()
        current = step.answer
        for i, (v, label) in enumerate(choices, 1):
            mark = ""
            if q.kind == "multiple" and isinstance(current, tuple) and v in current:
                mark = " (ticked)"
            elif current is not None and current == v and type(current) is type(v):
                mark = " (your answer)"
            self.say(f"  {i}. {label}{mark}")
        if q.prefer_not_to_say:
            self.say("  p. Prefer not to say" + (" (your answer)" if current == DECLINED else ""))
        if current is not None:
            self.say(self.answer_words(q, current, earlier=True))
        shown = self.session.visible
        keys = question_keys(q, current is not None, first=bool(shown) and shown[0].id == q.id)
        reply = self.ask(keys.prompt())
        low = reply.lower()
        if low == "b":
            return flow.back()
        if low == "s" and q.kind == "text":
            # The prompt offers `s skip` here too; storing the letter as the answer would surprise.
            return flow.answer("")
        if low == "s":
            try:
                return flow.skip()
            except SessionError as exc:
                self.say(f"Cannot skip: {exc}.")
                return step
        value: object
        if not reply and current is not None:
            value = current
        elif low == "p" and q.prefer_not_to_say:
            value = DECLINED
        elif q.kind == "text":
            value = literal(reply) or reply
        else:
            parsed = self.parse_choice(q, reply)
            if isinstance(parsed, Refused):
                self.say(keys.refusal(parsed.what))
                return step
            value = parsed
        try:
            after = flow.answer(value)
        except SessionError as exc:
            self.say(keys.refusal(str(exc)))
            return step
        if q.kind == "multiple":
            # Numbers typed blind are easy to get wrong: say what they ticked.
            ticked = self.session.answers.get(q.id)
            if ticked is not None:
                self.say(self.answer_words(q, ticked, earlier=False))
        return after

    def answer_words(self, q: Question, value: Answer, *, earlier: bool) -> str:
        """An answer read back: "You ticked: A, B.", "Your answer: Sometimes."."""
        if value == DECLINED:
            words = "Prefer not to say"
        elif q.kind == "text" and isinstance(value, str):
            words = value
        elif q.kind == "multiple" and isinstance(value, tuple):
            if not value:
                return "You ticked nothing." if not earlier else "Your answer: nothing ticked."
            return "You ticked: " + "; ".join(q.label_of(v) for v in value) + "."
        else:
            words = q.label_of(value)
        return f"Your answer: {words}" + ("" if words.endswith((".", "?", "!")) else ".")

    def parse_choice(self, q: Question, reply: str) -> object:
        """The value the numbers typed choose, or what is wrong with them (`Refused`)."""
        choices = q.choices()
        parts = [p for p in re.split(r"[\s,]+", reply) if p]
        if q.kind == "multiple" and not parts:
            return [] if q.min_choices == 0 else Refused(person_words(q, []))
        nums = []
        for p in parts:
            if not p.isdigit() or not 1 <= int(p) <= len(choices):
                return Refused("That is not one of the choices.")
            nums.append(int(p))
        if not nums:
            return Refused("That is not one of the choices.")
        if q.kind == "multiple":
            return [choices[i - 1][0] for i in dict.fromkeys(nums)]
        if len(nums) != 1:
            return Refused("Choose one answer.")
        return choices[nums[0] - 1][0]

    def reveal(self, step: Reveal) -> None:
        q = step.question
        self.say(("Right. " if step.correct else "Not quite. ")
                 + f"This statement is {'true' if q.answer else 'false'}.")
        if step.given is not None:
            self.say(f"You answered: {'True' if step.given else 'False'}.")
        if q.explanation:
            self.say(q.explanation)
        src = self.bank.works.get(q.source)
        if src:
            self.say(f"Source: {src.citation()}" + (f" {src.url}" if src.url else ""))
        if q.discussion:
            self.say(f"To think about: {q.discussion}")
        self.say("")


def unfinished(outcome: Outcome) -> Outcome:
    """The outcome of answers that stopped short, without the statements not answered: their truth
    is the answer key, which an early end never shows."""
    return msgspec.structs.replace(
        outcome, statements=tuple(st for st in outcome.statements if st.given is not None))
