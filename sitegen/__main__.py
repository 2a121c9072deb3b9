"""Command line, run from the project's root:

python -m sitegen check              validate data/ and content/'s front matter
python -m sitegen schema             rewrite data/schema/
python -m sitegen export DIR         the docs tree an engine builds (sitegen.export)
python -m sitegen postbuild SITE     tree.json, search index, security headers, offline worker of a
                                     built site, every edition's (sitegen.postbuild)
python -m sitegen build SITE [--engine mkdocs|zensical]   all three steps: what ./site-build.sh runs
                                     (into a scratch folder: this replaces SITE as it starts)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath

from sitegen.editions import load_editions
from sitegen.engines import ENGINES, EngineError, build
from sitegen.export import export, load_checked
from sitegen.indexing import Indexer
from sitegen.loader import load_dataset
from sitegen.page_reader import PageReader
from sitegen.postbuild import PostBuildError, postbuild
from sitegen.problems import DataError
from sitegen.schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen", description=__doc__)
    parser.add_argument("command", choices=["check", "schema", "export", "postbuild", "build"])
    parser.add_argument("target", nargs="?", type=Path, help="DIR for export, SITE for postbuild and build")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project (default: the current folder)")
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default: ROOT/data)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="for build (default: mkdocs)")
    args = parser.parse_args(argv)
    data = args.data or args.root / "data"
    if args.command == "schema":
        for path in write_schemas(data / "schema"):
            print(f"wrote {path}")
        return 0
    if args.command != "check" and args.target is None:
        parser.error(f"{args.command} needs a folder")
    try:
        if args.command == "check":
            load_checked(args.root) if args.data is None else load_dataset(data)
        elif args.command == "export":
            export(args.root, args.target)
        elif args.command == "postbuild":
            editions = load_editions(args.root)
            with Indexer() as indexer:
                postbuild(args.target, editions, PageReader(indexer, editions))
        else:
            build(args.root, args.target, engine=args.engine)
    except DataError as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in {_places(error)}; nothing was built.", file=sys.stderr)
        return 1
    except (EngineError, PostBuildError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _places(error: DataError) -> str:
    """The top-level folders (or files) the problems are in, in the order listed: "data/",
    "content/ and data/", "mkdocs.yml"."""
    paths = (PurePosixPath(problem.file).parts for problem in error.problems)
    places = list(dict.fromkeys(f"{parts[0]}/" if len(parts) > 1 else parts[0] for parts in paths))
    return ", ".join(places[:-1]) + " and " + places[-1] if len(places) > 1 else places[0]


if __name__ == "__main__":
    sys.exit(main())
