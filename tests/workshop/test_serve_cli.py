"""`quiz serve` pieces that need no browser: loopback default, the notice, a page with no third parties."""

from __future__ import annotations

import html
import re
import shlex
import sys
from pathlib import Path

import jinja2
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


TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def test_served_page_fits_a_phone_and_has_the_bank_title(tmp_path: Path) -> None:
    page = (private_templates(tmp_path, "Myths & facts") / "app_index.html").read_text()
    head = page.split("</head>")[0]
    assert re.search(r"""<meta\s+name="viewport"\s+content="width=device-width,\s*initial-scale=1"\s*/?>""", head)
    assert TITLE.findall(head) == ["Myths &amp; facts"]


def test_a_hostile_title_is_inert_in_the_served_page(tmp_path: Path) -> None:
    hostile = "</title><script>alert(1)</script>{{ config }}{% if 1 %}x{% endif %}\x1b]0;pwned\x07\u202e"
    folder = private_templates(tmp_path, hostile)
    written = (folder / "app_index.html").read_text()
    assert "<script>alert" not in written and "\x1b" not in written and "\u202e" not in written
    # The page is a template the server renders: the title must come out of that as plain text too.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder))
    page = env.get_template("app_index.html").render(
        font_size=16, app_websocket_url="ws://127.0.0.1:8000/ws", config={"static": {"url": "/static/"}},
        application={"name": "the bank"})
    titles = TITLE.findall(page)
    assert len(titles) == 1 and "<" not in titles[0] and "\x1b" not in titles[0]
    assert html.unescape(titles[0]).startswith("</title><script>alert(1)</script>{{ config }}{% if 1 %}x")


def test_participant_command_runs_this_python_on_the_bank() -> None:
    cmd = shlex.split(participant_command(FULL))
    assert cmd == [sys.executable, "-m", "quiz", "take", str(FULL.resolve())]


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
