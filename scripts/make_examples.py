#!/usr/bin/env python3
"""Write the bundled example drafts (examples/*.docx) from the test fixture builders.

The four seed documents with typed numbering (their real mistakes kept), one seed with Word's automatic
numbering, and the fully correct 2024 plan. The builds are deterministic, so re-running changes nothing unless
the fixtures changed.

    python scripts/make_examples.py [--out examples]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.seeds import SEEDS, build_clean_kh, build_seed  # noqa: E402


def examples() -> dict[str, Callable[[Path], Path]]:
    """File name → function writing that example to the given path."""
    out: dict[str, Callable[[Path], Path]] = {
        f"{name}.docx": (lambda path, name=name: build_seed(name, path)) for name in SEEDS
    }
    out["qd_5409_2019.auto-numbering.docx"] = lambda path: build_seed("qd_5409_2019", path, numbering="auto")
    out["clean_kh_2024.docx"] = build_clean_kh
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "examples", help="output directory (default: examples/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in examples().items():
        path = make(args.out / name)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
