"""Never lose the user's work: outputs go to new files, written atomically, never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output that must not be written; ``str(err)`` is the one line shown to the user."""


def refuse_same_file(source: str | Path, out_path: str | Path) -> None:
    src, out = Path(source), Path(out_path)
    try:
        same = out.exists() and src.exists() and os.path.samefile(src, out)
    except OSError:
        same = False
    if same or src.resolve() == out.resolve():
        raise OutputError(f"{out}: không ghi đè lên tệp đầu vào; hãy chọn tên tệp kết quả khác")


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write to a temporary file beside ``path`` and rename it over: readers see the old or the new file."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
