"""Finding rating files: a glob over folders linked in a loop ends (each folder entered once)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_glob_over_linked_loops_ends(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "up").symlink_to("..")
    (tmp_path / "b" / "side").symlink_to("../a")
    (tmp_path / "a" / "other").symlink_to("../b")
    code = (
        "import sys; from kamtrust.results.ratingset import collect_all; "
        "r = collect_all([sys.argv[1]]); print(len(r.ratings), len(r.left_out))"
    )
    # Python's glob.glob(recursive=True) never returns here; the reader must, and find nothing.
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "**" / "*.json")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "0"]
