"""The ICD-10-CM codes the data names, as a reuser meets them: in each page's JSON-LD, and in
`api/codes/icd10cm/<code>.json`, which answers as MedlinePlus Connect does (sitegen.codes_api).
The data errors for a wrong code are in tests/test_data_errors.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitegen import urls
from sitegen.codes_api import FOLDER
from sitegen.editions import Edition
from sitegen.icd10cm import CODED_KINDS, titles
from sitegen.kinds import records
from sitegen.sitemaps import site_address
from tests.helpers import real_editions
from tests.site_html import json_ld, page_file
from tests.test_offline import published_build

EDITIONS = real_editions()


def coded() -> list[tuple[str, Any]]:
    """Every condition and guide, with its kind."""
    return [(kind, record) for kind in CODED_KINDS for record in records(EDITIONS[0].dataset, kind)]


def medical_codes(record: Any) -> list[dict[str, str]]:
    return [{"@type": "MedicalCode", "codeValue": c.code, "codingSystem": "ICD-10-CM"} for c in record.icd10cm]


def test_every_condition_names_codes_and_so_do_some_guides() -> None:
    """What the rest proves is not proved of nothing."""
    conditions = records(EDITIONS[0].dataset, "conditions")
    assert all(condition.icd10cm for condition in conditions), [c.id for c in conditions if not c.icd10cm]
    assert any(guide.icd10cm for guide in records(EDITIONS[0].dataset, "guides"))


@pytest.mark.parametrize("prefix", [edition.prefix for edition in EDITIONS])
def test_each_page_s_topic_carries_its_codes_in_its_json_ld(site: Path, prefix: str) -> None:
    for kind, record in coded():
        url = urls.entity(kind, record.id).url
        data = json_ld(site / prefix, url)
        if record.icd10cm:
            assert data["about"]["code"] == medical_codes(record), f"{prefix}{url}"
        else:
            assert "code" not in data.get("about", {}), f"{prefix}{url}: names no code"


def answer(site: Path, prefix: str, code: str) -> dict[str, Any]:
    path = site / prefix / FOLDER / f"{code}.json"
    assert path.is_file(), f"{prefix}{FOLDER}/{code}.json is missing"
    found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("edition", EDITIONS, ids=[edition.lang for edition in EDITIONS])
def test_each_code_s_file_lists_the_pages_that_name_it_as_medlineplus_connect_answers(
    engine_site: Path, edition: Edition
) -> None:
    """As each engine builds the site. A code the data names, or one the table holds below it
    (what a record system sends: M54.31 under M54.3), answers with the pages that name it or a
    code above it, the nearest first."""
    site = engine_site
    named: dict[str, list[str]] = {}
    for kind, record in coded():
        for code in record.icd10cm:
            named.setdefault(code.code, []).append(urls.entity(kind, record.id).url)
    table = titles()
    expected = {}
    for code in table:
        above = sorted((c for c in named if code.startswith(c)), key=len, reverse=True)
        if above:
            expected[code] = list(dict.fromkeys(page for c in above for page in named[c]))
    assert set(named) <= set(expected)
    assert {p.stem for p in (site / edition.prefix / FOLDER).glob("*.json")} == set(expected)
    address = site_address(site) + edition.prefix
    for code, pages in expected.items():
        feed = answer(site, edition.prefix, code)["feed"]
        where = f"{edition.prefix}{FOLDER}/{code}.json"
        assert feed["lang"] == edition.lang, where
        assert feed["subtitle"]["_value"].endswith(f"ICD-10-CM {code}"), where
        assert {"scheme": "mainSearchCriteria.v.c", "term": code} in feed["category"], where
        assert {"scheme": "mainSearchCriteria.v.dn", "term": table[code]} in feed["category"], where
        linked = []
        for entry in feed["entry"]:
            href = entry["link"][0]["href"]
            assert href.startswith(address), f"{where}: {href} is not on the site"
            page = href.removeprefix(address)
            assert page_file(site / edition.prefix, page).is_file(), f"{where}: {href} is no built page"
            topic = json_ld(site / edition.prefix, page)["about"]
            assert entry["title"]["_value"] == topic["name"], where
            assert {c["codeValue"] for c in topic["code"]} & {c for c in named if code.startswith(c)}, where
            assert entry["summary"]["_value"], f"{where}: {href} has no summary"
            linked.append(page)
        assert linked == pages, where


def test_the_codes_are_not_precached(site: Path) -> None:
    precache = published_build(site)["precache"]
    assert not [file for file in precache if f"{FOLDER}/" in file]
