"""The room's light page in a real browser, with JavaScript off: Debian's headless Chromium walks from the
page to the results, and every page's layout is checked at phone size (390x844) and at desktop size
(1280x800): nothing wider than the window, no sideways scroll, tap targets at least 44 px high, Next
close under the last answer, a title. Layout is measured, never compared as pixels, so a new Chromium
or font does not turn this red. One walk, each page laid out at both sizes (a resize, no reload)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quiz.room.totals import Room

from .browser import CHROMIUM, FLAGS, WAIT_MS, playwright_api, serving

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
MIN_TARGET = 44
"""The least height of anything tapped: buttons, links styled as buttons, answers, fields (WCAG 2.5.5)."""
NEXT_GAP = 48
"""The most space between the last answer and the Next button below it, in CSS pixels."""

TAPPED = ("button, a.button, label.choice, textarea, "
          "input:not([type=hidden]):not([type=radio]):not([type=checkbox])")

LAYOUT = """([least, tapped]) => {
  const width = window.innerWidth;
  const outside = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.sr')) continue;  // not drawn, or for screen readers
    if (r.left < -0.5 || r.right > width + 0.5) {
      outside.push(`${el.tagName}.${el.className} ${r.left}..${r.right}`);
    }
  }
  const small = [];
  for (const el of document.querySelectorAll(tapped)) {
    const r = el.getBoundingClientRect();
    if (r.height < least) small.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${r.height}`);
  }
  const answers = document.querySelectorAll('form.step .choice, form.step textarea');
  const next = document.querySelector('form.step button.primary');
  const gap = answers.length && next
    ? next.getBoundingClientRect().top - answers[answers.length - 1].getBoundingClientRect().bottom : null;
  return {scrollWidth: document.scrollingElement.scrollWidth, width, outside, small, gap, title: document.title};
}"""


def check_layout(page: Any, where: str) -> None:
    """Assert the page fits its window and can be tapped, at each size."""
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        check_size(page, f"{size}: {where}")


def check_size(page: Any, where: str) -> None:
    """Assert the page fits the window's present size and can be tapped."""
    got = page.evaluate(LAYOUT, [MIN_TARGET, TAPPED])
    assert got["scrollWidth"] <= got["width"], f"{where}: scrolls sideways ({got['scrollWidth']} > {got['width']})"
    assert got["outside"] == [], f"{where}: outside the window: {got['outside'][:5]}"
    assert got["small"] == [], f"{where}: tap targets under {MIN_TARGET} px: {got['small']}"
    if got["gap"] is not None:
        assert 0 <= got["gap"] <= NEXT_GAP, f"{where}: Next is {got['gap']} px below the last answer"
    assert got["title"] and "Every feature" in got["title"], where


def walk(page: Any, base: str) -> None:
    """From the page to the results, checking every page on the way."""

    def press(name: str, where: str) -> None:
        with page.expect_navigation(timeout=WAIT_MS):
            page.get_by_role("button", name=name, exact=True).click()
        check_layout(page, where)

    page.goto(base + "/", timeout=WAIT_MS)
    check_layout(page, "intro")
    press("Start", "first question")
    assert page.get_by_role("group", name="Are you 18 or older?").is_visible()
    page.get_by_label("Yes, 18 or older").check()
    press("Next", "scale question")
    page.get_by_label("Always").check()
    press("Next", "scale with prefer not to say")
    press("Prefer not to say", "content note")
    assert "The next questions mention pain." in page.inner_text("main")
    press("Continue", "checklist")
    page.get_by_label("Pain").check()
    press("Next", "single choice")
    page.get_by_label("Yes").check()
    press("Next", "statement")
    page.get_by_label("False").check()
    press("Next", "reveal")
    assert "Right." in page.inner_text("main")
    press("Continue", "free text")
    page.get_by_role("textbox", name="Anything else?").fill("nothing to add")
    press("Next", "review")
    press("See results", "results")
    main = page.inner_text("main")
    assert main.index("In short") < main.index("See a doctor") and "Results" in page.title()


@pytest.mark.allow_network
def test_room_page_fits_a_phone_and_a_desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sync_api = playwright_api()
    with serving(tmp_path, FULL, "--room", "browser") as (port, env), sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            java_script_enabled=False)  # the page works with no script at all
        page = context.pages[0] if context.pages else context.new_page()
        walk(page, f"http://127.0.0.1:{port}")
        context.close()
    monkeypatch.setenv("XDG_DATA_HOME", env["XDG_DATA_HOME"])
    with Room("browser") as room:
        assert room.all_totals()["age"] == (1, {"adult": 1})
