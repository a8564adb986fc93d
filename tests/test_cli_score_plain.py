"""`quiz score` on answers files, and `quiz take --plain` driven through a pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli import main

FULL = Path(__file__).parent / "data" / "valid" / "full.yaml"
PHQ9 = Path(__file__).parent / "data" / "phq9.yaml"

GOOD = """\
age: adult
worry: 3
calm: 0
topics: [pain]
pain-now: "yes"
myth: false
"""


def _score(tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: str | bytes,
           *extra: str, name: str = "answers.yaml", bank: Path = FULL) -> tuple[int, str, str, Path]:
    path = tmp_path / name
    if isinstance(answers, bytes):
        path.write_bytes(answers)
    else:
        path.write_text(answers, encoding="utf-8")
    code = main(["score", str(bank), "--answers", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err, path


# -- quiz score: formats -----------------------------------------------------------------------------------


def test_score_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err, _ = _score(tmp_path, capsys, GOOD)
    assert (code, err) == (0, "")
    assert out.startswith("Results: Every feature")
    assert out.index("SAFETY FIRST") < out.index("NEXT STEPS")
    assert "How much it weighs: Heavy (8 of 9)" in out
    assert "STATEMENTS: 1 of 1 right" in out
    assert "not a diagnosis" in out


def test_score_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err, _ = _score(tmp_path, capsys, GOOD, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["bank"] == "full-fixture" and data["complete"] is True
    assert [s["id"] for s in data["suggestions"]] == ["doctor", "talk"]
    assert {d["id"]: d["band"] for d in data["dimensions"]} == {"weight": "heavy", "knowledge": "knew"}
    assert data["answers"]["topics"] == ["pain"]
    assert data["correct"] == 1 and data["statements_total"] == 1


def test_score_json_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = json.dumps({"age": "adult", "worry": 1, "calm": 2, "topics": ["pain", "desire"],
                          "pain-now": "no", "myth": True})
    code, out, err, _ = _score(tmp_path, capsys, answers, "--format", "json", name="answers.json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    # weight: worry 1 + calm 2 reversed (1) + pain 2 + desire 1 = 5, heavy.
    assert [s["id"] for s in data["suggestions"]] == ["talk", "read"]
    assert data["answers"]["topics"] == ["pain", "desire"]


def test_score_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err, _ = _score(tmp_path, capsys, GOOD, "--format", "md")
    assert (code, err) == (0, "")
    assert out.startswith("# Results: Every feature")
    assert "## Safety first" in out and "## Scores" in out
    assert "### How much it weighs: Heavy \\(8 of 9\\)" in out
    assert out.index("## In short") < out.index("## Safety first") < out.index("## Scores")


def test_score_refuses_missing_required_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err, path = _score(tmp_path, capsys, "age: adult\nworry: 0\n")
    assert code == 1
    assert out == ""
    # `calm` is shown and required; the details section is hidden by `worry: 0`, so nothing in it is.
    [line] = err.strip().splitlines()
    assert line.startswith(f"{path}:") and "`calm`" in line and "required" in line and "--partial" in line


def test_score_partial_scores_what_was_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err, _ = _score(tmp_path, capsys, "age: adult\nworry: 0\n", "--partial")
    assert (code, err) == (0, "")
    assert "left unanswered" in out
    # weight has three items (worry, calm, topics) and needs two; one is answered.
    assert "How much it weighs: not enough answers (1 of 3 answered, 2 needed)" in out
    assert "needed)" not in out.replace("answered, 2 needed)", "").replace("answered, 1 needed)", "")


def test_score_partial_json_says_incomplete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err, _ = _score(tmp_path, capsys, "age: adult\nworry: 0\n", "--partial", "--format", "json")
    assert code == 0
    data = json.loads(out)
    weight = {d["id"]: d for d in data["dimensions"]}["weight"]
    assert weight["band"] == "incomplete" and weight["score"] is None
    assert (weight["answered"], weight["needed"], weight["items"]) == (1, 2, 3)
    assert data["complete"] is False


def test_score_missing_answer_hidden_by_the_answers_is_not_required(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # worry >= 1 shows the details section; topics is optional, so pain-now stays hidden without `pain`.
    code, _out, err, _ = _score(tmp_path, capsys, "age: adult\nworry: 1\ncalm: 0\nmyth: true\n")
    assert (code, err) == (0, "")
    code, _out, err, _ = _score(tmp_path, capsys, "age: minor\n")  # the age gate ends the bank
    assert (code, err) == (0, "")


def test_score_names_every_missing_required_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err, path = _score(tmp_path, capsys, "item1: 0\n", bank=PHQ9)
    assert code == 1
    lines = err.strip().splitlines()
    assert [ln.split("`")[1] for ln in lines] == [f"item{i}" for i in range(2, 10)]
    assert all(ln.startswith(f"{path}:") for ln in lines)


def test_score_phq9(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = "".join(f"item{i}: {v}\n" for i, v in enumerate([2, 2, 2, 2, 1, 1, 1, 0, 1], 1))
    code, out, _err, _ = _score(tmp_path, capsys, answers, "--format", "json", bank=PHQ9)
    assert code == 0
    data = json.loads(out)
    assert data["dimensions"][0]["score"] == 12 and data["dimensions"][0]["band"] == "moderate"
    assert data["suggestions"][0]["id"] == "item9-safety"


# -- quiz score: bad answers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "line", "key", "words"),
    [("age: adult\nworyy: 3\n", 2, "woryy", "not a question"),
     ("age: adult\nworry: 3\ncalm: 9\n", 3, "calm", "not a point"),
     ("age: teen\n", 1, "age", "not an option"),
     ("age: adult\nworry: 3\ncalm: 0\ntopics: [pain, none]\n", 4, "topics", "cannot be combined"),
     ("age: adult\nworry: 0\ncalm: 0\npain-now: \"yes\"\n", 4, "pain-now", "hidden"),
     ("age: minor\nworry: 2\n", 2, "worry", "ended the bank"),
     ("age: adult\nworry: 1\ncalm: prefer_not_to_say\nmyth: maybe\n", 4, "myth", "true or false")],
    ids=["unknown-id", "bad-scale-value", "bad-option", "exclusive", "hidden", "after-end", "statement"],
)
def test_score_bad_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: str, line: int,
                           key: str, words: str) -> None:
    code, out, err, path = _score(tmp_path, capsys, answers)
    assert code == 1
    assert out == ""
    assert f"{path}:{line}:" in err, err
    assert key in err and words in err
    assert "Traceback" not in err


def test_score_reports_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err, path = _score(tmp_path, capsys, "age: adult\nworyy: 3\ncalm: 9\n")
    assert code == 1
    assert len(err.strip().splitlines()) == 2
    assert "did you mean `worry`" in err


@pytest.mark.parametrize(
    ("content", "words"),
    [("age: adult\nworry: [\n", "YAML syntax error"),
     ("- age\n- adult\n", "top level is a list"),
     ("just text\n", "not a mapping"),
     (b"\xff\xfe\x00\x01garbage\x9c", "not valid UTF-8"),
     (b"age: adult\x00\n", "NUL"),
     ("", "empty"),
     ("age: adult\nage: minor\n", "duplicate key")],
    ids=["bad-yaml", "list", "scalar", "binary", "nul", "empty", "duplicate"],
)
def test_score_malformed_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      content: str | bytes, words: str) -> None:
    code, out, err, path = _score(tmp_path, capsys, content)
    assert code == 1
    assert out == ""
    assert err.startswith(f"{path}:"), err
    assert words in err
    assert "Traceback" not in err
    if "list" in words or "mapping" in words:
        assert "answers file" in err and "bank" not in err.split(":", 3)[-1]


def test_score_missing_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["score", str(FULL), "--answers", str(tmp_path / "nope.yaml")])
    _out, err = capsys.readouterr()
    assert code == 2
    assert "nope.yaml" in err and "no such answers file" in err


def test_score_missing_bank(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(GOOD, encoding="utf-8")
    code = main(["score", str(tmp_path / "nope.yaml"), "--answers", str(answers)])
    _out, err = capsys.readouterr()
    assert code == 2
    assert "nope.yaml" in err and "Traceback" not in err


def test_score_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(FULL)]) == 2  # --answers is required
    assert "--answers" in capsys.readouterr().err
    assert main(["score", str(FULL), "--answers", "x", "--format", "pdf"]) == 2


# -- quiz take --plain through a pipe ----------------------------------------------------------------------


def _take(tmp_path: Path, lines: list[str], bank: Path = FULL, *, eof: bool = True) -> tuple[int, str, str]:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONIOENCODING": "utf-8"}
    text = "".join(line + "\n" for line in lines)
    proc = subprocess.run([sys.executable, "-m", "quiz", "take", str(bank), "--plain"], input=text,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
                          check=False)
    return proc.returncode, proc.stdout, proc.stderr


# age adult, worry Always (3), calm Never (0), topics Pain, pain new Yes, myth False, notes, results.
FULL_RUN = ["1", "4", "1", "1", "1", "2", "", ""]


def _prompts_end_their_lines(out: str) -> None:
    for line in out.splitlines():
        # A prompt ends with ": "; whatever came after it must be on a line of its own.
        if ": " in line and ("b back" in line or "Press Enter" in line):
            assert line.endswith(": "), line


def test_plain_full_run(tmp_path: Path) -> None:
    code, out, err = _take(tmp_path, FULL_RUN)
    assert code == 0, err
    assert err == ""
    # The age check is asked before the count: the first counted question is 1, the last 6 of up to 6.
    assert "Question 1 of up to 6\nHow often does this worry you?" in out
    assert "Question 6 of up to 6" in out and "Question 7" not in out
    assert "Right. This statement is false." in out
    assert "Results: Every feature" in out
    assert "SAFETY FIRST\n* See a doctor" in out
    assert "How much it weighs: Heavy (8 of 9)" in out
    assert "\nQuestion 2 of up to 6\n" in out  # the prompt before it ended its own line
    _prompts_end_their_lines(out)


def test_plain_quit(tmp_path: Path) -> None:
    code, out, _err = _take(tmp_path, ["1", "q"])
    assert code == 0
    assert "Nothing was saved" in out
    assert "Results:" not in out


def test_plain_back(tmp_path: Path) -> None:
    code, out, _err = _take(tmp_path, ["b", "1", "b", "1", *FULL_RUN[1:]])
    assert code == 0
    assert "This is the first question." in out
    # Asked, asked again after the refused `b`, and again after going back from question 2.
    assert out.count("Are you 18 or older?") == 3
    assert out.count("(your answer)") == 1  # going back shows the answer already given
    assert "Results: Every feature" in out


def test_plain_skip(tmp_path: Path) -> None:
    # s on the age gate is refused; s on the optional checklist moves on to the statement.
    code, out, _err = _take(tmp_path, ["s", "1", "2", "2", "s", "1", "s", ""])
    assert code == 0
    assert "Cannot skip: this question needs an answer." in out
    skipped = out.index("What is on your mind?")
    assert out.index("Talk therapy never helps", skipped) > skipped
    assert "Not quite. This statement is false." in out
    assert "Is the pain new?" not in out
    assert "Results: Every feature" in out
    assert "Some questions were left unanswered" not in out


def test_plain_skip_refused_mentions_prefer_not_to_say(tmp_path: Path) -> None:
    code, out, _err = _take(tmp_path, ["1", "2", "s", "p", "q"])
    assert code == 0
    assert 'Cannot skip: this question needs an answer (or choose "Prefer not to say").' in out
    assert "Question 3 of up to 6" in out  # p was accepted and moved on


def test_plain_invalid_reply_asks_again(tmp_path: Path) -> None:
    code, out, _err = _take(tmp_path, ["7", "x", "1", "q"])
    assert code == 0
    assert out.count("That is not one of the choices. Type a number from 1 to 2; or save") == 2
    assert "Question 1 of up to 6" in out


def test_plain_eof_midway(tmp_path: Path) -> None:
    code, out, err = _take(tmp_path, ["1", "2"])
    assert code == 1
    assert "Input ended before the last question" in out
    assert "Results: Every feature" in out  # what was given so far, clearly marked as partial
    assert "Traceback" not in err


def test_plain_phq9(tmp_path: Path) -> None:
    code, out, _err = _take(tmp_path, ["2"] * 9 + [""], bank=PHQ9)
    assert code == 0
    assert "SAFETY FIRST\n* Talk to someone today" in out
    assert "Severity: Moderate (9" not in out and "Severity: Moderately severe (9" not in out
    assert "Severity: Mild (9 of 27)" in out


def test_plain_s_on_free_text_skips_rather_than_answering_s() -> None:
    import io

    from quiz.bank.check import load_bank
    from quiz.plain import PlainRunner

    inp, out = io.StringIO("\n".join(FULL_RUN[:6] + ["s", ""]) + "\n"), io.StringIO()
    runner = PlainRunner(load_bank(FULL), inp, out)
    assert runner.run() == 0
    assert "notes" not in runner.session.answers
    assert "s skip" in out.getvalue()  # the prompt offered it


def test_hostile_bank_text_is_inert_in_every_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Escape sequences written into a bank never reach the terminal through `quiz score`."""
    hostile = Path(__file__).parent / "data" / "ui" / "hostile.yaml"
    answers = tmp_path / "a.yaml"
    from quiz.bank.check import load_bank

    bank = load_bank(hostile)
    first = bank.questions[0]
    answers.write_text(f"{first.id}: {first.choices()[0][0]}\n", encoding="utf-8")
    for fmt in ("text", "md", "html", "json"):
        assert main(["score", str(hostile), "--answers", str(answers), "--format", fmt, "--partial"]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out, fmt


# -- quiz score: messages about answers files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "key", "words"),
    [('worry: "2"\n', "worry", ['the text `"2"`', "write 2 without quotes"]),
     ("worry: 1.0\n", "worry", ["decimal number `1.0`", "write 1"]),
     ("worry: Always\n", "worry", ["label `Always`", "write 3"]),
     ("worry: null\n", "worry", ["`null`"]),
     ("worry: [1, 2]\n", "worry", ["`[1, 2]`"]),
     ("age: [adult, minor]\n", "age", ["takes one option", "`[adult, minor]`"]),
     ("topics: {pain: 1}\n", "topics", ["`{pain: 1}`"]),
     ("myth: 1\n", "myth", ["true or false"])],
    ids=["text-number", "decimal", "label", "null", "list-for-scale", "list-for-single", "mapping", "statement"],
)
def test_wrong_types_say_what_to_write(tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: str,
                                       key: str, words: list[str]) -> None:
    code, _out, err, path = _score(tmp_path, capsys, "age: adult\n" + answers if key != "age" else answers)
    assert code == 1
    [line] = [ln for ln in err.splitlines() if f"`{key}`" in ln or f" {key}:" in ln]
    assert line.startswith(f"{path}:")
    for w in words:
        assert w in line, line
    assert "None" not in line and "'" not in line.replace("'s scale", "")  # YAML, never Python reprs


@pytest.mark.parametrize(
    ("content", "advice"),
    [("age: &a adult\nworry: *a\n", "write each answer out in full"),
     ("age: adult\n---\nage: minor\n", "JSON Lines")],
    ids=["anchor", "two-documents"],
)
def test_answers_file_problems_give_answers_file_advice(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        content: str, advice: str) -> None:
    code, _out, err, _ = _score(tmp_path, capsys, content)
    assert code == 1
    assert advice in err
    assert "bank" not in err and "`scales`" not in err
    assert len(err.strip().splitlines()) == 1


def test_json_output_has_its_format_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err, _ = _score(tmp_path, capsys, GOOD, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == 1
    assert list(data)[0] == "format"
    for d in data["dimensions"]:
        assert {"id", "score", "band", "band_label"} <= set(d)
    for s in data["suggestions"]:
        assert {"id", "kind", "title", "reasons", "sources"} <= set(s)
        assert all("text" in r for r in s["reasons"])
    assert data["ended_early"] is False
