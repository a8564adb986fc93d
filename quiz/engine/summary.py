"""The verdict first: what results open with (safety, each dimension in words, the next steps that matter
most), and scores in words; every front end and report shows this before the details."""

from __future__ import annotations

import re

import msgspec

from quiz.engine.outcome import ChosenSuggestion, DimensionResult, Outcome

LINE = 72
"""The longest summary line wanted: one line of an 80-column screen, inside its margins."""

NEXT_STEPS = 2
"""How many next steps the summary names: the ones of highest priority."""

SAFETY_ON_SCREEN = 3
"""How many safety notes a one-screen summary shows with their line of what to do now: with more, the
verdict would be pushed off an 80x23 screen (the rest are counted on one line; every card follows)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\u201c\"(])")
# A sentence that tells the person what to do now: these verbs start an action in every shipped bank's
# safety text ("call your local emergency number", "you can stop seeing this person", "is a good place
# to start", "look for someone else").
_ACTION = re.compile(r"\b(call(?! for)|contact|stop seeing|look for|talk to|see a|good place to start|reach out|"
                     r"get help|go to)\b", re.IGNORECASE)


class SafetyLine(msgspec.Struct, frozen=True):
    """A safety note as the summary shows it: its title and one line of what to do now."""

    id: str
    title: str
    now: str


class Verdict(msgspec.Struct, frozen=True):
    """A dimension as the summary shows it: its band in words, the score where it means something, and
    one line of what the band means."""

    id: str
    title: str
    band_label: str
    score_words: str
    line: str


class Summary(msgspec.Struct, frozen=True):
    """What results open with: safety notes, each dimension's verdict, the one or two next steps that
    matter most, and the statements right when no dimension counts them."""

    safety: tuple[SafetyLine, ...]
    verdicts: tuple[Verdict, ...]
    next_steps: tuple[ChosenSuggestion, ...]
    statements: str = ""


def sentences(text: str) -> list[str]:
    """The sentences of a text, in order (a plain split at a full stop, question or exclamation mark)."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def shorten(text: str, width: int = LINE) -> str:
    """One sentence in at most `width` characters: cut at a clause (", and") where that fits, else at a
    word, with an ellipsis."""
    if len(text) <= width:
        return text
    for cut in (", and ", "; ", ", "):
        head = text.split(cut)[0].rstrip(",;")
        if head != text and len(head) < width and len(head) > width // 3:
            return head + "."
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def first_line(text: str, width: int = LINE) -> str:
    """The first sentence of a text, cut to one line."""
    found = sentences(text)
    return shorten(found[0], width) if found else ""


def now_line(s: ChosenSuggestion, width: int = LINE) -> str:
    """One line of what to do now for a safety note: its first sentence naming an action that fits a
    line (else the shortest such, cut), else the services it lists, else its first sentence."""
    actions = [x for x in sentences(s.text) if _ACTION.search(x)]
    for x in actions:
        if len(x) <= width:
            return x
    if actions:
        return shorten(min(actions, key=len), width)
    if s.resources:
        line = "Services that can help: " + s.resources[0].name
        for r in s.resources[1:]:
            if len(f"{line}, {r.name}, and more.") > width:
                return line + ", and more."
            line += f", {r.name}"
        return line + "."
    return first_line(s.text, width)


def _number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def score_words(d: DimensionResult) -> str:
    """The score where it means something to a person: "7 of 9", "12 of 18 right", or "" (the band
    alone: the dimension reads so, has no result, or its range goes below 0, which is never shown)."""
    if d.score is None or d.reads == "band" or d.low < 0:
        return ""
    words = f"{_number(d.score)} of {_number(d.high)}"
    return f"{words} {d.count_word}" if d.reads == "count" and d.count_word else words


def band_words(d: DimensionResult) -> str:
    """The band in words with the score where it means something: "Weighing on you a lot (7 of 9)"."""
    shown = score_words(d)
    return f"{d.band_label} ({shown})" if shown else d.band_label


def place_words(d: DimensionResult) -> str:
    """Where the person sits among the bands, in words: "band 3 of 4, from Warning signs (lowest) to
    Looks like a good fit (highest)"; "" with one band or no result."""
    n = len(d.band_labels)
    if d.band_place is None or n < 2:
        return ""
    return (f"band {d.band_place + 1} of {n}, from \u201c{d.band_labels[0]}\u201d to "
            f"\u201c{d.band_labels[-1]}\u201d")


def safety_on_screen(s: Summary, limit: int = SAFETY_ON_SCREEN) -> tuple[tuple[SafetyLine, ...], str]:
    """The safety notes a one-screen summary shows, highest priority first, and a line counting the rest
    ("" when all fit), such as "2 more safety notes follow in the details"."""
    shown, rest = s.safety[:limit], len(s.safety) - limit
    if rest <= 0:
        return s.safety, ""
    return shown, f"{rest} more safety {'note follows' if rest == 1 else 'notes follow'} in the details."


def top_next_steps(outcome: Outcome, n: int = NEXT_STEPS) -> tuple[ChosenSuggestion, ...]:
    """The `n` next steps of highest priority (in results order where priorities tie)."""
    steps = [s for s in outcome.suggestions if s.kind == "next-step"]
    return tuple(sorted(steps, key=lambda s: -s.priority)[:n])


def summarise(outcome: Outcome) -> Summary:
    """The summary results open with: safety first, then each dimension in words, then next steps."""
    safety = tuple(SafetyLine(s.id, s.title, now_line(s)) for s in outcome.suggestions if s.kind == "safety")
    if outcome.ended_early:
        return Summary(safety, (), ())
    verdicts = tuple(Verdict(d.id, d.title, d.band_label, score_words(d), first_line(d.band_text))
                     for d in outcome.dimensions)
    statements = ""
    if outcome.statements and not outcome.dimensions:
        statements = f"{outcome.correct} of {len(outcome.statements)} right"
    return Summary(safety, verdicts, top_next_steps(outcome), statements)
