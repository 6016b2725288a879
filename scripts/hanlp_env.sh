#!/usr/bin/env bash
# Create (or update) .venvs/hanlp: the optional HanLP backend's own environment, with
# govreport-nlp installed editable with its `hanlp` extra (HanLP and a CPU build of torch),
# so that the default .venv never needs torch. Safe to run again: it reuses the venv and
# pip only installs what changed. Run the HanLP tests with
#   .venvs/hanlp/bin/python -m pytest tests/test_hanlp_backend.py
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=.venvs/hanlp
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# torch first, pinned: a torch range lets pip pick a newer CUDA build (several GB).
"$VENV/bin/python" -m pip install --quiet "torch==2.13.0"
"$VENV/bin/python" -m pip install --quiet -e ".[dev,hanlp]"
if ! "$VENV/bin/python" -c "import hanlp, torch" 2>/dev/null; then
  echo "hanlp_env.sh: HanLP is not importable in $VENV: pyproject.toml needs the 'hanlp' extra" >&2
  exit 1
fi
