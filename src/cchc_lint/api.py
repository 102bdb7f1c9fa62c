"""The stable Python API (contract): ``check``, ``annotate``, ``fix``, ``render``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc_lint.config import Config, load_config
from cchc_lint.findings import FileReport, Report
from cchc_lint.read import ReadError, read_bytes, read_document


def _read(source: str | Path | bytes, name: str | None):
    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), name or "<bytes>.docx")
    return read_document(source)


def check_file(source: str | Path | bytes, config: Config | None = None, *, name: str | None = None) -> FileReport:
    """Check one draft; an unreadable input gives a FileReport with ``error`` set, never an exception."""
    from cchc_lint.check.engine import check_model

    label = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "<bytes>")
    try:
        model = _read(source, name)
    except ReadError as err:
        return FileReport(path=label, error=str(err))
    report = check_model(model, config)
    report.path = label
    return report


def check(source: str | Path | bytes, *, config: Config | dict[str, Any] | None = None,
          name: str | None = None) -> Report:
    """Check a draft given as a path or as bytes (``name`` tells the format of bytes, e.g. ``"draft.docx"``)."""
    from cchc_lint.config import from_table
    from cchc_lint.plugins_manager import get_manager

    if isinstance(config, dict):
        config = from_table(config, "config")
    elif config is None and not isinstance(source, (bytes, bytearray)):
        config = load_config(near=source)
    report = Report(files=[check_file(source, config, name=name)])
    get_manager().hook.cchc_lint_after_check(report=report)
    return report


def annotate(source: str | Path | bytes, out_path: str | Path, *, config: Config | None = None) -> Report:
    """Write a copy of the draft with one Word comment per finding; the source is never written."""
    from cchc_lint.report.annotate import annotate_docx
    from cchc_lint.safety import refuse_same_file

    data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    if not isinstance(source, (bytes, bytearray)):
        refuse_same_file(source, out_path)
    report = check(bytes(data), config=config, name=str(source) if not isinstance(source, bytes) else "draft.docx")
    annotate_docx(bytes(data), report.findings, out_path)
    return report


def fix(source: str | Path | bytes, out_path: str | Path, *, config: Config | None = None) -> Any:
    """Write a corrected draft (see ``cchc_lint.draft.fix``)."""
    from cchc_lint.draft.fix import fix_draft

    return fix_draft(source, out_path, config=config)


def render(doc_type: str, data: dict[str, Any], out_path: str | Path) -> Path:
    """Render a new draft of ``doc_type`` (KH, QD, TB) from structured data through its template."""
    from cchc_lint.draft.render import render_draft

    return render_draft(doc_type, data, out_path)
