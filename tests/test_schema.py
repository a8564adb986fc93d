"""The bank schema is valid draft 2020-12, documented for editors, and closed against typos."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from quiz.bank.check import check_file
from quiz.paths import schema_path, shipped_banks

SCHEMA: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))


def subschemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in the document, with a JSON-pointer-like location."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in ("properties", "$defs", "patternProperties"):
                for name, sub in value.items():
                    yield from subschemas(sub, f"{where}/{key}/{name}")
            elif key in ("enum", "const", "required", "examples", "default"):
                continue
            else:
                yield from subschemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from subschemas(item, f"{where}/{i}")


def test_passes_the_2020_12_metaschema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_has_an_id() -> None:
    assert isinstance(SCHEMA.get("$id"), str) and SCHEMA["$id"].endswith("bank.schema.json")


def test_every_property_has_title_and_description() -> None:
    missing = []
    count = 0
    for where, node in subschemas(SCHEMA):
        props = node.get("properties")
        # `properties` inside an if/then only narrows a value already documented elsewhere.
        if not isinstance(props, dict) or "/if" in where:
            continue
        for name, sub in props.items():
            count += 1
            for field in ("title", "description"):
                text = sub.get(field) if isinstance(sub, dict) else None
                if not (isinstance(text, str) and text.strip()):
                    missing.append(f"{where}/properties/{name}: no {field}")
    assert count > 50
    assert not missing, "\n".join(missing)


def test_every_object_with_properties_is_closed() -> None:
    open_ = [where for where, node in subschemas(SCHEMA)
             if isinstance(node.get("properties"), dict) and "/if" not in where
             and node.get("additionalProperties") is not False]
    assert not open_, "additionalProperties: false missing at:\n" + "\n".join(open_)


def test_walk_reaches_defs() -> None:
    places = {where for where, _ in subschemas(SCHEMA)}
    assert {f"#/$defs/{name}" for name in SCHEMA["$defs"]} <= places


def test_every_ref_resolves() -> None:
    refs = [node["$ref"] for _, node in subschemas(SCHEMA) if "$ref" in node]
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/")
        assert ref.removeprefix("#/$defs/") in SCHEMA["$defs"], ref


@pytest.mark.parametrize("bank", shipped_banks(), ids=lambda p: p.stem)
def test_every_shipped_bank_validates(bank: Path) -> None:
    result = check_file(bank)
    assert result.problems == (), "\n".join(p.render() for p in result.problems)


def test_valid_fixtures_pass_the_plain_schema_too() -> None:
    """A bank that quiz accepts also passes a generic JSON Schema validator (as editors use it)."""
    from quiz.bank.loader import load_path

    validator = Draft202012Validator(SCHEMA)
    for path in sorted((Path(__file__).parent / "data" / "valid").glob("*.yaml")):
        errors = list(validator.iter_errors(load_path(path).data))
        assert not errors, f"{path.name}: {errors[0].message}"
