"""Data is trusted to be wrong, not to be safe: script and template payloads in any text field
are refused by validation, each reported on its own file, line and field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitegen.loader import load_dataset
from sitegen.models import FILES
from sitegen.problems import DataError, format_path
from sitegen.problems import Path as DataPath
from sitegen.yaml_source import read_yaml
from tests.helpers import ROOT

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "{{ 7*7 }}",
    "[x](javascript:alert(1))",
    "**x**{: onclick=alert(1) }",
]


def text_leaves(value: object, path: DataPath = ()) -> list[DataPath]:
    """The path of every string in `value`."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in text_leaves(item, (*path, key))]
    if isinstance(value, (list, tuple)):
        return [leaf for index, item in enumerate(value) for leaf in text_leaves(item, (*path, index))]
    return [path] if isinstance(value, str) else []


def with_payload(value: object, payload: str) -> object:
    if isinstance(value, dict):
        return {key: with_payload(item, payload) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [with_payload(item, payload) for item in value]
    return f"{value} {payload}" if isinstance(value, str) else value


@pytest.fixture
def hostile_data(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, dict[str, list[DataPath]]]:
    """A data folder with the payload appended to every string of every file."""
    folder = tmp_path / "data"
    folder.mkdir()
    leaves = {}
    for stem in FILES:
        original = read_yaml(ROOT / "data" / f"{stem}.yaml", f"data/{stem}.yaml").data
        leaves[stem] = text_leaves(original)
        dumped = yaml.safe_dump(
            with_payload(original, request.param), allow_unicode=True, sort_keys=False, width=10_000
        )
        (folder / f"{stem}.yaml").write_text(dumped, encoding="utf-8")
    return folder, leaves


@pytest.mark.parametrize("hostile_data", PAYLOADS, indirect=True)
def test_payload_in_any_text_field_is_refused_on_its_line(hostile_data: tuple[Path, dict[str, list[DataPath]]]) -> None:
    folder, leaves = hostile_data
    with pytest.raises(DataError) as raised:
        load_dataset(folder)
    reported = {(p.file, p.line, p.field) for p in raised.value.problems}
    missed = []
    for stem, paths in leaves.items():
        lines = read_yaml(folder / f"{stem}.yaml", f"data/{stem}.yaml")
        for path in paths:
            where = (f"{folder.name}/{stem}.yaml", lines.line_of(path), format_path(path))
            if where not in reported:
                missed.append(where)
    assert missed == [], f"{len(missed)} fields took the payload without a problem on their line, e.g. {missed[:5]}"


@pytest.mark.parametrize("hostile_data", PAYLOADS[:1], indirect=True)
def test_refused_payloads_exit_non_zero_without_traceback(hostile_data: tuple[Path, dict[str, list[DataPath]]]) -> None:
    folder, _ = hostile_data
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", "--data", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "raw HTML is not allowed" in result.stderr
