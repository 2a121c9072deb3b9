"""Throw-away projects under bench/work/: the real site's code with other data, and the floor.

A project is a folder holding a config: MkDocs reads `data/` beside `mkdocs.yml`, so a
synthetic project links the real code (hooks, templates, core, content, the venv and
site-build.sh) and has its own `data/`. The floor is a bare MkDocs project: the same theme
and Markdown extensions without `custom_dir` or hooks, the same navigation, and the exact
Markdown the generator handed MkDocs (bench/export_hook.py), written out as plain files.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from bench.measure import ROOT, run
from bench.synthetic import write_dataset

WORK = ROOT / "bench" / "work"
LINKED = ("hooks", "overrides", "sitegen", "content", "requirements", ".venv", "site-build.sh", "mkdocs.yml")
SEARCH_HOOK = "hooks/pagefind.py"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: `!ENV [NAME, default]` becomes its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def site_config() -> dict[str, Any]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def has_search() -> bool:
    return SEARCH_HOOK in site_config().get("hooks", []) and (ROOT / SEARCH_HOOK).is_file()


def linked_project(folder: Path, *, data: Path | None = None) -> Path:
    """A project at `folder` running this repository's code; `data/` linked from `data` if given."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    if data is not None:
        (folder / "data").symlink_to(data)
    return folder


def synthetic_project(n: int) -> Path:
    """bench/work/n<N>/: the site's code with `n` records of each kind, and two more configs.

    `mkdocs-nosearch.yml` is the site without the Pagefind hook (Pagefind is timed on its own);
    `mkdocs-export.yml` adds bench/export_hook.py, for the floor.
    """
    project = linked_project(WORK / f"n{n}")
    write_dataset(n, project / "data")
    hooks = [hook for hook in site_config().get("hooks", []) if hook != SEARCH_HOOK]
    _write_yaml(project / "mkdocs-nosearch.yml", {"INHERIT": "mkdocs.yml", "hooks": hooks})
    _write_yaml(
        project / "mkdocs-export.yml",
        {"INHERIT": "mkdocs.yml", "hooks": [*hooks, str(ROOT / "bench" / "export_hook.py")]},
    )
    return project


def floor_project(project: Path, *, log: Path) -> Path:
    """`<project>-floor/`: the pages `project` generates, as a bare MkDocs project (one untimed build).

    That build also times each hook on its own, into `<project>-floor/hooks.json`.
    """
    floor = project.with_name(project.name + "-floor")
    if floor.exists():
        shutil.rmtree(floor)
    # Timed per hook (bench/hook_timer.py writes hooks.json): which hook costs what.
    timer = str(ROOT / "bench" / "hook_timer.py")
    target = str(floor / "export-site")
    command = [
        sys.executable,
        timer,
        str(floor / "hooks.json"),
        "build",
        "-f",
        "mkdocs-export.yml",
        "--quiet",
        "--site-dir",
        target,
    ]
    run(command, cwd=project, log=log, env={"BENCH_EXPORT_DIR": str(floor)})
    shutil.rmtree(floor / "export-site")
    (floor / "docs" / "assets").symlink_to(ROOT / "content" / "assets")
    real = site_config()
    theme = {key: value for key, value in real["theme"].items() if key != "custom_dir"}
    config = {
        "site_name": real["site_name"],
        "site_url": real["site_url"],
        "docs_dir": "docs",
        "theme": theme,
        "extra": real.get("extra", {}),
        "extra_css": real.get("extra_css", []),
        "extra_javascript": real.get("extra_javascript", []),
        "plugins": [],
        "markdown_extensions": real.get("markdown_extensions", []),
        "validation": real.get("validation", {}),
        "nav": json.loads((floor / "nav.json").read_text(encoding="utf-8")),
    }
    _write_yaml(floor / "mkdocs.yml", config)
    return floor


def _write_yaml(path: Path, content: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
