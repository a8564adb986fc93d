"""Names that cross a module boundary inside quiz are public: nothing imports another module's `_name`."""

from __future__ import annotations

import ast
from pathlib import Path

import quiz

ROOT = Path(quiz.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_private_name_is_imported_from_another_module() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "quiz":
                parts = node.module.split(".")
                names = [a.name for a in node.names]
                if any(_private(p) for p in parts) or any(_private(n) for n in names):
                    found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: from {node.module} "
                                 f"import {', '.join(names)}")
            elif isinstance(node, ast.Import):
                found += [f"{path.relative_to(ROOT.parent)}:{node.lineno}: import {a.name}" for a in node.names
                          if a.name.split(".")[0] == "quiz" and any(_private(p) for p in a.name.split("."))]
    assert found == []
