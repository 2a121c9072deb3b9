"""MkDocs adapter: publish `diary/diary.json`, what the cramp diary asks and warns about (sitegen/diary.py)."""

from __future__ import annotations

from pathlib import Path

from data_pages import dataset_of
from mkdocs.config.defaults import MkDocsConfig

from sitegen.diary import write_diary_json


def on_post_build(*, config: MkDocsConfig) -> None:
    write_diary_json(dataset_of(config), Path(config.site_dir))
