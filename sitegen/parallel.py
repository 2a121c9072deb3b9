"""Work shared with a forked copy of this process, on a second core.

Exporting 3,000 pages is pure Python on one core (1.5 s at N = 1,000, ./site-build.sh bench),
before any engine can start. A fork shares the loaded data and the templates already set up,
so a child renders its share at once; a new interpreter would load the data again first.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
import traceback
from collections.abc import Callable


class ChildError(Exception):
    """The forked share failed with an error that could not be sent back whole."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_two(work: Callable[[int, int], None]) -> None:
    """`work(1, 2)` in a forked child while this process runs `work(0, 2)`: each does the items
    whose index modulo 2 is its first argument. Where forking is not safe or not worth it (one
    core, no fork, another thread running, whose locks a child could inherit held), `work(0, 1)`
    here does it all. The child's error is raised here."""
    if cores() < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        work(0, 1)
        return
    reading, writing = os.pipe()
    gc.freeze()  # the collector in the child would write to every shared object, copying its memory
    child = os.fork()
    if child == 0:  # the child: its share, its error if any down the pipe, and out, running no cleanup of ours
        os.close(reading)
        status = 0
        try:
            work(1, 2)
        except BaseException as error:  # noqa: BLE001 (every error goes to the parent)
            status = 1
            _send(writing, error)
        os._exit(status)
    os.close(writing)
    try:
        work(0, 2)
    finally:
        with os.fdopen(reading, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(child, 0)
        gc.unfreeze()
    if sent:
        raise pickle.loads(sent)  # noqa: S301 (our own child's bytes)
    if status:
        raise ChildError(f"the forked share of the work ended with status {status}")


def _send(pipe: int, error: BaseException) -> None:
    try:
        sent = pickle.dumps(error)
        pickle.loads(sent)  # noqa: S301 (an error whose class cannot be rebuilt would fail in the parent)
    except Exception:  # noqa: BLE001 (any error at all is sent back as text instead)
        sent = pickle.dumps(ChildError("".join(traceback.format_exception(error))))
    with os.fdopen(pipe, "wb") as out:
        out.write(sent)
