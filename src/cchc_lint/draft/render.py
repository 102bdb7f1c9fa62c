"""Render a draft through the docxtpl template of its type (``templates/kh.docx``, ``qd.docx``, ``tb.docx``).

Both ``cchc-lint new`` (structured data) and ``cchc-lint fix`` (a parsed draft) build the same intermediate
form, a :class:`Draft`, and render it here. The pieces of Decree 30 formatting that both need (the ``Số:``
line, the date with its leading zeros, heading labels, legal-basis and recipients punctuation, the ``./.``
ending) are plain functions so that the fixer can say exactly what it changed.

After docxtpl has rendered the template, two things are done on the XML: tables kept from a draft replace
their marker paragraphs (their columns and merged cells come from the draft, so no fixed template row can
hold them), and an empty trailing section left by the appendix loop is folded into the last one.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText
from lxml import etree

DOC_TYPES = ("KH", "QD", "TB")
TYPE_NAMES = {"KH": "KẾ HOẠCH", "QD": "QUYẾT ĐỊNH", "TB": "THÔNG BÁO"}
TYPE_ABBR = {"KH": "KH", "QD": "QĐ", "TB": "TB"}  # Phụ lục III, Mục I
TYPE_WORDS = {"KH": "Kế hoạch", "QD": "Quyết định", "TB": "Thông báo"}
COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_TITLE = "Nơi nhận:"
BLANK = "     "  # what a draft leaves for the number and day filled in at signature (Điều 15 khoản 2)
PLACEHOLDER = "[Cần bổ sung: {}]"
LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese letters used for điểm (no f, j, w, z)
LANDSCAPE_TEXT_W = 16838 - 1701 - 851
PORTRAIT_TEXT_W = 11906 - 1701 - 851
MARKER = "§§BẢNG-{}§§"
_MARKER_RE = re.compile(r"^§§BẢNG-(\d+)§§$")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


class RenderError(Exception):
    """A draft that cannot be rendered; ``str(err)`` is the one line shown to the user."""


# -- formatting of Decree 30 elements (shared by `new` and `fix`) ------------------------------------------------
def roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    """a, b, c, d, đ, e, g … (the Vietnamese alphabet without f, j, w, z); aa, bb … past y."""
    return LETTERS[(n - 1) % len(LETTERS)] * ((n - 1) // len(LETTERS) + 1)


def day_text(day: int | None) -> str:
    """Days below 10 take a leading zero (Phụ lục I, II.4)."""
    return BLANK if day is None else f"{day:02d}"


def month_text(month: int | None) -> str:
    """Months 1 and 2 take a leading zero, 3–12 do not (Phụ lục I, II.4: "tháng 1, 2 phải ghi thêm số 0")."""
    if month is None:
        return BLANK
    return f"{month:02d}" if month < 3 else str(month)


def date_text(day: int | None, month: int | None, year: int | None) -> str:
    """``ngày 05 tháng 3 năm 2020``; parts left blank in a draft stay blank."""
    return f"ngày {day_text(day)} tháng {month_text(month)} năm {year if year else BLANK}"


def place_date_line(place: str, day: int | None, month: int | None, year: int | None) -> str:
    return f"{place.strip().rstrip(',').strip()}, {date_text(day, month, year)}"


def number_text(number: str | int | None) -> str:
    """The number of a document: numbers below 10 take a leading zero (Phụ lục I, II.3)."""
    if number is None or str(number).strip() == "":
        return BLANK
    text = str(number).strip()
    return f"0{text}" if re.fullmatch(r"[1-9][a-z]?", text) else text


def number_line(number: str | int | None, type_abbr: str, issuer: str | None) -> str:
    symbol = f"{type_abbr}-{issuer}" if issuer else type_abbr
    return f"Số: {number_text(number)}/{symbol}"


_END_PUNCT = re.compile(r"[\s;,.:…]+$")


def strip_end(text: str) -> str:
    """The text without its closing punctuation (";", ",", ".", ":" and the like)."""
    return _END_PUNCT.sub("", text.strip())


def basis_lines(lines: list[str]) -> list[str]:
    """Legal-basis block: ";" after every line, "." on the last (Phụ lục I, II.6). A line that introduces
    what follows (ends with ":") keeps its colon."""
    out = []
    for i, line in enumerate(lines):
        text = line.strip()
        if text.endswith(":") and i == len(lines) - 1:
            out.append(text)
            continue
        out.append(strip_end(text) + ("." if i == len(lines) - 1 else ";"))
    return out


_BULLET = re.compile(r"^\s*[-+•–—*]\s*")
_STORAGE = re.compile(r"^\s*[-+•–—*]?\s*Lưu\s*[:.]?\s*", re.IGNORECASE)


def recipient_lines(lines: list[str], storage: str | None = None) -> list[str]:
    """``- X;`` per recipient and ``- Lưu: VT, <unit>.`` last (Phụ lục I, II.9b). ``storage`` is the drafting
    unit used when the draft's own «Lưu» line does not name one."""
    entries: list[str] = []
    kept: str | None = None
    texts = [t.strip() for t in lines if t.strip()]
    dashed = sum(1 for t in texts if _BULLET.match(t)) * 2 >= len(texts)  # the list marks its entries
    for text in texts:
        if _STORAGE.match(text):
            kept = strip_end(_STORAGE.sub("", text, count=1))
        elif entries and not _BULLET.match(text) and (dashed or text[:1].islower()):
            entries[-1] = f"{strip_end(entries[-1])} {text}"  # a recipient wrapped onto the next line
        else:
            entries.append(_BULLET.sub("", text, count=1))
    return [*(f"- {strip_end(e)};" for e in entries), storage_line(kept, storage)]


