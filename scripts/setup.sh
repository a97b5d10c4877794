#!/usr/bin/env bash
# Install sscgraph and what it needs into ./.venv (created on first use).
#   scripts/setup.sh          the tool itself
#   scripts/setup.sh --test   also the test tools: Chromium, Virtuoso, Node packages
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ ! -x .venv/bin/python ]; then
  echo "==> creating virtual environment .venv"
  "$PYTHON" -m venv .venv
fi
PY=.venv/bin/python
"$PY" -m pip install --quiet --upgrade pip >/dev/null
if [ "$want_test" = 1 ]; then
  echo "==> installing sscgraph with test dependencies"
  "$PY" -m pip install --quiet --disable-pip-version-check -e '.[test]'
else
  echo "==> installing sscgraph"
  "$PY" -m pip install --quiet --disable-pip-version-check -e '.[serve]'
fi

if [ "$want_test" = 1 ]; then
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
  command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
  command -v node >/dev/null 2>&1 || need+=(nodejs npm)
  if [ "${#need[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
      echo "==> installing system packages: ${need[*]}"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    else
      echo "warning: cannot install ${need[*]} (not root, no sudo); tests needing them will say so" >&2
    fi
  fi
  if [ -f tests/js/package.json ] && [ ! -d tests/js/node_modules ]; then
    echo "==> installing Node packages for the export tests"
    (cd tests/js && npm install --silent --no-audit --no-fund >/dev/null)
  fi
fi
