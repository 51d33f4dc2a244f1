"""A plain (non-editable) install finds the built-in questionnaire from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """kamtrust built as a wheel and installed (without its dependencies) into a fresh folder."""
    target = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--target",
            str(target),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return target


def run_installed(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target), "KAMTRUST_DATA_DIR": str(cwd / "data"), "LANG": "en_US.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "kamtrust", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.slow
def test_wheel_carries_the_builtin_questionnaire(installed: Path, tmp_path: Path) -> None:
    assert (installed / "kamtrust" / "questionnaires" / "kamtrust-8.yaml").is_file()
    # ... and each parsed ahead of time (kamtrust/questionnaire/prebuilt.py)
    shipped = {p.name for p in (installed / "kamtrust" / "questionnaires" / "prebuilt").glob("*.prebuilt")}
    assert shipped and shipped == {p.name for p in (ROOT / "questionnaires" / "prebuilt").glob("*.prebuilt")}
    where = run_installed(installed, tmp_path, "questionnaire", "show", "kamtrust-8", "--format", "json")
    assert where.returncode == 0, where.stderr
    assert '"id": "kamtrust-8"' in where.stdout
    proc = subprocess.run(
        [sys.executable, "-c", "import kamtrust.questionnaire.registry as r; print(r.builtin_dir())"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout.strip() == str(installed / "kamtrust" / "questionnaires")


@pytest.mark.slow
def test_installed_assess_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    assert run_installed(installed, tmp_path, "--version").stdout.startswith("kamtrust ")
    listing = run_installed(installed, tmp_path, "questionnaire", "list")
    assert listing.returncode == 0 and listing.stdout.startswith("kamtrust-8")
    shown = run_installed(installed, tmp_path, "questionnaire", "show", "kamtrust-8", "-f", "json")
    ids = [item["id"] for item in json.loads(shown.stdout)["items"]]
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {" + ", ".join(f"{i}: 4" for i in ids) + "}\n", encoding="utf-8")
    r = run_installed(installed, tmp_path, "assess", "--answers", str(answers), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert '"status": "complete"' in r.stdout
