"""Startup, answer latency and memory of the Textual app, beside a minimal Textual app, in one run.

Each program runs in a pseudo-terminal (80x24) exactly as a person would start it; the bench reads
what it draws and sends keys. It prints:

- process start to the first screen drawn, and to the first question drawn, for `quiz take
  myths-facts` (a shipped bank, as a new user starts one) and `quiz take tests/data/valid/full.yaml`
  (a bank of one's own, checked in full), with enter pressed as soon as the app's input guard lets it
  act (quiz.ui.guard.GUARD_SECONDS after the intro appears; every key the bench sends waits out the
  guard after the screen it answers was drawn, as a key inside it would be ignored); beside
  process start to a minimal Textual app's one line, each quiz start paired with a minimal start
  right before or after it (target: the first screen at most 1.5 times);
- the median time from an answer key press to the next question drawn (target: under 50 ms), and for
  the shipped myths-facts bank, from answering a statement to its reveal and from there to the next;
- peak memory (ru_maxrss) of both programs.

Run: python bench/startup.py [--runs N]. It prints figures and asserts nothing about time.
"""

from __future__ import annotations

import argparse
import atexit
import codecs
import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from quiz.ui.guard import GUARD_SECONDS  # noqa: E402  (the bench runs from a checkout)

GUARD_WAIT = GUARD_SECONDS + 0.05
"""How long after a screen appears the bench waits before a key: the guard, and a little more."""
FULL = ROOT / "tests" / "data" / "valid" / "full.yaml"
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")
QUIT = b"\x11"  # ctrl+q

MINIMAL = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("minimal app ready")

    Minimal().run()
