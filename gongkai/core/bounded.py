"""Run a parser of untrusted input in a child process with a memory cap and a time cap.

`run_bounded(func, *args, seconds=, memory=)` forks; the child lowers its address-space limit
(RLIMIT_AS) to what it has now plus `memory`, runs `func(*args)` and sends the pickled result
back through a pipe; the parent waits at most `seconds` and kills the child after that. So a
decompression bomb, a pathological PDF or a spreadsheet with a million cells costs one child
at most `memory` and `seconds`, and the worker itself never grows. Results: the function's
return value; `BoundExceeded` (with `reason` "memory" or "time"); any exception the function
raised is re-raised in the parent when it can be pickled, else `BoundFailed`.

POSIX only (Linux, the platform of the project). The child never touches the database (it
exits with os._exit, so inherited connections are left alone).
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time

MB = 1024 * 1024


class BoundExceeded(RuntimeError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "memory" or "time"


class BoundFailed(RuntimeError):
    """The function failed in a way that could not be sent back (e.g. killed by a signal)."""


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):  # pragma: no cover - not Linux
        return 0


def _child(write_fd: int, func, args, memory: int) -> None:
    try:
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            outcome = ("ok", func(*args))
        except MemoryError:
            outcome = ("memory", None)
        except Exception as error:  # sent back and re-raised by the parent
            outcome = ("error", error)
        try:
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            payload = pickle.dumps(("failed", repr(outcome[1])[:500]))
        view = memoryview(payload)
        with os.fdopen(write_fd, "wb", closefd=True) as pipe:
            pipe.write(view)
    finally:
        os._exit(0)


def run_bounded(func, *args, seconds: float, memory: int):
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        _child(write_fd, func, args, memory)
    os.close(write_fd)
    chunks, deadline, timed_out = [], time.monotonic() + seconds, False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - already gone
                pass
        os.waitpid(pid, 0)
    if timed_out:
        raise BoundExceeded("time")
    if not chunks:
        raise BoundExceeded("memory")  # killed before it could answer (e.g. by the OOM path)
    try:
        status, value = pickle.loads(b"".join(chunks))
    except Exception:
        raise BoundFailed("unreadable result") from None
    if status == "ok":
        return value
    if status == "memory":
        raise BoundExceeded("memory")
    if status == "error":
        raise value
    raise BoundFailed(value)
