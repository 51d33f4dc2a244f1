"""Temporary files left by a killed process: ignored by every reader, swept away, never accumulating."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust import atomic
from kamtrust.atomic import STALE_AFTER, is_temporary, sweep_stale_temporaries, write_atomic
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results import storage
from kamtrust.results.collect import collect

from .conftest import ROOT, all_answers
from .groupdata import write_result
from .test_atomic import a_result

Run = Callable[..., Any]

# Killed right after its temporary file is complete and synced, just before the rename.
KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from kamtrust import atomic

    def die(*args):
        os.kill(os.getpid(), signal.SIGKILL)

    atomic.os.replace = die
    atomic.write_atomic(Path(sys.argv[1]), '{"half": "a result"}')
    """
)


def kill_a_writer(target: Path) -> Path:
    """Run a real process that SIGKILLs itself mid-write; the temporary file it leaves."""
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(target)], cwd=ROOT, capture_output=True, timeout=60
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    (left,) = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    return left


@pytest.fixture(autouse=True)
def _fresh_sweeps(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sweep runs once per folder and process: give each test a new process's memory.
    monkeypatch.setattr(atomic, "_swept", set())


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_write_leaves_a_temporary_that_readers_ignore(run: Run, q: Questionnaire, data_dir: Path) -> None:
    folder = storage.results_dir()
    done = write_result(folder, q, all_answers(q, 4), filename="20261123T101500Z-kamtrust-8-abcdef.json")
    left = kill_a_writer(folder / "20261124T090000Z-kamtrust-8-123456.json")
    assert is_temporary(left.name) and left.name.startswith(".20261124T090000Z-kamtrust-8-123456.json.kamtrust-")
    assert not (folder / "20261124T090000Z-kamtrust-8-123456.json").exists()
    # Every reader: the history, the partial finder, a trainer's folder, a glob, a group report.
    assert storage.saved_results() == [done]
    assert storage.find_partials() == []
    assert collect([folder]).paths == [done]
    assert collect([str(folder / "*")]).paths == [done]
    r = run("history", "--format", "json")
    assert [e["path"] for e in json.loads(r.stdout)] == [str(done)]
    r = run("group", "summary", str(folder), "--min-group", "1", "--format", "json")
    assert r.exit_code == 0 and "left out" not in r.stderr


def test_stale_temporaries_are_swept_when_the_folder_is_next_written(q: Questionnaire, data_dir: Path) -> None:
    folder = storage.results_dir()
    folder.mkdir(parents=True)
    old = kill_a_writer(folder / "a.json")
    fresh = folder / ".b.json.kamtrust-abcd1234.tmp"  # a write in progress in another process
    fresh.write_text("{", encoding="utf-8")
    legacy = folder / ".c.json.x1y2z3w4.tmp"  # as releases before the marker named them
    legacy.write_text("{", encoding="utf-8")
    age(old, STALE_AFTER + 1)
    age(legacy, STALE_AFTER + 1)
    # Not ours, though old: a user's file, a look-alike, a link, a folder.
    theirs = [folder / "notes.tmp", folder / ".notes.kamtrust-abc.tmp", folder / "x.kamtrust-abcd1234.tmp"]
    for path in theirs:
        path.write_text("mine", encoding="utf-8")
        age(path, STALE_AFTER * 10)
    link = folder / ".d.json.kamtrust-zzzz9999.tmp"
    os.symlink(folder / "notes.tmp", link)
    os.utime(link, (0, 0), follow_symlinks=False)
    (folder / ".e.json.kamtrust-qqqq0000.tmp").mkdir()

    storage.save(a_result(q, "next"), folder / "next.json")

    names = sorted(p.name for p in folder.iterdir())
    assert old.name not in names and legacy.name not in names
    assert fresh.name in names and link.name in names and ".e.json.kamtrust-qqqq0000.tmp" in names
    assert all(p.read_text(encoding="utf-8") == "mine" for p in theirs)
    assert "next.json" in names


def test_the_sweep_runs_once_per_folder_and_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[str] = []
    real = os.scandir

    def counting(path: Any) -> Any:
        scans.append(str(path))
        return real(path)

    monkeypatch.setattr(atomic.os, "scandir", counting)
    for n in range(50):
        write_atomic(tmp_path / f"{n}.json", "{}")
    assert scans == [str(tmp_path)]


def test_temporaries_never_accumulate(tmp_path: Path) -> None:
    # Killed writers (as kill_a_writer leaves them), each long before the next write.
    for n in range(6):
        (tmp_path / f".r{n}.json.kamtrust-{n:08d}.tmp").touch()
        for path in tmp_path.glob("*.tmp"):
            age(path, STALE_AFTER + 60)
        atomic._swept.clear()
        write_atomic(tmp_path / "next.json", "{}")
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_long_file_name_still_gets_a_temporary(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 250 + ".json")
    write_atomic(path, "{}")
    assert path.read_text(encoding="utf-8") == "{}"
    assert sweep_stale_temporaries(tmp_path, now=time.time() + STALE_AFTER * 2) == []
