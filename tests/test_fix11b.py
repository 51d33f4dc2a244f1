"""Issue 11 (a new trainer's findings): honest form intro, messages in the chosen language,
one name for -o, localized placeholders, 'internal consistency', the roster CSV warning first."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]

ES = {"LANG": "es_ES.UTF-8"}


# --- §1: the form's introduction tells the truth about who sees the answers


@pytest.mark.parametrize("kind", ["gforms", "msforms"])
@pytest.mark.parametrize("ref", ["kamtrust-8", "kamtrust-8@1.0"])
def test_form_intro_is_honest_in_spanish(run: Run, kind: str, ref: str) -> None:
    r = run("questionnaire", "export", ref, "--format", kind, "--lang", "es")
    assert r.exit_code == 0
    assert "solo tú decides con quién compartirlos" not in r.stdout
    assert (
        "Tus respuestas llegan a quien imparte el taller y gestiona este formulario, que ve las respuestas "
        "de cada participante. Al grupo solo se le muestran cifras de grupos de al menos 3 personas, nunca "
        "quién respondió qué. A cambio recibirás tu propio perfil de confianza: tus puntuaciones por factor "
        "y las palancas que puedes trabajar."
    ) in r.stdout


def test_form_intro_is_honest_in_english(run: Run) -> None:
    r = run("questionnaire", "export", "kamtrust-8", "--format", "gforms", "--lang", "en")
    assert r.exit_code == 0
    assert "only you decide who to share them with" not in r.stdout
    assert (
        "Your answers go to the trainer who runs this form, who sees each participant's answers. The group "
        "is shown figures only for groups of at least 3 people, never who answered what. In return you will "
        "get your own trust profile: your scores per factor and the levers you can work on."
    ) in r.stdout


def test_personal_intro_keeps_its_promise(run: Run) -> None:
    """The paper form (md) is the participant's own: its intro is the questionnaire's, unchanged."""
    r = run("questionnaire", "export", "kamtrust-8", "--format", "md", "--lang", "es")
    assert "Tus resultados son privados y solo tú decides con quién compartirlos." in r.stdout


# --- §2: questionnaire export/guide and the output policy speak the chosen language


@pytest.mark.parametrize("command", [["questionnaire", "guide"], ["questionnaire", "export", "kamtrust-8", "-f", "md"]])
def test_written_and_exists_in_spanish(run: Run, tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "guia.md"
    r = run(*command, "-o", str(out), "--lang", "es")
    assert r.exit_code == 0 and r.stderr == f"Escrito en {out}\n"
    r = run(*command, "-o", str(out), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: no se puede escribir {out}: el archivo ya existe; elige otro nombre o añade --force para "
        "sobrescribirlo\n"
    )


def test_written_and_exists_in_english(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "guide.md"
    assert run("questionnaire", "guide", "-o", str(out), "--lang", "en").stderr == f"Written to {out}\n"
    r = run("questionnaire", "guide", "-o", str(out), "--lang", "en")
    assert r.exit_code == 1
    assert (
        r.stderr == f"Error: cannot write {out}: the file exists; choose another name or add --force to overwrite it\n"
    )


def test_spanish_locale_alone_is_enough(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "g.md"
    out.write_text("x")
    r = run("questionnaire", "guide", "-o", str(out), env=ES)
    assert r.exit_code == 1 and "no se puede escribir" in r.stderr and "el archivo ya existe" in r.stderr


def test_symlink_refusal_in_spanish(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("keep")
    link = tmp_path / "link.md"
    os.symlink(target, link)
    r = run("questionnaire", "export", "kamtrust-8", "-f", "md", "-o", str(link), "--lang", "es", "--force")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: no se puede escribir {link}: es un enlace simbólico; kamtrust nunca escribe a través de un "
        "enlace, para que el archivo al que apunta no se sustituya por error: indica la ruta del archivo real "
        "u otro nombre\n"
    )
    assert target.read_text() == "keep"


def test_guide_refuses_a_folder_like_every_output(run: Run, tmp_path: Path) -> None:
    r = run("questionnaire", "guide", "-o", str(tmp_path), "--lang", "es", "--force")
    assert r.exit_code == 1
    assert r.stderr == f"Error: no se puede escribir {tmp_path}: es una carpeta; indica un nombre de archivo\n"


def test_sep_error_in_spanish(run: Run) -> None:
    r = run("questionnaire", "export", "kamtrust-8", "--sep", "x", "--lang", "es")
    assert r.exit_code == 2 and r.stderr == "Error: --sep debe ser ',' o ';', no 'x'\n"


def test_validate_and_list_in_spanish(run: Run) -> None:
    from kamtrust.questionnaire.registry import builtin_dir

    path = builtin_dir() / "kamtrust-8.yaml"
    r = run("questionnaire", "validate", str(path), env=ES)
    assert r.stdout.startswith(
        f"{path}: válido — kamtrust-8 1.0, 8 factores, polos de distancia, 50 preguntas, idiomas "
    )
    r = run("questionnaire", "list", env=ES)
    assert " 50 preguntas  Cómo construyes la confianza con tus clientes clave" in r.stdout
    assert "Añade tus propios cuestionarios en " in r.stderr


# --- §3 and §4: one name for the output option; placeholders in the help's language


@pytest.fixture(scope="module")
def helps_es() -> dict[str, tuple[int, str]]:
    from .test_help_es import every_help

    return every_help(LANG="es_ES.UTF-8")


@pytest.fixture(scope="module")
def helps_en() -> dict[str, tuple[int, str]]:
    from .test_help_es import every_help

    return every_help(LANG="en_US.UTF-8")


def _options(text: str) -> list[str]:
    return [
        line.split("  ")[1] if line.startswith("  ") else line for line in text.splitlines() if line.startswith("  -")
    ]


def test_every_output_option_is_called_output(
    helps_es: dict[str, tuple[int, str]], helps_en: dict[str, tuple[int, str]]
) -> None:
    for helps in (helps_es, helps_en):
        for name, (_, text) in helps.items():
            assert "--out " not in text and "--out," not in text, name
    for name in (
        "assess",
        "report",
        "group report",
        "group summary",
        "group compare",
        "group roster",
        "import",
        "questionnaire export",
        "questionnaire guide",
    ):
        assert "-o, --output " in helps_es[name][1], name


def test_spanish_placeholders(helps_es: dict[str, tuple[int, str]]) -> None:
    for name, (_, text) in helps_es.items():
        for english in ("<path>", "<str>", "<int", "<integer", "paths...", "files..."):
            assert english not in text, (name, english)
        assert not re.search(r"\b(RESULT|PATH|FILE|FOLDER|TEXT|DATE|LANG|NAME|ACCOUNT)\b", text), name
    assert "Usage: kamtrust group summary [OPTIONS] {RUTA...}" in helps_es["group summary"][1]
    assert "Usage: kamtrust report [OPTIONS] {RESULTADO...}" in helps_es["report"][1]
    assert "Usage: kamtrust group compare [OPTIONS] {ANTES} {DESPUÉS}" in helps_es["group compare"][1]
    summary = helps_es["group summary"][1]
    for option in (
        "-o, --output ARCHIVO",
        "--min-group N",
        "--sep SEPARADOR",
        "--by CAMPO",
        "-q, --questionnaire ID|ARCHIVO",
        "-l, --lang IDIOMA",
        "--account CUENTA",
        "--cohort GRUPO",
        "--name NOMBRE",
        "--since FECHA",
        "--until FECHA",
    ):
        assert f"  {option} " in summary, option
    assert "  -o, --output CARPETA " in helps_es["import"][1]
    assert "  -o, --output ARCHIVO|CARPETA " in helps_es["report"][1]
    assert "  --timezone ZONA " in helps_es["import"][1]


def test_english_placeholders(helps_en: dict[str, tuple[int, str]]) -> None:
    for name, (_, text) in helps_en.items():
        for raw in ("<path>", "<str>", "<int"):
            assert raw not in text, (name, raw)
    assert "Usage: kamtrust group summary [OPTIONS] {PATH...}" in helps_en["group summary"][1]
    assert "  -o, --output FILE " in helps_en["group summary"][1]
    assert "  --since DATE " in helps_en["group summary"][1]
    assert "  -o, --output FOLDER " in helps_en["import"][1]


@pytest.mark.parametrize("spelling", [["--out"], ["--output"], ["-o"], ["--out=X"]])
def test_out_is_still_accepted(run: Run, tmp_path: Path, q: Any, spelling: list[str]) -> None:
    from .groupdata import keyed, write_result

    for n in range(3):
        write_result(tmp_path / "res", q, keyed(q, {}, default=2 + n % 3), name=f"P{n}", account="A")
    out = tmp_path / "g.md"
    args = [s.replace("X", str(out)) for s in spelling] + ([] if "=" in spelling[0] else [str(out)])
    r = run("group", "report", str(tmp_path / "res"), *args, "--lang", "es")
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("#")
