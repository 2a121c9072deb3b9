"""Throw-away projects under bench/work/: the real site's code with other data, and the floor.

A project is a folder holding a config: `python -m sitegen build --root` reads `data/`,
`content/`, `overrides/` and `mkdocs.yml` there, so a synthetic project links the real ones
(and the venv and site-build.sh) and has its own `data/`. The floor is the bare engine: the
docs tree `python -m sitegen export` writes for that project (the same Markdown, navigation,
theme and Markdown extensions), built without the theme overrides and with no post-build
step. Both engines build the same floor tree.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from bench.measure import ROOT, run
from bench.synthetic import write_dataset
from sitegen.translations import languages

WORK = ROOT / "bench" / "work"
LOGS = WORK / "logs"
LINKED = ("hooks", "sitegen", "overrides", "requirements", "pyproject.toml", ".venv", "site-build.sh", "mkdocs.yml")


def linked_project(folder: Path, *, data: Path | None = None, editions: bool = True) -> Path:
    """A project at `folder` running this repository's code; `data/` linked from `data` if given.
    Without `editions`, `content/` leaves out the other editions' twins (`content/es/`), for
    data in English only."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    if editions:
        (folder / "content").symlink_to(ROOT / "content")
    else:
        (folder / "content").mkdir()
        for entry in (ROOT / "content").iterdir():
            if entry.name not in languages(ROOT / "data"):
                (folder / "content" / entry.name).symlink_to(entry)
    if data is not None:
        (folder / "data").symlink_to(data)
    return folder


def synthetic_project(n: int, folder: Path | None = None) -> Path:
    """`folder` (bench/work/n<N>/ unless given): the site's code with `n` records of each kind."""
    project = linked_project(folder or WORK / f"n{n}", editions=False)
    write_dataset(n, project / "data")
    return project


def floor_project(project: Path, *, log: Path) -> Path:
    """`<project>-floor/`: the pages `project` generates, as a bare engine project (exported once, untimed)."""
    floor = project.with_name(project.name + "-floor")
    if floor.exists():
        shutil.rmtree(floor)
    run([sys.executable, "-m", "sitegen", "export", str(floor), "--root", str(project)], cwd=project, log=log)
    shutil.rmtree(floor / "overrides")
    config = yaml.safe_load((floor / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"] = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return floor
