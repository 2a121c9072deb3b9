"""mypy, strict, over sitegen/, hooks/, tests/ and bench/ ([tool.mypy] in pyproject.toml), with
Playwright's and pydantic's own types; an ignore comment mypy does not need fails it too."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT


@pytest.mark.slow  # about 20 s from a fresh clone, with no mypy cache yet
def test_mypy_finds_no_type_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
