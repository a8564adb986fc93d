"""Plain mode as a screen reader hears it: earlier answers said and kept, checklists read back, words
instead of drawn lines, wrapping, the end of input, the reveal, and command words as answers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.bank.model import Bank, Question
from quiz.engine.count import is_check
from quiz.engine.session import Session
from quiz.paths import shipped_banks
from quiz.plain import REVIEW_KEYS, PlainRunner, literal, question_keys, terminal_width

DATA = Path(__file__).parent / "data"
FULL = DATA / "valid" / "full.yaml"

# age adult, worry Always (3), calm Never (0), topics Pain, pain new Yes, myth False, notes, results.
FULL_RUN = ["1", "4", "1", "1", "1", "2", "", ""]

DECORATION = re.compile(r"^\s*(=+|-{3,}|\*{3,})\s*$|==|\[[#.]{3,}\]")
"""A drawn line or bar a screen reader reads out as a string of symbols."""


def run(bank: Bank | Path, text: str, width: int = 80) -> tuple[int, str, PlainRunner]:
    b = bank if isinstance(bank, Bank) else load_bank(bank)
    out = io.StringIO()
    runner = PlainRunner(b, io.StringIO(text), out, width=width)
    code = runner.run()
    return code, out.getvalue(), runner


def shipped(name: str) -> Bank:
    return load_bank(next(p for p in shipped_banks() if p.stem == name))


def lines(replies: list[str]) -> str:
    return "".join(r + "\n" for r in replies)


def first_answers(bank: Bank) -> list[str]:
    """The replies that take `bank` to its review with the first answer that does not end it."""
    session = Session(bank)
    replies = []
    while (q := session.current()) is not None:
        if q.kind == "text":
            replies.append("")
            session.answer("")
            continue
        i = next(i for i, o in enumerate(q.options) if not o.end) if is_check(q) else 0
        if q.kind == "multiple":
            i = next(i for i, o in enumerate(q.options) if not o.exclusive)
        replies.append(str(i + 1))
        value = q.choices()[i][0]
        session.answer([value] if q.kind == "multiple" else value)
    return replies


def test_going_back_says_the_answer_given_and_enter_keeps_it() -> None:
    # worry Always, then back from calm to worry, Enter: Always is kept and calm is asked again.
    code, out, runner = run(FULL, lines(["1", "4", "b", "", *FULL_RUN[2:]]))
    assert code == 0
    assert runner.session.answers["worry"] == 3
    again = out.index("How often does this worry you?", out.index("How often does this worry you?") + 1)
    shown = out[again:]
    assert "4. Always (your answer)" in shown
    assert "Your answer: Always." in shown
    assert "Enter alone keeps your answer" in shown
    assert "Results: Every feature" in out


def test_a_checklist_is_read_back_and_kept() -> None:
    # topics: Pain and Desire ticked; read back; back from the next question, Enter keeps both.
    code, out, runner = run(FULL, lines(["1", "4", "1", "1 2", "b", "", "1", "2", "", ""]))
    assert code == 0
    assert out.count("You ticked: Pain; Desire.") == 3  # read back, said on the way back, read back
    assert "1. Pain (ticked)" in out and "2. Desire (ticked)" in out
    assert runner.session.answers["topics"] == ("pain", "desire")


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_no_drawn_lines_or_bars_from_intro_to_results(path: Path) -> None:
    bank = load_bank(path)
    code, out, _runner = run(bank, lines(first_answers(bank)))
    assert code == 0, out[-1500:]
    drawn = [line for line in out.splitlines() if DECORATION.search(line)]
    assert drawn == []
    assert f"Section 1 of {len(bank.sections)}: {bank.sections[0].title}" in out


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_lines_wrap_at_the_width_and_urls_stay_whole(path: Path) -> None:
    bank = load_bank(path)
    code, out, _runner = run(bank, lines(first_answers(bank)), width=44)
    assert code == 0
    for line in out.splitlines():
        # Only a single word longer than the width (a URL) may pass it, alone after its indent.
        assert len(line) <= 44 or " " not in line.strip(), line
    known = set(re.findall(r"https?://[^\s\"')]+", path.read_text(encoding="utf-8")))
    for url in re.findall(r"https?://\S+", out):
        assert url.rstrip(".,;)") in known, url  # never broken across lines


def test_the_width_is_the_terminal_s_or_80() -> None:
    assert terminal_width(io.StringIO()) == 80

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    mp = pytest.MonkeyPatch()
    with mp.context() as m:
        m.setenv("COLUMNS", "61")
        assert terminal_width(Terminal()) == 61


def test_a_complete_answers_file_needs_no_final_blank_line() -> None:
    replies = [*FULL_RUN[:6], "nothing more"]  # no Enter for "see your results", no final newline
    code, out, runner = run(FULL, "\n".join(replies))
    assert code == 0
    assert "Results: Every feature" in out
    assert "Input ended" not in out
    assert runner.session.is_complete()


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_every_shipped_bank_from_an_answers_file_without_a_final_line(path: Path) -> None:
    bank = load_bank(path)
    code, out, _runner = run(bank, "\n".join(first_answers(bank)))
    assert code == 0
    assert f"Results: {bank.title}" in out


def test_input_ending_early_never_shows_the_answer_key() -> None:
    bank = shipped("myths-facts")
    replies = first_answers(bank)[:3]  # the age check and two statements
    code, out, runner = run(bank, lines(replies))
    assert code == 1
    assert "Input ended before the last question" in out
    answered = set(runner.session.answers)
    statements: list[Question] = [q for q in bank.questions if q.kind == "statement"]
    assert any(q.id in answered for q in statements)
    results = out[out.index("Results:"):]
    for q in statements:
        if q.id not in answered:
            assert q.text not in results, q.id


def test_the_reveal_says_what_was_answered_and_the_discussion_prompt() -> None:
    bank = shipped("myths-facts")
    replies = first_answers(bank)[:2]
    code, out, runner = run(bank, lines(replies))
    assert code == 1
    statement = next(q for q in bank.questions if q.kind == "statement")
    assert runner.session.answers[statement.id] is True
    reveal = out[out.index("This statement is"):]
    assert "You answered: True." in reveal
    assert statement.discussion
    assert "To think about: " + " ".join(statement.discussion.split()) in " ".join(reveal.split())


@pytest.mark.parametrize("word", ["b", "s", "q", "quit", "save", "B", "Save"])
@pytest.mark.parametrize("quote", ['"{}"', "'{}'", "\u201c{}\u201d"])
def test_a_command_word_in_quotes_is_a_free_text_answer(word: str, quote: str) -> None:
    code, out, runner = run(FULL, lines([*FULL_RUN[:6], quote.format(word), ""]))
    assert code == 0, out[-800:]
    assert runner.session.answers["notes"] == word
    assert "Results: Every feature" in out


def test_quoted_words_that_are_not_commands_are_kept_as_typed() -> None:
    assert literal('"hello"') is None
    assert literal('"b"') == "b"
    assert literal('"b') is None
    code, _out, runner = run(FULL, lines([*FULL_RUN[:6], '"so it goes"', ""]))
    assert code == 0
    assert runner.session.answers["notes"] == '"so it goes"'


def test_the_commands_quoting_and_exit_codes_are_documented(capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.cli import main
    from quiz.plain import COMMANDS

    assert main(["take", "--help"]) == 0
    helped = capsys.readouterr().out
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    plain = readme[readme.index("## Plain mode"):]
    plain = plain[:plain.index("\n## ", 1)]
    for text in (helped, plain):
        for word in COMMANDS:
            assert re.search(rf"(^|\s|`){word}(`|\s)", text), word
        assert '"save"' in text  # how a command word is typed as an answer
        for code in ("0", "1", "2", "130"):
            assert re.search(rf"(^|\s|`){code}(`|\s)", text), code


def test_a_number_typed_ahead_at_the_review_is_not_a_yes() -> None:
    code, out, _runner = run(FULL, lines([*FULL_RUN[:-1], "1", "b"]))
    assert code == 1  # "1" did not open the results; b went back, then the input ended
    assert "That is not a choice here." in out
    assert "Results:" in out and out.index("That is not a choice here.") < out.index("Input ended")


@pytest.mark.parametrize("path", [FULL, *shipped_banks()], ids=lambda p: p.stem)
def test_every_prompt_names_each_key_that_works_there(path: Path) -> None:
    """`p` where "Prefer not to say" is offered, `s` where the question may be left, and `b`, `save`
    and `q` everywhere; Enter where it does something. The refusal lists the very same keys."""
    bank = load_bank(path)
    for q in bank.questions:
        first = q.id == bank.questions[0].id  # nothing to go back to: `b` is not offered
        for answered in (False, True):
            keys = question_keys(q, answered, first)
            named = {k.split()[0] for k in keys.keys}
            expected = {"save", "q"} | (set() if first else {"b"}) | ({"p"} if q.prefer_not_to_say else set()) \
                | ({"s"} if q.can_skip or q.kind == "text" else set())
            assert named == expected, q.id
            listed = ", ".join(keys.keys)
            assert keys.prompt().endswith(f"; {listed}:") and keys.refusal("No.").endswith(f"; or {listed}.")
            enter = answered or q.kind == "text" or (q.kind == "multiple" and q.min_choices == 0)
            assert ("Enter alone" in keys.how) is enter, q.id


def test_a_bad_reply_lists_the_keys_of_its_prompt_and_each_key_named_works() -> None:
    # age adult; worry Often; at `calm` ("Prefer not to say" offered, no skip): x, s, then p.
    # Then at `topics` (optional checklist): 9, s; at the statement after it: b; back at `topics`: save.
    replies = ["1", "3", "x", "s", "p", "9", "s", "b", "save"]
    bank = load_bank(FULL)
    out = io.StringIO()
    runner = PlainRunner(bank, io.StringIO(lines(replies)), out, width=200)
    runner.save = lambda: True  # type: ignore[method-assign]  # `save` acts at any prompt; no file here
    assert runner.run() == 0
    text = out.getvalue()
    calm = question_keys(bank.by_id["calm"], answered=False)
    assert calm.prompt() in text and "p prefer not to say" in calm.prompt() and "s skip" not in calm.prompt()
    assert calm.refusal("That is not one of the choices.") in text
    assert 'Cannot skip: this question needs an answer (or choose "Prefer not to say").' in text
    assert runner.session.answers["calm"] == "prefer_not_to_say"  # p, as named, declined
    topics = question_keys(bank.by_id["topics"], answered=False)
    assert "s skip" in topics.prompt() and "Enter alone: tick nothing" in topics.how
    assert topics.prompt() in text and topics.refusal("That is not one of the choices.") in text
    # s skipped `topics`; b came back to it (its prompt asked twice), and save left at once.
    assert text.count(topics.prompt()) == 3  # before 9, after it, and after coming back


def test_the_review_prompt_and_its_refusal_name_the_same_keys() -> None:
    code, out, _runner = run(FULL, lines([*FULL_RUN[:-1], "1", "b"]))
    assert REVIEW_KEYS.prompt() in out
    assert REVIEW_KEYS.refusal("That is not a choice here.").replace("\n", " ") in out.replace("\n", " ")


def test_enter_alone_on_a_checklist_that_needs_a_tick_says_so_with_the_keys() -> None:
    from quiz.bank.check import load_bank
    from quiz.paths import shipped_banks

    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapy-fit"))
    out = io.StringIO()
    PlainRunner(bank, io.StringIO("1\n\n1 \nq\n"), out).run()
    said = out.getvalue()
    assert "Tick at least one answer, or choose \u201cPrefer not to say\u201d. Type numbers" in said
    assert "That is not one of the choices" not in said
