"""`quiz serve` pieces that need no browser: loopback default, the notice, a page with no third parties."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from quiz.cli import build_parser
from quiz.cli.serve import is_loopback, participant_command, private_templates

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"


def test_loopback_is_the_default() -> None:
    args = build_parser().parse_args(["serve", "myths-facts"])
    assert args.host == "127.0.0.1" and is_loopback(args.host)
    assert is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")


def test_served_page_loads_nothing_from_other_sites(tmp_path: Path) -> None:
    page = (private_templates(tmp_path) / "app_index.html").read_text()
    urls = re.findall(r"""(?:href|src)\s*=\s*["'](https?://[^"']+)""", page)
    assert urls == []
    assert "googleapis" not in page


def test_participant_command_runs_this_python_on_the_bank() -> None:
    cmd = shlex.split(participant_command(FULL, "class"))
    assert cmd[:4] == [sys.executable, "-m", "quiz", "take"]
    assert cmd[4] == str(FULL.resolve()) and cmd[-2:] == ["--room", "class"]
    assert "--room" not in shlex.split(participant_command(FULL, None))


@pytest.mark.parametrize("argv, message", [
    (["serve", "no-such-bank"], "no bank named"),
    (["serve", str(FULL), "--port", "70000"], "--port must be between"),
    (["serve", str(FULL), "--room", "Bad Name"], "not a usable room name"),
])
def test_serve_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(argv) == 2
    assert message in capsys.readouterr().err
