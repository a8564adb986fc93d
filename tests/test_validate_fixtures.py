"""Broken banks are reported where their `# expect:` line says; valid banks pass; the CLI agrees."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from quiz.bank.check import check_file, check_text
from quiz.bank.loader import MAX_DEPTH, MAX_FILE_BYTES, load_path
from quiz.cli import main
from quiz.errors import Problem

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))

_HEADER = re.compile(r"^# expect: (?P<body>.*)$")


@dataclass(frozen=True)
class Expect:
    """Where a broken fixture must be reported, and a word the message must contain."""

    line: int
    path: str
    keyword: str
    hint: str = ""
    column: int = 0
    """Checked when the fixture names it (`column=N`)."""


# An empty file has no room for its own expectation line.
HEADERLESS = {"syntax_empty.yaml": Expect(line=1, path="", keyword="empty")}


def expectation(path: Path) -> Expect:
    """Parse the fixture's first line: `# expect: line=N [column=N] path=a.b keyword="word" [hint="..."]`."""
    if path.name in HEADERLESS:
        return HEADERLESS[path.name]
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    m = _HEADER.match(first)
    assert m, f"{path.name}: first line must be `# expect: line=N path=... keyword=\"...\"`"
    fields = dict(part.split("=", 1) for part in shlex.split(m["body"]))
    return Expect(int(fields["line"]), fields["path"], fields["keyword"], fields.get("hint", ""),
                  int(fields.get("column", 0)))


def _show(problems: tuple[Problem, ...]) -> str:
    return "\n".join(f"  {p.line}:{p.column} path={p.path!r} {p.message} ({p.hint})"
                     for p in problems)


def test_enough_invalid_fixtures() -> None:
    assert len(INVALID) >= 35
    kinds = {p.name.split("_", 1)[0] for p in INVALID}
    assert kinds == {"syntax", "schema", "sem"}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_is_reported_where_expected(path: Path) -> None:
    want = expectation(path)
    result = check_file(path)
    assert result.bank is None
    assert result.problems, f"{path.name}: no problem reported"
    matches = [p for p in result.problems
               if p.line == want.line and p.path == want.path
               and want.keyword.lower() in p.message.lower()
               and (not want.column or p.column == want.column)]
    assert matches, f"{path.name}: wanted line={want.line} path={want.path!r} " \
                    f"keyword={want.keyword!r}; got:\n{_show(result.problems)}"
    if want.hint:
        assert any(want.hint in p.hint for p in matches), _show(result.problems)
    for p in result.problems:
        assert p.file == str(path)
        assert p.message


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_has_one_fault(path: Path) -> None:
    """One broken case per file: every problem reported sits on the expected line."""
    want = expectation(path)
    lines = {p.line for p in check_file(path).problems}
    # A missing required key is also reported by the schema's if/then on the same node; the
    # unknown-key typo adds "missing `options`" on the question line. Both are the one fault.
    assert len(lines) <= 2, f"{path.name}: problems on lines {sorted(lines)}"
    assert want.line in lines


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_has_no_problems(path: Path) -> None:
    result = check_file(path)
    assert result.problems == (), _show(result.problems)
    assert result.bank is not None


def test_enough_valid_fixtures() -> None:
    assert len(VALID) >= 4


def test_plain_yes_no_and_dates_stay_text() -> None:
    doc = load_path(DATA / "valid" / "plain_strings.yaml")
    data = doc.data
    assert data["reviewed"] == "2026-11-01"
    q = data["sections"][0]["questions"][0]
    assert [o["value"] for o in q["options"]] == ["yes", "no", "on", "off"]
    assert [o["label"] for o in q["options"]] == ["Yes", "No", "On", "Off"]
    assert data["resources"][0]["last_verified"] == "2025-02-28"
    assert data["resources"][0]["region"] == "NO"
    bank = check_file(DATA / "valid" / "plain_strings.yaml").bank
    assert bank is not None
    assert all(isinstance(o.value, str) for q in bank.questions for o in q.options)


def test_conditions_fixture_uses_every_form() -> None:
    text = (DATA / "valid" / "conditions.yaml").read_text(encoding="utf-8")
    for form in ("==", "!=", "<=", ">=", " < ", " > ", " in [", " includes ", "not ", " and ",
                 " or ", "answered(", "skipped(", "declined(", "correct(", "wrong(", "count(",
                 "score(", "band(", "true", "false", "show_if: |", "when: >"):
        assert form in text, form


