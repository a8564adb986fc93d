"""Benchmark: complete answer sets scored per second on the largest shipped bank, and one load-and-check.

Run with `python bench/score.py [--bank FILE] [--sets N] [--runs N] [--seed N] [--profile] [--batch]`. It
prints figures and never fails on time; the target is at least 20,000 complete answer sets per second on
one core. The answer sets are generated before timing with a seeded `random.Random`, by walking the visible
questions the way a person would and answering every one of them.

With `--batch` it first measures `quiz score BANK --answers SETS.jsonl` end to end, JSON Lines in and
JSON Lines out, through the command's own code (read, check, score, write each set); the target is at
least 50,000 sets per second on one core for a GAD-7-sized bank (bench/banks/gad7.yaml). It prints
`batch: N sets/s` in process, then the command run once as a process, start-up included.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402

from quiz.bank.check import check_file  # noqa: E402
from quiz.bank.model import Bank, Question  # noqa: E402
from quiz.cli.score import write_rows  # noqa: E402
from quiz.engine.answers import normalize_one  # noqa: E402
from quiz.engine.batch import score_jsonl  # noqa: E402
from quiz.engine.scoring import Engine  # noqa: E402
from quiz.paths import shipped_banks  # noqa: E402

TARGET = 20_000
BATCH_TARGET = 50_000
FALLBACK = ROOT / "tests" / "data" / "valid" / "full.yaml"


def largest_bank() -> Path:
    """The shipped bank with the most questions, or the full fixture when none load."""
    best: tuple[int, Path] | None = None
    for path in shipped_banks():
        bank = check_file(path).bank
        if bank is not None and (best is None or len(bank.questions) > best[0]):
            best = (len(bank.questions), path)
    return best[1] if best else FALLBACK


def _value(rng: random.Random, q: Question) -> Any:
    if q.kind == "single":
        # An option that ends the bank (an age gate) would cut the set short; go through the bank.
        return rng.choice([o for o in q.options if not o.end] or q.options).value
    if q.kind == "multiple":
        plain = [o.value for o in q.options if not o.exclusive]
        hi = min(len(plain), q.max_choices if q.max_choices is not None else len(plain))
        if q.min_choices <= hi and (hi > 0 or len(plain) == len(q.options)):
            return rng.sample(plain, rng.randint(max(q.min_choices, 1 if hi else 0), hi))
        return [rng.choice([o.value for o in q.options if o.exclusive])]
    if q.kind == "scale":
        return rng.choice(q.choices())[0]
    if q.kind == "statement":
        return rng.random() < 0.5
    return "some words"


def complete_answer_set(engine: Engine, rng: random.Random) -> dict[str, Any]:
    """Answer every visible question, in order, with a valid random value."""
    answers: dict[str, Any] = {}
    done: set[str] = set()
    while True:
        pending = [q for q in engine.visible(answers) if q.id not in done]
        if not pending:
            return answers
        q = pending[0]
        done.add(q.id)
        value, message, _hint = normalize_one(q, _value(rng, q))
        if value is None:
            raise SystemExit(f"bench: could not build an answer for {q.id}: {message}")
        answers[q.id] = value


def time_scoring(engine: Engine, sets: list[dict[str, Any]], runs: int) -> list[float]:
    """Answer sets per second of this process's CPU time (one core) for each run over every set.

    CPU time rather than wall time, so that other work on a shared machine does not count against us.
    """
    rates = []
    score = engine.score
    for _ in range(runs):
        start = time.process_time()
        for answers in sets:
            score(answers)
        rates.append(len(sets) / (time.process_time() - start))
    return rates


def time_check(path: Path, runs: int) -> list[float]:
    """Seconds to load the bank once as every command does: read, parse, schema-check, semantic-check
    and build it (check_file; one path for every bank)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        result = check_file(path)
        times.append(time.process_time() - start)
        assert result.bank is not None
    return times


def jsonl(sets: list[dict[str, Any]]) -> bytes:
    """The answer sets as a JSON Lines file (a checklist's answer as a list)."""
    return b"".join(msgspec.json.encode({k: list(v) if isinstance(v, tuple) else v for k, v in a.items()})
                    + b"\n" for a in sets)


