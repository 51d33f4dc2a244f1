"""Spanish agrees with the number: one answer is "1 respondida", never "1 respondidas"."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kamtrust.i18n import t
from kamtrust.results.collect import nothing_scored_key

Run = Callable[..., Any]


def test_the_interview_header_counts_one_answer_in_the_singular(run: Run) -> None:
    r = run("assess", "--lang", "es", input="4\nq\n")
    assert r.exit_code == 0, r.output
    assert "Pregunta 1 de 50  ·  0 respondidas" in r.stdout
    assert "Pregunta 2 de 50  ·  1 respondida\n" in r.stdout
    assert "1 respondidas" not in r.stdout


def test_a_partial_kept_for_another_account_with_one_answer(run: Run, data_dir: Path) -> None:
    r = run("assess", "--lang", "es", "--account", "Acme", input="4\nq\n")
    assert r.exit_code == 0, r.output
    [path] = list(data_dir.rglob("*.partial.json"))
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["created_at"] = "2026-11-23T09:30:00Z"
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = run("assess", "--lang", "es", "--account", "Beta", input="5\nq\n")
    assert r.exit_code == 0, r.output
    assert "Tu autoevaluación sin terminar para Acme del 23/11/2026 (1 respondida) se guarda" in " ".join(
        r.stderr.split()
    )
    r = run("assess", "--lang", "en", "--account", "Gamma", input="5\nq\n")
    assert "Your unfinished assessment for Acme from 2026-11-23 (1 answered) is kept" in " ".join(r.stderr.split())


def test_a_left_out_result_with_one_answer_in_both_languages() -> None:
    assert t("es", nothing_scored_key(1), answered=1).endswith("(1 respondida)")
    assert t("es", nothing_scored_key(2), answered=2).endswith("(2 respondidas)")
    assert t("en", nothing_scored_key(1), answered=1).endswith("(1 answered)")


def test_ctrl_c_in_a_trainer_command_says_so_in_its_lang(run: Run, tmp_path: Path, monkeypatch: Any) -> None:
    import kamtrust.api

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kamtrust.api, "collect_results", interrupted)
    r = run("group", "summary", str(tmp_path), "--lang", "es", env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert r.exit_code == 130 and r.stderr.strip() == "Interrumpido."
    r = run("group", "summary", str(tmp_path), "--lang", "en", env={"LANG": "es_ES.UTF-8", "LC_ALL": ""})
    assert r.exit_code == 130 and r.stderr.strip() == "Interrupted."
