"""Run a function over many items on every core, with the same results as a plain loop.

A group summary reads, parses and checks thousands of files; one core spends most of its time
in the JSON decoder. :func:`fork_map` forks helper processes (Linux only: forking is cheap
there and the helpers share the parent's loaded modules without re-importing anything) that
take chunks of the items from a shared queue, while the parent works on the queue too.

The result is always ``[fn(x) for x in items]``, in order:

- Helpers send each finished chunk back through a pipe (pickled): nothing touches the disk.
- A chunk that never arrives (a helper that failed or was killed) is done again in the parent,
  so a failure costs time, never a result; an exception that ``fn`` raises is raised in the
  parent when it does that chunk itself.
- Ctrl-C (SIGINT reaches the whole process group) ends the helpers at once, without output or
  clean-up of their own (``os._exit``); the parent stops them, waits for them and raises
  KeyboardInterrupt as usual.

Small inputs, machines with one core and systems other than Linux use the plain loop.
"""

from __future__ import annotations

import os
import signal
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2000
"""Fewer items are done in one process: forking and gathering cost more than they save."""
CHUNK = 64
"""Items per chunk: small enough for both processes to finish together, large enough that the
queue and the pickles cost little."""
_MAX_CHUNKS = 4096
"""The queue (4 bytes a chunk) must fit a pipe's buffer (64 KiB on Linux) to be written at once."""
_INDEX = struct.Struct("<I")
_HEADER = struct.Struct("<II")


def workers() -> int:
    """How many processes may usefully work at once: the cores this process may use, less
    those other processes keep busy right now; 1 off Linux.

    On a machine whose cores are all taken, a helper only competes with its own parent: the
    pickling it needs then makes the whole slower (measured: see the README's Performance).
    Busy cores are counted from the processes running at this moment (``/proc/loadavg``), not
    from the load average, which a summary run a moment earlier has raised by itself.
    """
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return 1
    asked = os.environ.get("KAMTRUST_PROCESSES", "").strip()
    if asked.isdigit() and asked.isascii():  # set by hand (benchmarks: 1 forces one process)
        return max(1, min(int(asked), 64))
    try:
        cores = len(os.sched_getaffinity(0))
        others = _running() - 1  # this process is one of them
    except (AttributeError, OSError, ValueError, IndexError):
        return 1
    return max(1, min(cores, cores - others))


def _running() -> int:
    """Threads running or ready to run on the whole machine now, this one included."""
    with open("/proc/loadavg", encoding="ascii") as fh:
        return int(fh.read().split()[3].split("/")[0])


def fork_map(  # noqa: C901
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int | None = None,
    processes: int | None = None,
    pack: Callable[[list[R]], list[R]] | None = None,
) -> list[R]:
    """``[fn(x) for x in items]``, computed on up to ``processes`` cores (default: all) when
    there are at least ``min_items`` (default MIN_ITEMS).

    ``pack``, when given, turns each chunk a helper computed into what it sends back (a smaller
    or cheaper form to pickle); the receiver then gets those packed values for that chunk."""
    n = len(items)
    procs = workers() if processes is None else processes
    if min_items is None:  # read now, not when this module was loaded (tests lower it)
        min_items = MIN_ITEMS
    if n < max(min_items, 2) or procs < 2:
        return [fn(x) for x in items]
    import pickle  # only here: a summary of a few files never needs it

    size = max(CHUNK, -(-n // _MAX_CHUNKS))
    spans = [(a, min(a + size, n)) for a in range(0, n, size)]
    done: list[list[R] | None] = [None] * len(spans)
    queue_r, queue_w = os.pipe()
    helpers: list[tuple[int, int]] = []
    finished = False
    try:
        os.write(queue_w, b"".join(_INDEX.pack(k) for k in range(len(spans))))
        os.close(queue_w)
        queue_w = -1
        for _ in range(procs - 1):
            back_r, back_w = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(back_r)
                os.close(back_w)
                break
            if pid == 0:  # pragma: no cover - the helper (coverage does not follow forks)
                _helper(fn, items, spans, queue_r, back_r, back_w, pickle.dumps, pack)
            os.close(back_w)
            helpers.append((pid, back_r))
        for k in _take(queue_r):
            a, b = spans[k]
            done[k] = [fn(x) for x in items[a:b]]
        for _pid, back_r in helpers:
            _gather(_read_to_end(back_r), done, pickle.loads)
        finished = True
    finally:
        for fd in (queue_r, queue_w):
            if fd >= 0:
                os.close(fd)
        for pid, back_r in helpers:
            os.close(back_r)
            _reap(pid, stop=not finished)
    out: list[R] = []
    for k, chunk in enumerate(done):
        if chunk is None:  # a helper did not deliver it
            a, b = spans[k]
            chunk = [fn(x) for x in items[a:b]]
        out += chunk
    return out


def _take(queue: int) -> Iterator[int]:
    """The chunk numbers this process takes from the queue, one read each, until it is empty.

    The queue was written whole before any reader started, so every read gets one whole number
    (reads of a pipe are atomic), and each chunk goes to exactly one process."""
    while True:
        raw = os.read(queue, _INDEX.size)
        if len(raw) < _INDEX.size:
            return
        yield _INDEX.unpack(raw)[0]


def _helper(  # pragma: no cover
    fn: Callable[[T], R],
    items: Sequence[T],
    spans: list[tuple[int, int]],
    queue: int,
    back_r: int,
    back_w: int,
    dumps: Callable[..., bytes],
    pack: Callable[[list[R]], list[R]] | None = None,
) -> None:
    """A helper's whole life: never returns, never runs the parent's clean-up or flushes its output."""
    code = 1
    try:
        os.close(back_r)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        parts: list[bytes] = []
        for k in _take(queue):
            a, b = spans[k]
            chunk = [fn(x) for x in items[a:b]]
            blob = dumps(chunk if pack is None else pack(chunk), protocol=5)
            parts.append(_HEADER.pack(k, len(blob)))
            parts.append(blob)
        # Sent at the end, when the parent has finished its own chunks and is reading.
        view = memoryview(b"".join(parts))
        while view:
            view = view[os.write(back_w, view) :]
        code = 0
    except BaseException:  # Ctrl-C, a closed pipe, anything: the parent redoes what is missing
        code = 1
    finally:
        os._exit(code)


def _read_to_end(fd: int) -> bytes:
    parts: list[bytes] = []
    while True:
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def _gather(data: bytes, done: list[list[R] | None], loads: Callable[[bytes], list[R]]) -> None:
    """Put each whole chunk in ``data`` in its place (a cut-off last one is left to redo)."""
    at = 0
    while at + _HEADER.size <= len(data):
        k, length = _HEADER.unpack_from(data, at)
        at += _HEADER.size
        if at + length > len(data) or k >= len(done):
            return
        done[k] = loads(data[at : at + length])
        at += length


def _reap(pid: int, *, stop: bool) -> None:
    """Wait for a helper; when the parent is leaving early (Ctrl-C, an error), stop it first."""
    try:
        if stop:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
