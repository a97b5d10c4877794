#!/usr/bin/env bash
# Install sscgraph with its test tools (Python packages, Chromium, Virtuoso,
# Node packages) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
echo "==> running the tests"
exec .venv/bin/python -m pytest "$@"
