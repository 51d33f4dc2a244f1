"""The import's batched, crash-safe writes and its JSON text (the same bytes as Result.to_json)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtrust import batchwrite
from kamtrust.errors import OutputError
from kamtrust.results.forms.jsontext import dumps_indented

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(JSON)
def test_indented_json_is_byte_for_byte_the_standard_one(doc: object) -> None:
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2)


def test_indented_json_refuses_what_json_refuses() -> None:
    with pytest.raises(ValueError):
        dumps_indented({"a": float("nan")})
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
    assert dumps_indented({1: [], "b": {}, None: (1, 2.5)}) == json.dumps({1: [], "b": {}, None: (1, 2.5)}, indent=2)


def test_batch_writes_whole_files_and_never_replaces(tmp_path: Path) -> None:
    out = tmp_path / "out"
    seen = []
    written = batchwrite.write_batch(out, [("a.json", "A\n"), ("b.json", "Bé\n")], seen.append)
    assert written == [out / "a.json", out / "b.json"] and seen == [1, 2]
    assert (out / "b.json").read_text(encoding="utf-8") == "Bé\n"
    assert sorted(os.listdir(out)) == ["a.json", "b.json"]  # no temporary file left
    with pytest.raises(OutputError):
        batchwrite.write_batch(out, [("c.json", "C\n"), ("a.json", "other\n")])
    assert (out / "a.json").read_text(encoding="utf-8") == "A\n"
    assert sorted(os.listdir(out)) == ["a.json", "b.json", "c.json"]  # c was whole: it stays


def test_an_interrupted_batch_leaves_no_final_file_and_no_temporary_file(tmp_path: Path) -> None:
    def files():  # type: ignore[no-untyped-def]
        yield "a.json", "A\n"
        yield "b.json", "B\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batchwrite.write_batch(tmp_path, files())
    assert os.listdir(tmp_path) == []


def test_temporary_files_of_a_killed_import_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f".x.json.999999999{batchwrite.TMP_SUFFIX}"
    dead.write_text("half", encoding="utf-8")
    other = tmp_path / ".hidden-but-not-ours.json"
    other.write_text("{}", encoding="utf-8")
    mine_old = tmp_path / f".y.json.{os.getppid()}{batchwrite.TMP_SUFFIX}"  # a live process, but old
    mine_old.write_text("half", encoding="utf-8")
    os.utime(mine_old, (1, 1))
    assert batchwrite.remove_stale(tmp_path) == 2
    assert os.listdir(tmp_path) == [other.name]
