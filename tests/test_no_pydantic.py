"""No pydantic at start-up: Typer is held below 0.29, whose parameter conversion goes through it.

Typer 0.29 builds pydantic adapters for every parameter on every run (about 0.1 s per command,
and pydantic as a dependency). If an upgrade of Typer (or anything else) brings pydantic in, the
start-up figures of the README no longer hold: this test says so before a benchmark does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .conftest import ROOT
from .groupdata import keyed, write_result

BANNED = ("pydantic", "pydantic_core")

# Every attempt to import a banned module is recorded, even one that fails because the module is
# not installed (``try: import pydantic``): the test holds on machines without pydantic too.
PROBE = textwrap.dedent(
    """
    import contextlib, io, json, sys

    BANNED = {banned!r}
    tried = []

    class Watch:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BANNED:
                tried.append(name)
            return None

    sys.meta_path.insert(0, Watch())
    from kamtrust.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main({argv!r})
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BANNED)
    print(json.dumps({{"code": code, "tried": sorted(set(tried)), "loaded": loaded, "out": out.getvalue()}}))
    """
)


def _probe(argv: list[str], cwd: Path) -> dict[str, object]:
    code = PROBE.format(banned=BANNED, argv=argv)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=60)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["group", "summary", "--help"]], ids=" ".join)
def test_start_up_never_imports_pydantic(argv: list[str]) -> None:
    got = _probe(argv, ROOT)
    assert got["code"] == 0
    assert (got["tried"], got["loaded"]) == ([], []), (
        f"kamtrust {' '.join(argv)} tried {got['tried']}, loaded {got['loaded']}"
    )


def test_a_group_summary_never_imports_pydantic(q: Questionnaire, tmp_path: Path) -> None:
    for k in range(3):
        write_result(tmp_path / "g", q, keyed(q, {"credibility": 2 + k}), pid=f"p{k}")
    got = _probe(["group", "summary", str(tmp_path / "g"), "-f", "json"], ROOT)
    assert got["code"] == 0 and json.loads(str(got["out"]))["total"]["n"] == 3
    assert (got["tried"], got["loaded"]) == ([], [])
