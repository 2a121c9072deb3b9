"""Work shared with a forked copy of this process, on a second core.

Reading the data files and exporting 3,000 pages are pure Python on one core (0.8 s and
1.5 s at N = 1,000, ./site-build.sh bench), before any engine can start. A fork shares what
is already loaded and set up (the models, the data, the templates), so a child starts on its
share at once; a new interpreter would import and load all of it again first.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


class ChildError(Exception):
    """The forked share failed with an error that could not be sent back whole."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_two(work: Callable[[int, int], Result]) -> list[Result]:
    """`work(1, 2)` in a forked child while this process runs `work(0, 2)`: each does the items
    whose index modulo 2 is its first argument; the results of both, this process's first (the
    child's pickled back). Where forking is not safe or not worth it (one core, no fork, another
    thread running, whose locks a child could inherit held), `work(0, 1)` here does it all and
    is the only result. The child's error is raised here."""
    if cores() < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [work(0, 1)]
    reading, writing = os.pipe()
    gc.freeze()  # the collector in the child would write to every shared object, copying its memory
    child = os.fork()
    if child == 0:  # the child: its result or error down the pipe, and out, running no cleanup of ours
        os.close(reading)
        try:
            _send(writing, work(1, 2), failed=False)
        except BaseException as error:  # noqa: BLE001 (every error goes to the parent)
            _send(writing, error, failed=True)
        os._exit(0)
    os.close(writing)
    try:
        mine = work(0, 2)
    finally:
        with os.fdopen(reading, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(child, 0)
        gc.unfreeze()
    if not sent or status:
        raise ChildError(f"the forked share of the work ended with status {status} and sent nothing")
    failed, theirs = pickle.loads(sent)  # noqa: S301 (our own child's bytes)
    if failed:
        raise theirs
    return [mine, theirs]


def _send(pipe: int, value: object, *, failed: bool) -> None:
    try:
        sent = pickle.dumps((failed, value))
        if failed:
            pickle.loads(sent)  # noqa: S301 (an error whose class cannot be rebuilt would fail in the parent)
    except Exception as error:  # noqa: BLE001 (anything at all is sent back as text instead)
        what = value if failed and isinstance(value, BaseException) else error
        sent = pickle.dumps((True, ChildError("".join(traceback.format_exception(what)))))
    with os.fdopen(pipe, "wb") as out:
        out.write(sent)
