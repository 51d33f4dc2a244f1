"""Start-up stays light: --version and --help import Typer and nothing heavy (not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from .conftest import ROOT

HEAVY = ("rich", "yaml", "jinja2", "xlsxwriter", "kamtrust.engine")

PROBE = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from kamtrust.cli import app, main

    imported = {"import": sorted(sys.modules)}
    commands = [["--version"], ["--help"]]
    commands += [[c.name, "--help"] for c in app.registered_commands]
    commands += [[g.name, "--help"] for g in app.registered_groups]
    for argv in commands:
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        imported[" ".join(argv)] = sorted(sys.modules)
        assert code == 0, (argv, code)
    print(json.dumps(imported))
    """
)


def test_version_and_help_import_nothing_heavy() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    imported: dict[str, list[str]] = json.loads(proc.stdout)
    assert {"import", "--version", "--help", "assess --help", "questionnaire --help"} <= set(imported)
    for step, modules in imported.items():
        heavy = sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY))
        assert heavy == [], f"after '{step}': {heavy}"