def storage_line(unit: str | None, default: str | None = None) -> str:
    """``- Lưu: VT, <unit>.``; with no unit known, a visible placeholder for it."""
    parts = [p.strip() for p in re.split(r"\s*,\s*", unit or "") if p.strip()]
    if parts and parts[0].upper() == "VT":
        parts[0] = "VT"
    else:
        parts.insert(0, "VT")
    if len(parts) == 1:
        extra = [p.strip() for p in re.split(r"\s*,\s*", default or "") if p.strip() and p.strip().upper() != "VT"]
        parts.extend(extra or [PLACEHOLDER.format("đơn vị soạn thảo")])
    return "- Lưu: " + ", ".join(parts) + "."


def with_ending(text: str) -> str:
    """The last line of the body closes with ``./.`` (every model form of Phụ lục III)."""
    stripped = text.rstrip()
    if stripped.endswith("./."):
        return stripped
    stripped = re.sub(r"\s*(\./|\.|;|,|:)\s*$", "", stripped)
    return stripped + "./."


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# -- the intermediate form ---------------------------------------------------------------------------------------
Runs = list[tuple[str, dict[str, bool]]]


@dataclass
class CellSpec:
    row: int
    col: int
    span: int
    rowspan: int
    paragraphs: list[tuple[Runs, str | None]]  # runs and alignment of each paragraph


@dataclass
class TableSpec:
    rows: list[list[CellSpec | None]]  # grid rows × columns: the cell covering each position (None: no cell)
    n_cols: int
    header_rows: int = 1
    landscape: bool = False


@dataclass
class Block:
    kind: str  # text | placeholder | table
    text: str = ""
    runs: Runs | None = None  # formatted runs kept from a draft (bold, italic, underline)
    table: TableSpec | None = None
    source: int | None = None  # index of the draft token it came from


@dataclass
class Node:
    """A numbered heading (or numbered content paragraph) with its content and sub-sections."""

    kind: str  # part | roman | arabic | decimal | letter
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    item: bool = False  # content paragraph numbered like a heading: body style
    word: str = "Phần"  # for parts: Phần / Chương
    label: str = ""  # computed by number_tree
    old_label: str | None = None
    source: int | None = None


@dataclass
class Article:
    text: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    label: str = ""


@dataclass
class Signature:
    authority: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signer: str = ""


@dataclass
class HeaderSpec:
    agency_parent: list[str] = field(default_factory=list)
    agency: list[str] = field(default_factory=list)
    number_line: str = ""
    place_date: str = ""


@dataclass
class TaskGroup:
    area: str
    tasks: list[dict[str, str]]
    label: str = ""


@dataclass
class AppendixSpec:
    label: str
    titles: list[str] = field(default_factory=list)
    reference: str = ""
    blocks: list[Block] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    task_groups: list[TaskGroup] = field(default_factory=list)


@dataclass
class Draft:
    doc_type: str
    header: HeaderSpec = field(default_factory=HeaderSpec)
    subject: list[str] = field(default_factory=list)
    issuer_title: str = ""  # a QĐ's «THẨM QUYỀN BAN HÀNH», its lines separated by "\n"
    basis: list[str] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    recipients_title: str = RECIPIENTS_TITLE
    recipients: list[str] = field(default_factory=list)
    attachments: list[Draft] = field(default_factory=list)
    appendices: list[AppendixSpec] = field(default_factory=list)
    reference: str = ""  # an attached document's "(Kèm theo Quyết định số …)"
    type_name: str = ""


