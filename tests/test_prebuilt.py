"""A built-in questionnaire comes parsed ahead of time, and loads exactly as its YAML does
(kamtrust/questionnaire/prebuilt.py); any other file, or a damaged prebuilt one, is parsed."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest

from kamtrust.questionnaire import loader, prebuilt
from kamtrust.questionnaire.registry import builtin_dir, installed_files
from kamtrust.yamlfile import parse_located

REGENERATE = "run: python -m kamtrust.questionnaire.prebuilt"
BUILTIN = builtin_dir() / "kamtrust-8.yaml"
BUILT_IN = installed_files(builtin_dir())


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.name)
def test_each_built_in_questionnaire_has_its_prebuilt_file_up_to_date(path: Path) -> None:
    name, blob = prebuilt.dump(path)
    shipped = prebuilt.folder() / name
    assert shipped.is_file(), f"{path.name} has no prebuilt file: {REGENERATE}"
    assert shipped.read_bytes() == blob, f"{path.name}'s prebuilt file is out of date: {REGENERATE}"


def test_no_prebuilt_file_is_left_of_a_questionnaire_no_longer_shipped() -> None:
    wanted = {prebuilt.dump(path)[0] for path in BUILT_IN}
    assert {p.name for p in prebuilt.folder().iterdir()} == wanted, REGENERATE


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


def _with_digest(body: bytes) -> bytes:
    """A prebuilt file's bytes for ``body``, with the right digest line: what is tried is the body."""
    return hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """kamtrust-8 1.0's prebuilt file, in a copy of the folder that the loader reads from now on."""
    shutil.copytree(prebuilt.folder(), tmp_path / "prebuilt")
    monkeypatch.setattr(prebuilt, "folder", lambda: tmp_path / "prebuilt")
    loader._parsed.cache_clear()
    yield tmp_path / "prebuilt" / prebuilt.dump(BUILTIN)[0]
    loader._parsed.cache_clear()


def _flipped(data: bytes) -> bytes:
    """One letter of a text in the values changed: still JSON, still values, not the same ones."""
    at = next(i for i in range(len(data) // 2, len(data)) if data[i : i + 1].islower())
    changed = data[:at] + data[at : at + 1].upper() + data[at + 1 :]
    orjson.loads(changed.partition(b"\n")[2])
    return changed


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],
        _flipped,
        lambda _: b"",
        lambda _: _with_digest(b"{"),
        lambda _: _with_digest(b"[]"),
        lambda _: _with_digest(b'{"line": 1, "seq": [1], "lines": []}'),
        lambda _: _with_digest(b'{"line": "1", "map": []}'),
        lambda _: _with_digest(b'{"map": []}'),
        lambda _: _with_digest(b'{"line": 1, "map": [["id", 1, "a"], ["id", 2, "b"]]}'),
        lambda _: _with_digest(b'{"line": 1, "map": [[["a"], 1, "b"]]}'),
    ],
    ids=[
        "cut",
        "a byte changed",
        "empty",
        "broken JSON",
        "a list",
        "lines missing",
        "a text for a line",
        "no line",
        "a key twice",
        "a list for a key",
    ],
)
def test_a_damaged_prebuilt_file_is_passed_over(shipped: Path, damage: Callable[[bytes], bytes]) -> None:
    shipped.write_bytes(damage(shipped.read_bytes()))
    assert prebuilt.located(BUILTIN.read_bytes()) is None
    assert loader.load_questionnaire(BUILTIN) == loader.parse_questionnaire(BUILTIN.read_bytes(), str(BUILTIN))


@pytest.mark.parametrize("body", [b'{"line": 1, "map": []}', b'"kamtrust-8"', b"null"], ids=["empty", "a text", "null"])
def test_prebuilt_values_that_do_not_validate_give_way_to_the_yaml(shipped: Path, body: bytes) -> None:
    shipped.write_bytes(_with_digest(body))
    assert loader.load_questionnaire(BUILTIN) == loader.parse_questionnaire(BUILTIN.read_bytes(), str(BUILTIN))


@pytest.mark.parametrize("yaml_text", [b"when: 2026-11-23\n", b"much: .inf\n", b"big: 123456789012345678901234\n"])
def test_what_json_cannot_hold_exactly_is_never_prebuilt(yaml_text: bytes) -> None:
    value, problems = parse_located(yaml_text, "x.yaml")
    assert problems == []
    with pytest.raises(ValueError, match="cannot be prebuilt"):
        prebuilt.encode(value)


@pytest.mark.slow
def test_resolving_the_built_in_questionnaire_loads_neither_yaml_nor_platformdirs() -> None:
    # About 20 ms of every command that loads it (README, Performance); checking answers (show,
    # report) loads the YAML reader only to read an answers file.
    code = (
        "import sys; import kamtrust.results.rescore, kamtrust.results.answers; "
        "from kamtrust.questionnaire.registry import resolve_id; "
        "q = resolve_id('kamtrust-8', prefer_version='1.0'); "
        "print(q.version, 'yaml' in sys.modules, 'platformdirs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1.0", "False", "False"]
