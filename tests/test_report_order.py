"""Reports open with the summary and follow the results' order (safety, next steps, reading, scores);
scores read in words, never a negative range; sources and reading notes are shown; bank text stays
escaped for its medium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.bank.check import check_text, load_bank
from quiz.bank.model import Bank, Example
from quiz.engine.outcome import ChosenSuggestion, DimensionResult, Outcome, Reason, ResourceRef, WorkRef
from quiz.engine.report import render
from quiz.engine.scoring import score
from quiz.engine.summary import now_line, score_words, shorten, summarise
from quiz.paths import shipped_banks

CASES = [(bank, ex) for bank in (load_bank(p) for p in shipped_banks()) for ex in bank.examples]
MARKS = {
    "text": ("IN SHORT", "SAFETY FIRST", "NEXT STEPS", "READING", "SCORES", "About these results"),
    "md": ("## In short", "## Safety first", "## Next steps", "## Reading", "## Scores", "## About these"),
    "html": ('<section class="summary">', "<h2>Safety first", "<h2>Next steps", "<h2>Reading",
             "<h2>Scores", "<h2>About these"),
}


def _ids(case: object) -> str:
    return getattr(case, "id", None) or getattr(case, "name", "")[:40]


@pytest.mark.parametrize("fmt", list(MARKS))
@pytest.mark.parametrize(("bank", "example"), CASES, ids=_ids)
def test_summary_first_then_the_details_in_order(bank: Bank, example: Example, fmt: str) -> None:
    outcome = score(bank, dict(example.answers))
    out = render(outcome, fmt)
    places = [out.find(m) for m in MARKS[fmt]]
    found = [p for p in places if p >= 0]
    assert found == sorted(found)
    summary = summarise(outcome)
    if summary.safety or summary.verdicts or summary.next_steps:
        assert places[0] >= 0 and places[0] == min(found)
    # Sources and reading, with their notes, are in every report.
    for s in outcome.suggestions:
        for w in (*s.reading, *s.sources):
            plain = " ".join(w.citation.split()[:3])
            assert plain.split()[0].strip("().") in out
    # A negative range or a raw range is never shown to a person.
    assert "on a range of" not in out and not re.search(r"\b-?\d+ of -?\d+ to -?\d+", out)
    for d in outcome.dimensions:
        if d.low < 0 and d.score is not None:
            assert not re.search(rf"(?<![\d-]){re.escape(str(d.score))} of", out)


def test_therapist_fit_reads_the_band_alone() -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapist-fit"))
    outcome = score(bank, dict(bank.examples[2].answers))
    [fit] = outcome.dimensions
    assert fit.low < 0 and fit.reads == "band" and score_words(fit) == ""
    assert "How well this therapist fits: Warning signs\n" in render(outcome, "text")


def test_reading_notes_show_in_every_report() -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapist-fit"))
    outcome = score(bank, dict(bank.examples[2].answers))
    notes = [w.note for s in outcome.suggestions for w in (*s.reading, *s.sources) if w.note]
    assert notes
    for fmt in ("text", "html"):
        out = render(outcome, fmt)
        first = notes[0].replace("'", "&#x27;") if fmt == "html" else notes[0]
        assert first in out


HOSTILE = "<script>x</script> *b* [l](javascript:x) | a, b"


def _hostile() -> Outcome:
    work = WorkRef("w", f"{HOSTILE} cite", "https://example.com/a", f"{HOSTILE} note")
    safety = ChosenSuggestion("s", "safety", f"{HOSTILE} title", f"Call {HOSTILE} now.", "why", 10,
                              (Reason(f"{HOSTILE} reason"),), (work,), (work,),
                              (ResourceRef("r", f"{HOSTILE} line", "ALL", "0800", "", "", "2026-01-01"),))
    step = ChosenSuggestion("n", "next-step", f"{HOSTILE} step", "text", "why", 5, (), (), (), ())
    dim = DimensionResult("d", f"{HOSTILE} dim", 3, 0, 9, 3, 3, "mid", f"{HOSTILE} band",
                          f"{HOSTILE} means.", 3, "score", "", ("low", f"{HOSTILE} band", "high"), 1)
    return Outcome("b", f"{HOSTILE} bank", "1", f"{HOSTILE} disclaimer", True, False, 3, 3, (dim,), (),
                   (safety, step), ())


def test_bank_text_stays_escaped_in_the_summary_and_details() -> None:
    o = _hostile()
    page = render(o, "html")
    assert "<script" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    md = render(o, "md")
    assert "<script>" not in md and r"\<script\>" in md
    assert r"\[l\]" in md and "](javascript" not in md  # no link: the brackets are escaped
    assert r"\*b\*" in md and r"\|" in md
    # The summary's lines are escaped as the details are.
    summary_md = md[md.index("## In short"):md.index("## Safety first")]
    assert "<script>" not in summary_md and r"\<script\>" in summary_md


def test_now_line_picks_an_action_that_fits() -> None:
    s = _hostile().suggestions[0]
    assert now_line(s).startswith("Call")
    long = "It is safest to look for a different therapist, and directories of affirming professionals can help."
    assert shorten(long, 72) == "It is safest to look for a different therapist."
    assert len(shorten("word " * 40, 72)) <= 72


FULL = Path(__file__).resolve().parent / "data" / "valid" / "full.yaml"


@pytest.mark.parametrize(("reads", "words"), [(None, "8 of 9"), ("score", "8 of 9"), ("band", ""),
                                              ("count", "8 of 9 answered")])
def test_a_bank_says_how_a_dimension_reads(reads: str | None, words: str) -> None:
    text = FULL.read_text(encoding="utf-8")
    if reads:
        text = text.replace("    min_answered: 2\n", f"    min_answered: 2\n    reads: {reads}\n", 1)
    result = check_text(text, "full.yaml")
    assert result.bank is not None, result.problems
    answers = {"age": "adult", "worry": 3, "calm": 0, "topics": ["pain", "desire"]}
    d = score(result.bank, answers).dimension("weight")
    assert d.reads == (reads or "score")
    assert score_words(d) == words.replace("8", str(d.score))


def test_an_unknown_reading_is_refused() -> None:
    text = FULL.read_text(encoding="utf-8").replace("    min_answered: 2\n",
                                                    "    min_answered: 2\n    reads: percent\n", 1)
    assert check_text(text, "full.yaml").bank is None


def test_a_statement_says_its_answer_and_the_persons_in_words() -> None:
    from quiz.engine.outcome import StatementResult
    from quiz.engine.report import statement_words

    def st(given: bool | None, answer: bool) -> StatementResult:
        return StatementResult("q", "A claim.", given, answer, given == answer, "", "")

    assert statement_words(st(True, True)) == "True: you got it right"
    assert statement_words(st(True, False)) == "False: you answered True"
    assert statement_words(st(None, False)) == "False: you did not answer"
