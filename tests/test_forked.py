"""Reading a group on both cores gives exactly what one process gives (kamtrust/results/forked.py)."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results import forked
from kamtrust.results.document import PARTIAL

from .test_people import hostile, result_file

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="helpers are forked on Linux only")

Run = Callable[..., Any]


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_fork_map_is_the_plain_loop_in_order() -> None:
    items = list(range(1000))
    assert forked.fork_map(lambda x: (x, x * x), items, min_items=0, processes=2) == [(x, x * x) for x in items]
    assert forked.fork_map(str, [], min_items=0, processes=2) == []
    assert no_children_left()


def test_the_helper_does_part_of_the_work() -> None:
    parent = os.getpid()
    ready_r, ready_w = os.pipe()
    waited = []

    def where(x: int) -> tuple[int, bool]:
        if os.getpid() != parent:
            os.write(ready_w, b".")  # the helper has started
        elif not waited:
            waited.append(os.read(ready_r, 1))  # the parent waits for it: no race, no sleep
        return x, os.getpid() == parent

    try:
        out = forked.fork_map(where, list(range(1000)), min_items=0, processes=2)
    finally:
        os.close(ready_r)
        os.close(ready_w)
    assert [x for x, _ in out] == list(range(1000))
    assert not all(in_parent for _, in_parent in out)  # (it may even take every chunk)
    assert no_children_left()


def test_finish_runs_in_the_parent_on_every_chunk_in_order() -> None:
    """``finish`` (scoring, in a summary) is done by the parent alone, on its chunks and the helpers'."""
    parent = os.getpid()
    ready_r, ready_w = os.pipe()
    waited = []

    def where(x: int) -> tuple[int, bool]:
        if os.getpid() != parent:
            os.write(ready_w, b".")
        elif not waited:
            waited.append(os.read(ready_r, 1))
        return x, os.getpid() == parent

    def finish(chunk: list[tuple[int, bool]]) -> list[tuple[int, bool]]:
        assert os.getpid() == parent
        return [(-x, read_here) for x, read_here in chunk]

    try:
        out = forked.fork_map(where, list(range(1000)), min_items=0, processes=2, finish=finish)
    finally:
        os.close(ready_r)
        os.close(ready_w)
    assert [x for x, _ in out] == [-x for x in range(1000)]
    assert not all(read_here for _, read_here in out)  # the helper read some, the parent finished them
    assert forked.fork_map(lambda x: (x, True), [1, 2], finish=finish) == [(-1, True), (-2, True)]  # one process
    assert no_children_left()


def test_meanwhile_runs_once_in_the_parent_while_helpers_read() -> None:
    parent = os.getpid()
    ran: list[int] = []
    out = forked.fork_map(
        abs, list(range(-500, 500)), min_items=0, processes=2, meanwhile=lambda: ran.append(os.getpid())
    )
    assert out == [abs(x) for x in range(-500, 500)] and ran == [parent]
    ran.clear()
    forked.fork_map(abs, [1, 2], meanwhile=lambda: ran.append(1))  # one process: nothing to overlap
    assert ran == []
    assert no_children_left()


def test_a_helper_that_dies_costs_time_not_results() -> None:
    parent = os.getpid()

    def fragile(x: int) -> int:
        if os.getpid() != parent and x == 700:
            os._exit(3)  # the helper dies mid-way: its chunks are done again by the parent
        return -x

    items = list(range(1000))
    assert forked.fork_map(fragile, items, min_items=0, processes=2) == [-x for x in items]
    assert no_children_left()


def test_an_error_is_raised_in_the_parent_and_helpers_are_reaped() -> None:
    def failing(x: int) -> int:
        if x == 999:
            raise ValueError("item 999")
        return x

    with pytest.raises(ValueError, match="item 999"):
        forked.fork_map(failing, list(range(1000)), min_items=0, processes=2)
    assert no_children_left()


def test_ctrl_c_in_the_parent_stops_the_helpers() -> None:
    parent = os.getpid()

    def interrupted(x: int) -> int:
        if os.getpid() == parent:
            raise KeyboardInterrupt  # as if SIGINT arrived while the parent read its first chunk
        return x

    with pytest.raises(KeyboardInterrupt):
        forked.fork_map(interrupted, list(range(100_000)), min_items=0, processes=2)
    assert no_children_left()


