"""`python -m sitegen export DIR`: the complete docs tree an engine builds.

    DIR/mkdocs.yml   the project's mkdocs.yml with the navigation, the theme's data
                     (sitegen.theme_context) and paths into DIR; no hooks
    DIR/docs/        every page, hand-written and generated, finished (sitegen.finish),
                     and content/'s static files
    DIR/overrides/   the theme overrides, as they are

MkDocs 1.6 and Zensical both read it as it is (sitegen.engines), so neither needs hooks
and both build the same pages at the same URLs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from sitegen.content import check_content, content_pages
from sitegen.dataset import Dataset
from sitegen.finish import finish_page
from sitegen.loader import load_dataset
from sitegen.navigation import navigation
from sitegen.pages import render_pages, with_front_matter
from sitegen.problems import DataError
from sitegen.theme_context import theme_extra
from sitegen.translations import languages, localize

CONFIG = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"
SITE = "site"
"""Where Zensical writes the site inside the tree (it keeps `site_dir` within the project)."""

ENGINE_ONLY = ("hooks", "watch")
"""Settings of the project's mkdocs.yml that serve the live preview's hooks, not the export."""


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's YAML: safe, plus MkDocs' `!ENV [NAME, default]`, resolved now."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list of names", node.start_mark)
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(path: Path) -> dict[str, Any]:
    """The project's `mkdocs.yml`, with `!ENV` values taken from the environment."""
    with path.open(encoding="utf-8") as stream:
        config: dict[str, Any] = yaml.load(stream, Loader=_ConfigLoader)  # noqa: S506 (a SafeLoader)
    return config


def load_checked(root: Path) -> Dataset:
    """The dataset, with the hand-written pages and the data's translations (sitegen.translations)
    checked too; DataError lists every problem of all three."""
    try:
        dataset = load_dataset(root / "data")
    except DataError as error:
        raise DataError([*error.problems, *check_content(root / "content", None)]) from None
    problems = check_content(root / "content", dataset)
    for lang in languages(root / "data"):
        try:
            localize(dataset, root / "data", lang)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return dataset


def export(root: Path, out: Path, dataset: Dataset | None = None) -> Dataset:
    """Write the docs tree of the project at `root` into `out` (replaced); return the dataset."""
    dataset = dataset or load_checked(root)
    config = read_config(root / CONFIG)
    site_url = str(config.get("site_url") or "")
    emergency_number = str(config.get("extra", {}).get("emergency_number", "911"))
    feedback_url = str(config.get("extra", {}).get("feedback_url", ""))
    if out.exists():
        shutil.rmtree(out)
    docs = out / DOCS
    content = root / str(config.get("docs_dir", "content"))
    shutil.copytree(content, docs, ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(root / OVERRIDES, out / OVERRIDES)
    pages = [(p.doc, p.meta, p.body, p.where, p.body_line) for p in content_pages(content)] + [
        (p.doc, p.meta, p.body, p.doc, 1) for p in render_pages(dataset, emergency_number=emergency_number)
    ]
    for doc, meta, body, where, first_line in pages:
        meta, body = finish_page(
            doc, meta, body, dataset,
            site_url=site_url, feedback_url=feedback_url, where=where, first_line=first_line,
        )  # fmt: skip
        target = docs / doc
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_front_matter(meta, body), encoding="utf-8")
    (out / CONFIG).write_text(yaml.safe_dump(engine_config(config, dataset), sort_keys=False, allow_unicode=True))
    return dataset


def engine_config(config: dict[str, Any], dataset: Dataset) -> dict[str, Any]:
    """The exported `mkdocs.yml`: the project's, pointed at the tree, with the nav and theme data."""
    exported = {key: value for key, value in config.items() if key not in ENGINE_ONLY}
    exported["docs_dir"] = DOCS
    exported["site_dir"] = SITE
    exported["theme"] = {**config.get("theme", {}), "custom_dir": OVERRIDES}
    exported["extra"] = {**config.get("extra", {}), **theme_extra(dataset)}
    exported["nav"] = navigation(dataset)
    return exported
