"""MkDocs adapter: publish the compiled, verified triage tree as `triage/tree.json`."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from data_pages import dataset_of
from sitegen.triage import compile_tree


def on_post_build(*, config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / "triage" / "tree.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tree = compile_tree(dataset_of(config))
    target.write_text(json.dumps(tree, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
