"""Interruption safety: a write that fails or is killed never leaves a truncated result."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kamtrust import atomic
from kamtrust.atomic import write_atomic
from kamtrust.engine.scoring import score
from kamtrust.errors import OutputError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results import storage
from kamtrust.results.collect import collect
from kamtrust.results.document import PARTIAL, Participant, Result, Session, build_result, read_result, with_status

from .conftest import ROOT


def a_result(q: Questionnaire, name: str, value: int = 3) -> Result:
    answers = dict.fromkeys(q.items, value)
    return build_result(q, answers, score(q, answers), language="en", participant=Participant("p", name))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_keeps_the_old_file_whole(
    q: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, error: BaseException
) -> None:
    path = tmp_path / "result.json"
    old = a_result(q, "old")
    storage.save(old, path)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    if failing == "write":
        # The payload is encoded before the temporary file is opened; fail in the middle of it.
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fd: int, mode: str) -> None:
                self.fh = real_fdopen(fd, mode)

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> None:
                self.fh.write(data[: len(data) // 2])
                self.fh.flush()
                raise error

        monkeypatch.setattr(atomic.os, "fdopen", HalfWriter)
    else:
        monkeypatch.setattr(atomic.os, failing, fail)

    with pytest.raises(OutputError if isinstance(error, OSError) else KeyboardInterrupt) as info:
        storage.save(a_result(q, "new", 5), path)
    if isinstance(error, OSError):
        assert info.value.message == f"cannot write {path}: No space left on device"
    monkeypatch.undo()
    assert read_result(path) == old
    assert leftovers(tmp_path) == []


def test_a_new_file_that_fails_is_not_created(
    q: Questionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "new.json", a_result(q, "x").to_json())
    assert list(tmp_path.iterdir()) == []


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kamtrust.atomic import write_atomic
    from kamtrust.engine.scoring import score
    from kamtrust.questionnaire.registry import resolve
    from kamtrust.results.document import Participant, build_result

    q = resolve("kamtrust-8")
    texts = []
    for n, value in enumerate((1, 5)):
        answers = dict.fromkeys(q.items, value)
        # A long account name makes each write take a while, so kills land inside it.
        who = Participant("p", f"version {n}", "x" * 4_000_000)
        texts.append(build_result(q, answers, score(q, answers), language="en", participant=who).to_json())
    path = Path(sys.argv[1])
    print("ready", flush=True)
    n = 0
    while True:
        write_atomic(path, texts[n % 2])
        n += 1
    """
)


@pytest.mark.slow
def test_a_kill_during_the_write_never_leaves_a_partial_file(tmp_path: Path) -> None:
    from kamtrust.results.document import decode_result

    path = tmp_path / "results" / "result.json"
    rng = random.Random(5)
    mid_write = 0
    for _ in range(30):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        if path.exists():
            # raises if truncated or half-written (decoded directly: the file is over read_result's 1 MiB)
            result = decode_result(path.read_bytes(), str(path))
            assert result.participant.name in ("version 0", "version 1")
        temps = leftovers(path.parent)
        # A kill inside write_atomic leaves its temporary file: proof that the kill hit the write.
        mid_write += bool(temps)
        for name in temps:
            assert name.startswith(".result.json.")
            (path.parent / name).unlink()
        if mid_write >= 3:
            break
    assert mid_write >= 3, "no kill landed inside a write; make the writes longer"


def test_temporary_files_are_never_taken_for_results(q: Questionnaire, data_dir: Path) -> None:
    folder = storage.results_dir()
    folder.mkdir(parents=True)
    done = folder / "20261123T101500Z-kamtrust-8-abcdef.json"
    partial = folder / "20261123T101600Z-kamtrust-8-123456.partial.json"
    storage.save(a_result(q, "done"), done)
    storage.save(with_status(a_result(q, "partial"), PARTIAL, Session()), partial)
    # What a kill leaves: write_atomic's temporary files, named after their target.
    (folder / f".{done.name}.x1y2z3.tmp").write_text(done.read_text()[:100])
    (folder / f".{partial.name}.a1b2c3.tmp").write_text(json.dumps({"schema": "kamtrust.result/1"}))
    assert storage.saved_results() == [done, partial]
    assert [p for p, _ in storage.find_partials()] == [partial]
    group = collect([folder])  # a trainer pointing at the folder
    assert (group.paths, group.partial, group.rejected) == ([done], [partial], [])
