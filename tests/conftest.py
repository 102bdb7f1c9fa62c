"""Shared helpers: lint a text or a .docx in-process with only some rules selected."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cchc_lint.config import Config
from cchc_lint.findings import FileReport


def lint_bytes(data: bytes, name: str, *, select: tuple[str, ...] = (), doc_type: str | None = None,
               **config) -> FileReport:
    from cchc_lint.api import check_file

    return check_file(data, Config(select=select, doc_type=doc_type, **config), name=name)


def lint_text(text: str, *, select: tuple[str, ...] = (), doc_type: str | None = None, **config) -> FileReport:
    """Lint a draft given as plain text (one block per line)."""
    return lint_bytes(text.encode("utf-8"), "draft.txt", select=select, doc_type=doc_type, **config)


def lint_path(path: str | Path, *, select: tuple[str, ...] = (), doc_type: str | None = None, **config) -> FileReport:
    from cchc_lint.api import check_file

    return check_file(path, Config(select=select, doc_type=doc_type, **config))


def codes(report: FileReport) -> list[str]:
    return [f.code for f in report.findings]


@pytest.fixture
def lint():
    return lint_text


@pytest.fixture
def soffice() -> str:
    """The LibreOffice binary. CI sets CCHC_REQUIRE_LIBREOFFICE=1 (it installs LibreOffice), so there a missing
    binary fails the run instead of silently skipping the tests that open our output in another producer."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CCHC_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found
