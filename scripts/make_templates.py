"""Build the docxtpl templates in ``templates/`` (kh.docx, qd.docx, tb.docx) laid out per Decree 30/2020/NĐ-CP.

Run ``python scripts/make_templates.py`` after changing this file; the output is committed. The layout follows
Phụ lục I (A4 portrait, margins 20/20/30/15 mm, Times New Roman black, sizes of each element) and the model
forms of Phụ lục III: Mẫu 1.3 (a QĐ issuing a plan, followed by the plan itself) and Mẫu 1.4 (KH, TB).

Every Jinja tag sits alone in ONE run (docxtpl requirement). Paragraph-level tags (``{%p … %}``) take a
paragraph of their own; docxtpl replaces the whole paragraph with the tag. Two macros render the body: the
blocks of a section (paragraphs, placeholders, tables filled in after rendering) and the section tree itself,
recursively, with the labels ("I.", "1.", "a)") computed by ``cchc_lint.draft.render``.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

OUT = Path(__file__).resolve().parent.parent / "templates"

# Page geometry in twips (567 = 1 cm): A4, margins top 20, bottom 20, left 30, right 15 mm (Phụ lục I, I.3).
A4_W, A4_H = 11906, 16838
MARGINS = {"top": 1134, "bottom": 1134, "left": 1701, "right": 851, "header": 567, "footer": 567, "gutter": 0}
BODY_W = A4_W - MARGINS["left"] - MARGINS["right"]  # 9354
LAND_W = A4_H - MARGINS["left"] - MARGINS["right"]  # 14286
FONT = "Times New Roman"

# Paragraph styles: id → (name, based on, paragraph props, run props). Sizes from Phụ lục I, II and the table
# of sizes of the model forms; the body (Phụ lục I, II.6): justified, first line 1.27 cm, 6 pt after, line 1.15.
BODY_PPR = {"jc": "both", "first": 720, "after": 120, "line": 276}
CENTER = {"jc": "center", "first": 0, "after": 0, "line": 240}
CELL = {"first": 0, "before": 40, "after": 40, "line": 240}
STYLES: dict[str, tuple[str, str | None, dict, dict]] = {
    "CCHCBody": ("CCHC Nội dung", None, BODY_PPR, {}),
    "CCHCPart": ("CCHC Phần", "CCHCBody", {"jc": "center", "first": 0, "before": 120, "keep": True,
                                           "outline": 0}, {"b": True}),
    "CCHCHeading1": ("CCHC Đề mục I", "CCHCBody", {"keep": True, "outline": 0}, {"b": True}),
    "CCHCHeading2": ("CCHC Đề mục 1", "CCHCBody", {"keep": True, "outline": 1}, {"b": True}),
    "CCHCHeading3": ("CCHC Đề mục 1.1", "CCHCBody", {"keep": True, "outline": 2}, {"b": True, "i": True}),
    "CCHCHeading4": ("CCHC Đề mục a", "CCHCBody", {"outline": 3}, {}),
    "CCHCBasis": ("CCHC Căn cứ", "CCHCBody", {}, {"i": True}),
    "CCHCArticle": ("CCHC Điều", "CCHCBody", {}, {}),
    "CCHCPlaceholder": ("CCHC Cần bổ sung", "CCHCBody", {}, {"b": True}),
    "CCHCTypeName": ("CCHC Tên loại", None, {**CENTER, "before": 360, "keep": True}, {"b": True}),
    "CCHCSubject": ("CCHC Trích yếu", None, {**CENTER, "keep": True}, {"b": True}),
    "CCHCReference": ("CCHC Kèm theo", None, {**CENTER, "keep": True}, {"i": True}),
    "CCHCRule": ("CCHC Đường kẻ", None, {**CENTER, "after": 120, "keep": True, "border": True}, {"sz": 6}),
    "CCHCIssuer": ("CCHC Thẩm quyền ban hành", None, {**CENTER, "before": 120, "after": 240}, {"b": True}),
    "CCHCDecides": ("CCHC Quyết định", None, {**CENTER, "before": 120, "after": 120, "keep": True},
                    {"b": True}),
    "CCHCAgencyParent": ("CCHC Cơ quan chủ quản", None, CENTER, {"sz": 13}),
    "CCHCAgency": ("CCHC Cơ quan ban hành", None, CENTER, {"sz": 13, "b": True}),
    "CCHCHeaderRule": ("CCHC Đường kẻ đầu", None, {**CENTER, "border": True}, {"sz": 6}),
    "CCHCCountry": ("CCHC Quốc hiệu", None, CENTER, {"sz": 13, "b": True}),
    "CCHCMotto": ("CCHC Tiêu ngữ", None, CENTER, {"b": True}),
    "CCHCNumber": ("CCHC Số ký hiệu", None, {**CENTER, "before": 120}, {"sz": 13}),
    "CCHCPlaceDate": ("CCHC Địa danh ngày", None, {**CENTER, "before": 120}, {"i": True}),
    "CCHCRecipientsTitle": ("CCHC Nơi nhận", None, {"jc": "left", "first": 0, "after": 0, "line": 240},
                            {"sz": 12, "b": True, "i": True}),
    "CCHCRecipient": ("CCHC Nơi nhận liệt kê", None, {"jc": "left", "first": 0, "after": 0, "line": 240},
                      {"sz": 11}),
    "CCHCAuthority": ("CCHC Thẩm quyền ký", None, CENTER, {"b": True}),
    "CCHCSignNote": ("CCHC Ghi chú ký", None, {**CENTER, "before": 120}, {"i": True}),
    "CCHCSigner": ("CCHC Người ký", None, {**CENTER, "before": 1440}, {"b": True}),
    "CCHCAppendixLabel": ("CCHC Phụ lục", None, {**CENTER, "keep": True}, {"b": True}),
    "CCHCAppendixTitle": ("CCHC Tên phụ lục", None, {**CENTER, "keep": True}, {"b": True}),
    "CCHCTableHead": ("CCHC Bảng tiêu đề", None, {**CELL, "jc": "center"}, {"sz": 13, "b": True}),
    "CCHCTableText": ("CCHC Bảng nội dung", None, {**CELL, "jc": "left"}, {"sz": 13}),
    "CCHCTableCenter": ("CCHC Bảng giữa", None, {**CELL, "jc": "center"}, {"sz": 13}),
    "CCHCTableGroup": ("CCHC Bảng nhóm", None, {**CELL, "jc": "left"}, {"sz": 13, "b": True}),
    "CCHCPageNumber": ("CCHC Số trang", None, CENTER, {}),
}
HEADING_STYLES = {"part": "CCHCPart", "h1": "CCHCHeading1", "h2": "CCHCHeading2", "h3": "CCHCHeading3",
                  "h4": "CCHCHeading4", "item": "CCHCBody"}
TASK_COLUMNS = (("STT", 700), ("Nhiệm vụ", 4286), ("Kết quả/Sản phẩm", 2600), ("Cơ quan chủ trì", 2200),
                ("Cơ quan phối hợp", 2400), ("Thời gian hoàn thành", 2100))
TASK_FIELDS = ("no", "task", "product", "lead", "coordinate", "time")


# -- low-level XML helpers ---------------------------------------------------------------------------------------
def _el(tag: str, **attrs: str | int) -> etree._Element:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _sub(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    el = _el(tag, **attrs)
    parent.append(el)
    return el


def _rpr(props: dict) -> etree._Element:
    rpr = _el("w:rPr")
    fonts = _sub(rpr, "w:rFonts")
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), FONT)
    if props.get("b"):
        _sub(rpr, "w:b")
        _sub(rpr, "w:bCs")
    if props.get("i"):
        _sub(rpr, "w:i")
        _sub(rpr, "w:iCs")
    _sub(rpr, "w:color", val="000000")
    size = int(props.get("sz", 14) * 2)
    _sub(rpr, "w:sz", val=size)
    _sub(rpr, "w:szCs", val=size)
    return rpr


def _ppr(props: dict) -> etree._Element:
    ppr = _el("w:pPr")
    if props.get("keep"):
        _sub(ppr, "w:keepNext")
    # schema order: keepNext, pBdr, spacing, ind, jc, outlineLvl
    if props.get("border"):  # the solid line under the agency, the motto and the subject (Phụ lục I, ô 1, 2, 5a)
        borders = _sub(ppr, "w:pBdr")
        _sub(borders, "w:bottom", val="single", sz=6, space=1, color="000000")
    _sub(ppr, "w:spacing", before=props.get("before", 0), after=props.get("after", 0),
         line=props.get("line", 240), lineRule="auto")
    _sub(ppr, "w:ind", left=0, right=0, firstLine=props.get("first", 0))
    if "jc" in props:
        _sub(ppr, "w:jc", val=props["jc"])
    if "outline" in props:
        _sub(ppr, "w:outlineLvl", val=props["outline"])
    return ppr


# -- document-level setup ----------------------------------------------------------------------------------------
def _doc_defaults(doc) -> None:
    """Times New Roman 14, black, in docDefaults and Normal, so nothing falls back to a theme font."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = _el("w:docDefaults")
    rpr_default = _sub(defaults, "w:rPrDefault")
    rpr = _rpr({})
    rpr.append(_el("w:lang", val="vi-VN", eastAsia="en-US", bidi="ar-SA"))
    rpr_default.append(rpr)
    ppr_default = _sub(defaults, "w:pPrDefault")
    ppr = _el("w:pPr")
    _sub(ppr, "w:spacing", after=0, line=240, lineRule="auto")
    ppr_default.append(ppr)
    styles.insert(0, defaults)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    rfonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(qn(f"w:{key}"), FONT)


