"""sitegen/launch.py: an engine's command started early, run in the folder it is given, or not at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def launch(module: str, *args: str, given: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitegen.launch", module, *args], input=given, capture_output=True, text=True
    )


def test_it_runs_the_module_in_the_folder_it_is_given_with_the_module_s_exit_code(tmp_path: Path) -> None:
    (tmp_path / "in.json").write_text('{"b": 1, "a": 2}')
    done = launch("json.tool", "--sort-keys", "in.json", "out.json", given=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.json").read_text().split() == ["{", '"a":', "2,", '"b":', "1", "}"]
    (tmp_path / "bad.json").write_text("{")
    failed = launch("json.tool", "bad.json", given=str(tmp_path))
    assert failed.returncode == 1 and "Expecting property name" in failed.stderr


def test_closed_with_nothing_given_it_runs_nothing(tmp_path: Path) -> None:
    (tmp_path / "in.json").write_text("{}")
    done = launch("json.tool", str(tmp_path / "in.json"), str(tmp_path / "out.json"), given="")
    assert done.returncode == 1
    assert not (tmp_path / "out.json").exists()
