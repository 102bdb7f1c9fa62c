"""A small on-disk memo for start-up work that never changes between runs of one installation: the parsed rule
data (YAML) and the public holidays the `holidays` library computes. A cold start then reads a pickle instead
of parsing YAML and importing every country of `holidays` (~0.15 s together).

Entries are keyed by a hash of their inputs (the YAML text, the library's version), so an edited rule file or
an upgraded library is simply a miss. The cache lives in ``$XDG_CACHE_HOME/cchc-lint`` (``~/.cache/cchc-lint``);
``CCHC_LINT_NO_CACHE=1`` turns it off. Any problem with it (read-only home, a damaged file) falls back to
computing the value: the cache can make a run faster, never wrong or failed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cchc-lint"


def memo(kind: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, remembered on disk under (kind, key)."""
    if os.environ.get("CCHC_LINT_NO_CACHE") == "1":
        return compute()
    digest = hashlib.sha256(f"{sys.version_info[:2]}|{key}".encode()).hexdigest()[:32]
    path = cache_dir() / f"{kind}-{digest}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)  # our own file, in the user's own cache folder
    except Exception:  # missing, damaged or unreadable: compute it again
        pass
    value = compute()
    _store(path, value)
    return value


def _store(path: Path, value: Any) -> None:
    try:
        from cchc_lint.safety import write_atomic

        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a read-only or full disk only costs speed
        pass
