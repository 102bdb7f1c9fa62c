"""Print, for each seed fixture, the findings cchc-lint reports, as Markdown tables (for issue notes and review).

    python scripts/seed_findings.py [FAMILIES…]      e.g. python scripts/seed_findings.py BC CC
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cchc_lint.api import check_file
from tests.fixtures.seeds import SEEDS, build_seed, load_seed


def main(families: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in SEEDS:
            path = build_seed(name, Path(tmp) / f"{name}.docx")
            report = check_file(path)
            found = [f for f in report.findings if not families or f.family in families]
            print(f"\n**{name}** (seed `{load_seed(name)['seed']}`): {len(found)} findings\n")
            print("| code | block | finding |")
            print("|---|---|---|")
            for f in found:
                where = "—" if f.location.block is None else str(f.location.block)
                if f.location.row is not None:
                    where += f" r{f.location.row} c{f.location.col}"
                message = f.message.replace("|", "/")
                print(f"| {f.code} | {where} | {message[:160]}{'…' if len(message) > 160 else ''} |")


if __name__ == "__main__":
    main([a.upper() for a in sys.argv[1:]])
