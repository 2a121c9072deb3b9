"""JSON Schema for each data file, so editors autocomplete and check YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.models import FILES


def schemas() -> dict[str, str]:
    """File name in `data/schema/` -> its JSON text."""
    result = {}
    for stem, model in FILES.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"data/{stem}.yaml"
        result[f"{stem}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return result


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
