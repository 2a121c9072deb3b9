"""MkDocs adapter: publish the compiled, verified triage tree as `triage/tree.json`.

The page's script (content/assets/triage.js) fetches this file relative to the triage
page, so it is the same tree the build verified; tests/golden/tree.json pins its content.
"""

from __future__ import annotations

from pathlib import Path

from data_pages import dataset_of
from mkdocs.config.defaults import MkDocsConfig

from sitegen.triage import compile_tree, tree_json


def on_post_build(*, config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / "triage" / "tree.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(tree_json(compile_tree(dataset_of(config))), encoding="utf-8")
