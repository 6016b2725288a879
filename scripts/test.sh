#!/usr/bin/env bash
# The project's test command: set up (idempotent), lint, type-check, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check govreport_nlp tests scripts benchmarks
.venv/bin/mypy govreport_nlp
.venv/bin/python -m pytest "$@"
