"""``cchc-lint dump``: what the reader and the parser saw, to check them by eye (and to snapshot)."""

from __future__ import annotations

from cchc_lint.model import DocModel, Paragraph, Table
from cchc_lint.parse.tree import DocTree, Line, Section, TableRef


def _fmt(para: Paragraph) -> str:
    run = para.dominant_format()
    bits = []
    if run is not None:
        bits.append(f"{run.font or '?'} {run.size:g}pt" if run.size else f"{run.font or '?'}")
        bits += [name for name, on in (("đậm", run.bold), ("nghiêng", run.italic), ("gạch", run.underline),
                                        ("hoa", run.caps)) if on]
    if para.fmt.alignment:
        bits.append(para.fmt.alignment)
    if para.fmt.style_name:
        bits.append(f"style={para.fmt.style_name}")
    return ", ".join(bits)


def _para_line(para: Paragraph, where: str) -> str:
    label = f"[{para.numbering.label}] " if para.numbering else ""
    flags = " *thay đổi*" if para.has_changes else ""
    return f"{where:<10} {label}{para.text}  ({_fmt(para)}){flags}"


def dump_blocks(model: DocModel) -> str:
    out = [f"# {model.path}: {len(model.blocks)} khối, {len(model.sections)} section"]
    for section in model.sections:
        out.append(f"# section {section.index}: khối {section.first_block}-{section.last_block}, "
                   f"{section.orientation} {section.page_width}x{section.page_height}, lề "
                   f"{section.margin_top}/{section.margin_bottom}/{section.margin_left}/{section.margin_right}, "
                   f"số trang {'có' if section.header_page_number else 'không'}"
                   f"{', ẩn trang đầu' if section.title_page else ''}")
    for item in model.flow():
        loc = item.loc
        where = f"{loc.block}" if loc.block is not None else f"L{loc.line}"
        if isinstance(item, Table):
            out.append(f"{where:<10} BẢNG {len(item.rows)}x{item.n_cols}{' không viền' if item.borderless else ''}")
            for row in item.rows:
                for cell in row:
                    span = f" span={cell.span}" if cell.span > 1 else ""
                    span += f" rowspan={cell.rowspan}" if cell.rowspan > 1 else ""
                    for para in cell.paragraphs:
                        out.append("  " + _para_line(para, f"[{cell.row},{cell.col}]{span}"))
        else:
            out.append(_para_line(item, where))
    for comment in model.comments:
        blocks = ",".join(str(loc.block) for loc in comment.locations)
        out.append(f"# chú thích {comment.id} ({comment.author}) trên khối {blocks}: {comment.text}")
    return "\n".join(out)


def _line(item: Line | TableRef) -> str:
    if isinstance(item, TableRef):
        return f"BẢNG {len(item.table.rows)}x{item.table.n_cols} @{item.table.loc.block}"
    return f"{item.kind} @{item.loc.block if item.loc.block is not None else item.loc.line}: {item.text[:90]}"


def _section(section: Section, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    auto = " (tự động)" if section.heading.auto_label else ""
    out.append(f"{pad}§ [{section.label}]{auto} {section.title[:90]}  <{section.path}>")
    for item in section.items:
        out.append(f"{pad}  {_line(item)}")
    for child in section.children:
        _section(child, depth + 1, out)


def _tree(tree: DocTree, out: list[str], depth: int = 0) -> None:
    pad = "  " * depth
    h = tree.header
    out.append(f"{pad}loại: {tree.doc_type}  số: {h.number.canonical if h.number else None}  "
               f"ngày: {tree.date}  nơi: {h.place}")
    out.append(f"{pad}tên loại: {tree.title.type_name}  trích yếu: {tree.title.subject_text[:100]}")
    if tree.reference:
        out.append(f"{pad}kèm theo: {tree.reference.text}")
    for line in tree.preamble + tree.proposal:
        out.append(f"{pad}căn cứ: {line.text[:100]}")
    for item in tree.intro:
        out.append(f"{pad}mở đầu: {_line(item)}")
    for section in tree.sections:
        _section(section, depth, out)
    for article in tree.articles:
        out.append(f"{pad}Điều {article.number}: {article.heading.text[:90]}")
        for section in article.sections:
            _section(section, depth + 1, out)
    c = tree.closing
    out.append(f"{pad}ký: {' / '.join(a.text for a in c.authority)} — {c.signer.text if c.signer else None}")
    out.append(f"{pad}nơi nhận: {len(c.recipients)} dòng")
    for appendix in tree.appendices:
        ref = appendix.reference.text[:80] if appendix.reference else None
        out.append(f"{pad}phụ lục {appendix.label}: {len(appendix.tables)} bảng; kèm theo: {ref}")
    for attachment in tree.attachments:
        out.append(f"{pad}-- văn bản kèm theo --")
        _tree(attachment, out, depth + 1)


def dump_tree(model: DocModel, doc_type: str | None = None) -> str:
    from cchc_lint.parse import parse_document

    tree = parse_document(model, doc_type)
    out: list[str] = [f"# {model.path}"]
    _tree(tree, out)
    for obs in tree.observations:
        out.append(f"! {obs.kind} @{obs.loc.block}: {obs.message}")
    return "\n".join(out)
