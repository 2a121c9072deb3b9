"""MkDocs adapter: the offline service worker, `sw.js` (sitegen/offline.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitegen.offline import write_worker

log = logging.getLogger("mkdocs.hooks.offline")


def on_post_build(*, config: MkDocsConfig) -> None:
    precache = write_worker(Path(config.site_dir))
    log.info("Offline: %d files precached, %.0f KB gzip", len(precache.files), precache.gzip_bytes / 1000)