# -- numbering ---------------------------------------------------------------------------------------------------
def number_tree(nodes: list[Node], parent: Node | None = None) -> list[Node]:
    """Label headings in sequence: I, II …; 1, 2 … restarting under each parent; a, b, c, d, đ, e …;
    2.1., 2.2. … under "2."; each kind counted on its own among siblings. A list that starts again at 1 (or
    «a)») under the same heading keeps its restart: it usually means a heading is missing above it, which
    renumbering would hide (the structure rule BC005 keeps pointing at it). Returns the nodes that restart."""
    restarts: list[Node] = []
    counters: dict[str, int] = {}
    for node in nodes:
        if counters.get(node.kind) and node.old_label and _is_first(node.old_label, node.kind):
            counters[node.kind] = 0
            restarts.append(node)
        counters[node.kind] = n = counters.get(node.kind, 0) + 1
        node.label = _label(node, n, parent)
        restarts.extend(number_tree(node.children, node))
    return restarts


def _is_first(label: str, kind: str) -> bool:
    value = re.sub(r"^(?:phần|chương)\s+", "", label.strip(), flags=re.IGNORECASE).rstrip(".):").split(".")[-1]
    return value.strip().lower() in {"part": ("i", "1"), "roman": ("i",), "arabic": ("1",), "decimal": ("1",),
                                     "letter": ("a",)}.get(kind, ())


def _label(node: Node, n: int, parent: Node | None) -> str:
    if node.kind == "part":
        return f"{node.word} {roman(n)}"
    if node.kind == "roman":
        return f"{roman(n)}."
    if node.kind == "arabic":
        return f"{n}."
    if node.kind == "letter":
        return f"{letter(n)})"
    base = parent.label.rstrip(".") if parent and parent.kind in ("arabic", "decimal") else None
    if base is None and node.old_label:  # decimal under something else: keep its own prefix
        parts = node.old_label.rstrip(".").split(".")
        base = ".".join(parts[:-1]) or "1"
    return f"{base or '1'}.{n}."  # one way for the whole draft (BC015): "2.1."


def heading_text(node: Node) -> str:
    if node.kind == "part":
        return f"{node.label}. {node.title}" if node.title else node.label
    return f"{node.label} {node.title}".rstrip()


def _heading_style(node: Node) -> str:
    if node.item:
        return "item"
    return {"part": "part", "roman": "h1", "arabic": "h2", "decimal": "h3", "letter": "h4"}[node.kind]


# -- context for the template ------------------------------------------------------------------------------------
class _Context:
    """Turns a Draft into the dicts the template reads; tables get markers, filled in after rendering."""

    def __init__(self) -> None:
        self.tables: list[TableSpec] = []

    def block(self, block: Block, *, landscape: bool = False) -> dict[str, Any]:
        if block.kind == "table" and block.table is not None:
            block.table.landscape = landscape
            self.tables.append(block.table)
            return {"kind": "table", "marker": MARKER.format(len(self.tables) - 1)}
        if block.kind == "placeholder":
            return {"kind": "placeholder", "rich": RichText(block.text, highlight="FFFF00")}
        return {"kind": "text", "rich": _rich(block.runs if block.runs else [(block.text, {})])}

    def blocks(self, blocks: Iterable[Block], *, landscape: bool = False) -> list[dict[str, Any]]:
        return [self.block(b, landscape=landscape) for b in blocks]

    def tree(self, nodes: list[Node], *, landscape: bool = False) -> list[dict[str, Any]]:
        return [{"style": _heading_style(n), "rich": _rich([(heading_text(n), {})]),
                 "blocks": self.blocks(n.blocks, landscape=landscape),
                 "children": self.tree(n.children, landscape=landscape)} for n in nodes]

    def draft(self, draft: Draft) -> dict[str, Any]:
        number_tree(draft.sections)
        for i, article in enumerate(draft.articles, 1):
            article.label = f"Điều {i}."
            number_tree(article.sections)
        ctx: dict[str, Any] = {
            "header": vars(draft.header),
            "type_name": draft.type_name or TYPE_NAMES.get(draft.doc_type, ""),
            "subject": draft.subject,
            "issuer_title": RichText(draft.issuer_title) if draft.issuer_title else "",
            "basis": draft.basis,
            "intro": self.blocks(draft.intro),
            "sections": self.tree(draft.sections),
            "articles": [{"label": a.label, "rich": _rich([(" " + a.text if a.text else "", {})]),
                          "blocks": self.blocks(a.blocks), "sections": self.tree(a.sections)}
                         for a in draft.articles],
            "signature": vars(draft.signature),
            "recipients_title": draft.recipients_title,
            "recipients": draft.recipients,
            "reference": draft.reference,
        }
        ctx["attachments"] = [self.draft(a) for a in draft.attachments]
        appendices = list(draft.appendices)
        for attached in draft.attachments:
            appendices.extend(attached.appendices)
        ctx["appendices"] = [self.appendix(a) for a in appendices] if draft.doc_type else []
        return ctx

    def appendix(self, appendix: AppendixSpec) -> dict[str, Any]:
        number_tree(appendix.sections)
        for i, group in enumerate(appendix.task_groups, 1):
            group.label = group.label or roman(i)
        return {"label": appendix.label, "titles": appendix.titles, "reference": appendix.reference,
                "blocks": self.blocks(appendix.blocks, landscape=True),
                "sections": self.tree(appendix.sections, landscape=True),
                "task_groups": [{"label": g.label, "area": g.area, "tasks": g.tasks} for g in appendix.task_groups]}


