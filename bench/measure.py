"""Run one benchmark step in its own process: wall time and the peak memory of its process tree."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the whole tree: less sensitive to other work on the machine
    peak_mb: float  # the largest resident set of any process in the tree (ru_maxrss of wait4)
    output: str


def run(command: list[str], *, cwd: Path, log: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` to completion; raise with its log when it fails."""
    log.parent.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    output = log.read_text(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed (exit {process.returncode}) in {cwd}:\n{output[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def load_and_render(data_dir: Path) -> dict[str, float]:
    """Time `load_dataset` and `render_pages` in this process (after imports), with peak memory."""
    from sitegen.loader import load_dataset
    from sitegen.pages import render_pages

    start = time.perf_counter()
    dataset = load_dataset(data_dir)
    loaded = time.perf_counter()
    load_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = render_pages(dataset, emergency_number="911")
    rendered = time.perf_counter()
    return {
        "load_s": loaded - start,
        "load_mb": load_peak,
        "render_s": rendered - loaded,
        "render_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "generated_pages": len(pages),
    }


def stage(data_dir: Path, *, log: Path) -> dict[str, float]:
    """`load_and_render` in a fresh interpreter, so memory and caches start from nothing."""
    result = run([sys.executable, __file__, str(data_dir)], cwd=ROOT, log=log)
    figures: dict[str, float] = json.loads(result.output.strip().splitlines()[-1])
    return figures


if __name__ == "__main__":
    print(json.dumps(load_and_render(Path(sys.argv[1]))))
