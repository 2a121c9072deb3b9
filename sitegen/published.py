"""How every JSON file published for scripts and other software is written (docs/contracts.md,
"Published JSON"): keys in a fixed order, so two builds are byte-identical, on one line, as a
phone downloads it. `json.dumps` without `indent` is the C encoder: a tenth of the time."""

from __future__ import annotations

import json
from typing import Any


def published_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
