"""A rater answers in a real pseudo-terminal (``kamtrust assess --as peer --for RESULT``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.registry import resolve

from .test_feedback import make_result
from .test_pty import Terminal

pytestmark = pytest.mark.slow


@pytest.fixture
def result(run: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)
    return make_result(run, tmp_path, resolve("kamtrust-8@2.0"), {}, name="Marta", account="Norte")


def test_a_peer_rates_with_single_keys_and_goes_back(result: Path, tmp_path: Path) -> None:
    out = tmp_path / "rating.json"
    t = Terminal("assess", "--as", "peer", "--for", str(result), "-o", str(out), lang="es_ES.UTF-8")
    t.expect("Cómo construye Marta la confianza con Norte: tu visión")
    t.question("Pregunta 1 de 36", "Tu respuesta: ")
    t.key("5")
    t.question("Pregunta 2 de 36", "Tu respuesta: ")
    t.key("a")  # back: the first answer is shown, and changed
    t.question("Pregunta 1 de 36", "Tu respuesta: ")
    t.key("2")
    for n in range(2, 37):
        t.question(f"Pregunta {n} de 36", "Tu respuesta: ")
        t.key("4")
    t.expect("Gracias. Tus respuestas quedan guardadas para Marta")
    assert t.finish() == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["role"] == "peer" and len(doc["answers"]) == 36
    first = resolve("kamtrust-8@2.0").rated_by("peer")[0].id
    assert doc["answers"][first] == 2 and "rater" not in doc


def test_ctrl_c_saves_no_half_rating(result: Path, tmp_path: Path) -> None:
    out = tmp_path / "rating.json"
    t = Terminal("assess", "--as", "client", "--for", str(result), "-o", str(out), lang="en_GB.UTF-8")
    t.question("Question 1 of 51", "Your answer: ")
    t.key("3")
    t.question("Question 2 of 51", "Your answer: ")
    t.key("\x03")
    t.expect("Stopped: a rating is saved only when it is finished, so nothing was saved.")
    assert t.finish() == 130
    assert not out.exists()
