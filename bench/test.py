"""Benchmark: how `quiz test`'s time grows with the size of a bank.

Run with `python bench/test.py [--sizes 100,500,1000,2000] [--profile N]`. It writes generated banks
(tests/reach_bank.py, the same generator a test uses to check the growth by a work counter), runs
`quiz test --quiet` on each in this process, and prints each time as soon as it has it, then the growth
from the smallest to the largest. It never fails on time; the targets are: 8x the questions take at most
12x the time, and 2,000 questions take under 10 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.cli import main  # noqa: E402
from tests import reach_bank  # noqa: E402


def run_once(path: Path) -> tuple[float, int, str]:
    """Seconds for one `quiz test --quiet`, its exit code, and what it printed."""
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["test", "--quiet", str(path)])
    return time.perf_counter() - start, code, out.getvalue()


def main_(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,500,1000,2000", help="question counts, comma-separated")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="profile the run of N questions")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = reach_bank.write(Path(tmp), n)
            if args.profile == n:
                prof = cProfile.Profile()
                prof.enable()
            seconds, code, text = run_once(path)
            if args.profile == n:
                prof.disable()
                pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
            times[n] = seconds
            verdict = "pass" if code == 0 else f"exit {code}"
            print(f"quiz test, {n:>5} questions: {seconds:7.2f} s ({verdict})", flush=True)
            if code != 0:
                print(text[-3000:], flush=True)
    lo, hi = min(times), max(times)
    if hi > lo:
        ratio = times[hi] / times[lo]
        print(f"growth: {hi // lo}x the questions took {ratio:.1f}x the time "
              f"(target: {hi // lo}x at most {1.5 * hi / lo:.0f}x)", flush=True)
    for a, b in zip(sizes, sizes[1:], strict=False):
        print(f"  {a} -> {b}: {times[b] / times[a]:.2f}x the time for {b / a:.1f}x the questions", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main_())
