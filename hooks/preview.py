"""MkDocs adapter for the live preview (`./site-build.sh serve`): the same steps as
`python -m sitegen build`, run inside `mkdocs serve` so an edit to data/, content/ or
overrides/ is rebuilt. Each hook hands one step to the core; none holds logic of its own,
except `on_env`, which keeps the theme's compiled templates from one rebuild to the next.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from sitegen.content import read_page
from sitegen.dataset import Dataset
from sitegen.editions import Edition
from sitegen.export import load_checked
from sitegen.finish import finish_page
from sitegen.indexing import Indexer
from sitegen.markers import MarkerError
from sitegen.navigation import docs_in, navigation
from sitegen.page_reader import PageReader
from sitegen.pages import render_pages
from sitegen.postbuild import PostBuildError, postbuild
from sitegen.problems import DataError
from sitegen.script_strings import SCRIPT, SECTION, with_table
from sitegen.strings import SOURCE, strings
from sitegen.theme_context import theme_extra
from sitegen.translations import languages

DATASET = "sitegen_dataset"
"""Where the validated dataset rides on the config, between the hooks."""
GENERATED = "sitegen_generated"
"""Where the generated pages' front matter rides on the config, by doc, from on_files to on_page_markdown."""

log = logging.getLogger("mkdocs.hooks.preview")
_last_good: list[Dataset] = []
"""The last dataset that passed every check. MkDocs loads a hook module once per `serve`."""


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled by an earlier rebuild, by name; a template whose source
    changed since (an edit to overrides/) fails Jinja's checksum and is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs again on every rebuild, so an edited YAML file is always re-read. A problem is
    # printed as the file:line list and the preview goes on with the last good data (a failed
    # build would leave `mkdocs serve` holding every request until the problem is fixed).
    try:
        _last_good[:] = [load_checked(Path(config.config_file_path).parent)]
    except DataError as error:
        if not _last_good:
            raise PluginError(f"{len(error.problems)} problem(s):\n{error}") from None
        log.error("%d problem(s); showing the last good data until they are fixed:\n%s", len(error.problems), error)
    config[DATASET] = _last_good[0]
    config.nav = navigation(config[DATASET])
    config.extra.update(theme_extra(config[DATASET]))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # Generated files stay in memory (File.generated): writing them into docs_dir would
    # make `serve` see its own output as an edit and rebuild forever. The preview is the
    # English edition: the other languages' twins (content/<lang>/) are left out.
    langs = languages(Path(config.config_file_path).parent / "data")
    for file in files:
        if file.src_uri.split("/")[0] in langs:
            file.inclusion = InclusionLevel.EXCLUDED
    script = files.get_file_from_path(f"assets/{SCRIPT}")
    if script is not None and script.abs_src_path:
        files.remove(script)
        text = with_table(Path(script.abs_src_path).read_text(encoding="utf-8"), strings(SOURCE)[SECTION])
        files.append(File.generated(config, script.src_uri, content=text))
    listed = set(docs_in(config.nav))
    config[GENERATED] = {}
    for page in render_pages(config[DATASET], emergency_number=str(config.extra["emergency_number"])):
        inclusion = InclusionLevel.UNDEFINED if page.doc in listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.doc, content=page.markdown, inclusion=inclusion))
        config[GENERATED][page.doc] = page.front
    return files


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    # MkDocs makes a new environment for every rebuild, which compiled Material's seventy
    # templates again each time: a sixth of the time from a saved edit to the rebuilt page (bench/preview.py).
    env.bytecode_cache = _compiled
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        if page.file.src_uri in config[GENERATED]:
            front, first_line = config[GENERATED][page.file.src_uri], 1
        else:
            written = read_page(Path(str(page.file.abs_src_path)), page.file.src_uri)
            front, first_line = written.front, written.body_line
        meta, body = finish_page(
            page.file.src_uri, front, markdown, config[DATASET],
            site_url=config.site_url or "", feedback_url=str(config.extra.get("feedback_url", "")),
            where=f"content/{page.file.src_uri}", first_line=first_line,
        )  # fmt: skip
    except (DataError, MarkerError, LookupError, TypeError, ValueError):
        return markdown  # a page on_config reported a problem with: shown as written until fixed
    page.meta.update(meta)
    return body


def on_post_build(*, config: MkDocsConfig) -> None:
    english = Edition(SOURCE, config[DATASET], strings(SOURCE))  # the preview's one edition
    try:
        with Indexer() as indexer:
            postbuild(Path(config.site_dir), [english], PageReader(indexer, [english]))
    except PostBuildError as error:
        raise PluginError(str(error)) from None