def test_small_sets_and_one_core_use_one_process() -> None:
    pids = forked.fork_map(lambda _: os.getpid(), list(range(forked.MIN_ITEMS - 1)), processes=2)
    assert set(pids) == {os.getpid()}
    pids = forked.fork_map(lambda _: os.getpid(), list(range(5000)), min_items=0, processes=1)
    assert set(pids) == {os.getpid()}


def fixture_folder(root: Path, q: Questionnaire) -> Path:
    """A folder with every kind of file a group meets: results, an earlier one, a person's other
    account, copies, links, partial, incomplete and damaged files, in several subfolders."""
    rng = random.Random(8)
    d = root / "group"
    for n in range(300):
        answers = {i: rng.randint(1, 5) for i in q.items if rng.random() > 0.03}
        when = f"2026-11-{rng.randint(10, 28)}T10:00:00Z"
        result_file(
            d / f"s{n % 7}" / f"r{n:04d}.json",
            q,
            answers,
            pid=f"p{n % 250}",
            account=f"A{n % 4}",
            cohort=None,
            when=when,
        )
    first = d / "s0" / "r0000.json"
    os.symlink(first, d / "s1" / "link.json")
    os.link(first, d / "s2" / "hard.json")
    (d / "s3" / "copy.json").write_bytes(first.read_bytes())
    result_file(d / "s4" / "partial.json", q, {"cred_1": 3}, pid="x", status=PARTIAL)
    result_file(d / "s4" / "empty.json", q, {}, pid="y")
    result_file(d / "s4" / "few.json", q, {"cred_1": 3, "rel_1": 2}, pid="z")
    for name, (content, _) in hostile(q).items():
        (d / "s5" / name).write_text(content, encoding="utf-8")
    return d


@pytest.mark.parametrize("by", [None, "account"])
def test_serial_and_parallel_summaries_are_byte_identical(
    run: Run, tmp_path: Path, q: Questionnaire, monkeypatch: pytest.MonkeyPatch, by: str | None
) -> None:
    folder = fixture_folder(tmp_path, q)
    args = ["group", "summary", str(folder), "-f", "json", "--lang", "en", "--items", "--min-group", "1"]
    if by:
        args += ["--by", by]
    outputs = []
    for processes, min_items in ((1, 10**9), (2, 0)):
        monkeypatch.setattr(forked, "MIN_ITEMS", min_items)
        monkeypatch.setattr(forked, "CHUNK", 4)  # many chunks: both processes take some
        monkeypatch.setattr(forked, "workers", lambda processes=processes: processes)
        r = run(*args)
        assert r.exit_code == 0, r.stderr
        outputs.append((_without_time(r.stdout), r.stderr))
    assert outputs[0] == outputs[1]
    assert '"same_file": 2' in outputs[0][0] and '"rejected": 11' in outputs[0][0]
    assert '"not_fit": 1' in outputs[0][0]  # read, but its answers do not fit: counted apart
    assert "left out" in outputs[0][1]
    assert no_children_left()


def _without_time(doc: str) -> str:
    return "\n".join(line for line in doc.splitlines() if '"generated_at"' not in line)


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("2", 2), ("300", 64), ("0", 1)])
def test_kamtrust_processes_sets_the_number_by_hand(monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    monkeypatch.setenv("KAMTRUST_PROCESSES", value)
    assert forked.workers() == expected


@pytest.mark.parametrize("value", ["", "two", "-1", "²", "1.5"])
def test_anything_else_in_kamtrust_processes_is_the_automatic_choice(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KAMTRUST_PROCESSES", value)
    cores = len(os.sched_getaffinity(0))
    assert 1 <= forked.workers() <= cores


@pytest.mark.parametrize(("running", "free"), [(1, None), (2, -1), (100, 1)])
def test_helpers_only_on_cores_that_are_free_now(
    monkeypatch: pytest.MonkeyPatch, running: int, free: int | None
) -> None:
    monkeypatch.delenv("KAMTRUST_PROCESSES", raising=False)
    monkeypatch.setattr(forked, "_running", lambda: running)
    cores = len(os.sched_getaffinity(0))
    expected = {None: cores, -1: max(1, cores - 1), 1: 1}[free]
    assert forked.workers() == expected


def test_no_proc_loadavg_means_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreadable() -> int:
        raise OSError("no /proc")

    monkeypatch.delenv("KAMTRUST_PROCESSES", raising=False)
    monkeypatch.setattr(forked, "_running", unreadable)
    assert forked.workers() == 1
