"""``--help`` of every command follows the locale (texts chosen when kamtrust starts)."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from typing import Any

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


# ---------------------------------------------------------------- every command, walked from the tree

SWEEP = r"""
import json, sys
import typer
import typer.testing
from typer.testing import CliRunner
from kamtrust.cli.application import app

root = typer.main.get_command(app)
typer.testing._get_command = lambda _app: root  # the locale is fixed in this process: build the tree once
runner = CliRunner()
out = {}

def walk(cmd, path):
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    out[" ".join(path) or "kamtrust"] = (result.exit_code, result.output)
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        walk(sub, [*path, name])

walk(root, [])
json.dump(out, sys.stdout)
"""
CLICK_OWN = re.compile(
    r"Options:|Arguments:|Commands:|Show this message and exit\.|\[default: [^\]]*\]|\[required\]"
    r"|\[x>=\d+\]|x>=\d+|<[^>\s]+(?: range)?>|\{[^}]*\}|(?<!\w)--?[\w-]+"
)
"""What Click writes itself (README: "Usage:", "Options:", "[default: …]" …), metavars and option names."""
ENGLISH = re.compile(
    r"\b(the|and|of|to|from|with|your|each|every|when|only|write|file|files|results|questionnaires|default|"
    r"without|which|is|are|for|this|by|per|an|paths|before|after)\b",
    re.IGNORECASE,
)
"""Words of English sentences that no Spanish help text uses."""


def every_help(**env: str) -> dict[str, tuple[int, str]]:
    return _every_help(tuple(sorted(env.items())))


@functools.cache
def _every_help(env: tuple[tuple[str, str], ...]) -> dict[str, tuple[int, str]]:
    """One process per locale for the whole run (test_fix11b reads the same helps)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    clean.update(env)
    proc = subprocess.run(
        [sys.executable, "-c", SWEEP], capture_output=True, text=True, env=clean, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    helps: dict[str, tuple[int, str]] = json.loads(proc.stdout)
    return helps


def english_left(text: str) -> list[str]:
    """English words left once Click's own words, metavars, option names and command names are gone."""
    lines = []
    commands = False
    for line in text.splitlines():
        commands = commands or line.startswith("Commands:")
        if commands and line.startswith("  ") and not line.startswith("   "):
            line = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""  # a command's name
        lines.append("" if line.startswith("Usage:") else line)
    # Click wraps "[default: …]" over two lines: join them before taking Click's words out.
    return ENGLISH.findall(CLICK_OWN.sub(" ", " ".join(" ".join(lines).split())))


def test_every_command_and_subcommand_has_only_spanish_help() -> None:
    helps = every_help(LANG="es_ES.UTF-8")
    # the tree, walked: every command of every group, trainer ones included
    for name in ("kamtrust", "group summary", "group compare", "group report", "import", "questionnaire export"):
        assert name in helps, sorted(helps)
    assert len(helps) >= 17
    for name, (code, text) in helps.items():
        assert code == 0, name
        assert english_left(text) == [], f"{name}: {english_left(text)}\n{text}"
    assert "Resume un grupo: por factor y polo de distancia" in helps["group summary"][1]
    assert "Importa la exportación de un formulario en línea" in helps["import"][1]
    assert "Muestra la versión y termina." in helps["kamtrust"][1]


def test_the_sweep_would_see_english() -> None:
    helps = every_help(LANG="en_US.UTF-8")
    for name in ("group summary", "import", "questionnaire guide", "kamtrust"):
        assert english_left(helps[name][1]), name
    assert "Summarise a group" in helps["group summary"][1]


def test_no_vosotros_in_the_spanish_help() -> None:
    vosotros = re.compile(r"\b\w+(áis|éis)\b|\bvosotr[oa]s\b|\bvuestr[oa]s?\b|\bos\b", re.IGNORECASE)
    for key, text in HELP_TEXTS["es"].items():
        assert not vosotros.search(text), key


def test_a_number_and_a_path_have_their_own_placeholders(run: Any) -> None:
    # Found by a trainer: "--min-raters TEXTO" for a number, "--ratings TEXTO" for paths.
    out = run("feedback", "summary", "-h", env={"COLUMNS": "200"}).stdout
    assert "--ratings PATH " in out and "--min-raters N " in out and "TEXT" not in out


@pytest.mark.parametrize(
    ("locale", "lang", "usage", "said"),
    [
        ("en_US.UTF-8", "es", "Uso: kamtrust compare [OPCIONES] {ANTERIOR} {NUEVO}", "Compara dos de tus resultados"),
        ("es_ES.UTF-8", "en", "Usage: kamtrust compare [OPTIONS] {OLD} {NEW}", "Compare two of your results"),
    ],
)
def test_the_help_follows_lang_when_it_is_typed(locale: str, lang: str, usage: str, said: str) -> None:
    # "Every word follows the chosen language": the help too, though it is written before Click reads --lang.
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    for args in (["compare", "--lang", lang, "--help"], ["compare", f"-l{lang}", "-h"]):
        proc = subprocess.run(
            [sys.executable, "-m", "kamtrust", *args],
            capture_output=True,
            text=True,
            env={**clean, "LANG": locale, "COLUMNS": "200"},
            cwd=ROOT,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(usage) and said in proc.stdout, proc.stdout[:300]
