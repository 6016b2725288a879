#!/usr/bin/env bash
# Gather wheels of govreport-nlp and of everything it needs into .venvs/wheelhouse, so that
# tests/test_fresh_install.py can `pip install` the checkout into a new virtual environment
# with `--no-index` (no network). pip fetches what its cache lacks from the package registry
# here, once; a wheelhouse made for the same pyproject.toml is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
HOUSE=.venvs/wheelhouse
STAMP="$HOUSE/.pyproject.sha256"
WANT="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  exit 0
fi
rm -rf "$HOUSE"
mkdir -p "$HOUSE"
# The wheels of the dependencies (our own wheel is built by the test from the checkout);
# setuptools and wheel as well, for pip's isolated build of the checkout.
.venv/bin/python -m pip wheel --quiet --wheel-dir "$HOUSE" . "setuptools>=77" wheel
rm -f "$HOUSE"/govreport_nlp-*.whl
echo "$WANT" > "$STAMP"
