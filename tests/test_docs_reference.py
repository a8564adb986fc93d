"""The authoring guide (quiz/guide/authoring.md, read as `quiz guide` reads it) stays in step with the schema:
every key documented under its object, none invented."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from quiz import guide
from quiz.cli import main
from quiz.paths import schema_path

HEADER = "| key | type | required | description |"


@dataclass(frozen=True)
class Row:
    """One documented key."""

    key: str
    type: str
    required: str
    description: str


def schema_objects() -> dict[str, dict[str, Any]]:
    """Every object of the schema that has named keys, by the name the guide uses for it.

    The top level is `bank`; each `$defs` entry is its own name; an object written inline under a
    key is `parent.key` (through lists and maps too, so a scale's points are `scale.options`).
    """
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    found: dict[str, dict[str, Any]] = {}

    def visit(node: dict[str, Any], name: str) -> None:
        found[name] = node
        for key, sub in node["properties"].items():
            child(sub, f"{name}.{key}")

    def child(sub: Any, name: str) -> None:
        if not isinstance(sub, dict) or "$ref" in sub:
            return  # a named definition, visited under its own name
        if "properties" in sub:
            visit(sub, name)
        for k in ("items", "additionalProperties"):
            child(sub.get(k), name)

    visit(schema, "bank")
    for name, node in schema["$defs"].items():
        if "properties" in node:
            visit(node, name)
    return found


def doc_text() -> str:
    return guide.text()


def reference_section(text: str) -> str:
    start = text.index("\n## 5. Reference")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def doc_tables() -> dict[str, list[Row]]:
    """`### `name`` headings of the reference section, each with the rows of the table under it."""
    tables: dict[str, list[Row]] = {}
    current: str | None = None
    in_table = False
    for line in reference_section(doc_text()).splitlines():
        m = re.match(r"^### `([a-z][a-z0-9_.-]*)`\s*$", line)
        if m:
            current = m[1]
            assert current not in tables, f"`{current}` is documented twice"
            tables[current] = []
            in_table = False
            continue
        if current is None:
            continue
        if line.strip() == HEADER:
            in_table = True
            continue
        if in_table and line.startswith("|---"):
            continue
        if in_table and line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            assert len(cells) == 4, f"`{current}`: a row needs 4 cells: {line}"
            key = re.fullmatch(r"`([a-z_]+)`", cells[0])
            assert key, f"`{current}`: the first cell must be a `key`: {line}"
            tables[current].append(Row(key[1], cells[1], cells[2], cells[3]))
        elif in_table and not line.strip():
            in_table = False
    return tables


def test_every_schema_object_has_a_table_and_no_other() -> None:
    documented = set(doc_tables())
    expected = set(schema_objects())
    assert documented - expected == set(), "documented objects the schema does not have"
    assert expected - documented == set(), "schema objects missing from the guide"


@pytest.mark.parametrize("name", sorted(schema_objects()))
def test_every_key_is_documented_under_its_object(name: str) -> None:
    node = schema_objects()[name]
    rows = doc_tables().get(name, [])
    keys = [r.key for r in rows]
    assert len(keys) == len(set(keys)), f"`{name}`: a key is listed twice"
    missing = set(node["properties"]) - set(keys)
    extra = set(keys) - set(node["properties"])
    assert not missing, f"`{name}`: keys in the schema but not in the guide: {sorted(missing)}"
    assert not extra, f"`{name}`: keys in the guide but not in the schema: {sorted(extra)}"


@pytest.mark.parametrize("name", sorted(schema_objects()))
def test_required_column_matches_the_schema(name: str) -> None:
    required = set(schema_objects()[name].get("required", []))
    for row in doc_tables().get(name, []):
        says_yes = row.required == "yes"
        assert says_yes == (row.key in required), \
            f"`{name}.{row.key}`: the guide says required={row.required!r}, the schema " \
            f"{'requires' if row.key in required else 'does not require'} it"
        assert row.description, f"`{name}.{row.key}` has no description"


@pytest.mark.parametrize("name", sorted(schema_objects()))
def test_allowed_values_are_listed(name: str) -> None:
    """Keys with a fixed set of values name every value in the guide."""
    props = schema_objects()[name]["properties"]
    for row in doc_tables().get(name, []):
        spec = props.get(row.key, {})
        values = spec.get("enum", [spec["const"]] if "const" in spec else [])
        for v in values:
            assert f"`{v}`" in row.type + row.description, f"`{name}.{row.key}`: value `{v}` not listed"


def _slug(heading: str) -> str:
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_links_inside_the_guide_lead_somewhere() -> None:
    text = doc_text()
    in_code = False
    slugs = set()
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            slugs.add(_slug(line.lstrip("#")))
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in slugs, f"link to #{target} leads nowhere"


def test_worked_example_passes_validate_and_test(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    text = doc_text()
    whole = text[text.index("### The whole file"):]
    block = whole.split("```yaml\n", 1)[1].split("\n```", 1)[0]
    path = tmp_path / "hands.yaml"
    path.write_text(block + "\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    assert main(["test", str(path)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    # The guide quotes this output; it must still be what `quiz test` prints.
    assert "coverage: examples cover 2 of 2 suggestions and 4 of 4 bands" in out
    assert "reach suggestion `infected-cut` fires for: symptoms=[infected]" in out
