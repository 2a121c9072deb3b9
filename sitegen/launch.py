"""`python -m sitegen.launch MODULE ARG...`: `python -m MODULE ARG...` (an engine's command,
sitegen.engines), started before there is anything for it to build.

An engine's interpreter spends its first tenths of a second starting and importing. Started
as the build starts, it does that beside the loading and the export, on the other core; then
it waits until its standard input closes. sitegen.engines writes there the folder to run in
once the tree is exported. Closed with nothing written (the build failed first), it exits.
"""

from __future__ import annotations

import importlib
import os
import runpy
import sys

WARM = ("markdown", "pymdownx.util", "jinja2", "yaml")
"""What both engines render with."""
BUILD = {"mkdocs": ("mkdocs.commands.build",), "zensical": ("zensical.config",)}
"""What each engine's `build` command imports once it runs (python -X importtime), beside its
command line (`MODULE.__main__`): a tenth of a second each."""


def warm(module: str) -> None:
    for name in (f"{module}.__main__", *BUILD.get(module, ()), *WARM):
        try:
            importlib.import_module(name)
        except ImportError:
            continue  # the engine reports what it lacks when it runs


def main() -> int:
    module, *args = sys.argv[1:]
    warm(module)
    folder = sys.stdin.read()
    if not folder:
        return 1
    os.chdir(folder)
    sys.argv = [module, *args]
    sys.modules.pop(f"{module}.__main__", None)  # run as a script, not as the module imported
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
