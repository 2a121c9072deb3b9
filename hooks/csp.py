"""MkDocs adapter: the site's Content Security Policy and security headers (sitegen/csp.py).

After the build has written every page, hash the inline scripts Material put in them and
write the headers into the site: `_headers` (Netlify, Cloudflare Pages) and
`_headers.nginx.conf` (included by deploy/nginx.conf). Inline code that the policy must not
allow fails the build, with each place named.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitegen.csp import CspError, write_headers

log = logging.getLogger("mkdocs.hooks.csp")


def on_post_build(*, config: MkDocsConfig) -> None:
    try:
        found = write_headers(Path(config.site_dir))
    except CspError as error:
        raise PluginError(str(error)) from None
    log.info("Content Security Policy: %d inline script hashes", len(found.scripts))
