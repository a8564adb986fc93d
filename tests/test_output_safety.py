"""A hostile bank through every command and format: no control byte, no live markup, no formula cell out.

tests/data/hostile/output.yaml carries terminal attacks (OSC 0 title, OSC 52 clipboard, `ESC c`, CSI
clear, a bare C1 CSI), bidi overrides and isolates, zero-width characters, formula starts and `<img
onerror>` / `</script>` in every text, address and name; saved files, a room and file names add their
own. Joiners inside words (an emoji family, a conjunct) must come out whole.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from quiz.bank.check import load_bank
from quiz.cli import main
from quiz.engine.session import Session
from quiz.safe_text import clean, csv_cell, html_escape, md_escape, md_url, one_line
from quiz.store import save_session

HERE = Path(__file__).parent
HOSTILE = HERE / "data" / "hostile" / "output.yaml"
OLD_RULES = HERE / "data" / "migrate" / "old_rules.yaml"
FAMILY = "👨\u200d👩\u200d👧"
CONJUNCT = "क्\u200dष"
NAME = "a\x1b]0;file\x07\u202ename\u200b"  # a file name is text too

# C0 but tab and newline, DEL, C1, ALM, MVS, zero-width space, LRM/RLM, bidi embeddings, overrides,
# word joiner and invisible operators, isolates, BOM.
_ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u2069\ufeff]")
_LOOSE_JOINER = re.compile(r"(?<!\S)[\u200c\u200d]|[\u200c\u200d](?!\S)|[\u200c\u200d]{2}")


def assert_inert(text: str, where: str = "") -> None:
    """Nothing in `text` acts on a terminal or reorders it: no control, bidi or stray zero-width."""
    found = _ACTING.search(text)
    assert found is None, f"{where}: {found.group()!r} in {text[max(0, found.start() - 40):found.end() + 40]!r}"
    assert _LOOSE_JOINER.search(text) is None, where


def assert_no_live_markup(text: str, where: str) -> None:
    """HTML: no tag or script from the bank. Markdown: every `<` from the bank escaped (`\\<`)."""
    assert "<img" not in text.replace("\\<img", ""), where
    assert "<script" not in text.replace("\\<script", ""), where
    assert "</script" not in text.replace("\\</script", ""), where
    if "<html" not in text:  # Markdown: no link from the bank
        assert re.search(r"(?<!\\)\]\(", text) is None, where


def assert_no_formula(text: str, where: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(r"-?\d+(\.\d+)?", cell), \
                f"{where}: formula cell {cell!r}"
            assert "\x1b" not in cell, where


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    out = out.replace("\r\n", "\n")  # CSV's own line ends; a lone carriage return is still caught
    assert_inert(out, f"{argv} stdout")
    assert_inert(err, f"{argv} stderr")
    return code, out, err


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "data" / "quiz"


def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"pick": "a", "claim": True}), encoding="utf-8")
    return path


# -- the layer itself ---------------------------------------------------------------------------------
@pytest.mark.parametrize("escape", [clean, one_line, md_escape, html_escape, csv_cell])
def test_every_medium_strips_what_acts_and_keeps_joined_words(escape: Any) -> None:
    bank = load_bank(HOSTILE)
    out = escape(bank.title)
    assert_inert(out, escape.__name__)
    assert FAMILY in out and CONJUNCT in out
    assert escape("\u200dlone joiner\u200c") == escape("lone joiner")


def test_markdown_links_only_plain_addresses() -> None:
    assert md_url("https://example.com/a") == "<https://example.com/a>"
    hostile = md_url("https://example.com/a<img src=x onerror=alert(3)>")
    assert not hostile.startswith("<") and "\\<img" in hostile


@pytest.mark.parametrize(("cell", "safe"), [("=1+1", "'=1+1"), ("-3", "-3"), ("\u202e=cmd", "'=cmd"),
                                            ("\x1b[2J=x", "[2J=x"), ("\t@x", "'\t@x")])
def test_csv_cells_never_start_a_formula(cell: str, safe: str) -> None:
    assert csv_cell(cell) == safe


# -- every command ------------------------------------------------------------------------------------
def test_validate_and_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(HOSTILE))
    assert code == 0 and FAMILY in out
    code, out, _ = run(capsys, "validate", "--format", "json", str(HOSTILE))
    assert code == 0 and json.loads(out)["files"][0]["ok"]
    broken = tmp_path / f"{NAME}.yaml"
    broken.write_text(HOSTILE.read_text(encoding="utf-8") + 'extra: "\\e]0;x\\a"\n"\\e]52;c;eA==\\a": 1\n',
                      encoding="utf-8")
    code, out, err = run(capsys, "validate", str(broken))
    assert code == 1 and err
    code, out, _ = run(capsys, "validate", "--format", "json", str(broken))
    assert code == 1 and json.loads(out)["problem_count"] >= 1
    code, out, _ = run(capsys, "test", str(HOSTILE))
    assert code == 0 and FAMILY in out


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("key", [[], ["--answer-key"]])
def test_export(fmt: str, key: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", str(HOSTILE), "--format", fmt, *key)
    assert code == 0 and FAMILY in out
    assert_no_live_markup(out, f"export {fmt}")
    target = tmp_path / f"{NAME}.{fmt}"
    code, _, err = run(capsys, "export", str(HOSTILE), "--format", fmt, *key, "-o", str(target))
    assert code == 0 and "Wrote" in err
    written = target.read_text(encoding="utf-8")
    assert_inert(written, "export file")
    assert_no_live_markup(written, f"export -o {fmt}")


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_score(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", str(HOSTILE), "--answers", str(answers(tmp_path)), "--format", fmt)
    assert code == 0 and FAMILY in (json.loads(out)["bank_title"] if fmt == "json" else out)
    if fmt in ("md", "html"):
        assert_no_live_markup(out, f"score {fmt}")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_score_batch(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sets = tmp_path / "sets.jsonl"
    sets.write_text(json.dumps({"pick": "b", "claim": False}) + "\n" + json.dumps({"pick": "\x1b]0;x\x07=1"}) + "\n",
                    encoding="utf-8")
    _, out, _ = run(capsys, "score", str(HOSTILE), "--answers", str(sets), "--format", fmt)
    if fmt == "csv":
        assert_no_formula(out, "score csv")
    else:
        assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 2]


def test_serve_banner(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.cli.serve_server import QuizServer

    def quiet(self: QuizServer, debug: bool = False) -> None:
        pass  # the banner is printed before serving starts; nothing is served here

    monkeypatch.setattr(QuizServer, "serve", quiet)
    code, out, _ = run(capsys, "serve", str(HOSTILE))
    assert code == 0 and FAMILY in out
    monkeypatch.setattr("quiz.cli.serve.serve_room", lambda *args: None)  # the room page: the same banner
    code, out, _ = run(capsys, "serve", str(HOSTILE), "--room", "hostile", "--host", "192.0.2.10")
    assert code == 0 and FAMILY in out and "Join code" in out


def test_room_export(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.room.totals import Room

    (home / "banks").mkdir(parents=True)
    shutil.copy(HOSTILE, home / "banks" / "hostile-output.yaml")
    bank = load_bank(HOSTILE)
    with Room("hostile", create=True) as room:
        room.bind(bank)
        for value in ("a", "b", "a", "b", "a", "=cmd\x1b]0;x\x07"):
            room.record("pick", None, value)
        for _ in range(2):
            room.record("claim", None, True)
    code, out, _ = run(capsys, "room", "export", "hostile")
    assert code == 0
    assert_no_formula(out, "room export")
    assert any(FAMILY in cell or "calc" in cell for row in csv.reader(io.StringIO(out)) for cell in row)
    target = tmp_path / f"{NAME}.csv"
    code, out, _ = run(capsys, "room", "export", "hostile", "-o", str(target))
    assert code == 0
    assert_no_formula(target.read_text(encoding="utf-8"), "room export -o")


def _save(tmp_path: Path, name: str, label: str) -> Path:
    bank = load_bank(HOSTILE)
    session = Session(bank, {"pick": "a", "claim": True})
    return save_session(session, tmp_path / name, label=label)


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_compare(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = _save(tmp_path, f"{NAME}1.json", "\x1b]0;label\x07 <img src=x onerror=alert(1)> \u202eme")
    two = _save(tmp_path, f"{NAME}2.json", "=cmd\x9b2J")
    code, out, _ = run(capsys, "compare", str(one), str(two), "--bank", str(HOSTILE), "--format", fmt)
    assert code == 0
    if fmt == "md":
        assert_no_live_markup(out, "compare md")


def test_forget_names_hostile_files_safely(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sessions = home / "sessions"
    sessions.mkdir(parents=True, mode=0o700)
    _save(sessions, f"{NAME}.json", "\x1b]0;label\x07")
    (sessions / f"{NAME}.txt").write_text("not a save", encoding="utf-8")
    code, out, _ = run(capsys, "forget", "--yes")
    assert code == 0 and "Removed 1 file" in out


def test_a_crafted_saves_bank_id_is_printed_inert(tmp_path: Path, home: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = _save(tmp_path, "crafted.json", "")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["bank"]["id"] = "\x1b]0;bank\x07\x1bc<img src=x onerror=alert(1)>\u202e"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "take", str(HOSTILE), "--plain", "--resume", str(path))
    assert code != 0 and "saved from the bank" in err


def test_migrate_change_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / f"{NAME}.yaml"
    shutil.copy(OLD_RULES, bank)
    code, out, err = run(capsys, "migrate", str(bank), "-o", str(tmp_path / "new.yaml"))
    assert code == 0 and err.count("\n") >= 1


def test_problem_rendering_is_one_inert_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / f"{NAME}.yaml"
    bad.write_text('quiz: 1\nid: "x\\e]0;t\\a\\u202e"\ntitle: "\\ec"\n', encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert all(line.startswith(one_line(str(bad))) or line[0].isdigit() for line in err.splitlines())


def test_room_database_cannot_smuggle_a_formula(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.room.totals import Room, room_path

    with Room("raw", create=True):
        pass
    db = sqlite3.connect(room_path("raw"))
    db.executescript("INSERT INTO meta VALUES ('bank', 'no-such-bank');"
                     "INSERT INTO answered VALUES ('=q\x1b]0;x\x07', 9);"
                     "INSERT INTO counts VALUES ('=q\x1b]0;x\x07', '@v', 9);")
    db.close()
    code, out, _ = run(capsys, "room", "export", "raw")
    assert code == 0
    assert_no_formula(out, "room export raw")
