"""MkDocs adapter: validate `data/`, then add the generated pages and their navigation.

The work happens in `sitegen`; this module only hands MkDocs what the core produced.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs puts only this folder on sys.path while it loads a hook; the core lives beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from sitegen import urls
from sitegen.dataset import Dataset, load_dataset
from sitegen.pages import render_pages
from sitegen.problems import DataError

DATASET_KEY = "sitegen_dataset"
"""Where the validated dataset rides on the config, for the other hooks and templates."""

NAV_ENTRIES_MAX = 30
"""An entity section lists its records in the navigation only up to this many.

With `navigation.sections`, Material writes every top-level section's entries into every
page, so a longer list would make each page's size and build time grow with the data
(1,000 records of each kind: 0.9 MB a page, 6 minutes a build, ./site-build.sh bench). Past this,
the section holds only its overview page, whose table links every record, and search finds
them; the pages are built as usual, just not listed.
"""


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def dataset_of(config: MkDocsConfig) -> Dataset:
    return config[DATASET_KEY]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs again on every `serve` rebuild, so an edited YAML file is always re-read.
    try:
        dataset = load_dataset(project_root(config) / "data")
    except DataError as error:
        raise PluginError(f"the data has {len(error.problems)} problem(s):\n{error}") from None
    config[DATASET_KEY] = dataset
    config.nav = navigation(dataset)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # Generated pages stay in memory (File.generated): writing them into docs_dir would
    # make `serve` see its own output as an edit and rebuild forever.
    pages = render_pages(
        dataset_of(config),
        project_root(config) / "overrides" / "generated",
        emergency_number=str(config.extra["emergency_number"]),
    )
    listed = set(_docs_in(config.nav))
    for page in pages:
        inclusion = InclusionLevel.UNDEFINED if page.doc in listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.doc, content=page.markdown, inclusion=inclusion))
    return files


def navigation(dataset: Dataset) -> list:
    """The site's nav: fixed guides first, then one section per entity kind."""

    def section(kind: str, records: tuple) -> dict:
        overview = urls.PAGES[kind]
        if len(records) > NAV_ENTRIES_MAX:
            return {overview.title: [overview.doc]}
        return {overview.title: [overview.doc, *({r.name: urls.entity(kind, r.id).doc} for r in records)]}

    guides = ("home", "triage", "when-to-see-a-doctor", "action-plan", "diary")
    return [
        *({urls.PAGES[p].title: urls.PAGES[p].doc} for p in guides),
        section("causes", dataset.causes.causes),
        section("conditions", dataset.conditions.conditions),
        section("specialists", dataset.specialists.specialists),
        {urls.PAGES["faq"].title: urls.PAGES["faq"].doc},
        {"About": [urls.PAGES["about"].doc, urls.PAGES["triage-paths"].doc]},
    ]


def _docs_in(nav: object) -> list[str]:
    """Every Markdown path a nav (as in mkdocs.yml: lists, one-key dicts, strings) lists."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [doc for value in nav.values() for doc in _docs_in(value)]
    if isinstance(nav, list):
        return [doc for item in nav for doc in _docs_in(item)]
    return []


def on_env(env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 (jinja2.Environment, as MkDocs passes it)
    # The emergency block in overrides/main.html lists the emergency red flags on every page.
    dataset = dataset_of(config)
    env.globals["emergency_flags"] = [f for f in dataset.red_flags.red_flags if f.level == "emergency"]
    return env
