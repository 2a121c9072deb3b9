"""Command line: `python -m sitegen check` validates `data/`; `schema` rewrites `data/schema/`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.dataset import load_dataset
from sitegen.problems import DataError
from sitegen.schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen")
    parser.add_argument("command", choices=["check", "schema"])
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    args = parser.parse_args(argv)
    if args.command == "schema":
        for path in write_schemas(args.data / "schema"):
            print(f"wrote {path}")
        return 0
    try:
        load_dataset(args.data)
    except DataError as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in {args.data}/; nothing was built.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
