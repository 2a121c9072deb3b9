#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (a test tool's own browser download cannot work
# offline) and the deploy test runs Debian's nginx; the scripts' unit tests run on Node.js. Install them when missing. The tests launch
# Chromium's headless shell where it is installed (the same Chromium, a quarter less CPU for the
# suite), else chromium itself.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# The page scripts' unit tests run on Node's own test runner (tests/js/, tests/test_page_scripts.py).
command -v node >/dev/null || missing+=(nodejs)
faster=()
command -v chromium-headless-shell >/dev/null || faster+=(chromium-headless-shell)
[ ${#missing[@]} -eq 0 ] && [ ${#faster[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  if [ ${#missing[@]} -gt 0 ]; then
    echo "tests need: ${missing[*]} (apt-get install ${missing[*]} ${faster[*]})" >&2
    exit 1
  fi
  echo "tests run faster with: apt-get install ${faster[*]} (they use chromium meanwhile)" >&2
  exit 0
fi
echo "Installing ${missing[*]} ${faster[*]} from Debian ..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" "${faster[@]}" >&2
