#!/usr/bin/env bash
# One command to build the site; see README.md.
#   ./site-build.sh          validate data/, build site/ and its search index
#   ./site-build.sh serve    live preview on http://127.0.0.1:8000/
#   ./site-build.sh test     the whole test suite, browser tests included
#   ./site-build.sh check    validate data/ only
#   ./site-build.sh bench    benchmarks (bench/results.md); --lighthouse adds Lighthouse's scores (npm)
# SITE_ENGINE=zensical builds (and serves) with Zensical instead of MkDocs 1.6 + Material.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
venv="$root/.venv"
export NO_MKDOCS_2_WARNING=1  # the end-of-life notice is known; see docs/engines.md

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

# A new .venv gets pip (Python's own) and, through it, the pinned uv, which installs the rest.
ensure_venv() {
  if [ ! -x "$venv/bin/uv" ] || ! cmp -s requirements/installer.txt "$venv/.installed-installer.txt"; then
    [ -x "$venv/bin/python" ] || "$(find_python)" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements/installer.txt >&2
    cp requirements/installer.txt "$venv/.installed-installer.txt"
  fi
}

uv_install() {
  "$venv/bin/uv" pip install --quiet --python "$venv/bin/python" "$@" >&2
}

# Install pinned requirements files into .venv, each once per version of that file, in one run.
# They are compiled too: where PYTHONDONTWRITEBYTECODE is set, as on CI machines, Python would
# otherwise compile every import again in every process (0.6 s for a build's imports).
ensure_requirements() {
  local file missing=()
  ensure_venv
  for file in "$@"; do
    if ! cmp -s "$file" "$venv/.installed-$(basename "$file")" && [[ " ${missing[*]} " != *" $file "* ]]; then
      missing+=("$file")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} into .venv ..." >&2
    uv_install --compile-bytecode "${missing[@]/#/-r}"
    for file in "${missing[@]}"; do cp "$file" "$venv/.installed-$(basename "$file")"; done
  fi
}

# The core, sitegen/, as a package in .venv: editable, so serve and the tests run the working
# tree's code; installed again only when pyproject.toml changes.
ensure_package() {
  local stamp="$venv/.installed-pyproject.toml"
  if ! cmp -s pyproject.toml "$stamp"; then
    echo "Installing sitegen (pyproject.toml) into .venv ..." >&2
    uv_install --no-deps -e .
    cp pyproject.toml "$stamp"
  fi
}

engine=${SITE_ENGINE:-mkdocs}

# What every command needs: the build's pins, the chosen engine's, any named here, and the package.
ensure_build() {
  local files=(requirements/build.txt)
  case "$engine" in
    mkdocs) ;;
    zensical) files+=(requirements/zensical.txt) ;;
    *) echo "site-build.sh: SITE_ENGINE is mkdocs or zensical, not '$engine'" >&2; exit 2 ;;
  esac
  ensure_requirements "${files[@]}" "$@"
  ensure_package
}

build() {
  # Build beside site/ and swap only on success: a failed build leaves the last good site/ as it was.
  work=$(mktemp -d "$root/.site-build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  # Validate data/ and content/, export the docs tree, build it with the engine, then
  # tree.json, the search index and the security headers (sitegen/engines.py).
  "$venv/bin/python" -m sitegen build "$work/site" --engine "$engine"
  if [ -d site ]; then mv site "$work/previous"; fi
  mv "$work/site" site
  echo "Built site/ with $engine ($(find site -name '*.html' | wc -l) pages)." >&2
}

command=${1:-build}
case "$command" in
  build)
    ensure_build
    build
    ;;
  check)
    ensure_build
    "$venv/bin/python" -m sitegen check
    ;;
  serve)
    ensure_build
    "$venv/bin/python" -m sitegen check
    # MkDocs' serve rebuilds on edits to data/, content/, overrides/ (mkdocs.yml `watch`) through
    # the thin hooks in hooks/; an edit to Python is restarted, so the new code is what runs.
    exec "$venv/bin/watchmedo" auto-restart --directory sitegen --directory hooks --patterns '**/*.py' --recursive \
      --signal SIGTERM -- "$venv/bin/python" -m mkdocs serve --livereload --dev-addr 127.0.0.1:8000 "${@:2}"
    ;;
  test)
    ensure_build requirements/zensical.txt requirements/test.txt  # the suite builds with both engines
    tests/ensure-browser.sh
    exec "$venv/bin/python" -m pytest "${@:2}"
    ;;
  bench)
    ensure_build requirements/zensical.txt requirements/test.txt
    exec "$venv/bin/python" -m bench.run "${@:2}"
    ;;
  *)
    echo "usage: ./site-build.sh [build|serve|test|check|bench]" >&2
    exit 2
    ;;
esac
