"""sitegen/loader.py and sitegen/dataset.py: the type and its loader apart, imports one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

ORDER = ["loader", "checks", "triage", "dataset", "models"]
"""Who may import whom: a module imports only those after it."""


def sitegen_imports(module: str) -> set[str]:
    tree = ast.parse((ROOT / "sitegen" / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitegen"):
            found.add(node.module.removeprefix("sitegen").lstrip(".") or node.names[0].name)
            if node.module == "sitegen":
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("module", ORDER)
def test_imports_run_one_way(module: str) -> None:
    before = set(ORDER[: ORDER.index(module) + 1])
    assert not sitegen_imports(module) & before


def test_no_module_of_the_core_imports_an_engine() -> None:
    for path in sorted((ROOT / "sitegen").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "import mkdocs" not in text and "from mkdocs" not in text, path
        assert "import zensical" not in text and "from zensical" not in text, path


def test_nothing_inserts_into_sys_path() -> None:
    for folder in ("sitegen", "hooks", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path != Path(__file__):
                assert "sys.path.insert" not in path.read_text(encoding="utf-8"), path


def test_test_helpers_are_not_imported_from_conftest() -> None:
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path != Path(__file__):
            assert "from tests.conftest" not in path.read_text(encoding="utf-8"), path
