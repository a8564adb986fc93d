"""`quiz preview --watch`: reloads on save, lists problems of a broken file, recovers when fixed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from quiz.ui.intro import IntroScreen
from quiz.ui.preview import PreviewApp
from quiz.ui.problems import ProblemsScreen

from .ui_helpers import PatientClock

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # coarse clocks still see it


async def wait_reload(app: PreviewApp, pilot: Pilot[Any], before: int) -> None:
    """Wait until the watcher's own timer has noticed the save and reloaded.

    Each pause lets the app run until it is idle (at least one of Textual's 20 ms steps), so the
    tries are bounded in time as well as in number.
    """
    for _ in range(500):
        await pilot.pause()
        if app.reloads > before:
            await pilot.pause()
            return
    raise AssertionError("the preview did not reload")


async def test_broken_then_fixed(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    shutil.copy(FULL, bank)
    good = bank.read_text(encoding="utf-8")
    app = PreviewApp(bank, interval=0.05, clock=PatientClock())
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, IntroScreen)
        save(bank, good.replace("kind: scale", "kind: scael", 1))
        await wait_reload(app, pilot, 0)
        assert isinstance(app.screen, ProblemsScreen)
        text = str(app.screen.query_one("#problems-list").render())
        assert f"{bank}:" in text and "scael" in text and "did you mean `scale`?" in text
        save(bank, "id: [unclosed\n")
        await wait_reload(app, pilot, 1)
        assert isinstance(app.screen, ProblemsScreen)
        assert "YAML syntax error" in str(app.screen.query_one("#problems-list").render())
        bank.unlink()
        await wait_reload(app, pilot, 2)
        assert "cannot read" in str(app.screen.query_one("#problems-list").render())
        save(bank, good)
        await wait_reload(app, pilot, 3)
        assert isinstance(app.screen, IntroScreen)


async def test_answers_carry_over_a_reload(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    shutil.copy(FULL, bank)
    good = bank.read_text(encoding="utf-8")
    app = PreviewApp(bank, interval=0.05, clock=PatientClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1")  # start, then age: adult
        save(bank, good.replace("How often does this worry you?", "How often does this trouble you?"))
        await wait_reload(app, pilot, 0)
        assert app.session is not None
        assert app.session.answers == {"age": "adult"}
        current = app.session.current()
        assert current is not None and current.text == "How often does this trouble you?"


async def test_starts_on_a_broken_file(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text("quiz: 1\nid: Bad Id\n", encoding="utf-8")
    app = PreviewApp(bank, interval=0.05, clock=PatientClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        save(bank, FULL.read_text(encoding="utf-8"))
        await wait_reload(app, pilot, 0)
        assert isinstance(app.screen, IntroScreen)


async def test_without_watch_the_hint_does_not_promise_a_reload(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(FULL.read_text(encoding="utf-8").replace("kind: scale", "kind: scael", 1),
                    encoding="utf-8")
    for watch, promised in ((False, False), (True, True)):
        app = PreviewApp(bank, watch=watch, interval=0.05, clock=PatientClock())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ProblemsScreen)
            hint = str(app.screen.query_one("#problems-hint").render())
            assert ("reloads by itself" in hint) is promised
            assert ("open the preview again" in hint) is not promised


async def test_quiz_preview_watches_unless_told_not_to(tmp_path: Path) -> None:
    """`quiz preview BANK`, no option: it says it reloads by itself, and it does."""
    from quiz.cli import build_parser
    from quiz.cli.preview import make_app

    bank = tmp_path / "bank.yaml"
    good = FULL.read_text(encoding="utf-8")
    bank.write_text(good.replace("kind: scale", "kind: scael", 1), encoding="utf-8")
    parser = build_parser(only="preview")
    assert parser.parse_args(["preview", str(bank), "--no-watch"]).watch is False
    app = make_app(parser.parse_args(["preview", str(bank)]))
    assert isinstance(app, PreviewApp) and app.watching
    app.interval = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "reloads by itself" in str(app.screen.query_one("#problems-hint").render())
        save(bank, good)
        await wait_reload(app, pilot, 0)
        assert isinstance(app.screen, IntroScreen)


async def test_a_reload_names_the_answers_it_drops_and_stays_on_the_question(
        tmp_path: Path, notes: list[str]) -> None:
    """A question renamed, then an option value gone: each dropped answer is named in `--resume`'s
    words, and the author stays on the question they were on."""
    bank = tmp_path / "bank.yaml"
    good = FULL.read_text(encoding="utf-8")
    bank.write_text(good, encoding="utf-8")
    app = PreviewApp(bank, interval=0.05, clock=PatientClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "3")  # start; adult; worry: Often; now on `calm`
        assert app.session is not None and app.session.answers == {"age": "adult", "worry": 2}
        renamed = good.replace("id: worry", "id: fret").replace("'worry >= 1'", "'fret >= 1'") \
            .replace("worry: 3", "fret: 3")
        save(bank, renamed)
        await wait_reload(app, pilot, 0)
        assert app.session is not None and app.session.answers == {"age": "adult"}
        current = app.session.current()
        assert current is not None and current.id == "calm"
        said = notes[-1]
        assert "Reloaded: the bank checks clean." in said
        assert "1 answer no longer fits and was left out; 1 kept:" in said
        assert "- `worry` (\u201cHow often does this worry you?\u201d): the question is no longer in the bank" in said
        assert "How often do you feel calm about it?" in str(app.screen.query_one("#head").render())

        save(bank, renamed.replace("value: adult", "value: grown-up").replace("age: adult", "age: grown-up"))
        await wait_reload(app, pilot, 1)
        assert app.session is not None and app.session.answers == {}
        current = app.session.current()
        assert current is not None and current.id == "calm"
        assert "- `age` (\u201cAre you 18 or older?\u201d): the answer no longer fits" in notes[-1]
