"""Shared helpers: lint a text or a .docx in-process with only some rules selected."""

from __future__ import annotations

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
