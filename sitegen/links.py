"""Links between pages, written from the docs root (`/causes/dehydration.md`) in templates
and hand-written pages, made relative to the page that holds them.

A relative link is what every engine resolves and checks the same way (MkDocs' own
`validation.absolute_links` setting is MkDocs-only), and it keeps the site working from
a sub-path.
"""

from __future__ import annotations

import functools
import posixpath
import re

ROOT_LINK = re.compile(r"\]\(/(?P<target>[^)\s#]*\.md)(?P<anchor>#[^)\s]*)?\)")
"""A Markdown link to a page by its docs-root path: `](/about.md#sources)`."""


def relative_links(markdown: str, doc: str) -> str:
    """`markdown`, the page `doc` (e.g. `causes/dehydration.md`), with its docs-root links made relative."""
    folder = posixpath.dirname(doc)

    def relative(match: re.Match[str]) -> str:
        return f"]({_relative(match['target'], folder)}{match['anchor'] or ''})"

    return ROOT_LINK.sub(relative, markdown)


@functools.lru_cache(maxsize=4096)
def _relative(target: str, folder: str) -> str:
    """`target` (a docs-root path) as seen from `folder` ('' for the root); relpath's answer,
    without its calls to abspath (a tenth of an export at N = 1,000, ./site-build.sh bench)."""
    parts, here = target.split("/"), folder.split("/") if folder else []
    shared = 0
    while shared < len(here) and shared < len(parts) - 1 and parts[shared] == here[shared]:
        shared += 1
    return "../" * (len(here) - shared) + "/".join(parts[shared:])
