"""Run `mkdocs` with every hook's events timed: `python bench/hook_timer.py OUT.json build ...`.

Wraps MkDocs' event dispatch so each hook's handlers are timed on their own, and writes the
seconds per hook (all events summed) to OUT.json when MkDocs exits. Used for the untimed
export build, so the table can say which hook costs what. Templates in `overrides/` are not
hooks: their cost is inside MkDocs' page rendering.
"""

from __future__ import annotations

import atexit
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs import plugins

SECONDS: defaultdict[str, float] = defaultdict(float)


def _timed_run_event(self: plugins.PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        start = time.perf_counter()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        SECONDS[origin] += time.perf_counter() - start
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def main() -> None:
    out = Path(sys.argv[1])
    plugins.PluginCollection.run_event = _timed_run_event  # type: ignore[method-assign]
    atexit.register(lambda: out.write_text(json.dumps(dict(SECONDS), indent=1), encoding="utf-8"))
    sys.argv = ["mkdocs", *sys.argv[2:]]
    from mkdocs.__main__ import cli

    cli()


if __name__ == "__main__":
    main()
