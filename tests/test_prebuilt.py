"""A built-in questionnaire comes parsed ahead of time, and loads exactly as its YAML does
(kamtrust/questionnaire/prebuilt.py); any other file, or a damaged prebuilt one, is parsed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from kamtrust.questionnaire import loader, prebuilt
from kamtrust.questionnaire.registry import builtin_dir, installed_files
from kamtrust.yamlfile import parse_located

REGENERATE = "run: python -m kamtrust.questionnaire.prebuilt"
BUILT_IN = installed_files(builtin_dir())


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.name)
def test_each_built_in_questionnaire_has_its_prebuilt_file_up_to_date(path: Path) -> None:
    name, blob = prebuilt.dump(path)
    shipped = prebuilt.folder() / name
    assert shipped.is_file(), f"{path.name} has no prebuilt file: {REGENERATE}"
    assert shipped.read_bytes() == blob, f"{path.name}'s prebuilt file is out of date: {REGENERATE}"


def test_no_prebuilt_file_is_left_of_a_questionnaire_no_longer_shipped() -> None:
    wanted = {prebuilt.dump(path)[0] for path in BUILT_IN}
    assert {p.name for p in prebuilt.folder().glob("*.json")} == wanted, REGENERATE


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.name)
def test_the_prebuilt_values_are_the_parsed_ones_with_every_line(path: Path) -> None:
    raw = path.read_bytes()
    value, problems = parse_located(raw, str(path))
    assert problems == []
    ahead = prebuilt.located(raw)
    assert ahead == value
    # Equality of dicts and lists ignores the lines, and 1 == 1.0 == True: compare the encodings.
    assert orjson.dumps(prebuilt.encode(ahead)) == orjson.dumps(prebuilt.encode(value))


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.name)
def test_a_built_in_questionnaire_loads_as_its_yaml_does(path: Path) -> None:
    loader._parsed.cache_clear()
    assert loader.load_questionnaire(path) == loader.parse_questionnaire(path.read_bytes(), str(path))


def test_a_file_that_differs_in_any_way_is_parsed_not_prebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (builtin_dir() / "kamtrust-8.yaml").read_bytes()
    edited = raw + b"\n# a trainer's note\n"
    assert prebuilt.located(raw) is not None and prebuilt.located(edited) is None
    copy = tmp_path / "kamtrust-8.yaml"
    copy.write_bytes(edited)
    parsed: list[str] = []
    real = loader.parse_questionnaire
    monkeypatch.setattr(loader, "parse_questionnaire", lambda text, name: parsed.append(name) or real(text, name))
    loader._parsed.cache_clear()
    assert loader.load_questionnaire(copy).id == "kamtrust-8"
    assert parsed == [str(copy)]
    loader._parsed.cache_clear()


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b"[]", b'{"line": 1, "seq": [1], "lines": []}', b'{"line": "1", "map": []}', b'{"map": []}'],
    ids=["empty", "cut", "a list", "lines missing", "a text for a line", "no line"],
)
def test_a_damaged_prebuilt_file_is_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    shutil.copytree(prebuilt.folder(), tmp_path / "prebuilt")
    monkeypatch.setattr(prebuilt, "folder", lambda: tmp_path / "prebuilt")
    path = builtin_dir() / "kamtrust-8.yaml"
    name, _ = prebuilt.dump(path)
    (tmp_path / "prebuilt" / name).write_bytes(damage)
    assert prebuilt.located(path.read_bytes()) is None
    loader._parsed.cache_clear()
    assert loader.load_questionnaire(path) == loader.parse_questionnaire(path.read_bytes(), str(path))
    loader._parsed.cache_clear()


def test_what_json_cannot_hold_exactly_is_never_prebuilt() -> None:
    value, _ = parse_located(b"when: 2026-11-23\nmuch: .inf\n", "x.yaml")
    with pytest.raises(ValueError, match="cannot be prebuilt"):
        prebuilt.encode(value)


@pytest.mark.slow
def test_resolving_the_built_in_questionnaire_loads_neither_yaml_nor_platformdirs() -> None:
    # About 20 ms of every command that loads it (README, Performance).
    code = (
        "import sys; from kamtrust.questionnaire.registry import resolve_id; "
        "q = resolve_id('kamtrust-8', prefer_version='1.0'); "
        "print(q.version, 'yaml' in sys.modules, 'platformdirs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1.0", "False", "False"]