""")


def long_bank(count: int = 40) -> str:
    """A bank of `count` scale questions in one section without a note: answer after answer."""
    lines = ["quiz: 1", "id: bench-long", "title: Bench", 'version: "1.0.0"',
             "disclaimer: A benchmark bank, not a diagnosis.",
             "scales:", "  s4:", "    title: How often", "    options:"]
    lines += [f"      - {{value: {v}, label: Point {v}}}" for v in range(4)]
    lines += ["sections:", "  - id: all", "    title: All", "    questions:"]
    for i in range(1, count + 1):
        lines += [f"      - id: q{i}", "        kind: scale", "        scale: s4",
                  f"        text: Item {i:02d} of the benchmark"]
    return "\n".join(lines) + "\n"


_STARTED: list[subprocess.Popen[bytes]] = []


@atexit.register
def _stop_leftovers() -> None:
    """A failed run must not leave a program behind (one reading a closed terminal may spin)."""
    for proc in _STARTED:
        if proc.poll() is None:
            proc.kill()


class Term:
    """A program running in a pseudo-terminal, with what it has drawn so far as plain text."""

    def __init__(self, argv: list[str], cols: int = 80, rows: int = 24) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        env.pop("TEXTUAL", None)
        # Let both programs cache compiled modules, as an installed package does; the warm-up runs
        # write the caches, so neither pays for compiling on the measured runs.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=ROOT, start_new_session=True, close_fds=True)
        _STARTED.append(self.proc)
        os.close(slave)
        self.raw = b""
        self.text = ""
        self.mark = 0
        self.seen_at = 0.0
        """When the last awaited text appeared (the guard runs from about then)."""
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self._held = ""
        """The end of the output after its last escape character, held while it may be incomplete."""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.raw += chunk
        # Strip escape sequences from the new output only (the whole output would cost more each read).
        new = self._held + self._decode(chunk)
        cut = new.rfind("\x1b")
        if cut != -1 and ANSI.match(new, cut) is None and len(new) - cut < 64:
            new, self._held = new[:cut], new[cut:]
        else:
            self._held = ""
        self.text += ANSI.sub("", new)
        return bool(chunk)

    def wait_for(self, needle: str, timeout: float = 20.0) -> float:
        """Seconds since process start when `needle` first appears after the last mark."""
        deadline = time.perf_counter() + timeout
        while needle not in self.text[self.mark:]:
            if time.perf_counter() > deadline:
                tail = self.text[-400:]
                raise TimeoutError(f"{needle!r} did not appear; last output: {tail!r}")
            self._read(0.05)
        self.mark = self.text.index(needle, self.mark) + len(needle)
        self.seen_at = time.perf_counter()
        return self.seen_at - self.start

    def send(self, keys: bytes) -> float:
        """Send keys once the input guard of the screen last seen has passed; returns the time they
        were sent."""
        wait = self.seen_at + GUARD_WAIT - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        self.mark = len(self.text)
        os.write(self.master, keys)
        return time.perf_counter()

    def finish(self) -> tuple[int, float]:
        """Quick-exit the program; returns (exit status, peak memory in MiB)."""
        os.write(self.master, QUIT)
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                os.close(self.master)
                # ru_maxrss is KiB on Linux, bytes on macOS.
                scale = 1024 * 1024 if sys.platform == "darwin" else 1024
                return self.proc.returncode, usage.ru_maxrss / scale
            self._read(0.05)
        self.proc.kill()
        raise TimeoutError("the program did not exit on ctrl+q")


def quiz_argv(bank: Path) -> list[str]:
    return [sys.executable, "-m", "quiz", "take", str(bank)]


SHIPPED = "myths-facts"
"""A shipped bank, opened by id as a person would; it loads through the same path as any other bank."""


def run_quiz(bank: str | Path = FULL, first_question: str = "Are you 18 or older?",
             ) -> tuple[float, float, float]:
    """(seconds to the intro drawn, seconds to the first question drawn, peak MiB).

    Enter is pressed once the input guard after the intro has passed. Neither bank's first section has a content note,
    so the first question comes next (a section's intro alone is shown above its first question).
    """
    term = Term([sys.executable, "-m", "quiz", "take", str(bank)])
    intro = term.wait_for("What this is")
    term.send(b"\r")
    first = term.wait_for(first_question)
    _status, peak = term.finish()
    return intro, first, peak


def run_shipped() -> tuple[float, float, float]:
    """The same for the shipped myths-facts bank."""
    return run_quiz(SHIPPED, "How old are you?")


CORE = textwrap.dedent("""
    import sys
    from quiz.cli import build_parser
    args = build_parser(only="take").parse_args(["take", sys.argv[1]])
    from quiz.cli.take import _bank
    _bank(args.bank)
""")


def run_plain(code: str, *argv: str) -> float:
    """Seconds for a Python process to run `code` and exit (no terminal, nothing drawn)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *argv], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def run_minimal() -> tuple[float, float]:
    """(seconds to the minimal app's line drawn, peak MiB)."""
    term = Term([sys.executable, "-c", MINIMAL])
    ready = term.wait_for("minimal app ready")
    _status, peak = term.finish()
    return ready, peak


def answer_latencies(bank: Path, count: int) -> list[float]:
    """Seconds from an answer key press to the next question's text drawn, for each answer."""
    term = Term(quiz_argv(bank))
    term.wait_for("What this is")
    term.send(b"\r")
    term.wait_for("Item 01 of")
    out = []
    for i in range(2, count + 1):
        sent = term.send(b"1")
        term.wait_for(f"Item {i:02d} of")
        out.append(time.perf_counter() - sent)
    term.finish()
    return out


