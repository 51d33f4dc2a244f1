"""``--help`` of the participant commands follows the locale (texts chosen when kamtrust starts)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kamtrust.i18n import HELP_TEXTS

from .conftest import ROOT

PARTICIPANT = ("assess", "show", "report", "history", "compare")


def help_text(command: str, flag: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    clean.update(env, COLUMNS="200")
    proc = subprocess.run(
        [sys.executable, "-m", "kamtrust", command, flag],
        capture_output=True,
        text=True,
        env=clean,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_the_catalogues_have_the_same_keys() -> None:
    assert set(HELP_TEXTS["es"]) == set(HELP_TEXTS["en"])


def test_assess_help_in_spanish_with_h_and_help() -> None:
    for flag in ("-h", "--help"):
        out = help_text("assess", flag, LANG="es_ES.UTF-8")
        assert "Responde al cuestionario de confianza y ve tu perfil" in out
        assert "Tu nombre (opcional)." in out and "Continúa tu autoevaluación sin terminar." in out
        assert "Your name" not in out


@pytest.mark.parametrize("command", PARTICIPANT)
def test_every_participant_command_has_only_spanish_help_texts(command: str) -> None:
    out = " ".join(help_text(command, "--help", LC_ALL="es_MX.UTF-8").split())
    mine = {k: v for k, v in HELP_TEXTS["es"].items() if k == command or k.startswith(f"{command}.")}
    for key, text in mine.items():
        assert " ".join(text.split()) in out, key
    for key, text in HELP_TEXTS["en"].items():
        if (key == command or key.startswith(f"{command}.")) and text != HELP_TEXTS["es"][key]:
            assert " ".join(text.split()) not in out, key


def test_english_or_another_locale_keeps_the_english_help() -> None:
    out = help_text("report", "-h", LANG="fr_FR.UTF-8")
    assert "Make a report of a result to keep or share" in " ".join(out.split())
    assert "Crea un informe" not in out
