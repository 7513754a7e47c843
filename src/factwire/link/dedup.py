"""Near-duplicate articles (wire copies, republished stories) by MinHash over word shingles.

An article's signature is a MinHash (datasketch, ``NUM_PERM`` permutations, fixed seed) of
its lower-cased ``SHINGLE``-word shingles. Its signature is cut into ``BANDS`` bands of
``NUM_PERM // BANDS`` values; articles sharing a band hash are candidates (locality-sensitive
hashing, kept in the database), and a candidate whose estimated Jaccard similarity is at least
``THRESHOLD`` is a near-duplicate.

>>> a = signature("Russian forces shelled the city of Kharkiv on Sunday, officials said.")
>>> b = signature("Russian forces shelled the city of Kharkiv on Sunday, officials said. (AP)")
>>> similarity(a, b) > 0.6
True
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 16
SHINGLE = 4
THRESHOLD = 0.8
SEED = 1

_WORD = re.compile(r"\w+")
SCHEME = "affine32"  # datasketch 2.0's default hashing scheme, named so it stays fixed
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations  # once


def shingles(text: str) -> set[str]:
    """The text's overlapping runs of ``SHINGLE`` words (its words if it has fewer)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return set(words)
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text: ``NUM_PERM`` unsigned 64-bit values."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS,
                      scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return minhash.hashvalues.astype(np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the texts behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 64-bit hash per band (fits a BIGINT column)."""
    rows = len(sig) // BANDS
    out = []
    for band in range(BANDS):
        chunk = sig[band * rows:(band + 1) * rows].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little"))
        out.append(int.from_bytes(digest.digest(), "little", signed=True))
    return out


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def visible_text(text: str, removed: list[tuple[int, int]]) -> str:
    """The text with filler spans blanked, so boilerplate does not make articles alike."""
    chars = list(text)
    for start, end in removed:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
