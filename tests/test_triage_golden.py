"""tests/golden/tree.json pins the published triage tree, so any change to it is a reviewed diff.

The golden file is the published tree indented, one key to a line, so a change reads as a short
diff; `site/triage/tree.json` is the same tree on one line (plain JSON: no header fits in it).
After an intended change to data/triage.yaml, data/red_flags.yaml or sitegen/triage.py, refresh it
and review the diff before committing:

    UPDATE_GOLDEN=1 ./site-build.sh test -k golden
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

from sitegen.published import published_json
from sitegen.triage import compile_tree
from tests.helpers import ROOT, real_dataset

GOLDEN = ROOT / "tests" / "golden" / "tree.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def compiled() -> str:
    return json.dumps(compile_tree(real_dataset()), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def diff(expected: str, actual: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), "tests/golden/tree.json", "compiled", lineterm="", n=2
    )
    return "\n".join(list(lines)[:60])


def test_compiled_tree_matches_the_golden_file() -> None:
    actual = compiled()
    if UPDATE:
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert actual == expected, (
        "tree.json changed; if intended, run `UPDATE_GOLDEN=1 ./site-build.sh test -k golden` and review the diff:\n"
        + diff(expected, actual)
    )


def test_the_built_site_publishes_exactly_the_golden_tree(site: Path) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert (site / "triage" / "tree.json").read_text(encoding="utf-8") == published_json(golden)
