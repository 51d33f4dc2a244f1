"""``kamtrust import``'s own error paths say what is wrong in the messages' language (issue 11 §1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
CASES = {
    "missing": (
        "nada.csv",
        "out",
        {"es": "Error: {d}/nada.csv: no se encuentra el archivo", "en": "Error: {d}/nada.csv: file not found"},
    ),
    "folder": (
        "carpeta",
        "out",
        {
            "es": "Error: {d}/carpeta: es una carpeta, no un archivo exportado de un formulario",
            "en": "Error: {d}/carpeta: is a folder, not a form export",
        },
    ),
    "output is a file": (
        "x.csv",
        "x.csv",
        {
            "es": "Error: no se puede escribir en {d}/x.csv: existe y no es una carpeta; -o indica una carpeta, donde"
            " se escribe un archivo por resultado",
            "en": "Error: cannot write {d}/x.csv: it is a file; -o takes a folder, where one file per result is written",
        },
    ),
}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_import_errors_in_the_messages_language(run: Run, tmp_path: Path, case: str, lang: str) -> None:
    (tmp_path / "carpeta").mkdir()
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    source, out, expected = CASES[case]
    r = run("import", str(tmp_path / source), "-o", str(tmp_path / out), "--lang", lang, env={"COLUMNS": "400"})
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()) == expected[lang].format(d=tmp_path)
    assert not (tmp_path / "out").exists()


def test_a_spanish_locale_is_enough(run: Run, tmp_path: Path) -> None:
    r = run(
        "import",
        str(tmp_path / "nada.csv"),
        "-o",
        str(tmp_path / "out"),
        env={"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "es_MX.UTF-8", "COLUMNS": "400"},
    )
    assert r.exit_code == 1
    assert r.stderr.strip() == f"Error: {tmp_path}/nada.csv: no se encuentra el archivo"
