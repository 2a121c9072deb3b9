"""sitegen/engines.py: an engine's warning fails the build, in words a maintainer can read."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import engines
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


def test_an_old_site_set_aside_is_deleted_beside_the_build_and_gone_when_it_ends(tmp_path: Path) -> None:
    old = tmp_path / "site"
    for page in range(200):
        (old / str(page)).mkdir(parents=True)
        (old / str(page) / "index.html").write_text("<p>old</p>")
    with engines._deleting() as delete:
        delete(engines._set_aside(old))
        assert not old.exists()  # at once, so the new site can take its place
        old.mkdir()
        (old / "index.html").write_text("<p>new</p>")
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")) == ["site", "site/index.html"]
