"""Run a function over many items on every core, with the same results as a plain loop.

A group summary reads, parses and checks thousands of files; one core spends most of its time
in the JSON decoder. :func:`fork_map` forks helper processes (Linux only: forking is cheap
there and the helpers share the parent's loaded modules without re-importing anything) that
take chunks of the items from a shared queue, while the parent works on the queue too.

The result is always ``[fn(x) for x in items]``, in order:

- Helpers send each finished chunk back through a pipe (pickled) as soon as it is done:
  nothing touches the disk. The parent takes them in between chunks of its own, so that little
  is left to do once the queue is empty.
- ``finish``, when given, is work that only the parent does, on every chunk (its own and the
  helpers') as it comes: ``[*finish([fn(x) for x in chunk]) ...]``. Work whose result costs as
  much to send as to compute (scoring a result) belongs there.
- ``meanwhile``, when given, is other work the parent does once its helpers are reading
  (loading what it will need afterwards): on two cores the helpers take more of the queue
  meanwhile, so that it costs about half its time.
- A chunk that never arrives (a helper that failed or was killed) is done again in the parent,
  so a failure costs time, never a result; an exception that ``fn`` raises is raised in the
  parent when it does that chunk itself.
- Ctrl-C (SIGINT reaches the whole process group) ends the helpers at once, without output or
  clean-up of their own (``os._exit``); the parent stops them, waits for them and raises
  KeyboardInterrupt as usual.

Small inputs, machines with one core and systems other than Linux use the plain loop.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

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


@overload
def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int | None = None,
    processes: int | None = None,
    finish: None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[R]: ...


@overload
def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int | None = None,
    processes: int | None = None,
    finish: Callable[[list[R]], list[S]],
    meanwhile: Callable[[], object] | None = None,
) -> list[S]: ...


def fork_map(
    fn: Callable[[T], Any],
    items: Sequence[T],
    *,
    min_items: int | None = None,
    processes: int | None = None,
    finish: Callable[[list[Any]], list[Any]] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[Any]:
    """``[fn(x) for x in items]``, computed on up to ``processes`` cores (default: all) when
    there are at least ``min_items`` (default MIN_ITEMS); with ``finish``, each chunk of that
    list goes through ``finish`` in this process; ``meanwhile`` runs here while helpers read
    (see the module's notes)."""
    n = len(items)
    procs = workers() if processes is None else processes
    if min_items is None:  # read now, not when this module was loaded (tests lower it)
        min_items = MIN_ITEMS
    if n < max(min_items, 2) or procs < 2:
        done = [fn(x) for x in items]
        return done if finish is None else finish(done)
    size = max(CHUNK, -(-n // _MAX_CHUNKS))
    run: _Run[T, Any, Any] = _Run(fn, items, [(a, min(a + size, n)) for a in range(0, n, size)], finish)
    return run.results(procs, meanwhile)


class _Run(Generic[T, R, S]):
    """One parallel ``fork_map``: the queue of chunks, the helpers, and the chunks done so far
    (``fn`` gives R, ``finish`` turns a chunk of them into S)."""

    def __init__(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        spans: list[tuple[int, int]],
        finish: Callable[[list[R]], list[S]] | None,
    ) -> None:
        import pickle  # only here: a summary of a few files never needs it

        self.fn, self.items, self.spans = fn, items, spans
        self.finish: Callable[[list[R]], list[S]] = finish or (lambda chunk: chunk)  # type: ignore[assignment,return-value]
        self.loads = pickle.loads
        self.dumps = pickle.dumps
        self.done: list[list[S] | None] = [None] * len(spans)
        self.helpers: list[tuple[int, int]] = []
        """(process id, the read end of the pipe it answers through) of each helper."""
        self.pending: dict[int, bytearray] = {}
        """Bytes received from each helper (by pipe) not yet made into a whole chunk."""

    def results(self, procs: int, meanwhile: Callable[[], object] | None = None) -> list[S]:
        """Every chunk done, by the helpers or here, in order (``meanwhile`` run here once they read)."""
        queue_r, queue_w = os.pipe()
        finished = False
        try:
            os.write(queue_w, b"".join(_INDEX.pack(k) for k in range(len(self.spans))))
            os.close(queue_w)
            queue_w = -1
            self.start_helpers(procs - 1, queue_r)
            if meanwhile is not None and self.helpers:
                meanwhile()
            for k in _take(queue_r):
                self.done[k] = self.finish(self.chunk(k))
                self.receive(wait=False)
            self.receive(wait=True)
            finished = True
        finally:
            for fd in (queue_r, queue_w):
                if fd >= 0:
                    os.close(fd)
            for pid, back_r in self.helpers:
                os.close(back_r)
                _reap(pid, stop=not finished)
        out: list[S] = []
        for k, chunk in enumerate(self.done):
            out += self.finish(self.chunk(k)) if chunk is None else chunk  # None: a helper did not deliver it
        return out

    def chunk(self, k: int) -> list[R]:
        a, b = self.spans[k]
        fn = self.fn
        return [fn(x) for x in self.items[a:b]]

    def start_helpers(self, count: int, queue: int) -> None:
        """Fork up to ``count`` helpers taking chunks from ``queue`` (fewer if forking fails)."""
        for _ in range(count):
            back_r, back_w = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(back_r)
                os.close(back_w)
                return
            if pid == 0:  # pragma: no cover - the helper (coverage does not follow forks)
                _helper(self.chunk, queue, back_r, back_w, self.dumps)
            os.close(back_w)
            _widen(back_r)
            os.set_blocking(back_r, False)
            self.helpers.append((pid, back_r))
            self.pending[back_r] = bytearray()

    def receive(self, *, wait: bool) -> None:
        """Take in the whole chunks the helpers have sent; with ``wait``, all they will send."""
        for _pid, back_r in self.helpers:
            if wait:
                os.set_blocking(back_r, True)
            buffer = self.pending[back_r]
            while True:
                try:
                    part = os.read(back_r, 1 << 20)
                except BlockingIOError:
                    break
                if not part:
                    break
                buffer += part
            used = _gather(buffer, self.done, self.loads, self.finish)
            del buffer[:used]


def _widen(fd: int) -> None:
    """Let a helper's pipe hold more (1 MiB, Linux's usual cap) so that it rarely waits for the
    parent to read; nothing is lost where that is refused."""
    import fcntl

    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)


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
    chunk: Callable[[int], list[R]],
    queue: int,
    back_r: int,
    back_w: int,
    dumps: Callable[..., bytes],
) -> None:
    """A helper's whole life: never returns, never runs the parent's clean-up or flushes its output.

    Each chunk is sent as soon as it is done, for the parent to finish between its own."""
    code = 1
    try:
        os.close(back_r)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        for k in _take(queue):
            done = chunk(k)
            blob = dumps(done, protocol=5)
            view = memoryview(_HEADER.pack(k, len(blob)) + blob)
            while view:
                view = view[os.write(back_w, view) :]
        code = 0
    except BaseException:  # Ctrl-C, a closed pipe, anything: the parent redoes what is missing
        code = 1
    finally:
        os._exit(code)


def _gather(
    data: bytes | bytearray,
    done: list[list[S] | None],
    loads: Callable[[memoryview], list[R]],
    finish: Callable[[list[R]], list[S]] | None = None,
) -> int:
    """Put each whole chunk in ``data`` in its place; how many bytes that used (a cut-off last
    chunk is left for more bytes, or to redo)."""
    at = 0
    view = memoryview(data)
    try:
        while at + _HEADER.size <= len(data):
            k, length = _HEADER.unpack_from(data, at)
            if at + _HEADER.size + length > len(data) or k >= len(done):
                break
            chunk = loads(view[at + _HEADER.size : at + _HEADER.size + length])
            done[k] = chunk if finish is None else finish(chunk)  # type: ignore[assignment]
            at += _HEADER.size + length
    finally:
        view.release()  # the buffer it came from is resized next
    return at


def _reap(pid: int, *, stop: bool) -> None:
    """Wait for a helper; when the parent is leaving early (Ctrl-C, an error), stop it first."""
    try:
        if stop:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
