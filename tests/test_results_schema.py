"""schemas/results.schema.json documents the JSON of `quiz score` and the app's export: every shipped
bank's examples validate against it (one report, JSON Lines rows, the export file), it rejects output
without today's names, and it lets new fields through."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from quiz.bank.check import load_bank
from quiz.bank.model import Bank, Example
from quiz.cli import main
from quiz.engine.batch import Row
from quiz.engine.report import jsonl_row, to_json
from quiz.engine.scoring import score
from quiz.errors import Problem
from quiz.paths import shipped_banks
from quiz.store.export import write_report

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "results.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
CASES = [(bank, ex) for bank in (load_bank(p) for p in shipped_banks()) for ex in bank.examples]
ORDER = {"safety": 0, "next-step": 1, "reading": 2}


def _ids(case: Any) -> str:
    return getattr(case, "id", None) or getattr(case, "name", "")[:40]


def _valid(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def _report(bank: Bank, example: Example) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(to_json(score(bank, dict(example.answers))))
    return data


def test_the_schema_is_a_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(("bank", "example"), CASES, ids=_ids)
def test_every_example_report_validates(bank: Bank, example: Example, tmp_path: Path) -> None:
    data = _report(bank, example)
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    assert (data["format"], data["bank"], data["bank_version"]) == (1, bank.id, bank.version)
    kinds = [s["kind"] for s in data["suggestions"]]
    assert kinds == sorted(kinds, key=ORDER.__getitem__)  # safety first, in the order results show them
    # The app's export writes the same JSON.
    path = write_report(score(bank, dict(example.answers)), "json", tmp_path / "r.json")
    assert json.loads(path.read_text(encoding="utf-8")) == data
    # A JSON Lines row of the same set too.
    row = json.loads(jsonl_row(Row(7, score(bank, dict(example.answers)))))
    assert _valid(row) and row["line"] == 7
    assert {k: v for k, v in row.items() if k not in ("line", "errors")} == \
        {k: v for k, v in data.items() if k != "summary"}


def test_quiz_score_json_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank_path = next(p for p in shipped_banks() if p.stem == "therapy-fit")
    bank = load_bank(bank_path)
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(dict(bank.examples[1].answers)), encoding="utf-8")
    code = main(["score", str(bank_path), "--answers", str(answers), "--format", "json", "--partial"])
    out = capsys.readouterr().out
    assert code == 0
    assert _valid(json.loads(out))


def test_a_row_of_errors_validates_and_is_no_result() -> None:
    row = json.loads(jsonl_row(Row(3, None, (Problem("x.jsonl", 3, 1, "worry", "bad answer"),))))
    assert _valid(row)
    row["dimensions"] = []
    assert not _valid(row)


REQUIRED = [
    ("format",), ("bank",), ("bank_version",), ("complete",), ("ended_early",), ("dimensions",),
    ("suggestions",), ("dimensions", 0, "id"), ("dimensions", 0, "score"), ("dimensions", 0, "band"),
    ("dimensions", 0, "band_label"), ("suggestions", 0, "id"), ("suggestions", 0, "kind"),
    ("suggestions", 0, "title"), ("suggestions", 0, "reasons"), ("suggestions", 0, "sources"),
    ("suggestions", 0, "reasons", 0, "text"),
]


@pytest.mark.parametrize("path", REQUIRED, ids=lambda p: ".".join(map(str, p)))
def test_output_without_a_name_of_today_is_refused(path: tuple[Any, ...]) -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapy-fit"))
    data = _report(bank, next(ex for ex in bank.examples if "safety worry" in ex.name))
    assert _valid(data)
    broken = copy.deepcopy(data)
    node: Any = broken
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    assert not _valid(broken)


def test_new_fields_are_allowed() -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapist-fit"))
    data = _report(bank, bank.examples[2])
    data["withheld"] = [{"id": "strength-licence", "by": "flag-sexual-contact"}]
    data["flags"] = [{"id": "f", "label": "Flag", "question": "q", "dimension": "fit"}]
    data["suggestions"][0]["because_generated"] = True
    data["suggestions"][0]["withheld_by"] = ""
    data["suggestions"][0]["reasons"][0]["gate"] = False
    data["dimensions"][0]["prorated"] = True
    assert _valid(data)


def test_the_summary_follows_the_results_order() -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "therapy-fit"))
    data = _report(bank, next(ex for ex in bank.examples if "safety worry" in ex.name))
    summary = data["summary"]
    safety = [s["id"] for s in data["suggestions"] if s["kind"] == "safety"]
    assert [x["id"] for x in summary["safety"]] == safety
    assert [d["id"] for d in summary["dimensions"]] == [d["id"] for d in data["dimensions"]]
    steps = [s for s in data["suggestions"] if s["kind"] == "next-step"]
    top = sorted(steps, key=lambda s: -s["priority"])[:2]
    assert summary["next_steps"] == [s["id"] for s in top]