def _add_styles(doc) -> None:
    for style_id, (name, based_on, ppr, rpr) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        el = style.element
        el.set(qn("w:styleId"), style_id)
        based = el.find(qn("w:basedOn"))
        if based is None:
            based = _el("w:basedOn")
            name_el = el.find(qn("w:name"))
            name_el.addnext(based)
        based.set(qn("w:val"), based_on or "Normal")
        _sub(el, "w:qFormat")
        full_ppr = dict(ppr)
        full_rpr = dict(rpr)
        if based_on:  # inherit the parent's values in the XML too: the reader resolves chains, humans read XML
            parent = STYLES[based_on]
            full_ppr = {**parent[2], **ppr}
            full_rpr = {**parent[3], **rpr}
        el.append(_ppr(full_ppr))
        el.append(_rpr(full_rpr))


def _page_number_headers(doc) -> None:
    """Page number centred in the top margin, not shown on page 1 (titlePg + empty first-page header)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.style = doc.styles["CCHC Số trang"]
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = para.add_run()
        if kind:
            run._r.append(_el("w:fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instr = _el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    first = section.first_page_header.paragraphs[0]
    first.style = doc.styles["CCHC Số trang"]


def _set_page(sect: etree._Element, *, landscape: bool, restart: bool) -> None:
    for tag in ("w:pgSz", "w:pgMar", "w:pgNumType", "w:cols", "w:titlePg", "w:docGrid"):
        for old in sect.findall(qn(tag)):
            sect.remove(old)
    width, height = (A4_H, A4_W) if landscape else (A4_W, A4_H)
    size = _el("w:pgSz", w=width, h=height)
    if landscape:
        size.set(qn("w:orient"), "landscape")
    sect.append(size)
    sect.append(_el("w:pgMar", **MARGINS))
    if restart:  # Phụ lục I, III.1: the pages of each appendix are numbered on their own
        sect.append(_el("w:pgNumType", start=1))
    sect.append(_el("w:cols", space=720))
    sect.append(_el("w:titlePg"))
    sect.append(_el("w:docGrid", linePitch=360))


KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", *STYLES}


def _prune_styles(doc) -> None:
    """Only the styles the templates use: python-docx's default ones point at theme fonts and colours."""
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            root.remove(style)


