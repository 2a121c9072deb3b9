"""Which pages explain a diagnosis code: `api/codes/icd10cm/<code>.json` in each edition's folder,
for every ICD-10-CM code the data names (models.Icd10cmCode), so a clinic's record system can
send a patient to the page for a diagnosis.

Each file answers as MedlinePlus Connect answers a problem-code request in JSON
(`knowledgeResponseType=application/json`): an Atom feed written as JSON, `feed` with the
request's code in `category` and one `entry` per page, each with its `title`, `link[].href` (the
page's address) and `summary` (the page's description). A system that asks MedlinePlus Connect
can ask this site the same way, with the code in the file's name.

A record system holds the most specific code (M54.31, not the M54.3 the data names), and
MedlinePlus Connect answers such a code with the pages of the nearest code above it that has
pages. A static site cannot look up the table when asked, so every code the table holds below a
code the data names has its own file, answered with the pages of the codes above it that the
data names, the nearest first (`answered_codes`). A code of seven characters is asked without its
encounter character (T67.01XA as T67.01, sitegen.icd10cm `extended`). No reader's page loads
these files, and the offline worker does not precache them (sitegen.offline)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sitegen import models, urls
from sitegen.editions import Edition
from sitegen.icd10cm import CODED_KINDS, titles
from sitegen.kinds import KINDS, records
from sitegen.published import published_json
from sitegen.sitemaps import site_address

FOLDER = "api/codes/icd10cm"
"""Where each edition's files are, relative to its root."""

Coded = list[tuple[str, Any]]
"""Pages that name a code: each as its kind and record (a condition or a guide)."""


def pages_by_code(edition: Edition) -> dict[models.Icd10cmCode, Coded]:
    """The pages that name each code, conditions first, in data order."""
    found: dict[models.Icd10cmCode, Coded] = {}
    for kind in CODED_KINDS:
        for record in records(edition.dataset, kind):
            for named in record.icd10cm:
                found.setdefault(named, []).append((kind, record))
    return found


def answered_codes(named: dict[models.Icd10cmCode, Coded]) -> dict[models.Icd10cmCode, Coded]:
    """Every code with a file: those the data names, and each code the table holds below one of
    them, with the pages of every named code above it (itself included), the nearest first."""
    by_code = {code.code: pages for code, pages in named.items()}
    answered = {}
    for code, title in titles().items():
        # A code's ancestors are its beginnings (G12.21: G12.2, G12): nearest first.
        above = [code[:end] for end in range(len(code), 2, -1) if code[:end] in by_code]
        if above:
            pages = [page for c in above for page in by_code[c]]
            answered[models.Icd10cmCode(code=code, title=title)] = list(dict.fromkeys(pages))
    return answered


def code_feed(named: models.Icd10cmCode, pages: Coded, *, edition: Edition, address: str) -> dict[str, Any]:
    """The answer for one code: the `pages` that name it as entries; `address`: the edition's root."""
    site, code = edition.t("site_name"), named.code
    entries = [_entry(kind, record, lang=edition.lang, address=address) for kind, record in pages]
    return {
        "feed": {
            "xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "base": address,
            "lang": edition.lang,
            "title": {"_value": site, "type": "text"},
            "subtitle": {"_value": edition.t("codes_api.subtitle", site=site, code=code), "type": "text"},
            "author": {"name": {"_value": site}, "uri": {"_value": address}},
            "updated": {"_value": _timestamp(max(record.reviewed for _, record in pages))},
            # The request, as MedlinePlus Connect echoes it: the code, its system, its display
            # name (the table's title) and who the information is for (PAT: the patient).
            "category": [
                {"scheme": "mainSearchCriteria.v.c", "term": code},
                {"scheme": "mainSearchCriteria.v.cs", "term": "ICD10CM"},
                {"scheme": "mainSearchCriteria.v.dn", "term": named.title},
                {"scheme": "informationRecipient", "term": "PAT"},
            ],
            "id": {"_value": f"{address}{FOLDER}/{code}.json"},
            "entry": entries,
        }
    }


def _entry(kind: str, record: Any, *, lang: str, address: str) -> dict[str, Any]:
    describe = KINDS[kind].description
    url = address + urls.entity(kind, record.id).url
    return {
        "lang": lang,
        "title": {"_value": record.name, "type": "text"},
        "link": [{"href": url, "rel": "alternate", "title": record.name, "type": "html"}],
        "id": {"_value": url},
        "updated": {"_value": _timestamp(record.reviewed)},
        "summary": {"_value": describe(record) if describe else record.name, "type": "text"},
    }


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def write_codes_api(site_dir: Path, edition: Edition) -> list[Path]:
    """Every code's file in `edition`'s folder of the built site at `site_dir`; the files written."""
    address = site_address(site_dir) + edition.prefix
    folder = site_dir / edition.prefix / FOLDER
    written = []
    for named, pages in sorted(answered_codes(pages_by_code(edition)).items(), key=lambda item: item[0].code):
        folder.mkdir(parents=True, exist_ok=True)
        feed = code_feed(named, pages, edition=edition, address=address)
        target = folder / f"{named.code}.json"
        target.write_text(published_json(feed), encoding="utf-8")
        written.append(target)
    return written