# -- generated cases: too big to commit, or about limits ------------------------------------------

def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    filler = "# " + "x" * 97 + "\n"
    bank = (DATA / "valid" / "minimal.yaml").read_text()
    big.write_text(bank + filler * (MAX_FILE_BYTES // 100 + 1))
    result = check_file(big)
    assert result.bank is None
    [p] = result.problems
    assert (p.line, p.path) == (0, "")
    assert "limit" in p.message


def test_billion_laughs_fails_on_the_first_anchor() -> None:
    # Expanded, this is 10**9 strings; the loader must refuse it at the first anchor, not expand it.
    result = check_file(DATA / "invalid" / "syntax_billion_laughs.yaml")
    assert len(result.problems) == 1
    assert "anchors" in result.problems[0].message


def test_deep_nesting_fails_at_the_limit() -> None:
    depth = 100_000  # far past Python's recursion limit: must be refused, not crash
    result = check_text("key: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
    [p] = result.problems
    assert f"deeper than {MAX_DEPTH}" in p.message
    assert p.line == 1


def test_deep_flow_mapping_nesting_fails_at_the_limit() -> None:
    depth = 5_000
    result = check_text("key: " + "{a: " * depth + "1" + "}" * depth + "\n", "deep.yaml")
    [p] = result.problems
    assert "deeper than" in p.message


def test_unclosed_quote_names_where_it_opened() -> None:
    result = check_text('quiz: 1\ntitle: "never closed\nid: x\n\n\n', "q.yaml")
    [p] = result.problems
    assert p.line == 2
    assert "line 2" in p.message


# -- the command line -----------------------------------------------------------------------------

def test_cli_valid_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *map(str, VALID)]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.count("ok  ") == len(VALID)


def test_cli_valid_folder_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "valid")]) == 0


def test_cli_invalid_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "invalid" / "schema_typo_optoins.yaml"
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err
    assert "sections.0.questions.0.optoins: unknown key `optoins` (did you mean `options`?)" in err
    assert "Traceback" not in err


def test_cli_every_invalid_fixture_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "invalid")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for path in INVALID:
        assert str(path) in err


def test_cli_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_folder_without_banks_exits_2(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a bank")
    assert main(["validate", str(tmp_path)]) == 2
    assert "no .yaml banks" in capsys.readouterr().err


def test_cli_no_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 2


def test_cli_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(VALID[0]), str(DATA / "invalid" / "sem_band_gap.yaml")]
    assert main(["validate", "--format", "json", *paths]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["file"] for f in out["files"]] == paths
    assert [f["ok"] for f in out["files"]] == [True, False]
    assert out["problem_count"] == len(out["files"][1]["problems"]) >= 1
    for prob in out["files"][1]["problems"]:
        assert set(prob) >= {"file", "line", "column", "path", "message", "hint"}
        assert prob["file"] == paths[1]
        assert isinstance(prob["line"], int) and prob["line"] >= 1
    assert any(p["path"] == "dimensions.0.bands.1.min" and "gap" in p["message"]
               for p in out["files"][1]["problems"])


def test_cli_json_valid_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(DATA / "valid")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["problem_count"] == 0
    assert out["errors"] == []
    assert all(f["ok"] and f["problems"] == [] for f in out["files"])


def test_cli_json_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(tmp_path / "nope")]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["errors"]


SHIPPED = sorted((Path(__file__).parents[1] / "banks").glob("*.yaml"))


@pytest.mark.parametrize("path", INVALID + VALID + SHIPPED, ids=lambda p: p.stem)
def test_libyaml_and_the_pure_parser_give_the_same_verdict(path: Path) -> None:
    from quiz.bank.loader import FAST_LOADER, PURE_LOADER, decode, load_text, read_bytes
    from quiz.errors import BankError

    def verdict(loader: type) -> object:
        try:
            text = decode(read_bytes(path, path.name), path.name)
            doc = load_text(text, path.name, loader=loader)
        except BankError as exc:
            return [(p.line, p.path) for p in exc.problems]
        return doc.data

    assert verdict(FAST_LOADER) == verdict(PURE_LOADER)
