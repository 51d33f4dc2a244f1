"""An attacker's findings on a clean install (issue 8, fix8): each attack replayed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kamtrust.questionnaire.model import Questionnaire

from .conftest import all_answers
from .groupdata import write_result


def test_report_o_does_not_overwrite_another_result_without_force(run: Any, q: Questionnaire, tmp_path: Path) -> None:
    mine = write_result(tmp_path, q, all_answers(q, 4), name="Ana")
    other = write_result(tmp_path, q, all_answers(q, 2), name="Luis")
    before = other.read_bytes()
    r = run("report", str(mine), "-o", str(other), "-f", "md")
    assert r.exit_code == 1
    assert f"cannot write {other}: the file exists; choose another name or add --force to overwrite it" in r.output
    assert other.read_bytes() == before
    out = tmp_path / "ana.md"
    assert run("report", str(mine), "-o", str(out), "-f", "md").exit_code == 0
    assert run("report", str(mine), "-o", str(out), "-f", "md").exit_code == 1  # a report too
    assert run("report", str(mine), "-o", str(out), "-f", "md", "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#")
