"""Properties: no input makes loading or checking raise anything but the package's own errors."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.check import CheckResult, check_file, check_text
from quiz.bank.loader import decode, load_path, load_text
from quiz.errors import QuizError

from .profiles import examples

VALID = Path(__file__).parent / "data" / "valid" / "full.yaml"
BANK: dict[str, Any] = load_path(VALID).data

FAST = settings(max_examples=examples(2), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def assert_sound(result: CheckResult) -> None:
    """A result either holds a bank and no problems, or problems and no bank."""
    assert isinstance(result, CheckResult)
    assert (result.bank is None) == bool(result.problems)
    for p in result.problems:
        assert p.message
        assert "internal check gap" not in p.message, p.render()


# -- arbitrary bytes ------------------------------------------------------------------------------

# Bytes that tend to matter to YAML, mixed with noise, so examples reach past the first character.
_YAML_BYTES = st.lists(
    st.sampled_from([b":", b" ", b"\n", b"-", b"[", b"]", b"{", b"}", b"&a", b"*a", b"!", b"!!",
                     b"'", b'"', b"#", b"---", b"\t", b"? ", b"|", b">", b"quiz: 1\n", b"id: x\n",
                     b"\x00", b"\xff", b"\xef\xbb\xbf", b"%YAML 1.1\n", b"a", b"1"])
    | st.binary(max_size=8),
    max_size=40,
).map(b"".join)
ANY_BYTES = st.binary(max_size=400) | _YAML_BYTES


@FAST
@given(ANY_BYTES)
def test_bytes_to_check_text_never_raise(data: bytes) -> None:
    assert_sound(check_text(data.decode("utf-8", "replace"), "fuzz.yaml"))
    assert_sound(check_text(data.decode("latin-1"), "fuzz.yaml"))


@FAST
@given(ANY_BYTES)
def test_bytes_to_load_text_raise_only_quiz_errors(data: bytes) -> None:
    try:
        doc = load_text(decode(data, "fuzz.yaml"), "fuzz.yaml")
    except QuizError:
        return
    assert isinstance(doc.data, dict)


@settings(max_examples=examples(), deadline=None)
@given(ANY_BYTES)
def test_bytes_to_check_file_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        assert_sound(check_file(path))


@FAST
@given(st.text(max_size=300))
def test_text_to_check_text_never_raise(text: str) -> None:
    assert_sound(check_text(text, "fuzz.yaml"))


# -- arbitrary YAML-shaped data -------------------------------------------------------------------

SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
           | st.text(max_size=20) | st.sampled_from(["yes", "no", "2026-01-01", "q1", "~", "a: b"]))
KEYS = st.text(max_size=12) | st.sampled_from(sorted(BANK)) | st.sampled_from(
    ["id", "kind", "options", "value", "scores", "show_if", "when", "bands", "min", "max", "scale"])
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(KEYS, inner, max_size=5), max_leaves=30)


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@FAST
@given(TREES)
def test_yaml_shaped_data_never_raise(data: Any) -> None:
    text = dump(data)
    assert_sound(check_text(text, "fuzz.yaml"))
    try:
        load_text(text, "fuzz.yaml")
    except QuizError:
        pass


# Bank-shaped: the real top-level keys (so schema and semantic checks run) with arbitrary values.
BANKISH = st.fixed_dictionaries(
    {"quiz": st.just(1), "id": st.just("fuzz"), "title": st.just("F"), "version": st.just("1"),
     "disclaimer": st.just("d")},
    optional={k: TREES | st.just(copy.deepcopy(BANK[k])) for k in BANK
              if k not in ("quiz", "id", "title", "version", "disclaimer")},
)


@FAST
@given(BANKISH)
def test_bank_shaped_data_never_raise(data: dict[str, Any]) -> None:
    assert_sound(check_text(dump(data), "fuzz.yaml"))


# -- mutations of a valid bank --------------------------------------------------------------------

def all_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(all_paths(v, path + (k,)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(all_paths(v, path + (i,)))
    return out




def get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(BANK)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["delete", "scalar", "duplicate", "rename"]))
        paths = all_paths(data)
        if how in ("delete", "rename"):
            keyed = [p for p in paths if p and isinstance(p[-1], str)]
            if not keyed:
                continue
            path = draw(st.sampled_from(keyed))
            parent = get(data, path[:-1])
            value = parent.pop(path[-1])
            if how == "rename":
                new = draw(st.text(min_size=1, max_size=10) | st.sampled_from(sorted(BANK)))
                parent[new] = value
        elif how == "scalar":
            path = draw(st.sampled_from([p for p in paths if p]))
            get(data, path[:-1])[path[-1]] = draw(SCALARS)
        else:
            items = [p for p in paths if p and isinstance(p[-1], int)]
            if not items:
                continue
            path = draw(st.sampled_from(items))
            parent = get(data, path[:-1])
            parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
    return data


@settings(max_examples=examples(2), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_bank_validates_or_gives_located_problems(data: dict[str, Any]) -> None:
    result = check_text(dump(data), "mutant.yaml")
    assert_sound(result)
    for p in result.problems:
        assert p.line >= 1, p.render()
        assert p.column >= 0
        assert p.message.strip()
        assert p.file == "mutant.yaml"


def test_unmutated_bank_round_trips_through_safe_dump() -> None:
    """The mutation test starts from a bank that still validates after dumping."""
    assert check_text(dump(BANK), "same.yaml").problems == ()
