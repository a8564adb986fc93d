"""`quiz score` on many answer sets: JSON Lines or CSV in, JSON Lines or CSV out, one row per set."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.safe_text import spreadsheet_safe

ROOT = Path(__file__).resolve().parent.parent
GAD7 = ROOT / "bench" / "banks" / "gad7.yaml"
FULL = Path(__file__).parent / "data" / "valid" / "full.yaml"

GOOD = {f"item{i}": v for i, v in enumerate([1, 2, 3, 0, 1, 2, 3], 1)}  # 12: moderate


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, name: str, *extra: str,
         bank: Path = GAD7) -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code = main(["score", str(bank), "--answers", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def _jsonl(*sets: object) -> str:
    return "".join((s if isinstance(s, str) else json.dumps(s)) + "\n" for s in sets)


def test_jsonl_scores_each_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    low = dict.fromkeys(GOOD, 0)
    code, out, err = _run(tmp_path, capsys, _jsonl(GOOD, low), "sets.jsonl")
    assert (code, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["format"], r["line"], r["errors"]) for r in rows] == [(1, 1, []), (1, 2, [])]
    assert [(r["dimensions"][0]["score"], r["dimensions"][0]["band"]) for r in rows] == \
        [(12, "moderate"), (0, "minimal")]
    assert [s["id"] for s in rows[0]["suggestions"]] == ["see-clinician", "daily-worry", "about-scoring"]
    assert rows[0]["answers"] == GOOD


BAD_SETS = {
    "bad-json": ('{"item1": 1, "item2": ', "not valid JSON"),
    "not-an-object": ("[1, 2]", "not an object"),
    "unknown-question": (json.dumps({**GOOD, "itme2": 2}), "not a question"),
    "wrong-type": (json.dumps({**GOOD, "item3": "2"}), "write 2 without quotes"),
    "missing-required": (json.dumps({"item1": 1}), "required"),
}


@pytest.mark.parametrize("kind", list(BAD_SETS))
def test_jsonl_bad_set_gives_an_error_row_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    bad, words = BAD_SETS[kind]
    code, out, err = _run(tmp_path, capsys, _jsonl(GOOD, "", bad, GOOD), "sets.jsonl")
    assert code == 1
    assert "1 of 3" in err  # the blank line is not a set
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 3, 4]
    assert rows[0]["errors"] == [] and rows[2]["errors"] == []
    assert "dimensions" not in rows[1]
    errors = rows[1]["errors"]
    assert errors and all(e["line"] == 3 and e["file"].endswith("sets.jsonl") for e in errors)
    assert any(words in e["message"] + " " + e["hint"] for e in errors), errors


def test_jsonl_error_points_at_the_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = '{"item1": 1, "item2": 1.0}'
    _code, out, _err = _run(tmp_path, capsys, _jsonl(line), "sets.jsonl", "--partial")
    [error] = json.loads(out)["errors"]
    assert error["path"] == "item2" and error["column"] == line.index('"item2"') + 1
    assert "write 1" in error["hint"]


def test_jsonl_missing_required_names_each_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = _run(tmp_path, capsys, _jsonl({"item1": 1, "item2": 1}), "sets.ndjson")
    errors = json.loads(out)["errors"]
    assert [e["message"].split("`")[1] for e in errors] == [f"item{i}" for i in range(3, 8)]


def test_jsonl_partial_scores_incomplete_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(tmp_path, capsys, _jsonl({"item1": 1, "item2": 2}), "sets.jsonl", "--partial")
    assert (code, err) == (0, "")
    row = json.loads(out)
    assert row["errors"] == [] and row["dimensions"][0]["band"] == "incomplete"
    assert row["dimensions"][0]["score"] is None


def test_csv_in_csv_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = ",".join(GOOD)
    content = "\n".join([header, ",".join(map(str, GOOD.values())), "0,0,0,0,0,0,x", "", "1,2,3",
                         "0,0,0,0,0,0,0,9", ",,,,,,", "0,0,0,0,0,0,0"]) + "\n"
    code, out, err = _run(tmp_path, capsys, content, "class.csv", "--format", "csv")
    assert code == 1 and "3 of 5" in err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["line", "anxiety.score", "anxiety.band", "suggestions", "ended_early", "errors"]
    by_line = {r[0]: r for r in rows[1:]}
    assert list(by_line) == ["2", "3", "5", "6", "8"]  # the blank line and the row of commas are no sets
    assert by_line["2"][1:5] == ["12", "moderate", "see-clinician;daily-worry;about-scoring", "false"]
    assert by_line["2"][5] == ""
    assert "item7" in by_line["3"][5] and "not a point" in by_line["3"][5]
    assert "required" in by_line["5"][5] and by_line["5"][1] == ""
    assert "8 cells" in by_line["6"][5]
    assert by_line["8"][1:3] == ["0", "minimal"]


def test_csv_checklist_cells_and_partial(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = "age,worry,calm,topics,pain-now,myth\nadult,2,0,pain; desire,no,FALSE\nadult,2,,,,\n"
    code, out, err = _run(tmp_path, capsys, content, "sets.csv", "--format", "jsonl", "--partial", bank=FULL)
    assert (code, err) == (0, "")
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["answers"]["topics"] == ["pain", "desire"] and first["answers"]["myth"] is False
    assert first["line"] == 2 and second["line"] == 3
    assert {d["id"]: d["band"] for d in second["dimensions"]}["weight"] == "incomplete"


def test_csv_output_cannot_run_as_a_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = "item1,=HYPERLINK(\"http://x\")\n0,1\n"
    code, out, _err = _run(tmp_path, capsys, content, "sets.csv", "--format", "csv")
    assert code == 1
    for row in list(csv.reader(io.StringIO(out))):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'=HYPERLINK" in out


@pytest.mark.parametrize(("cell", "safe"), [("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-x", "'-x"),
                                            ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
                                            ("-3", "-3"), ("2.5", "2.5"), ("moderate", "moderate"), ("", "")])
def test_spreadsheet_safe(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


def test_csv_header_problems_stop_before_any_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(tmp_path, capsys, "item1,item1\n0,0\n", "sets.csv")
    assert code == 1 and out == ""
    assert "sets.csv:1:" in err and "two columns" in err


def test_input_flag_and_standard_input(tmp_path: Path) -> None:
    text = _jsonl(GOOD, {"item1": 9})
    proc = subprocess.run([sys.executable, "-m", "quiz", "score", str(GAD7), "--answers", "-", "--input",
                           "jsonl", "--format", "csv"], input=text, capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=60)
    assert proc.returncode == 1
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert "<stdin>" not in rows[2][5]  # the row has the line; the file is the input
    assert "1 of 2" in proc.stderr


def test_one_answers_file_from_standard_input() -> None:
    text = "".join(f"{k}: {v}\n" for k, v in GOOD.items())
    proc = subprocess.run([sys.executable, "-m", "quiz", "score", str(GAD7), "--answers", "-", "--format",
                           "json"], input=text, capture_output=True, text=True, encoding="utf-8",
                          check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["dimensions"][0]["band"] == "moderate"


@pytest.mark.parametrize(("name", "fmt"), [("a.yaml", "csv"), ("a.jsonl", "text"), ("a.csv", "json")])
def test_formats_fit_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str) -> None:
    code, _out, err = _run(tmp_path, capsys, "item1: 0\n", name, "--format", fmt)
    assert code == 2 and "--format" in err
