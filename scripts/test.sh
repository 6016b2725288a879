#!/usr/bin/env bash
# The project's test command: set up (idempotent), lint, type-check, run the tests.
#
# Besides the project's .venv it prepares two kinds of side environments under .venvs/
# (both idempotent, fast once made):
#   - the real Label Studio and doccano servers the labeling tests start (scripts/labeling_servers.sh);
#   - .venvs/hanlp, with HanLP and a CPU torch, where the HanLP backend's tests run
#     (scripts/hanlp_env.sh); the default .venv never needs torch.
# and .venvs/wheelhouse (scripts/wheelhouse.sh), the dependencies' wheels from which
# tests/test_fresh_install.py installs the checkout into a new environment offline.
# Chromium and a CJK font come from the system packages (scripts/browser.sh), for the
# test that opens the rendered page in a real browser.
# For a quick local run: .venv/bin/python -m pytest -m "not labeling_servers"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/labeling_servers.sh install
bash scripts/hanlp_env.sh
bash scripts/wheelhouse.sh
bash scripts/browser.sh
.venv/bin/ruff check govreport_nlp tests scripts benchmarks
.venv/bin/mypy govreport_nlp
GOVREPORT_REQUIRE_LABELING_SERVERS=1 GOVREPORT_REQUIRE_WHEELHOUSE=1 GOVREPORT_REQUIRE_BROWSER=1 \
  .venv/bin/python -m pytest "$@"
GOVREPORT_REQUIRE_HANLP=1 .venvs/hanlp/bin/python -m pytest tests/test_hanlp_backend.py -q -p no:cacheprovider
