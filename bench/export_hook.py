"""Benchmark-only MkDocs hook: write out what the generator hands MkDocs, for the floor build.

Listed last in a benchmark config, it sees each page's Markdown after every other hook
(data markers expanded, provenance footer added) and the navigation `data_pages` built, and
writes them to `$BENCH_EXPORT_DIR` (`docs/` and `nav.json`). A bare MkDocs build of those
files is the floor the generator layer is compared with (bench/run.py).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

OUT = Path(os.environ.get("BENCH_EXPORT_DIR", "bench-export"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "nav.json").write_text(json.dumps(config.nav), encoding="utf-8")
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    meta = {key: value.isoformat() if isinstance(value, date) else value for key, value in page.meta.items()}
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) if meta else ""
    target.write_text(f"---\n{front}---\n\n{markdown}" if front else markdown, encoding="utf-8")
    return markdown
