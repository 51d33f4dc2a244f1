"""The console script keeps a summary's results until it exits; nothing else keeps anything."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kamtrust.questionnaire.model import Questionnaire

from .conftest import ROOT
from .groupdata import keyed
from .test_people import result_file

Run = Callable[..., Any]

HELD = """
import gc, io, contextlib, sys
import kamtrust.cli as cli
with contextlib.redirect_stdout(io.StringIO()):
    code = cli.main(["group", "summary", sys.argv[1], "-f", "json"], exiting=True)
print(code, len(cli._HELD), gc.get_freeze_count() > 0)
"""


def _folder(tmp_path: Path, q: Questionnaire) -> Path:
    for k in range(4):
        result_file(tmp_path / f"r{k}.json", q, keyed(q, {"credibility": 1 + k}), pid=f"p{k}")
    return tmp_path


def test_a_summary_run_in_process_holds_nothing(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    import kamtrust.cli as cli

    before = gc.get_freeze_count()
    assert run("group", "summary", str(_folder(tmp_path, q)), "-f", "json").exit_code == 0
    assert cli._HELD == [] and gc.get_freeze_count() == before  # tests and tools keep their memory


def test_the_console_script_holds_the_results_until_it_exits(tmp_path: Path, q: Questionnaire) -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELD, str(_folder(tmp_path, q))], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.stdout.split() == ["0", "1", "True"], done.stderr
