"""The site's editions: English at the site root and one per translation of the data
(`data/<lang>/`, sitegen.translations) under `/<lang>/`, at the same paths (the URL contract).

An edition is its language's dataset, its interface words (sitegen.strings) and its
hand-written pages (`content/` for English, `content/<lang>/` for another language, one twin
for each English page). Each is exported to a docs tree of its own and built by the same
engine (sitegen.engines); `alternates` says where one page lives in every edition, for the
language switch and the sitemap's hreflang links.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen.content import check_content, content_pages
from sitegen.dataset import Dataset
from sitegen.loader import load_dataset
from sitegen.problems import DataError, Problem
from sitegen.script_strings import check_script_keys
from sitegen.site_config import CONFIG, read_config
from sitegen.strings import SOURCE, Strings, strings
from sitegen.translations import languages, localize
from sitegen.triage import verify_triage
from sitegen.yaml_source import read_yaml


@dataclass(frozen=True)
class Edition:
    lang: str
    dataset: Dataset
    t: Strings

    @property
    def prefix(self) -> str:
        """Where the edition lives, relative to the site root: `""` for English, `"es/"`."""
        return "" if self.lang == SOURCE else f"{self.lang}/"

    @property
    def folder(self) -> str:
        """Its hand-written pages, in the project: `content` or `content/es`."""
        return "content" if self.lang == SOURCE else f"content/{self.lang}"


def content_of(root: Path, edition: Edition, langs: list[str]) -> tuple[Path, tuple[str, ...]]:
    """The folder holding an edition's hand-written pages, and the folders in it to leave out."""
    return root / edition.folder, tuple(langs) if edition.lang == SOURCE else ()


def load_editions(root: Path) -> list[Edition]:
    """Every edition, English first, all checked: the data, its translations, the interface words
    (the page scripts' too), and every edition's hand-written pages; DataError lists every problem
    of them all."""
    try:
        english = load_dataset(root / "data")
    except DataError as error:
        raise DataError([*error.problems, *check_content(root / "content", None, skip=tuple(_langs(root)))]) from None
    langs = languages(root / "data")
    editions = [Edition(SOURCE, english, strings(SOURCE))]
    problems: list[Problem] = []
    for lang in langs:
        try:
            localized = localize(english, root / "data", lang)
            editions.append(Edition(lang, localized, strings(lang)))
        except DataError as error:
            problems.extend(error.problems)
            continue
        # The safety proof again, on the tree this edition publishes (the same nodes and levels,
        # its own texts), before any page of it is written.
        triage = root / "data" / lang / "triage.yaml"
        problems.extend(verify_triage(localized, read_yaml(triage, f"data/{lang}/triage.yaml")))
    for edition in editions:
        folder, skip = content_of(root, edition, langs)
        problems.extend(check_content(folder, edition.dataset, edition.folder, skip))
    problems.extend(missing_twins(root, langs))
    if (root / CONFIG).is_file():  # the settings every page prints: checked before any page is
        try:
            read_config(root / CONFIG)
        except DataError as error:
            problems.extend(error.problems)
    problems.extend(check_script_keys(root / "content" / "assets", editions[0].t))
    if problems:
        raise DataError(problems)
    return editions


def _langs(root: Path) -> list[str]:
    return languages(root / "data") if (root / "data").is_dir() else []


def missing_twins(root: Path, langs: list[str]) -> list[Problem]:
    """Every English hand-written page another edition lacks, and every page it has that English does not."""
    english = {page.doc for page in content_pages(root / "content", skip=tuple(langs))}
    problems = []
    for lang in langs:
        folder = f"content/{lang}"
        translated = {page.doc for page in content_pages(root / folder)}
        for doc in sorted(english - translated):
            problems.append(
                Problem(f"{folder}/{doc}", 1, "(file)", f"file is missing: content/{doc} needs its {lang} twin")
            )
        for doc in sorted(translated - english):
            problems.append(
                Problem(f"{folder}/{doc}", 1, "(file)", f"content/{doc} does not exist: a twin needs its English page")
            )
    return problems


def alternates(url: str, lang: str, langs: list[str], site_url: str) -> list[dict[str, str]]:
    """The page at `url` (relative to its edition's root) in every edition: its language, name,
    switch label, absolute address (`href`) and address relative to this page (`link`)."""
    here = "" if lang == SOURCE else f"{lang}/"
    up = "../" * (url.count("/") + here.count("/"))
    result = []
    for other in [SOURCE, *langs]:
        prefix = "" if other == SOURCE else f"{other}/"
        t = strings(other)
        result.append(
            {
                "lang": other,
                "name": t("language_name"),
                "label": t("switch_label"),
                "href": site_url.rstrip("/") + "/" + prefix + url,
                "link": (up + prefix + url) or "./",
            }
        )
    return result
