"""A normal (non-editable) install must carry plugins/, rules/, templates/ and the grammars."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_carries_plugins_rules_templates_and_grammars(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(tmp_path.glob("cchc_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"cchc_lint/plugins/{p.name}" for p in (ROOT / "plugins").glob("*.py")}
    expected |= {f"cchc_lint/rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml")}
    expected |= {f"cchc_lint/templates/{p.name}" for p in (ROOT / "templates").glob("*.docx")}
    expected |= {f"cchc_lint/parse/grammars/{g}.lark" for g in ("kh", "qd", "tb")}
    assert "cchc_lint/plugins/reader.py" in expected
    assert expected <= names, sorted(expected - names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "cchc-lint = cchc_lint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