def _rich(runs: Runs) -> RichText:
    rich = RichText()
    merged: Runs = []
    for text, props in runs:
        if merged and merged[-1][1] == props:
            merged[-1] = (merged[-1][0] + text, props)
        elif text:
            merged.append((text, props))
    for text, props in merged or [("", {})]:
        rich.add(text, bold=props.get("b", False), italic=props.get("i", False),
                 underline=props.get("u", False))
    return rich


# -- rendering ---------------------------------------------------------------------------------------------------
@cache
def template_bytes(doc_type: str) -> bytes:
    name = {"KH": "kh.docx", "QD": "qd.docx", "TB": "tb.docx"}[doc_type]
    return files("cchc_lint.templates").joinpath(name).read_bytes()


def render_bytes(draft: Draft) -> bytes:
    """The .docx bytes of a draft rendered through the template of its type."""
    if draft.doc_type not in DOC_TYPES:
        raise RenderError(f"loại văn bản không hỗ trợ: {draft.doc_type!r} (KH, QD, TB)")
    builder = _Context()
    context = builder.draft(draft)
    tpl = DocxTemplate(io.BytesIO(template_bytes(draft.doc_type)))
    tpl.render(context, autoescape=True)
    body = tpl.docx.element.body
    _fill_tables(body, builder.tables)
    _fold_empty_last_section(body)
    out = io.BytesIO()
    tpl.docx.save(out)
    return out.getvalue()


def render_draft(doc_type: str, data: dict[str, Any], out_path: str | Path) -> Path:
    """Validate structured data (see ``examples/*.yaml``) and write a new draft; raises ``DataError``."""
    from cchc_lint.draft.schema import draft_from_data
    from cchc_lint.safety import write_atomic

    draft = draft_from_data(doc_type.upper().replace("Đ", "D"), data)
    return write_atomic(out_path, render_bytes(draft))


