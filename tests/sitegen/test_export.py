"""sitegen/export.py: the docs tree an engine builds, and `sitegen check` over data and content."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitegen import urls
from sitegen.export import export
from sitegen.kinds import records, with_pages
from sitegen.links import ROOT_LINK
from tests.helpers import ROOT, real_dataset

DATA = real_dataset()


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "tree"
    export(ROOT, out)
    return out


def test_the_config_has_the_nav_and_the_theme_data_and_no_hooks(tree: Path) -> None:
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "watch" not in config
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert config["nav"][0] == {"Home": "index.md"}
    flags = [f.short for f in DATA.red_flags.red_flags if f.level == "emergency" and f.short]
    assert [f["short"] for f in config["extra"]["emergency_flags"]] == flags
    search_types = [t[0] for t in config["extra"]["search_types"]]
    assert search_types == ["guide", "cause", "condition", "faq", "specialist", "page"]


def test_every_page_is_in_the_tree_with_no_link_from_the_docs_root(tree: Path) -> None:
    docs = [urls.PAGES[p].doc for p in urls.PAGES]
    docs += [urls.entity(k.name, r.id).doc for k in with_pages() for r in records(DATA, k.name)]
    for doc in docs:
        text = (tree / "docs" / doc).read_text(encoding="utf-8")
        assert ROOT_LINK.search(text) is None, doc
        assert '"json_ld":' in text and '<footer class="provenance" markdown>' in text, doc


def test_the_tree_holds_the_static_files_and_overrides_but_no_templates(tree: Path) -> None:
    assert (tree / "docs" / "assets" / "triage.js").is_file()
    assert (tree / "overrides" / "main.html").is_file()
    assert not (tree / "overrides" / "generated").exists()


def test_check_reports_data_and_content_problems_at_once(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("data", "content"):
        shutil.copytree(ROOT / name, project / name)
    causes = project / "data" / "causes.yaml"
    causes.write_text(causes.read_text(encoding="utf-8").replace("id: muscle-overuse", "id: Muscle Overuse", 1))
    about = project / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("reviewed: 2026-12-01", "reviewed: soon"))
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", "--root", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "data/causes.yaml:" in result.stderr
    assert "content/about.md:5: reviewed: expected the date" in result.stderr
    assert result.stderr.endswith("2 problem(s) in content/ and data/; nothing was built.\n")


def test_check_names_where_the_problems_are(tmp_path: Path) -> None:
    # A broken mkdocs.yml is not a problem "in data/".
    project = tmp_path / "project"
    for name in ("data", "content"):
        shutil.copytree(ROOT / name, project / name)
    (project / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", "--root", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr.splitlines()[-1]) == (1, "1 problem(s) in mkdocs.yml; nothing was built.")
