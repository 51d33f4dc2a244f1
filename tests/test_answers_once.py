"""``assess --answers`` reads its file once: the refusal of a rating or another kamtrust document is
the answers reader's own check (issue 9 follow-up), still in the user's language."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import InputFileError
from kamtrust.questionnaire.registry import resolve
from kamtrust.results.answers import read_answers, read_own_answers
from tests.conftest import all_answers

Run = Callable[..., Any]
RATING_ES = (
    ": es una valoración (kamtrust.rating/1), no un archivo de respuestas: --answers lee un archivo con tus propias"
    " respuestas; una valoración solo la lee `kamtrust feedback report`, para que nunca se muestren las respuestas"
    " de una sola persona evaluadora."
)
RATING_EN = (
    ": this is a rating (kamtrust.rating/1), not an answers file: --answers takes a file of your own answers; a"
    " rating is only read by `kamtrust feedback report`, so that no one rater's answers are ever shown."
)
LOCALE_ES = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "es_ES.UTF-8", "COLUMNS": "400"}


def rating(tmp_path: Path, schema: str = "kamtrust.rating/1", name: str = "rating.json") -> Path:
    q = resolve(None)
    path = tmp_path / name
    path.write_text(json.dumps({"schema": schema, "answers": all_answers(q, 4)}), encoding="utf-8")
    return path


def opens_of(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Every open of ``path`` from now on (by os.open, or io.open as Path.open does)."""
    seen: list[str] = []
    real_os_open, real_io_open = os.open, io.open

    def os_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            seen.append("os.open")
        return real_os_open(file, *args, **kwargs)

    def io_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
            seen.append("io.open")
        return real_io_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    return seen


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_rating_is_refused_after_one_read(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    path = rating(tmp_path)
    opened = opens_of(monkeypatch, path)
    r = run("assess", "--answers", str(path), "--lang", lang, "-o", str(tmp_path / "out.json"), env={"COLUMNS": "400"})
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()) == f"Error: {path}{RATING_ES if lang == 'es' else RATING_EN}"
    assert opened == ["os.open"]
    assert not (tmp_path / "out.json").exists()


def test_good_answers_are_read_once_too(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"answers": all_answers(resolve(None), 4)}), encoding="utf-8")
    opened = opens_of(monkeypatch, path)
    r = run("assess", "--answers", str(path), "--lang", "en", "-f", "json", "-o", str(tmp_path / "out.json"))
    assert r.exit_code == 0, r.stderr
    assert opened == ["os.open"]


def test_a_spanish_locale_is_enough_for_the_refusal(run: Run, tmp_path: Path) -> None:
    path = rating(tmp_path)
    r = run("assess", "--answers", str(path), "-o", str(tmp_path / "out.json"), env=LOCALE_ES)
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()) == f"Error: {path}{RATING_ES}"


def test_another_kamtrust_document_is_refused_in_spanish(run: Run, tmp_path: Path) -> None:
    path = rating(tmp_path, "kamtrust.group-summary/1")
    r = run("assess", "--answers", str(path), "--lang", "es", "-o", str(tmp_path / "out.json"), env={"COLUMNS": "400"})
    assert r.exit_code == 1
    assert (
        f"Error: {path}: es un documento de kamtrust (kamtrust.group-summary/1), no un archivo de respuestas"
        in " ".join(r.stderr.split())
    )


def test_a_rating_written_as_yaml_is_refused_as_well(run: Run, tmp_path: Path) -> None:
    """JSON or YAML, the reader sees the same document: the rule does not depend on the syntax."""
    q = resolve(None)
    path = tmp_path / "rating.yaml"
    path.write_text("schema: kamtrust.rating/1\nanswers:\n" + "".join(f"  {i}: 4\n" for i in q.items), "utf-8")
    r = run("assess", "--answers", str(path), "--lang", "en", "-o", str(tmp_path / "out.json"), env={"COLUMNS": "400"})
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()) == f"Error: {path}{RATING_EN}"


def test_a_rating_is_refused_before_its_other_problems(tmp_path: Path) -> None:
    """A rating with a duplicated key and an unknown item: what it is comes first."""
    path = tmp_path / "rating.json"
    path.write_text('{"schema": "kamtrust.rating/1", "answers": {"zz": 1, "zz": 2}}', encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_own_answers(path, resolve(None), "en")
    assert caught.value.message == f"{path}{RATING_EN}"


def test_a_result_is_read_as_ones_own_answers(tmp_path: Path) -> None:
    q = resolve(None)
    path = rating(tmp_path, "kamtrust.result/1")
    assert read_own_answers(path, q, "es")[0] == all_answers(q, 4)


def test_the_plain_reader_reads_any_document_with_answers(tmp_path: Path) -> None:
    """A rater's --answers (feedback) keeps its reader: only one's own answers refuse documents."""
    q = resolve(None)
    assert read_answers(rating(tmp_path), q)[0] == all_answers(q, 4)