def reveal_latencies(runs: int = 4, statements: int = 4) -> tuple[list[float], list[float]]:
    """myths-facts: seconds from answering a statement to its reveal drawn, and from the reveal's enter to
    the next statement drawn (after a second of reading, as a person would take); the first section of
    statements has four. In an 80x40 terminal, where each of their reveals fits: a reveal taller than
    the screen takes enter to scroll to its end before enter goes on."""
    to_reveal, to_next = [], []
    for _ in range(runs):
        term = Term([sys.executable, "-m", "quiz", "take", SHIPPED], rows=40)
        term.wait_for("What this is")
        term.send(b"\r")
        term.wait_for("How old are you?")
        term.send(b"1")
        term.wait_for("Content note")
        time.sleep(1.2)
        term.send(b"\r")
        term.wait_for("Statement 1 of")
        for n in range(2, 2 + statements):
            sent = term.send(b"2")
            term.wait_for("This statement is")
            to_reveal.append(time.perf_counter() - sent)
            sent = term.send(b"\r")
            term.wait_for(f"Statement {n} of")
            to_next.append(time.perf_counter() - sent)
        term.finish()
    return to_reveal, to_next


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="start-ups of each program (default 15)")
    parser.add_argument("--answers", type=int, default=40, help="questions in the latency bank")
    args = parser.parse_args()

    minis, mini_mem, quiz_mem, bare, core, s_core = [], [], [], [], [], []
    s_intros, s_firsts, s_ratios, f_intros, f_firsts, f_ratios = [], [], [], [], [], []
    s_iratios: list[float] = []
    f_iratios: list[float] = []
    run_minimal()  # warm the file cache for all, so none pays for the first read from disk
    run_quiz()
    run_shipped()
    for i in range(args.runs):
        # Each quiz start-up is paired with a minimal app started right before or after it (alternating),
        # so a slow moment of the machine weighs on both sides of the ratio.
        for runner, intros, firsts, ratios, iratios in (
                (run_shipped, s_intros, s_firsts, s_ratios, s_iratios),
                (run_quiz, f_intros, f_firsts, f_ratios, f_iratios)):
            if i % 2:
                intro, first, mem = runner()
                ready, mmem = run_minimal()
            else:
                ready, mmem = run_minimal()
                intro, first, mem = runner()
            minis.append(ready)
            mini_mem.append(mmem)
            quiz_mem.append(mem)
            intros.append(intro)
            firsts.append(first)
            ratios.append(first / ready)
            iratios.append(intro / ready)
        bare.append(run_plain("pass"))
        core.append(run_plain(CORE, str(FULL)))
        s_core.append(run_plain(CORE, SHIPPED))

    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "long.yaml"
        bank.write_text(long_bank(args.answers), encoding="utf-8")
        latencies = answer_latencies(bank, args.answers)
    to_reveal, to_next = reveal_latencies()

    med = statistics.median
    mini = med(minis)
    print(f"startup, {args.runs} paired runs in an 80x24 pseudo-terminal (medians; ratios are medians of "
          "the paired ratios, each quiz start beside a minimal start right before or after it):")
    print(f"  minimal Textual app, one line drawn                       {mini * 1000:5.0f} ms")
    print(f"  quiz take {SHIPPED} (shipped bank): first screen (its intro, with the bank's title) "
          f"{med(s_intros) * 1000:5.0f} ms = {med(s_iratios):.2f}x (target at most 1.5x)")
    print(f"  quiz take full.yaml (a bank of your own): first screen     {med(f_intros) * 1000:5.0f} ms"
          f" = {med(f_iratios):.2f}x (target at most 1.5x)")
    print(f"  with enter pressed once the input guard ({GUARD_SECONDS * 1000:.0f} ms) after the intro has "
          f"passed, the first question: shipped "
          f"{med(s_firsts) * 1000:.0f} ms ({med(s_ratios):.2f}x), full.yaml {med(f_firsts) * 1000:.0f} ms "
          f"({med(f_ratios):.2f}x)")
    base = med(bare)
    print(f"  core before any UI (argument parsing and loading the bank, no Textual): "
          f"shipped {(med(s_core) - base) * 1000:.0f} ms, full.yaml {(med(core) - base) * 1000:.0f} ms")
    print(f"answer key press to the next question drawn, {len(latencies)} answers:")
    print(f"  median {med(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms (target: under 50 ms)")
    print(f"{SHIPPED}: a statement answered to its reveal drawn, median {med(to_reveal) * 1000:.1f} ms "
          f"(max {max(to_reveal) * 1000:.1f}); the reveal's enter to the next statement, median "
          f"{med(to_next) * 1000:.1f} ms (max {max(to_next) * 1000:.1f})")
    print("peak memory (ru_maxrss):")
    print(f"  minimal Textual app {max(mini_mem):6.1f} MiB")
    print(f"  quiz                {max(quiz_mem):6.1f} MiB = {max(quiz_mem) / max(mini_mem):.2f}x "
          "(target at most 1.4x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
