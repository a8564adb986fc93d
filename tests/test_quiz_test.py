"""`quiz test` finds each planted fault with its line, passes sound banks, and prints coverage."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from quiz.bank.check import check_file
from quiz.cli import main
from quiz.cli.test import Progress
from tests import reach_bank

DATA = Path(__file__).parent / "data"
FIXTURES = sorted((DATA / "test_fixtures").glob("*.yaml"))
FULL = DATA / "valid" / "full.yaml"

_HEADER = re.compile(r"^# expect: (?P<body>.*)$")


def expectation(path: Path) -> tuple[int, str]:
    """The fixture's first line: `# expect: line=N keyword="words the failure must contain"`."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = _HEADER.match(first)
    assert m, f"{path.name}: first line must be `# expect: line=N keyword=\"...\"`"
    fields = dict(part.split("=", 1) for part in shlex.split(m["body"]))
    return int(fields["line"]), fields["keyword"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["test", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_each_kind_of_fault_has_a_fixture() -> None:
    names = {p.stem for p in FIXTURES}
    assert {"unreachable_band", "dead_suggestion", "never_shown", "failing_example", "unraisable_flag"} <= names


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_is_valid(path: Path) -> None:
    """Each fault is one `quiz validate` cannot see: only `quiz test` finds it."""
    result = check_file(path)
    assert result.problems == ()
    assert result.bank is not None


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fault_is_found_with_its_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, keyword = expectation(path)
    code, out, err = run(capsys, str(path))
    assert code == 1, out + err
    located = [x.strip() for x in err.splitlines() if x.strip().startswith(f"{path}:{line}:")]
    assert located, f"no failure at {path.name}:{line}; stderr was:\n{err}"
    assert any(keyword in x for x in located), f"wanted {keyword!r} at line {line}; got:\n{err}"
    # One planted fault per file, and nothing else reported.
    failures = [x for x in err.splitlines() if x.strip().startswith(f"{path}:")]
    assert len(failures) == 1, err
    assert "1 failure(s)" in err
    assert "coverage: examples cover" in out


def test_good_bank_passes_with_witnesses_and_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(FULL))
    assert code == 0, err
    assert err == ""
    assert "pass  example \u201cminor ends early\u201d" in out
    assert "reach suggestion `youth` fires for: age=minor" in out
    assert re.search(r"reach band `weight\.heavy` is reached for: \S+=", out)
    assert "reach questions: 7 of 7 can be shown" in out
    assert "coverage: examples cover 3 of 4 suggestions and 2 of 4 bands" in out
    # What is not covered is named, so the author knows which example to add.
    uncovered = next(line for line in out.splitlines() if "not covered by an example:" in line)
    assert uncovered.count("suggestion `") == 1 and uncovered.count("band `") == 2
    assert "examples: 2 of 2 passed" in out


def test_quiet_prints_only_failures_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--quiet", str(FULL))
    assert code == 0
    assert "pass  example" not in out and "reach band" not in out
    assert "coverage: examples cover" in out


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "no such file or folder" in err


def test_missing_path_beside_a_good_bank_still_exits_2(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    code, out, _err = run(capsys, str(FULL), str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "coverage" in out  # the good bank was still tested


def test_broken_bank_reports_its_problems(capsys: pytest.CaptureFixture[str]) -> None:
    bad = DATA / "invalid" / "sem_band_gap.yaml"
    code, _out, err = run(capsys, str(bad))
    assert code == 1
    assert f"{bad}:" in err


def test_failure_and_its_detail_share_a_stream(capsys: pytest.CaptureFixture[str]) -> None:
    """An example's FAIL line and the reason under it are both on stderr, in that order, before the
    reachability report's failures; stdout holds no failure at all."""
    path = DATA / "test_fixtures" / "failing_example.yaml"
    code, out, err = run(capsys, str(path))
    assert code == 1
    assert "FAIL" not in out
    lines = err.splitlines()
    fail = next(i for i, x in enumerate(lines) if "FAIL  example \u201cboth often\u201d" in x)
    assert "expected `low`" in lines[fail + 1]


def test_progress_shows_on_a_terminal_after_a_second_and_is_cleared() -> None:
    now = [0.0]
    stream = _Terminal()
    with Progress(stream, "bank.yaml: searching", clock=lambda: now[0]) as progress:
        progress.update(1, 10)  # under a second: nothing yet
        assert stream.getvalue() == ""
        now[0] = 1.5
        progress.update(3, 10)
        assert "bank.yaml: searching 3 of 10 goals" in stream.getvalue()
    assert stream.getvalue().endswith("\r\x1b[K")  # the line is cleared at the end


def test_progress_is_silent_off_a_terminal() -> None:
    now = [0.0]
    stream = io.StringIO()
    with Progress(stream, "bank.yaml: searching", clock=lambda: now[0]) as progress:
        now[0] = 100.0
        progress.update(3, 10)
    assert stream.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_folder_is_tested_file_by_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(DATA / "test_fixtures"))
    assert code == 1
    for path in FIXTURES:
        assert f"{path}:" in out
    assert f"{len(FIXTURES)} failure(s)" in err


def test_an_example_is_a_witness(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The search starts from the bank's own examples: an example that reaches a goal proves it."""
    path = tmp_path / "needle.yaml"
    path.write_text(reach_bank.needle(with_example=True), encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert code == 0, err
    assert "reach suggestion `needle` fires for: q0=o3, q1=o7, q2=o1, q3=o9, q4=o4" in out
