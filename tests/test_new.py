"""`quiz new` writes a bank that passes `quiz validate` and `quiz test` as written, and never clobbers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from quiz.bank.check import check_file
from quiz.bank.model import KINDS
from quiz.cli import main
from quiz.cli.new import bank_id, render, target_path, title_from
from quiz.paths import schema_path


@pytest.fixture()
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_bank_passes_validate_and_test(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "sleep-check"]) == 0
    out = capsys.readouterr().out
    path = in_tmp / "sleep-check.yaml"
    assert path.is_file()
    for step in ("quiz validate sleep-check.yaml", "quiz test sleep-check.yaml", "quiz guide"):
        assert step in out
    assert main(["validate", str(path)]) == 0
    capsys.readouterr()
    assert main(["test", str(path)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "FAIL" not in out
    # Its examples cover every suggestion and band, so the author starts from a fully tested bank.
    m = re.search(r"coverage: examples cover (\d+) of (\d+) suggestions and (\d+) of (\d+) bands", out)
    assert m and m[1] == m[2] and m[3] == m[4], out


def test_new_bank_shows_every_part(in_tmp: Path) -> None:
    assert main(["new", "sleep-check"]) == 0
    bank = check_file(in_tmp / "sleep-check.yaml").bank
    assert bank is not None
    assert bank.id == "sleep-check"
    assert {q.kind for q in bank.questions} == set(KINDS)
    assert any(d.bands for d in bank.dimensions)
    assert any(d.min_answered > 1 for d in bank.dimensions)
    assert any(q.reverse for q in bank.questions)
    assert any(s.kind == "safety" for s in bank.suggestions)
    assert bank.examples
    assert any(dict(e.expect.bands).get("strain") == "incomplete" for e in bank.examples)


def test_modeline_points_at_the_installed_schema(in_tmp: Path) -> None:
    assert main(["new", "x"]) == 0
    first = (in_tmp / "x.yaml").read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, first
    uri = urlparse(m[1])
    assert uri.scheme == "file"
    assert Path(unquote(uri.path)) == schema_path().resolve()


def test_refuses_to_overwrite(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = in_tmp / "mine.yaml"
    path.write_text("my work\n", encoding="utf-8")
    assert main(["new", "mine"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "my work\n"
    assert main(["new", "mine.yaml", "--force"]) == 0
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    assert [p.name for p in in_tmp.iterdir()] == ["mine.yaml"]  # no temporary file left behind


def test_missing_folder_is_a_usage_error(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "no/such/folder/bank"]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_title_with_yaml_syntax_stays_text(in_tmp: Path) -> None:
    title = 'Sleep: "a check" # for \\ adults'
    assert main(["new", "odd", "--title", title]) == 0
    bank = check_file(in_tmp / "odd.yaml").bank
    assert bank is not None and bank.title == title


@pytest.mark.parametrize(("name", "file", "ident"), [
    ("sleep-check", "sleep-check.yaml", "sleep-check"),
    ("Sleep Habits", "sleep-habits.yaml", "sleep-habits"),  # the file is named from the id
    ("Sleep Check.yml", "Sleep Check.yml", "sleep-check"),  # a file name given is kept
    ("2026_Survey!", "survey.yaml", "survey"),
    ("___", "my-bank.yaml", "my-bank"),
    ("a" * 80, "a" * 64 + ".yaml", "a" * 64),
    ("Sleep habits of adults who work nights, weekends and public holidays",  # cut at a whole word
     "sleep-habits-of-adults-who-work-nights-weekends-and-public.yaml",
     "sleep-habits-of-adults-who-work-nights-weekends-and-public"),
])
def test_file_and_id_from_name(name: str, file: str, ident: str) -> None:
    path = target_path(name)
    assert path.name == file
    assert bank_id(path.stem) == ident
    assert re.fullmatch(r"[a-z][a-z0-9_-]*", ident)


def test_a_title_as_name_names_the_file_from_the_id(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Sleep Habits"]) == 0
    assert "Wrote sleep-habits.yaml" in capsys.readouterr().out
    assert [p.name for p in in_tmp.iterdir()] == ["sleep-habits.yaml"]
    bank = check_file(in_tmp / "sleep-habits.yaml").bank
    assert bank is not None and (bank.id, bank.title) == ("sleep-habits", "Sleep Habits")
    assert main(["new", "banks-of-mine", "--title", "Grown-ups' sleep"]) == 0
    bank = check_file(in_tmp / "banks-of-mine.yaml").bank
    assert bank is not None and bank.title == "Grown-ups' sleep"


TRAILING = re.compile(r"^(\s*[^\s#].*?\S)( {2,})# ")


def trailing_comment_columns(text: str) -> list[list[int]]:
    """For each paragraph, the column of every comment after YAML on a line (two spaces or more after it)."""
    paragraphs: list[list[int]] = [[]]
    for line in text.splitlines():
        if not line.strip():
            paragraphs.append([])
        elif m := TRAILING.match(line):
            paragraphs[-1].append(m.end(2))
    return [p for p in paragraphs if p]


@pytest.mark.parametrize("name", ["S", "Sleep Habits", "x" * 30, "the sleep habits of adults who work nights " * 2])
def test_trailing_comments_stay_aligned_whatever_the_name(name: str) -> None:
    text = render(target_path(name), title_from(name), dt.date(2026, 1, 2))
    columns = trailing_comment_columns(text)
    assert sum(len(p) for p in columns) == 8  # every comment the template puts after a value
    for paragraph in columns:
        assert len(set(paragraph)) == 1, paragraph
