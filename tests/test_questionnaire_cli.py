"""`kamtrust questionnaire list|show|validate`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kamtrust.questionnaire.model import Questionnaire

from .conftest import BUILTIN

Run = Callable[..., Any]


def test_validate_builtin(run: Run) -> None:
    r = run("questionnaire", "validate", str(BUILTIN))
    assert r.exit_code == 0
    assert r.stdout == f"{BUILTIN}: valid — kamtrust-8 1.0, 8 factors, distance poles, 50 items, languages es, en\n"


def test_validate_lists_problems_and_exits_1(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BUILTIN.read_text(encoding="utf-8").replace("id: cred_2", "id: cred_1", 1), encoding="utf-8")
    r = run("questionnaire", "validate", str(bad), str(BUILTIN))
    assert r.exit_code == 1
    assert f"{bad} is not a valid questionnaire (1 problem):" in r.stderr
    assert "duplicate item id 'cred_1'" in r.stderr
    assert f"{BUILTIN}: valid" in r.stdout


def test_list_shows_builtin_and_user_questionnaires(run: Run, data_dir: Path, tmp_path: Path) -> None:
    user = data_dir / "questionnaires"
    user.mkdir(parents=True)
    shutil.copy(BUILTIN, user / "mine.yaml")
    (user / "mine.yaml").write_text(
        (user / "mine.yaml").read_text(encoding="utf-8").replace("id: kamtrust-8", "id: mine", 1), encoding="utf-8"
    )
    (user / "broken.yaml").write_text("id: [", encoding="utf-8")
    r = run("questionnaire", "list")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    # Every version, newest first; '*' marks the one the id alone selects (1.0, pinned for tests).
    assert lines[0].startswith("kamtrust-8       2.0 ") and "built-in" in lines[0] and "60 items" in lines[0]
    assert lines[1].startswith("kamtrust-8       1.0* ") and "built-in" in lines[1] and "50 items" in lines[1]
    assert "choose another with ID@VERSION (e.g. kamtrust-8@1.0)" in r.stderr
    assert any(line.startswith("broken") and "INVALID" in line for line in lines)
    assert any(line.startswith("mine") and " user " in line for line in lines)
    # and a user questionnaire can be used by id
    assert run("questionnaire", "show", "mine", "--format", "json").exit_code == 0


def test_show_json_lists_every_item(run: Run, q: Questionnaire) -> None:
    r = run("questionnaire", "show", "kamtrust-8", "--format", "json", "--lang", "en")
    doc = json.loads(r.stdout)
    assert len(doc["items"]) == 50
    first = doc["items"][0]
    assert first == {
        "position": 1,
        "id": "cred_1",
        "kind": "factor",
        "scale": "credibility",
        "reverse": False,
        "text": q.items["cred_1"].text["en"],
    }
    assert sum(i["reverse"] for i in doc["items"]) == 10
    assert {i["kind"] for i in doc["items"] if i["scale"] == "proximity"} == {"pole"}
    assert doc["scale"]["labels"]["1"] == "Never or almost never"


def test_show_json_without_lang_has_every_language(run: Run) -> None:
    doc = json.loads(run("questionnaire", "show", str(BUILTIN), "-f", "json").stdout)
    assert set(doc["items"][0]["text"]) == {"es", "en"}


def test_show_table(run: Run) -> None:
    r = run("questionnaire", "show", "kamtrust-8", "--lang", "en")
    assert r.exit_code == 0
    assert "cred_1" in r.stdout and "Credibility" in r.stdout and "R = reverse-keyed" in r.stdout


def test_show_unknown(run: Run) -> None:
    r = run("questionnaire", "show", "nope")
    assert r.exit_code == 1 and r.stderr.startswith("Error: questionnaire 'nope' not found")
