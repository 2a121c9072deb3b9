"""The build as a whole: reproducible, schemas in step with the model, clean errors for pages."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.models import FILES
from sitegen.schema import schemas
from tests.helpers import ENGINES, ROOT, build_site, real_dataset


def differing_files(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files, *comparison.funny_files]
    for name in comparison.common_dirs:
        found += [f"{name}/{item}" for item in differing_files(left / name, right / name)]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_two_builds_of_the_same_tree_are_byte_identical_and_nothing_is_left_of_the_site_replaced(
    engine: str, request: pytest.FixtureRequest, site_env: dict[str, str], tmp_path: Path
) -> None:
    site = request.getfixturevalue(f"{engine}_site")
    again = tmp_path / "site"
    (again / "a-page-since-deleted").mkdir(parents=True)
    (again / "a-page-since-deleted" / "index.html").write_text("<p>An old build's page</p>")
    # Named relative to where it runs, as one types it: the engine runs elsewhere, in the exported tree.
    result = build_site(ROOT, Path("site"), env=site_env, engine=engine, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    filecmp.clear_cache()
    assert differing_files(site, again) == []
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # the old site, set aside, is deleted too


def test_postbuild_run_again_over_a_finished_bilingual_build_leaves_every_file_byte_identical(
    site: Path, site_env: dict[str, str], tmp_path: Path
) -> None:
    """`python -m sitegen postbuild SITE` as the command line documents it, from the project's root:
    the same steps, over the same pages and every edition, as the build ran."""
    assert (site / "es" / "index.html").is_file(), "a build of every edition"
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "postbuild", str(copy)],
        cwd=ROOT, env={**os.environ, **site_env}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    filecmp.clear_cache()
    assert differing_files(site, copy) == []


def test_sitemap_dates_come_from_source_date_epoch(site: Path) -> None:
    # MkDocs only: Zensical 0.0.73 writes no <lastmod> (docs/engines.md).
    assert "<lastmod>2025-11-24</lastmod>" in (site / "sitemap.xml").read_text()


@pytest.mark.parametrize("name", sorted(schemas()))
def test_published_json_schema_matches_the_model(name: str) -> None:
    committed = ROOT / "data" / "schema" / name
    assert committed.is_file(), f"data/schema/{name} is missing: run python -m sitegen schema"
    assert committed.read_text(encoding="utf-8") == schemas()[name], (
        f"data/schema/{name} is stale: run python -m sitegen schema"
    )


@pytest.mark.parametrize("stem", sorted(FILES))
def test_each_data_file_points_editors_at_its_schema(stem: str) -> None:
    first_line = (ROOT / "data" / f"{stem}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schema/{stem}.schema.json"


def test_a_content_page_with_an_unknown_source_fails_with_its_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", ".site-build.*", "bench"))
    about = project / "content" / "about.md"
    about.write_text(about.read_text().replace("sources: [seed-article]", "sources: [seed-artcle]"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "content/about.md:4: sources: no source has the id 'seed-artcle' (did you mean 'seed-article'?)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_home_page_shows_the_quick_fix_kept_in_the_action_plan(site: Path) -> None:
    from tests.site_html import article, markdown_text, text_of

    tips = {t.id: t for s in real_dataset().action_plan.sections for t in s.tips}
    assert markdown_text(tips["heel-press"].text) in text_of(article(site, ""))


def test_a_marker_naming_nothing_fails_with_its_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", ".site-build.*", "bench"))
    index = project / "content" / "index.md"
    text = index.read_text().replace("<!-- data: tip heel-press -->", "<!-- data: tip heel-pres -->")
    index.write_text(text)
    line = text[: text.index("heel-pres ")].count("\n") + 1
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"content/index.md:{line}: <!-- data: tip heel-pres -->: no action-plan tip has the id 'heel-pres' "
        "(did you mean 'heel-press'?)" in result.stderr
    )
