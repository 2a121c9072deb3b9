#!/usr/bin/env bash
# One command to build the site; see README.md.
#   ./site-build.sh          validate data/, build site/ and its search index
#   ./site-build.sh serve    live preview on http://127.0.0.1:8000/
#   ./site-build.sh test     the whole test suite, browser tests included
#   ./site-build.sh check    validate data/ only
#   ./site-build.sh bench    benchmarks (bench/results.md)
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
venv="$root/.venv"
export NO_MKDOCS_2_WARNING=1  # the end-of-life notice is known; see README

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

find_python() {
  for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null && python_ok "$candidate"; then
      echo "$candidate"
      return
    fi
  done
  echo "site-build.sh: Python 3.11 or newer is needed (set PYTHON=/path/to/python3)" >&2
  exit 1
}

# Install a pinned requirements file into .venv, once per version of that file.
ensure_requirements() {
  local file=$1 stamp="$venv/.installed-$(basename "$1")"
  if [ ! -x "$venv/bin/python" ]; then
    "$(find_python)" -m venv "$venv"
  fi
  if ! cmp -s "$file" "$stamp"; then
    echo "Installing $file into .venv ..." >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$file" >&2
    cp "$file" "$stamp"
  fi
}

build() {
  "$venv/bin/python" -m sitegen check
  # Build beside site/ and swap only on success: a failed build leaves the last good site/ as it was.
  work=$(mktemp -d "$root/.site-build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  "$venv/bin/python" -m mkdocs build --strict --quiet --site-dir "$work/site"
  if [ -d site ]; then mv site "$work/previous"; fi
  mv "$work/site" site
  echo "Built site/ ($(find site -name '*.html' | wc -l) pages)." >&2
}

command=${1:-build}
case "$command" in
  build)
    ensure_requirements requirements/build.txt
    build
    ;;
  check)
    ensure_requirements requirements/build.txt
    "$venv/bin/python" -m sitegen check
    ;;
  serve)
    ensure_requirements requirements/build.txt
    "$venv/bin/python" -m sitegen check
    exec "$venv/bin/python" -m mkdocs serve --livereload --dev-addr 127.0.0.1:8000 "${@:2}"
    ;;
  test)
    ensure_requirements requirements/build.txt
    ensure_requirements requirements/test.txt
    tests/ensure-browser.sh
    exec "$venv/bin/python" -m pytest "${@:2}"
    ;;
  bench)
    ensure_requirements requirements/build.txt
    ensure_requirements requirements/test.txt
    exec "$venv/bin/python" bench/run.py "${@:2}"
    ;;
  *)
    echo "usage: ./site-build.sh [build|serve|test|check|bench]" >&2
    exit 2
    ;;
esac
