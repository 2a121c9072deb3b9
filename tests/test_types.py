"""mypy, strict, over sitegen/, hooks/, tests/ and bench/ ([tool.mypy] in pyproject.toml), with
Playwright's and pydantic's own types; an ignore comment mypy does not need fails it too."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_mypy_finds_no_type_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
