"""The annotated copy for the legal unit's pre-signing review: the draft, untouched, with one Word comment per
finding anchored on the paragraph or table cell the finding locates (JSON-contract locations).

python-docx writes the comments part, its relationship and content type; we only find the anchor. The source
bytes are never modified in place and the copy is written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from lxml import etree

from cchc_lint.findings import Finding

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BLOCK_TAGS = (f"{W}p", f"{W}tbl", f"{W}sdt")
AUTHOR, INITIALS = "cchc-lint", "CL"


def annotate_docx(source: bytes, findings: Sequence[Finding], out_path: str | Path) -> Path:
    """Write ``out_path``: ``source`` with a Word comment at each finding. Returns the path written."""
    from cchc_lint.safety import write_atomic

    return write_atomic(out_path, add_comments(source, findings))


def add_comments(data: bytes, findings: Iterable[Finding],
                 carried: Iterable[tuple[str | None, str, str]] = (),
                 key: Callable[[str], str] = lambda text: " ".join(text.split())) -> bytes:
    """``data`` with one comment per finding; ``carried`` are (anchor text, author, text) of comments a reviewer
    had left on an earlier version, put back on the paragraph whose text, compared through ``key``, holds the
    anchor's."""
    import docx
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    blocks = [el for el in body if el.tag in BLOCK_TAGS]
    title = next((p for p in body.iter(f"{W}p") if _text(p).strip()), None)

    def attach(p: etree._Element | None, lines: list[str], author: str, initials: str) -> None:
        p = p if p is not None else title
        if p is None:
            return
        para = Paragraph(p, document._body)
        comment = document.add_comment(para.runs or [para.add_run("")], text=lines[0], author=author,
                                       initials=initials)
        for line in lines[1:]:
            comment.add_paragraph(line)

    for anchor, author, text in carried:
        who = author or "Người góp ý"
        attach(_paragraph_with(body, anchor, key), [text], who, "".join(w[:1] for w in who.split())[:3])
    for finding in findings:
        attach(anchor_paragraph(blocks, finding), comment_lines(finding), AUTHOR, INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def comment_lines(finding: Finding) -> list[str]:
    lines = [f"{finding.code} — {finding.message}"]
    if finding.fix:
        lines.append(f"Đề xuất sửa: «{finding.fix.old}» → «{finding.fix.new}»")
    if finding.legal_basis:
        lines.append(f"Căn cứ: {finding.legal_basis}")
    return lines


def anchor_paragraph(blocks: list[etree._Element], finding: Finding) -> etree._Element | None:
    """The ``w:p`` a finding's location names; ``None`` for whole-document findings (they go on the title)."""
    loc = finding.location
    if loc.block is None or not 0 <= loc.block < len(blocks):
        return None
    el = blocks[loc.block]
    if el.tag == f"{W}tbl" and loc.row is not None:
        cell = grid_cell(el, loc.row, loc.col or 0)
        el = cell if cell is not None else el
    return el if el.tag == f"{W}p" else next(el.iter(f"{W}p"), None)


def grid_cell(tbl: etree._Element, row: int, col: int) -> etree._Element | None:
    """The ``w:tc`` covering grid position (row, col), following gridBefore, gridSpan and vertical merges back
    to the cell that starts them, as the reader numbers them."""
    rows = [tr for tr in tbl.iter(f"{W}tr") if _owner_table(tr) is tbl]
    if not 0 <= row < len(rows):
        return None
    for r in range(row, -1, -1):
        tc = _cell_at(rows[r], col)
        if tc is None:
            return None
        merge = tc.find(f"{W}tcPr/{W}vMerge")
        if merge is None or merge.get(f"{W}val") == "restart":
            return tc
    return None


def _cell_at(tr: etree._Element, col: int) -> etree._Element | None:
    before = tr.find(f"{W}trPr/{W}gridBefore")
    start = int(before.get(f"{W}val", "0")) if before is not None else 0
    for tc in (c for c in tr.iter(f"{W}tc") if _owner_row(c) is tr):
        span_el = tc.find(f"{W}tcPr/{W}gridSpan")
        span = max(int(span_el.get(f"{W}val", "1")), 1) if span_el is not None else 1
        if start <= col < start + span:
            return tc
        start += span
    return None


def _owner_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def _owner_row(tc: etree._Element) -> etree._Element | None:
    parent = tc.getparent()
    while parent is not None and parent.tag != f"{W}tr":
        parent = parent.getparent()
    return parent


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _paragraph_with(body: etree._Element, anchor: str | None, key: Callable[[str], str]) -> etree._Element | None:
    wanted = key(anchor or "")
    return next((p for p in body.iter(f"{W}p") if wanted in key(_text(p))), None) if wanted else None
