"""Read a .docx into a DocModel in one pass over word/document.xml.

What a person sees is what we keep: tracked insertions shown, deletions dropped (with a per-block flag that
changes are pending), field results rather than field codes, the label automatic numbering puts in front,
and formatting as it is finally applied after styles and defaults.
"""

from __future__ import annotations

import posixpath
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from cchc_lint.model import (
    Cell,
    Comment,
    ContentControl,
    DocModel,
    Location,
    ParaFormat,
    Paragraph,
    Run,
    Section,
    Table,
)
from cchc_lint.read.numbering import NumberingState
from cchc_lint.read.package import Package, ReadError
from cchc_lint.read.styles import Styles, para_props, run_props, table_has_borders, w, wattr

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
}

_CHANGE_TAGS = {w(t) for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")}
_WRAPPERS = {w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "sdtContent", "dir",
                            "bdo")}
_BREAK_TAGS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-", w("softHyphen"): ""}
_FLOATING = {w("drawing"), w("pict"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_box_paragraphs(el: etree._Element) -> list[etree._Element]:
    """Paragraphs of text boxes (some drafts put the header in them); the VML fallback copy is skipped."""
    out = []
    for box in el.iter(w("txbxContent")):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        out.extend(p for p in box if p.tag == w("p"))
    return out


@dataclass(slots=True)
class _Walk:
    """Mutable state of the single pass: numbering counters, open comment ranges, the current section."""

    styles: Styles
    numbering: NumberingState
    section: int = 0
    open_comments: set[str] = field(default_factory=set)
    anchors: dict[str, list[Location]] = field(default_factory=dict)
    changes: bool = False
    section_breaks: list[tuple[int, etree._Element]] = field(default_factory=list)


def read_docx(data: bytes, name: str) -> DocModel:
    package = Package(data, name)
    main_part = _main_part(package)
    document = package.xml(main_part)
    if document is None:
        raise ReadError(f"{name}: thiếu phần word/document.xml — không phải văn bản Word")
    body = document.find(w("body"))
    if body is None:
        raise ReadError(f"{name}: word/document.xml không có phần thân (w:body)")
    rels = _rels(package, main_part)
    base = posixpath.dirname(main_part)
    styles = Styles(_related(package, base, rels, "styles"), _related(package, base, rels, "theme"))
    walk = _Walk(styles, NumberingState(_related(package, base, rels, "numbering")))
    blocks = _read_body(body, walk)
    return DocModel(
        path=name,
        source="docx",
        blocks=tuple(blocks),
        sections=_sections(body, walk, len(blocks), package, base, rels),
        comments=_comments(_related(package, base, rels, "comments"), walk.anchors),
        properties=_core_properties(package),
        has_tracked_changes=walk.changes,
    )


def _main_part(package: Package) -> str:
    root = package.xml("_rels/.rels")
    if root is not None:
        for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if package.has(target):
                    return target
    return "word/document.xml"


def _rels(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """rId → (type suffix, target path) for one part."""
    folder, file = posixpath.split(part)
    root = package.xml(posixpath.join(folder, "_rels", f"{file}.rels"))
    out: dict[str, tuple[str, str]] = {}
    if root is None:
        return out
    for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


def _related(package: Package, base: str, rels: dict, kind: str) -> etree._Element | None:
    for rel_type, target in rels.values():
        if rel_type == kind:
            return package.xml(target)
    fallback = {"styles": "styles.xml", "numbering": "numbering.xml", "comments": "comments.xml",
                "theme": "theme/theme1.xml"}.get(kind)
    return package.xml(posixpath.join(base, fallback)) if fallback and package.has(posixpath.join(base, fallback)) else None


# --- body ---------------------------------------------------------------------------------------------------

def _read_body(body: etree._Element, walk: _Walk) -> list:
    blocks: list = []
    for child in body:
        tag = child.tag
        if tag == w("p"):
            loc = Location(block=len(blocks))
            blocks.append(_paragraph(child, walk, loc))
            _note_section_break(child, walk, len(blocks) - 1)
        elif tag == w("tbl"):
            blocks.append(_table(child, walk, len(blocks)))
        elif tag == w("sdt"):
            loc = Location(block=len(blocks))
            content = child.find(w("sdtContent"))
            inner = _inner_blocks(content, walk, loc) if content is not None else []
            tag_el = child.find(f"{w('sdtPr')}/{w('tag')}")
            blocks.append(ContentControl(loc=loc, blocks=tuple(inner), tag=wattr(tag_el, "val")))
            for p in (content.iter(w("p")) if content is not None else ()):
                _note_section_break(p, walk, len(blocks) - 1)
        elif tag in (w("commentRangeStart"), w("commentRangeEnd")):
            _comment_boundary(child, walk, None)
    return blocks


def _note_section_break(p: etree._Element, walk: _Walk, block: int) -> None:
    sect = p.find(f"{w('pPr')}/{w('sectPr')}")
    if sect is not None:
        walk.section_breaks.append((block, sect))
        walk.section += 1


def _inner_blocks(container: etree._Element, walk: _Walk, loc: Location) -> list:
    """Paragraphs and tables inside a cell or content control; they all point at the enclosing location."""
    out: list = []
    for child in container:
        if child.tag == w("p"):
            out.append(_paragraph(child, walk, loc))
        elif child.tag == w("tbl"):
            out.append(_table(child, walk, loc.block, outer=loc))
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                out.extend(_inner_blocks(content, walk, loc))
    return out


def _comment_boundary(el: etree._Element, walk: _Walk, loc: Location | None) -> None:
    cid = el.get(w("id"))
    if cid is None:
        return
    if el.tag == w("commentRangeStart"):
        walk.open_comments.add(cid)
        if loc is not None:
            walk.anchors.setdefault(cid, []).append(loc)
    else:
        walk.open_comments.discard(cid)


def _paragraph(p: etree._Element, walk: _Walk, loc: Location) -> Paragraph:
    direct = para_props(p.find(w("pPr")))
    fmt, merged = walk.styles.para_format(direct)
    runs: list[Run] = []
    comment_ids = set(walk.open_comments)
    state: dict = {"changes": False, "boxes": []}
    _collect(p, walk, fmt, runs, comment_ids, state, loc, inserted=False)
    raw = "".join(r.text for r in runs)
    if state["changes"]:
        walk.changes = True
    floating = tuple(_paragraph(box, walk, loc) for box in state["boxes"])
    numbering = walk.numbering.next_label(merged.get("num_id"), merged.get("ilvl"))
    nfc_runs = tuple(_nfc_runs(runs))
    for cid in comment_ids:
        anchors = walk.anchors.setdefault(cid, [])
        if not anchors or anchors[-1] != loc:
            anchors.append(loc)
    return Paragraph(
        loc=loc,
        text=unicodedata.normalize("NFC", raw),
        raw_text=raw,
        runs=nfc_runs,
        fmt=fmt,
        numbering=numbering,
        has_changes=state["changes"],
        section=walk.section,
        comment_ids=tuple(sorted(comment_ids)),
        floating=floating,
    )


def _nfc_runs(runs: list[Run]):
    pos = 0
    for run in runs:
        text = unicodedata.normalize("NFC", run.text)
        yield Run(text=text, start=pos, fmt=run.fmt, inserted=run.inserted)
        pos += len(text)


def _collect(el, walk: _Walk, fmt: ParaFormat, runs: list[Run], comment_ids: set[str], state: dict,
             loc: Location, inserted: bool) -> None:
    """Gather the visible runs of a paragraph, descending through wrappers, skipping deleted text."""
    for child in el:
        tag = child.tag
        if tag in _CHANGE_TAGS:
            state["changes"] = True
        if tag == w("r"):
            _run(child, walk, fmt, runs, state, inserted)
        elif tag in (w("commentRangeStart"), w("commentRangeEnd")):
            _comment_boundary(child, walk, loc)
            if tag == w("commentRangeStart"):
                comment_ids.add(child.get(w("id")))
        elif tag in _WRAPPERS or tag == w("sdt"):
            _collect(child, walk, fmt, runs, comment_ids, state, loc, inserted or tag in (w("ins"), w("moveTo")))


def _run(r: etree._Element, walk: _Walk, fmt: ParaFormat, runs: list[Run], state: dict, inserted: bool) -> None:
    parts: list[str] = []
    for child in r:
        tag = child.tag
        if tag == w("t"):
            parts.append(child.text or "")
        elif tag in _BREAK_TAGS:
            parts.append(_BREAK_TAGS[tag])
        elif tag == w("rPr"):
            if child.find(w("rPrChange")) is not None:
                state["changes"] = True
        elif tag in _FLOATING:
            state["boxes"].extend(_text_box_paragraphs(child))
    text = "".join(parts)
    if not text:
        return
    props = run_props(r.find(w("rPr")))
    runs.append(Run(text=text, start=0, fmt=walk.styles.run_format(fmt.style_id, props), inserted=inserted))


# --- tables ---------------------------------------------------------------------------------------------------

def _table(tbl: etree._Element, walk: _Walk, block: int | None, outer: Location | None = None) -> Table:
    n_cols = len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"))
    loc = outer if outer is not None else Location(block=block)
    built: list[list[dict]] = []
    open_cells: dict[int, dict] = {}  # grid column → the cell a vMerge continues
    changes_before = walk.changes
    for r, tr in enumerate(_rows(tbl)):
        row: list[dict] = []
        col = _int_attr(tr.find(f"{w('trPr')}/{w('gridBefore')}"))
        for tc in _cells(tr):
            tc_pr = tc.find(w("tcPr"))
            span = max(_int_attr(tc_pr.find(w("gridSpan")) if tc_pr is not None else None) or 1, 1)
            vmerge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
            if vmerge is not None and (vmerge.get(w("val")) or "continue") == "continue" and col in open_cells:
                open_cells[col]["rowspan"] += 1
                _inner_blocks(tc, walk, outer or Location(block=block, row=r, col=col))  # keep counters moving
            else:
                cell_loc = outer or Location(block=block, row=r, col=col)
                cell = {"row": r, "col": col, "span": span, "rowspan": 1,
                        "blocks": tuple(_inner_blocks(tc, walk, cell_loc))}
                row.append(cell)
                for c in range(col, col + span):
                    open_cells[c] = cell
            col += span
        built.append(row)
        n_cols = max(n_cols, col)
    rows = tuple(tuple(Cell(**cell) for cell in row) for row in built)
    return Table(loc=loc, rows=rows, n_cols=n_cols, borderless=not table_has_borders(tbl.find(w("tblPr")), walk.styles),
                 section=walk.section, has_changes=walk.changes and not changes_before)


def _rows(tbl: etree._Element):
    for child in tbl:
        if child.tag == w("tr"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from (tr for tr in content if tr.tag == w("tr"))


def _cells(tr: etree._Element):
    for child in tr:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from (tc for tc in content if tc.tag == w("tc"))


def _int_attr(el: etree._Element | None) -> int:
    value = wattr(el, "val")
    return int(value) if value and value.isdigit() else 0


# --- sections, comments, properties ------------------------------------------------------------------------

def _sections(body, walk: _Walk, n_blocks: int, package: Package, base: str, rels: dict) -> tuple[Section, ...]:
    breaks = [*walk.section_breaks]
    final = body.find(w("sectPr"))
    breaks.append((n_blocks - 1, final))
    sections: list[Section] = []
    first = 0
    headers: dict[str, str] = {}  # header type → rId, inherited from the previous section
    for index, (last, sect) in enumerate(breaks):
        sections.append(_section(index, first, max(last, first), sect, headers, package, rels, walk.styles))
        first = last + 1
    return tuple(sections)


def _section(index: int, first: int, last: int, sect, headers: dict, package: Package, rels: dict,
             styles: Styles) -> Section:
    if sect is None:
        return Section(index=index, first_block=first, last_block=last)
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    width, height = _twips(size, "w"), _twips(size, "h")
    orient = wattr(size, "orient") or ("landscape" if width and height and width > height else "portrait")
    for ref in sect.iter(w("headerReference")):
        headers[wattr(ref, "type") or "default"] = ref.get(f"{{{R_NS}}}id")
    default_number = _page_number(package, rels, headers.get("default"), styles)
    first_number = _page_number(package, rels, headers.get("first"), styles)
    title_pg = sect.find(w("titlePg"))
    return Section(
        index=index, first_block=first, last_block=last, page_width=width, page_height=height, orientation=orient,
        margin_top=_twips(margins, "top"), margin_bottom=_twips(margins, "bottom"),
        margin_left=_twips(margins, "left"), margin_right=_twips(margins, "right"),
        title_page=title_pg is not None and (wattr(title_pg, "val") or "1") not in ("0", "false"),
        header_page_number=default_number is not None, header_page_number_alignment=default_number,
        first_page_header_has_number=first_number is not None,
    )


def _twips(el, name: str) -> int | None:
    value = wattr(el, name)
    try:
        return abs(int(float(value))) if value is not None else None
    except ValueError:
        return None


def _page_number(package: Package, rels: dict, rid: str | None, styles: Styles) -> str | None:
    """The alignment of the header paragraph holding a PAGE field, or None when the header has none."""
    if not rid or rid not in rels:
        return None
    root = package.xml(rels[rid][1])
    if root is None:
        return None
    for p in root.iter(w("p")):
        instr = " ".join((el.get(w("instr")) or "") for el in p.iter(w("fldSimple")))
        instr += " ".join(el.text or "" for el in p.iter(w("instrText")))
        if "PAGE" in instr.upper().split() or " PAGE " in f" {instr.upper()} ":
            fmt, _ = styles.para_format(para_props(p.find(w("pPr"))))
            return fmt.alignment or "left"
    return None


def _comments(root, anchors: dict[str, list[Location]]) -> tuple[Comment, ...]:
    if root is None:
        return ()
    out = []
    for c in root.iter(w("comment")):
        cid = c.get(w("id"), "")
        text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p")))
        out.append(Comment(id=cid, author=c.get(w("author"), ""), text=unicodedata.normalize("NFC", text.strip()),
                           date=c.get(w("date")), locations=tuple(anchors.get(cid, ()))))
    return tuple(out)


def _core_properties(package: Package) -> dict[str, str]:
    try:
        root = package.xml("docProps/core.xml")
    except ReadError:
        return {}
    if root is None:
        return {}
    out = {}
    for prefix, ns in CORE_NS.items():
        for el in root:
            if el.tag.startswith(f"{{{ns}}}") and el.text:
                out[f"{prefix}:{etree.QName(el).localname}"] = el.text.strip()
    return out
