"""A questionnaire file is validated once per process for the same text, and again whenever it changes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import QuestionnaireError
from kamtrust.questionnaire import loader
from kamtrust.questionnaire.registry import resolve, resolve_id

from .conftest import BUILTIN


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the questionnaire texts parsed and validated from here on (the cache emptied
    first); a built-in one comes parsed ahead of time (kamtrust.questionnaire.prebuilt), and is
    validated all the same."""
    loader._parsed.cache_clear()
    seen: list[str] = []
    real = loader._finish

    def counting(data: Any, problems: Any, name: str) -> Any:
        seen.append(name)
        return real(data, problems, name)

    monkeypatch.setattr(loader, "_finish", counting)
    return seen


def test_the_built_in_file_is_parsed_once_for_many_results(parses: list[str]) -> None:
    first = resolve("kamtrust-8@1.0")  # reads every installed version of the id
    for _ in range(5):  # as a group summary does for each result it reads
        assert resolve_id("kamtrust-8", prefer_version="1.0") == first
    assert str(BUILTIN) in parses and len(parses) == len(set(parses))
    assert first.source == str(BUILTIN)


def test_an_edited_file_is_read_again_even_with_the_same_size_and_time(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "mine.yaml"
    text = BUILTIN.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    before = os.stat(path)
    assert loader.load_questionnaire(path).version == "1.0"
    # Same length, same modification time: only the content tells the change.
    path.write_text(text.replace('version: "1.0"', 'version: "1.9"', 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert loader.load_questionnaire(path).version == "1.9"
    assert parses == [str(path), str(path)]


def test_the_label_is_part_of_what_is_remembered(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "mine.yaml"
    path.write_bytes(BUILTIN.read_bytes())
    assert loader.load_questionnaire(path).source == str(path)
    assert loader.load_questionnaire(path, "mine.yaml").source == "mine.yaml"
    assert loader.load_questionnaire(path).source == str(path)
    assert parses == [str(path), "mine.yaml"]


def test_an_invalid_file_is_refused_every_time_and_a_fixed_one_loads(tmp_path: Path, parses: list[str]) -> None:
    path = tmp_path / "mine.yaml"
    good = BUILTIN.read_text(encoding="utf-8")
    path.write_text(good.replace("languages:", "langs:", 1), encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(QuestionnaireError) as info:
            loader.load_questionnaire(path)
        messages.append(str(info.value))
    assert messages[0] == messages[1] and "languages" in messages[0]
    path.write_text(good, encoding="utf-8")
    assert loader.load_questionnaire(path).id == "kamtrust-8"
    path.unlink()
    with pytest.raises(Exception, match="mine.yaml"):
        loader.load_questionnaire(path)  # a file gone is gone, whatever was read before
    assert parses == [str(path)] * 3