def time_batch(bank: Bank, data: bytes, runs: int) -> list[float]:
    """Sets per second of CPU time through `quiz score`'s batch path: JSON Lines read from memory,
    every set checked and scored, every row written as JSON Lines to memory."""
    rates = []
    for _ in range(runs):
        out = io.BytesIO()
        start = time.process_time()
        total, bad = write_rows(bank, score_jsonl(bank, io.BytesIO(data), "sets.jsonl"), out, "jsonl")
        rates.append(total / (time.process_time() - start))
        if bad:
            raise SystemExit(f"bench: {bad} generated answer sets were refused")
    return rates


def time_command(path: Path, data: bytes, copies: int) -> tuple[int, float, float]:
    """(sets, CPU seconds, wall seconds) of one `quiz score PATH --answers SETS.jsonl` process, start-up
    and bank loading included, its output thrown away."""
    with tempfile.TemporaryDirectory() as tmp:
        sets_file = Path(tmp) / "sets.jsonl"
        sets_file.write_bytes(data * copies)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-m", "quiz", "score", str(path), "--answers", str(sets_file)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"bench: quiz score failed: {proc.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return data.count(b"\n") * copies, cpu, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, help="a bank file (default: the largest shipped bank)")
    parser.add_argument("--sets", type=int, default=2000, help="answer sets to pre-generate")
    parser.add_argument("--runs", type=int, default=7, help="timed passes over the sets")
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one scoring pass")
    parser.add_argument("--batch", action="store_true",
                        help="also time `quiz score` on a JSON Lines file of the sets (JSON Lines out)")
    args = parser.parse_args(argv)

    path: Path = args.bank or largest_bank()
    result = check_file(path)
    if result.bank is None:
        print("\n".join(p.render() for p in result.problems), file=sys.stderr)
        return 1
    bank: Bank = result.bank
    engine = Engine(bank)
    rng = random.Random(args.seed)
    sets = [complete_answer_set(engine, rng) for _ in range(args.sets)]
    assert all(engine.score(a).complete for a in sets[:50])
    mean_answers = statistics.fmean(len(a) for a in sets)

    print(f"bank: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
          f"({len(bank.questions)} questions, {len(bank.dimensions)} dimensions, "
          f"{len(bank.suggestions)} suggestions)")
    print(f"answer sets: {len(sets):,} complete, {mean_answers:.1f} answers each on average "
          f"(seed {args.seed})", flush=True)

    if args.batch:
        data = jsonl(sets)
        time_batch(bank, jsonl(sets[:200]), 1)  # warm up
        rates = time_batch(bank, data, args.runs)
        median = statistics.median(rates)
        if len(bank.questions) <= 10:
            verdict = ("meets" if median >= BATCH_TARGET else "is below") + f" the target of {BATCH_TARGET:,}/s"
        else:
            verdict = f"the target of {BATCH_TARGET:,}/s is for a GAD-7-sized bank (bench/banks/gad7.yaml)"
        print(f"batch: {median:,.0f} sets/s, JSON Lines in and out through quiz score's batch path, one "
              f"core (median of {args.runs}; best {max(rates):,.0f}); {verdict}", flush=True)
        # About three seconds of scoring, at most 100,000 sets: enough that start-up is a small share.
        n, cpu, wall = time_command(path, data, max(1, min(100_000, int(median * 3)) // len(sets)))
        print(f"  the command as a process on {n:,} sets, start-up included: {n / cpu:,.0f} sets/s of CPU "
              f"time ({cpu:.2f} s CPU, {wall:.2f} s wall)", flush=True)

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for answers in sets:
            engine.score(answers)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(20)
        print(buf.getvalue())

    # A fresh engine scoring each set once: nothing from earlier answer sets can be reused.
    cold = time_scoring(Engine(bank), sets, 1)[0]
    time_scoring(engine, sets[:200], 1)  # warm up
    rates = time_scoring(engine, sets, args.runs)
    best, median = max(rates), statistics.median(rates)
    verdict = "meets" if median >= TARGET else "is below"
    print(f"scoring: {median:,.0f} complete answer sets per second on one core (median of {args.runs}; "
          f"best {best:,.0f}); {verdict} the target of {TARGET:,}/s", flush=True)
    print(f"  that is {1e6 / median:.1f} microseconds per answer set; a fresh engine's first pass: "
          f"{cold:,.0f}/s", flush=True)

    checks = time_check(path, max(3, args.runs))
    print(f"load and check in full (check_file): {statistics.median(checks) * 1000:.1f} ms "
          f"(median of {len(checks)}; best {min(checks) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
