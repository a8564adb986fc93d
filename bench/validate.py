"""Benchmark: `quiz validate` on a generated 2,000-question bank beside `check-jsonschema`.

Run with `python bench/validate.py [--runs N] [--questions N] [--profile]`. It prints figures and
never fails on time: the target is for `quiz validate` (schema, semantic checks and positions) to
take at most a third of the time `check-jsonschema` takes for the schema alone on the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "bank.schema.json"
TARGET = 1 / 3

SCALES = {
    "agree5": [(0, "Not at all"), (1, "A little"), (2, "Somewhat"), (3, "Mostly"),
               (4, "Completely")],
    "often4": [(0, "Never"), (1, "Sometimes"), (2, "Often"), (3, "Always")],
    "twopoint": [(0, "No"), (1, "Yes")],
}
KINDS = ("single", "scale", "multiple", "statement", "scale", "single", "text", "scale")
WORDS = ("calm", "worry", "body", "partner", "desire", "comfort", "time", "stress", "sleep", "talk",
         "touch", "pain", "mood", "energy", "trust", "change", "habit", "focus", "rest", "plan")


def _prose(i: int, n: int) -> str:
    """Deterministic filler prose of about `n` words, so the file has a realistic size."""
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n)).capitalize() + "."


def generate(questions: int = 2000, per_section: int = 50, dimensions: int = 12) -> dict:
    """A sound bank: mixed kinds, shared scales, exact bands, conditions and suggestions."""
    dims = [f"dim-{d}" for d in range(dimensions)]
    # Every contribution starts at 0, so each dimension's range is 0 to the sum of its highs.
    highs = dict.fromkeys(dims, 0)
    sections: list[dict] = []
    kinds_by_id: dict[str, str] = {}
    for q in range(questions):
        if q % per_section == 0:
            s = q // per_section
            section: dict = {"id": f"s{s}", "title": f"Section {s}", "intro": _prose(s, 25),
                             "questions": []}
            if s % 5 == 4:
                section["content_note"] = _prose(s + 1, 12)
            if s and s % 3 == 0:
                section["show_if"] = f'answered(q{q - 1}) or q{q - per_section} != "o0"' \
                    if kinds_by_id.get(f"q{q - per_section}") == "single" else f"answered(q{q - 1})"
            sections.append(section)
        qid = f"q{q}"
        kind = KINDS[q % len(KINDS)]
        dim = dims[q % dimensions]
        item: dict = {"id": qid, "kind": kind, "text": _prose(q, 22), "help": _prose(q + 3, 14)}
        if kind == "single":
            n = 4
            item["options"] = [{"value": f"o{k}", "label": _prose(q + k, 5)} for k in range(n)]
            for k in range(1, n):
                item["options"][k]["scores"] = {dim: k}
            highs[dim] += n - 1
            if q % 16 == 0:
                item["prefer_not_to_say"] = True
        elif kind == "multiple":
            item["options"] = [{"value": f"o{k}", "label": _prose(q + k, 5), "scores": {dim: 1}}
                               for k in range(5)]
            item["options"].append({"value": "none", "label": "None of these", "exclusive": True})
            item["optional"] = True
            highs[dim] += 5
        elif kind == "scale":
            scale = ("agree5", "often4", "twopoint")[q % 3]
            item.update(scale=scale, dimension=dim)
            if q % 4 == 1:
                item["reverse"] = True
            highs[dim] += max(v for v, _ in SCALES[scale])
        elif kind == "statement":
            item.update(answer=bool(q % 2), dimension=dim, explanation=_prose(q, 30),
                        source=f"src-{q % 20}", discussion=_prose(q + 1, 10))
            highs[dim] += 1
        else:
            item.update(optional=True, max_length=2000)
        # Conditions on earlier questions only, of several forms.
        prev, prev_kind = f"q{q - 1}", kinds_by_id.get(f"q{q - 1}")
        if q % 7 == 3 and prev_kind == "scale":
            item["show_if"] = f"{prev} >= 1"
        elif q % 7 == 5 and prev_kind == "single":
            item["show_if"] = f'{prev} in ["o1", "o2"] and not skipped({prev})'
        elif q % 7 == 6 and prev_kind == "multiple":
            item["show_if"] = f'{prev} includes "o0" or count({prev}) >= 2'
        kinds_by_id[qid] = kind
        sections[-1]["questions"].append(item)
    dimension_list = []
    for d in dims:
        hi = highs[d]
        cut1, cut2 = hi // 3, 2 * hi // 3
        dimension_list.append({
            "id": d, "title": f"Dimension {d}", "description": _prose(len(d), 15),
            "hidden": 0,  # every item needed (the default); one hidden by show_if counts 0
            "bands": [
                {"id": "low", "label": "Low", "min": 0, "max": cut1, "text": _prose(1, 20)},
                {"id": "mid", "label": "Middle", "min": cut1 + 1, "max": cut2,
                 "text": _prose(2, 20)},
                {"id": "high", "label": "High", "min": cut2 + 1, "max": hi,
                 "text": _prose(3, 20)},
            ],
        })
    suggestions = []
    for i in range(120):
        d = dims[i % dimensions]
        kind = ("safety", "next-step", "reading")[i % 3]
        single = KINDS[(i * 10) % len(KINDS)] == "single"
        when = (f'band({d}) == "high"', f"score({d}) >= {i % 7 + 1}",
                f'band({d}) == "mid" and q{i * 10} != "o0"' if single
                else f"answered(q{i * 10})")[i % 3]
        s = {"id": f"sg-{i}", "kind": kind, "title": _prose(i, 4), "text": _prose(i, 40),
             "when": when, "because": _prose(i + 1, 12), "priority": i % 10}
        if kind == "reading":
            s["reading"] = [f"read-{i % 10}"]
        if kind == "safety":
            s["resources"] = [f"res-{i % 5}"]
        suggestions.append(s)
    return {
        "quiz": 1, "id": "bench", "title": "Generated benchmark bank", "version": "1.0.0",
        "language": "en",
        "description": _prose(0, 30), "minutes": 120, "audience": {"min_age": 18},
        "disclaimer": "Generated for benchmarking. Educational only, not a diagnosis.",
        "reviewed": "2026-11-01", "authors": ["bench"], "settings": {"reveal": "end"},
        "sources": [{"id": f"src-{i}", "title": _prose(i, 8), "author": "Author, A.",
                     "year": 2000 + i, "publisher": "Journal 1(2), 3-4",
                     "url": f"https://example.org/{i}"} for i in range(20)],
        "reading": [{"id": f"read-{i}", "title": _prose(i, 5), "organisation": "An organisation",
                     "note": _prose(i, 10)} for i in range(10)],
        "resources": [{"id": f"res-{i}", "name": f"Helpline {i}", "region": "ALL",
                       "contact": "555-0100", "url": "https://example.org/help",
                       "last_verified": "2026-01-01"} for i in range(5)],
        "scales": {sid: {"title": sid, "options": [{"value": v, "label": lab} for v, lab in pts]}
                   for sid, pts in SCALES.items()},
        "sections": sections,
        "dimensions": dimension_list,
        "suggestions": suggestions,
        "examples": [{"name": "nothing answered", "answers": {},
                      "expect": {"bands": {d: "incomplete" for d in dims}}}],
    }


def write_bank(folder: Path, questions: int) -> Path:
    path = folder / "bench.yaml"
    text = "# yaml-language-server: $schema=" + SCHEMA.as_uri() + "\n"
    text += yaml.safe_dump(generate(questions), sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def median_time(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def run_quiet(cmd: list[str]) -> Callable[[], int]:
    def go() -> int:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                             f"{proc.stdout}{proc.stderr}")
        return proc.returncode
    return go


def in_process(path: Path) -> Callable[[], int]:
    from quiz.cli import main

    def go() -> int:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(path)])
        if code != 0:
            raise SystemExit("quiz validate found problems in the generated bank:\n"
                             + err.getvalue()[:3000])
        return code
    return go


def find_check_jsonschema() -> str | None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    if beside.exists():
        return str(beside)
    return shutil.which("check-jsonschema")


def profile(path: Path) -> None:
    from quiz.bank.check import check_file

    prof = cProfile.Profile()
    prof.enable()
    check_file(path)
    prof.disable()
    stats = pstats.Stats(prof)
    print("\nwhere the time goes (cumulative, top 25):")
    stats.sort_stats("cumulative").print_stats(25)
    print("\nwhere the time goes (own time, top 15):")
    stats.sort_stats("tottime").print_stats(15)


def stages(path: Path, runs: int) -> None:
    """Median time of each stage of `check_file`, in process and warm."""
    from quiz.bank.build import build_bank
    from quiz.bank.loader import decode, load_text, read_bytes
    from quiz.bank.schema import schema_problems
    from quiz.bank.semantics import semantic_problems

    text = decode(read_bytes(path), str(path))
    doc = load_text(text, str(path))
    schema_problems(doc)  # build the validator once
    _, facts = semantic_problems(doc)
    parts = {
        "read+decode": lambda: decode(read_bytes(path), str(path)),
        "load (YAML with positions)": lambda: load_text(text, str(path)),
        "schema": lambda: schema_problems(doc),
        "semantics": lambda: semantic_problems(doc),
        "build model": lambda: build_bank(doc, facts, ""),
    }
    print("\nstages, in process (median):")
    for name, fn in parts.items():
        med, _ = median_time(fn, runs)
        print(f"  {name:<28} {med * 1000:8.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    ap.add_argument("--questions", type=int, default=2000, help="questions in the generated bank")
    ap.add_argument("--profile", action="store_true", help="also profile one in-process check")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="quiz-bench-") as tmp:
        path = write_bank(Path(tmp), args.questions)
        size = path.stat().st_size
        print(f"bank: {args.questions:,} questions, {size / 1e6:.2f} MB, {path}")
        print(f"python {sys.version.split()[0]}, {args.runs} runs each, medians\n")

        warm = in_process(path)
        warm()  # imports and the schema validator are built once per process; time the steady state
        quiz_in, _ = median_time(warm, args.runs)
        quiz_cmd = [sys.executable, "-m", "quiz", "validate", str(path)]
        quiz_sub, _ = median_time(run_quiet(quiz_cmd), args.runs)
        print(f"quiz validate, in process     {quiz_in * 1000:8.0f} ms")
        print(f"quiz validate, subprocess     {quiz_sub * 1000:8.0f} ms   (python -m quiz)")

        cj = find_check_jsonschema()
        if cj is None:
            print("\ncheck-jsonschema: SKIPPED (not installed; `pip install check-jsonschema`)")
        else:
            cj_cmd = [cj, "--schemafile", str(SCHEMA), str(path)]
            run_quiet(cj_cmd)()  # first run may fill caches; do not count it
            cj_sub, _ = median_time(run_quiet(cj_cmd), args.runs)
            print(f"check-jsonschema, subprocess  {cj_sub * 1000:8.0f} ms")
            print(f"\nratio quiz/check-jsonschema: subprocess {quiz_sub / cj_sub:.2f}, "
                  f"in process {quiz_in / cj_sub:.2f}  (target <= {TARGET:.2f})")
            verdict = "meets" if quiz_sub / cj_sub <= TARGET else "misses"
            print(f"subprocess against subprocess, quiz {verdict} the target")
        stages(path, args.runs)
        if args.profile:
            profile(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
