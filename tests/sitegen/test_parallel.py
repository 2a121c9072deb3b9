"""sitegen/parallel.py: work shared with a forked child, and its errors brought back. Forking
waits for a process running one thread, which a test process is not (its web server, pytest-
xdist's channel): the sharing is tried in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitegen.parallel import cores, in_two

TWO_SHARES = """
import json, os, sys
from pathlib import Path
from sitegen.parallel import in_two
from sitegen.problems import DataError, Problem
folder, fail = Path(sys.argv[1]), sys.argv[2] == "fail"
def work(share, shares):
    if fail and share == 1:
        raise DataError([Problem("content/about.md", 7, "sources", "no source 'x'")])
    for item in range(11)[share::shares]:
        (folder / str(item)).write_text(str(os.getpid()))
    return [[item, os.getpid()] for item in range(11)[share::shares]]
try:
    print(json.dumps(in_two(work)))
except DataError as error:
    print(json.dumps([str(error), [[p.file, p.line, p.field, p.message] for p in error.problems]]))
print(json.dumps(os.getpid()))
"""


def in_a_process_alone(folder: Path, mode: str) -> list[Any]:
    """TWO_SHARES in a new interpreter: what it printed, one JSON value a line."""
    done = subprocess.run(
        [sys.executable, "-c", TWO_SHARES, str(folder), mode], capture_output=True, text=True, check=True
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def pids_by_item(folder: Path) -> dict[int, int]:
    return {int(path.name): int(path.read_text(encoding="utf-8")) for path in folder.iterdir()}


@pytest.mark.skipif(cores() < 2, reason="one core: nothing to share")
def test_each_item_is_done_once_by_one_of_two_processes_which_both_return_their_results(tmp_path: Path) -> None:
    results, parent = in_a_process_alone(tmp_path, "work")
    done = pids_by_item(tmp_path)
    assert sorted(done) == list(range(11))
    assert len(set(done.values())) == 2 and parent in done.values()
    mine, theirs = results
    assert [item for item, _ in mine] == [0, 2, 4, 6, 8, 10] and {pid for _, pid in mine} == {parent}
    assert [item for item, _ in theirs] == [1, 3, 5, 7, 9] and {pid for _, pid in theirs} == {done[1]}


@pytest.mark.skipif(cores() < 2, reason="one core: nothing to share")
def test_a_data_error_in_the_child_s_share_is_raised_in_the_parent_with_its_file_and_line(tmp_path: Path) -> None:
    (message, problems), _ = in_a_process_alone(tmp_path, "fail")
    assert message == "content/about.md:7: sources: no source 'x'"
    assert problems == [["content/about.md", 7, "sources", "no source 'x'"]]


def write_pids(folder: Path) -> Callable[[int, int], int]:
    def work(share: int, shares: int) -> int:
        for item in range(11)[share::shares]:
            (folder / str(item)).write_text(str(os.getpid()), encoding="utf-8")
        return shares

    return work


def test_with_another_thread_running_the_work_stays_in_this_process(tmp_path: Path) -> None:
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert in_two(write_pids(tmp_path)) == [1]  # one share, of one
    finally:
        stop.set()
        waiting.join()
    assert pids_by_item(tmp_path) == dict.fromkeys(range(11), os.getpid())
