"""sitegen/engines.py: an engine's warning fails the build, in words a maintainer can read."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.engines import EngineRun
from tests.helpers import ENGINES


@pytest.mark.parametrize("engine", ENGINES)
def test_a_link_to_no_page_fails_the_engine_naming_the_edition_and_the_page(tmp_path: Path, engine: str) -> None:
    tree = tmp_path / "tree"
    (tree / "docs").mkdir(parents=True)
    (tree / "docs" / "index.md").write_text("# Inicio\n\nVea [la página que falta](no-such-page.md).\n")
    (tree / "mkdocs.yml").write_text("site_name: Prueba\ndocs_dir: docs\nsite_dir: site\n")
    with EngineRun(engine, tree, tmp_path / "site", "es") as run:
        failure = run.finish()
    assert failure is not None
    assert failure.startswith(f"{engine} build of the 'es' edition failed (exit 1):\n")
    assert "index.md" in failure and ("no-such-page.md" in failure or "page does not exist" in failure)
    assert "\x1b[" not in failure