# -- the builder -------------------------------------------------------------------------------------------------
class Builder:
    """Appends paragraphs and tables to the body (or to a table cell) of a python-docx document."""

    def __init__(self) -> None:
        self.doc = Document()
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        _doc_defaults(self.doc)
        _add_styles(self.doc)
        self.body_sect = body.find(qn("w:sectPr"))
        _set_page(self.body_sect, landscape=False, restart=False)
        _page_number_headers(self.doc)
        self.target = body

    # paragraphs
    def para(self, style: str, *runs: str | tuple[str, dict], target: etree._Element | None = None
             ) -> etree._Element:
        p = _el("w:p")
        ppr = _sub(p, "w:pPr")
        _sub(ppr, "w:pStyle", val=style)
        for run in runs:
            text, props = (run, {}) if isinstance(run, str) else run
            r = _sub(p, "w:r")
            if props:
                rpr = _sub(r, "w:rPr")
                if props.get("b"):
                    _sub(rpr, "w:b")
                    _sub(rpr, "w:bCs")
                if props.get("i"):
                    _sub(rpr, "w:i")
                    _sub(rpr, "w:iCs")
            if props.get("page_break"):
                _sub(r, "w:br", type="page")
                continue
            t = _sub(r, "w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = text
        self._append(p, target)
        return p

    def rule(self, length: int, width: int, style: str = "CCHCRule", target: etree._Element | None = None
             ) -> etree._Element:
        """A drawn line ``length`` twips long, centred in ``width``: an empty paragraph with a bottom border
        (no text, so nothing reads it as an unfilled blank)."""
        p = self.para(style, target=target)
        side = max(0, (width - 170 - length) // 2)  # 170: the cell margins
        p.find(qn("w:pPr")).append(_el("w:ind", left=side, right=side, firstLine=0))
        return p

    def tag(self, text: str, target: etree._Element | None = None) -> etree._Element:
        """A paragraph holding one paragraph/row-level Jinja tag (removed by docxtpl when rendering)."""
        return self.para("CCHCBody", text, target=target)

    def _append(self, el: etree._Element, target: etree._Element | None) -> None:
        parent = self.target if target is None else target
        if parent is self.doc.element.body:
            self.body_sect.addprevious(el)
        else:
            parent.append(el)

    def section_break(self, *, landscape: bool, restart: bool) -> None:
        """An empty paragraph carrying the properties of the section it closes."""
        p = self.para("CCHCBody")
        sect = copy.deepcopy(self.body_sect)
        _set_page(sect, landscape=landscape, restart=restart)
        p.find(qn("w:pPr")).append(sect)

    # tables
    def table(self, widths: list[int], *, borders: bool, header_rows: int = 0,
              target: etree._Element | None = None) -> etree._Element:
        tbl = _el("w:tbl")
        pr = _sub(tbl, "w:tblPr")
        _sub(pr, "w:tblW", w=sum(widths), type="dxa")
        _sub(pr, "w:jc", val="center")
        b = _sub(pr, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if borders:
                _sub(b, f"w:{side}", val="single", sz=4, space=0, color="000000")
            else:
                _sub(b, f"w:{side}", val="nil")
        _sub(pr, "w:tblLayout", type="fixed")
        mar = _sub(pr, "w:tblCellMar")
        _sub(mar, "w:left", w=85, type="dxa")
        _sub(mar, "w:right", w=85, type="dxa")
        _sub(pr, "w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0, noHBand=0,
             noVBand=1)
        grid = _sub(tbl, "w:tblGrid")
        for w in widths:
            _sub(grid, "w:gridCol", w=w)
        tbl.set("widths", " ".join(map(str, widths)))  # removed in row(); remembered for the cells
        self._append(tbl, target)
        self._header_rows = header_rows
        return tbl

    def row(self, tbl: etree._Element, *, header: bool = False, cant_split: bool = True) -> list[etree._Element]:
        widths = [int(w) for w in tbl.get("widths").split()]
        tr = _sub(tbl, "w:tr")
        trpr = _sub(tr, "w:trPr")
        if cant_split:
            _sub(trpr, "w:cantSplit")
        if header:
            _sub(trpr, "w:tblHeader")
        cells = []
        for w in widths:
            tc = _sub(tr, "w:tc")
            tcpr = _sub(tc, "w:tcPr")
            _sub(tcpr, "w:tcW", w=w, type="dxa")
            cells.append(tc)
        return cells

    @staticmethod
    def merge(cells: list[etree._Element], start: int, count: int) -> etree._Element:
        """Merge ``count`` cells from ``start`` into one (gridSpan); returns the merged cell."""
        first = cells[start]
        total = 0
        for tc in cells[start:start + count]:
            total += int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")))
        tcpr = first.find(qn("w:tcPr"))
        tcpr.find(qn("w:tcW")).set(qn("w:w"), str(total))
        tcpr.append(_el("w:gridSpan", val=count))
        for tc in cells[start + 1:start + count]:
            tc.getparent().remove(tc)
        return first

    def finish(self, path: Path) -> None:
        _prune_styles(self.doc)
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):  # python-docx's default thumbnail shows a blank page
            if rel.reltype.endswith("/thumbnail"):
                del package.rels[rid]
        for rid, rel in list(self.doc.part.rels.items()):  # leftovers of python-docx's default template
            if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
                del self.doc.part.rels[rid]
        for tbl in self.doc.element.body.iter(qn("w:tbl")):
            tbl.attrib.pop("widths", None)
        for tc in self.doc.element.body.iter(qn("w:tc")):  # a cell must end with a paragraph
            if tc[-1].tag != qn("w:p"):
                tc.append(_el("w:p"))
        props = self.doc.core_properties
        props.author = "cchc-lint"
        props.title = path.stem
        props.comments = "Mẫu sinh bởi scripts/make_templates.py (Nghị định 30/2020/NĐ-CP)"
        self.doc.save(str(path))


# -- shared parts of the three templates -------------------------------------------------------------------------
def macros(b: Builder) -> None:
    """``blocks(items)`` renders a list of blocks, ``tree(sections)`` a section tree (recursively)."""
    b.tag("{%p macro blocks(items) %}")
    b.tag("{%p for x in items %}")
    b.tag("{%p if x.kind == 'table' %}")
    b.para("CCHCBody", "{{ x.marker }}")
    b.tag("{%p elif x.kind == 'placeholder' %}")
    b.para("CCHCPlaceholder", "{{r x.rich }}")
    b.tag("{%p else %}")
    b.para("CCHCBody", "{{r x.rich }}")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endmacro %}")

    b.tag("{%p macro tree(sections) %}")
    b.tag("{%p for s in sections %}")
    first = True
    for key, style in HEADING_STYLES.items():
        b.tag(("{%p if s.style == '" if first else "{%p elif s.style == '") + key + "' %}")
        first = False
        b.para(style, "{{r s.rich }}")
    b.tag("{%p endif %}")
    b.tag("{{p blocks(s.blocks) }}")
    b.tag("{{p tree(s.children) }}")
    b.tag("{%p endfor %}")
    b.tag("{%p endmacro %}")


def header_table(b: Builder, prefix: str = "header") -> None:
    """The borderless 2-column header (Phụ lục I, ô 1–4): agencies | country and motto; number | place, date."""
    tbl = b.table([3600, BODY_W - 3600], borders=False)
    left, right = b.row(tbl)
    b.tag(f"{{%p for line in {prefix}.agency_parent %}}", target=left)
    b.para("CCHCAgencyParent", "{{ line }}", target=left)
    b.tag("{%p endfor %}", target=left)
    b.tag(f"{{%p for line in {prefix}.agency %}}", target=left)
    b.para("CCHCAgency", "{{ line }}", target=left)
    b.tag("{%p endfor %}", target=left)
    b.rule(1200, 3600, "CCHCHeaderRule", target=left)  # 1/3–1/2 of the agency name
    b.para("CCHCCountry", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", target=right)
    b.para("CCHCMotto", "Độc lập - Tự do - Hạnh phúc", target=right)
    b.rule(3700, BODY_W - 3600, "CCHCHeaderRule", target=right)  # as long as the motto
    left, right = b.row(tbl)
    b.para("CCHCNumber", "{{ header.number_line }}", target=left)
    b.para("CCHCPlaceDate", "{{ header.place_date }}", target=right)


def title_block(b: Builder, type_name: str, prefix: str = "") -> None:
    b.para("CCHCTypeName", type_name)
    b.tag(f"{{%p for line in {prefix}subject %}}")
    b.para("CCHCSubject", "{{ line }}")
    b.tag("{%p endfor %}")


def basis_block(b: Builder, prefix: str = "") -> None:
    b.tag(f"{{%p for line in {prefix}basis %}}")
    b.para("CCHCBasis", "{{ line }}")
    b.tag("{%p endfor %}")


def signature_table(b: Builder, prefix: str = "", *, recipients: bool = True) -> None:
    """The borderless 2-column signature block (Phụ lục I, ô 7 and 9b): recipients | authority, signer."""
    tbl = b.table([4200, BODY_W - 4200], borders=False)
    left, right = b.row(tbl)
    if recipients:
        b.tag(f"{{%p if {prefix}recipients_title %}}", target=left)
        b.para("CCHCRecipientsTitle", f"{{{{ {prefix}recipients_title }}}}", target=left)
        b.tag("{%p endif %}", target=left)
        b.tag(f"{{%p for line in {prefix}recipients %}}", target=left)
        b.para("CCHCRecipient", "{{ line }}", target=left)
        b.tag("{%p endfor %}", target=left)
    b.tag(f"{{%p for line in {prefix}signature.authority %}}", target=right)
    b.para("CCHCAuthority", "{{ line }}", target=right)
    b.tag("{%p endfor %}", target=right)
    b.tag(f"{{%p for line in {prefix}signature.notes %}}", target=right)
    b.para("CCHCSignNote", "{{ line }}", target=right)
    b.tag("{%p endfor %}", target=right)
    b.tag(f"{{%p if {prefix}signature.signer %}}", target=right)
    b.para("CCHCSigner", f"{{{{ {prefix}signature.signer }}}}", target=right)
    b.tag("{%p endif %}", target=right)


def task_table(b: Builder) -> None:
    """The appendix task table: a repeating header row, group rows spanning the width, task rows."""
    widths = [w for _, w in TASK_COLUMNS]
    tbl = b.table(widths, borders=True)
    cells = b.row(tbl, header=True)
    for tc, (title, _) in zip(cells, TASK_COLUMNS, strict=True):
        b.para("CCHCTableHead", title, target=tc)
    cells = b.row(tbl)
    b.para("CCHCTableText", "{%tr for g in a.task_groups %}", target=cells[0])
    cells = b.row(tbl)
    b.para("CCHCTableHead", "{{ g.label }}", target=cells[0])
    merged = b.merge(cells, 1, len(widths) - 1)
    b.para("CCHCTableGroup", "{{ g.area }}", target=merged)
    cells = b.row(tbl)
    b.para("CCHCTableText", "{%tr for t in g.tasks %}", target=cells[0])
    cells = b.row(tbl)
    for tc, field in zip(cells, TASK_FIELDS, strict=True):
        style = "CCHCTableCenter" if field in ("no", "time") else "CCHCTableText"
        b.para(style, f"{{{{ t.{field} }}}}", target=tc)
    cells = b.row(tbl)
    b.para("CCHCTableText", "{%tr endfor %}", target=cells[0])
    cells = b.row(tbl)
    b.para("CCHCTableText", "{%tr endfor %}", target=cells[0])


def appendices(b: Builder) -> None:
    """Each appendix in its own landscape section, pages numbered from 1 (Phụ lục I, III.1; Mẫu 2.1)."""
    b.section_break(landscape=False, restart=False)  # closes the main (portrait) part
    b.tag("{%p for a in appendices %}")
    b.para("CCHCAppendixLabel", "{{ a.label }}")
    b.tag("{%p for line in a.titles %}")
    b.para("CCHCAppendixTitle", "{{ line }}")
    b.tag("{%p endfor %}")
    b.tag("{%p if a.reference %}")
    b.para("CCHCReference", "{{ a.reference }}")
    b.tag("{%p endif %}")
    b.rule(2600, LAND_W)
    b.tag("{{p blocks(a.blocks) }}")
    b.tag("{%p if a.task_groups %}")
    task_table(b)
    b.tag("{%p endif %}")
    b.tag("{{p tree(a.sections) }}")
    b.section_break(landscape=True, restart=True)
    b.tag("{%p endfor %}")


# -- the three templates -----------------------------------------------------------------------------------------
def build_kh_or_tb(type_name: str) -> Builder:
    """Mẫu 1.4 (văn bản có tên loại): KH, TB."""
    b = Builder()
    macros(b)
    header_table(b)
    title_block(b, type_name)
    b.rule(2600, BODY_W)
    basis_block(b)
    b.tag("{{p blocks(intro) }}")
    b.tag("{{p tree(sections) }}")
    signature_table(b)
    appendices(b)
    return b


def build_qd() -> Builder:
    """Mẫu 1.3 (quyết định quy định gián tiếp) followed by the document it issues (a plan)."""
    b = Builder()
    macros(b)
    header_table(b)
    title_block(b, "QUYẾT ĐỊNH")
    b.rule(2600, BODY_W)
    b.tag("{%p if issuer_title %}")
    b.para("CCHCIssuer", "{{r issuer_title }}")  # lines of a long title kept in one paragraph (line breaks)
    b.tag("{%p endif %}")
    basis_block(b)
    b.para("CCHCDecides", "QUYẾT ĐỊNH:")
    b.tag("{{p blocks(intro) }}")
    b.tag("{%p for art in articles %}")
    b.para("CCHCArticle", ("{{ art.label }}", {"b": True}), "{{r art.rich }}")
    b.tag("{{p blocks(art.blocks) }}")
    b.tag("{{p tree(art.sections) }}")
    b.tag("{%p endfor %}")
    b.tag("{{p tree(sections) }}")
    signature_table(b)
    # the attached plan (Mẫu "văn bản được ban hành kèm theo quyết định"): its title, the "(Kèm theo Quyết
    # định số …)" line, its body and, when it has one, its signature. The model form repeats the header
    # (agency, Quốc hiệu) above the plan; decisions in practice do not, and a second header after the
    # decision's signature reads as part of that signature, so the plan starts on a new page with its title.
    b.tag("{%p for plan in attachments %}")
    b.para("CCHCBody", ("", {"page_break": True}))
    b.para("CCHCTypeName", "{{ plan.type_name }}")
    b.tag("{%p for line in plan.subject %}")
    b.para("CCHCSubject", "{{ line }}")
    b.tag("{%p endfor %}")
    b.tag("{%p if plan.reference %}")
    b.para("CCHCReference", "{{ plan.reference }}")
    b.tag("{%p endif %}")
    b.rule(2600, BODY_W)
    basis_block(b, "plan.")
    b.tag("{{p blocks(plan.intro) }}")
    b.tag("{{p tree(plan.sections) }}")
    b.tag("{%p if plan.signature.authority or plan.signature.signer %}")
    signature_table(b, "plan.")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    appendices(b)
    return b


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLES_MODULE = Path(__file__).resolve().parent.parent / "src" / "cchc_lint" / "draft" / "examples_data.py"


def write_examples_module(path: Path = EXAMPLES_MODULE) -> Path:
    """examples/*.yaml copied into a module, so that ``cchc-lint new KH --example`` works from an installed
    package too (examples/ is not installed)."""
    lines = ['"""Generated by scripts/make_templates.py from examples/*.yaml: do not edit."""', "", "EXAMPLES = {"]
    for code in ("KH", "QD", "TB"):
        text = (EXAMPLES / f"{code.lower()}.yaml").read_text(encoding="utf-8")
        lines.append(f"    {code!r}: {text!r},")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in (("kh", lambda: build_kh_or_tb("KẾ HOẠCH")), ("tb", lambda: build_kh_or_tb("THÔNG BÁO")),
                          ("qd", build_qd)):
        path = out / f"{name}.docx"
        builder().finish(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path)
    print(write_examples_module())
