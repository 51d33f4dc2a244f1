"""What a room of trainers sees: Ctrl-C at start-up, tooltips, error wording, left-out counts, headers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from .conftest import ROOT

# Ctrl-C arrives while Python is still loading the command tree (``import typer``).
EARLY_CTRL_C = textwrap.dedent(
    """
    import sys

    class CtrlC:
        def find_spec(self, name, path=None, target=None):
            if name == "typer":
                raise KeyboardInterrupt
            return None

    sys.meta_path.insert(0, CtrlC())
    from kamtrust.cli import main

    sys.exit(main(["group", "summary", "."]))
    """
)


@pytest.mark.parametrize(("lang", "said"), [("es_CO.UTF-8", "Interrumpido."), ("en_GB.UTF-8", "Interrupted.")])
def test_ctrl_c_while_the_commands_load_says_interrupted_not_a_traceback(lang: str, said: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")} | {"LANG": lang}
    proc = subprocess.run(
        [sys.executable, "-c", EARLY_CTRL_C], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert (proc.returncode, proc.stderr, proc.stdout) == (130, f"\n{said}\n", "")
