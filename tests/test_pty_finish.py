"""Issue 8 in a real terminal (es_ES, 80x24): one answer, every other question skipped twice."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import read_result

pytest.importorskip("pexpect")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")]


def test_one_answer_and_everything_skipped_twice_is_not_a_finished_result(q: Questionnaire, data_dir: Path) -> None:
    from .test_pty import Terminal

    t = Terminal("assess", "--new", "--name", "Prueba", "--account", "Saltos SA", lang="es_ES.UTF-8")
    n = len(q.items)
    t.question(f"Pregunta 1 de {n}", "Tu respuesta: ")
    t.key("4")
    for i in range(2, n + 1):
        t.question(f"Pregunta {i} de {n}", "Tu respuesta: ")
        t.key("s")
    for i in range(2, n + 1):
        t.question(f"saltada antes, {i - 1} de 49", "Tu respuesta: ")
        t.key("s")
    assert t.finish() == 0
    screen = " ".join(t.screen.split())
    assert "Saltaste 49 preguntas. Vuelven ahora. Con las respuestas dadas aún no se puede puntuar" in screen
    said = screen[screen.index("Has respondido") :]
    [partial] = (data_dir / "results").glob("*")
    assert partial.name.endswith(".partial.json") and read_result(partial).status == "partial"
    assert said.startswith("Has respondido 1 de 50 preguntas: demasiado pocas para puntuar algún factor")
    assert said.endswith("Para continuar (vuelven las preguntas que saltaste): kamtrust assess --resume")
    assert "Resultado guardado" not in t.screen and "sin puntuar" not in t.screen
