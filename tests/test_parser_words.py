"""A file that does not parse is explained in the user's language, the parser's words included."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml

from kamtrust.parser_words import SPANISH, ParserWords


@pytest.mark.parametrize(
    ("text", "spanish"),
    [
        ('id: x\nversion: "1.0"\nfactors:\n  - id: a\n    name: b: c\n', "aquí no se admite «clave: valor»"),
        ("id: [x\n", "al leer una lista entre corchetes, no se encontró la «,» o el «]» esperados"),
        ('id: "x\n', "al leer un texto entre comillas, el archivo termina antes de tiempo"),
        ("a:\n\t- b\n", "al buscar el siguiente elemento, hay un carácter con el que no puede empezar ningún elemento"),
        ("a: *nothing\n", "hay un alias sin definir"),
    ],
)
def test_a_broken_questionnaire_in_spanish(run: Any, tmp_path: Path, text: str, spanish: str) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    r = run("questionnaire", "validate", str(path), "--lang", "es")
    assert r.exit_code != 0
    assert f"({spanish})" in " ".join(r.output.split())
    english = run("questionnaire", "validate", str(path), "--lang", "en")
    assert "no se" not in english.output and "al leer" not in english.output


@pytest.mark.parametrize(
    ("text", "spanish"),
    [
        ('{"a": 1,}', "se esperaba un nombre de campo entre comillas dobles"),
        ('{"a": 1', "se esperaba «,»"),
        ('{"a" 1}', "se esperaba «:»"),
        ("", "se esperaba un valor"),
        ('{"a": "b\\q"}', "hay una secuencia de escape «\\» no válida"),
        ('{"a": 1} x', "hay más datos después del documento"),
    ],
)
def test_a_broken_result_in_spanish(run: Any, tmp_path: Path, text: str, spanish: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    r = run("show", str(path), "--lang", "es")
    assert r.exit_code == 1
    assert spanish in " ".join(r.stderr.split())


def test_every_phrase_listed_is_one_a_parser_writes_or_ours() -> None:
    """The json module's messages are checked against what it really says (PyYAML's vary by loader)."""
    said = set()
    for broken in ('{"a": 1,}', '{"a": 1', '{"a" 1}', "", '{"a": "b\\q"}', '{"a": 1} x', '{"a": "b', '"\x01"'):
        try:
            json.loads(broken)
        except json.JSONDecodeError as exc:
            said.add(exc.msg if exc.msg in SPANISH else exc.msg.partition(":")[0])  # "Invalid \\escape: 'q'"
    assert said <= set(SPANISH)
    try:
        yaml.safe_load("a: b: c")
    except yaml.MarkedYAMLError as exc:
        assert exc.problem in SPANISH


def test_unknown_words_are_kept_and_the_value_travels_between_processes() -> None:
    words = ParserWords("while parsing a block mapping, something new")
    assert words.text("es") == "al leer un bloque de claves, something new"
    assert words.text("en") == str(words) == "while parsing a block mapping, something new"
    assert pickle.loads(pickle.dumps(words)) == words  # a helper process sends it back in a LeftOut