# -- post-processing of the rendered XML -------------------------------------------------------------------------
def _text_of(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _fill_tables(body: etree._Element, tables: list[TableSpec]) -> None:
    if not tables:
        return
    for p in list(body.iter(qn("w:p"))):
        m = _MARKER_RE.match(_text_of(p).strip())
        if m and int(m.group(1)) < len(tables):
            p.addprevious(build_table(tables[int(m.group(1))]))
            p.getparent().remove(p)


def _fold_empty_last_section(body: etree._Element) -> None:
    """Drop section breaks with nothing after them: the last non-empty section takes the body's place."""
    while True:
        breaks = [p for p in body.findall(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
        if not breaks:
            return
        last = breaks[-1]
        after = list(last.itersiblings())
        if any(el.tag == qn("w:tbl") or (el.tag == qn("w:p") and _text_of(el).strip()) for el in after):
            return
        final = body.find(qn("w:sectPr"))
        sect = last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        for el in after:
            if el.tag == qn("w:p"):
                body.remove(el)
        if final is not None:
            body.remove(final)
        body.append(sect)
        if _text_of(last).strip():
            continue
        body.remove(last)


def _el(tag: str, **attrs: Any) -> etree._Element:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _sub(parent: etree._Element, tag: str, **attrs: Any) -> etree._Element:
    el = _el(tag, **attrs)
    parent.append(el)
    return el


def column_widths(spec: TableSpec) -> list[int]:
    """Widths from what the columns hold: each column at least as wide as its longest word, the rest of the
    line shared by the mean length of its cells (a "STT" column stays narrow, "Nhiệm vụ" gets the room)."""
    total = LANDSCAPE_TEXT_W if spec.landscape else PORTRAIT_TEXT_W
    longest = [2] * spec.n_cols
    lengths: list[list[int]] = [[] for _ in range(spec.n_cols)]
    seen: set[int] = set()
    for row in spec.rows:
        for cell in row:
            if cell is None or id(cell) in seen or cell.span != 1 or cell.col >= spec.n_cols:
                continue
            seen.add(id(cell))
            text = " ".join(t for runs, _ in cell.paragraphs for t, _ in runs)
            longest[cell.col] = max([longest[cell.col], *(len(w) for w in text.split())])
            if text.strip():
                lengths[cell.col].append(len(text))
    minimum = [max(600, min(w, 14) * 150 + 250) for w in longest]  # 13 pt bold: about 150 twips a letter
    if sum(minimum) >= total:
        scale = total / sum(minimum)
        widths = [int(w * scale) for w in minimum]
    else:
        weights = [sum(v) / len(v) if v else 1.0 for v in lengths]
        spare = total - sum(minimum)
        widths = [int(m + spare * w / sum(weights)) for m, w in zip(minimum, weights, strict=True)]
    widths[-1] += total - sum(widths)
    return widths


def build_table(spec: TableSpec) -> etree._Element:
    """A bordered table in the template's table styles, the first row(s) repeated on every page."""
    widths = column_widths(spec)
    tbl = _el("w:tbl")
    pr = _sub(tbl, "w:tblPr")
    _sub(pr, "w:tblW", w=sum(widths), type="dxa")
    _sub(pr, "w:jc", val="center")
    borders = _sub(pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, f"w:{side}", val="single", sz=4, space=0, color="000000")
    _sub(pr, "w:tblLayout", type="fixed")
    mar = _sub(pr, "w:tblCellMar")
    _sub(mar, "w:left", w=85, type="dxa")
    _sub(mar, "w:right", w=85, type="dxa")
    grid = _sub(tbl, "w:tblGrid")
    for w in widths:
        _sub(grid, "w:gridCol", w=w)
    for r, row in enumerate(spec.rows):
        tr = _sub(tbl, "w:tr")
        trpr = _sub(tr, "w:trPr")
        _sub(trpr, "w:cantSplit")
        header = r < spec.header_rows
        if header:
            _sub(trpr, "w:tblHeader")
        col = 0
        while col < spec.n_cols:
            cell = row[col] if col < len(row) else None
            if cell is None:
                _cell(tr, CellSpec(r, col, 1, 1, []), widths, header=header, merge=None)
                col += 1
                continue
            span = max(1, cell.col + cell.span - col)
            if cell.row == r:
                _cell(tr, cell, widths, header=header, merge="restart" if cell.rowspan > 1 else None, col=col,
                      span=span)
            else:  # covered by a cell merged down from a row above
                _cell(tr, CellSpec(r, col, span, 1, []), widths, header=header, merge="continue", col=col,
                      span=span)
            col += span
    return tbl


def _cell(tr: etree._Element, cell: CellSpec, widths: list[int], *, header: bool, merge: str | None,
          col: int | None = None, span: int | None = None) -> None:
    tc = _sub(tr, "w:tc")
    tcpr = _sub(tc, "w:tcPr")
    col = cell.col if col is None else col
    span = max(1, min(span or cell.span, len(widths) - col))
    _sub(tcpr, "w:tcW", w=sum(widths[col:col + span]), type="dxa")
    if span > 1:
        _sub(tcpr, "w:gridSpan", val=span)
    if merge == "restart":
        _sub(tcpr, "w:vMerge", val="restart")
    elif merge:
        _sub(tcpr, "w:vMerge")
    _sub(tcpr, "w:vAlign", val="center" if header else "top")
    for runs, align in cell.paragraphs or [([], None)]:
        p = _sub(tc, "w:p")
        ppr = _sub(p, "w:pPr")
        _sub(ppr, "w:pStyle", val="CCHCTableHead" if header else "CCHCTableText")
        if align in ("center", "right") and not header:  # justified text in a narrow cell leaves gaps: left
            _sub(ppr, "w:jc", val=align)
        for text, props in runs:
            if not text:
                continue
            r = _sub(p, "w:r")
            if props:
                rpr = _sub(r, "w:rPr")
                for key, tag in (("b", "w:b"), ("i", "w:i")):
                    if props.get(key):
                        _sub(rpr, tag)
                if props.get("u"):
                    _sub(rpr, "w:u", val="single")
            t = _sub(r, "w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = text
