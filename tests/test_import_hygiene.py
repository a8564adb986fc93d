"""House rule 1, proved: the core imports neither Textual nor Rich, nor the web front end (quiz.web, aiohttp,
Jinja2)."""

from __future__ import annotations

import json
import subprocess
import sys

CORE = ["quiz.bank.files", "quiz.bank.loader", "quiz.bank.schema", "quiz.bank.facts", "quiz.bank.semantics",
        "quiz.bank.condition_checks", "quiz.bank.build", "quiz.bank.model", "quiz.bank.check",
        "quiz.bank.example_checks", "quiz.bank.answer_rules", "quiz.bank.claims", "quiz.bank.migrate",
        "quiz.bank.option_sets", "quiz.conditions.words", "quiz.authoring.update",
        "quiz.bank.resource_checks",
        "quiz.engine.batch", "quiz.engine.summary", "quiz.engine.count",
        "quiz.conditions", "quiz.errors", "quiz.safe_text", "quiz.paths",
        "quiz.engine.answers", "quiz.engine.session", "quiz.engine.scoring", "quiz.engine.outcome",
        "quiz.engine.report", "quiz.engine.compare", "quiz.engine.flow", "quiz.engine.carry",
        "quiz.authoring.examples", "quiz.authoring.reach", "quiz.authoring.reach_report",
        "quiz.authoring.handout", "quiz.authoring.handout_md", "quiz.authoring.handout_html",
        "quiz.store", "quiz.store.export", "quiz.room.totals", "quiz.plain", "quiz.guide"]

_PROBE = """
import importlib, json, sys
imported = []
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    imported.append(name)
leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "textual_serve", "rich", "aiohttp", "jinja2")
                or m.startswith("quiz.web"))
print(json.dumps({"imported": imported, "leaked": leaked}))
"""


def test_core_imports_no_front_end() -> None:
    proc = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(CORE)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert set(CORE) <= set(report["imported"])
    assert report["leaked"] == [], f"the core pulled in {report['leaked']}"


def test_probe_would_notice_textual() -> None:
    """The check above is not vacuous: importing Textual does show up in sys.modules."""
    proc = subprocess.run([sys.executable, "-c", "import sys, textual; "
                           "print(any(m.split('.')[0] == 'textual' for m in sys.modules))"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.strip() == "True", proc.stderr
