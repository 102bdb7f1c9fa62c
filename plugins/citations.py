"""CC (căn cứ, viện dẫn) rules: the legal-basis block and every citation of another document.

Every citation of the preamble, the proposal line, the body and the table cells is parsed once per draft
(``find_citations``) and judged against the draft's own date and the registry of legal documents
(``rules/legal_registry.yaml`` through ``cchc_lint.data``). ``cchc-lint registry`` lists that registry.

Decisions worth knowing (also in the rule docs):
- Numbers of administrative documents carry no year and restart every year, so two citations of «552/QĐ-UBND»
  with dates in different years may be two documents: CC105 and CC108 compare them only within one year
  (normative numbers carry their year and are compared always). Registry entries of a local body (a province's
  «…/QĐ-UBND») are used only when the draft or the citation names the same locality.
- Low-confidence registry entries never give errors, only warnings.
- A citation whose issuer is the drafting body itself (same issuer code in both numbers), or whose issuer is
  named just before it («Theo đề nghị của Sở Nội vụ tại Tờ trình số …»), is not incomplete for want of «của …».
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from cchc_lint.check.rules import Hit, rule
from cchc_lint.findings import Fix, Severity
from cchc_lint.hookspecs import hookimpl
from cchc_lint.model import Table
from cchc_lint.parse.inline import Citation, DocNumber, find_citations, find_doc_numbers
from cchc_lint.parse.tree import Appendix, DocTree, Line, TableRef

ND30 = "Nghị định 30/2020/NĐ-CP"
CITING = f"{ND30}, Phụ lục I, mục II.6 (viện dẫn văn bản: tên loại, số, ký hiệu, thời gian, cơ quan ban hành)"
BASIS_BLOCK = f"{ND30}, Phụ lục I, mục II.6 (căn cứ ban hành văn bản); Phụ lục III, Mẫu 1.2, 1.3"
IN_FORCE = (f"{ND30}, Phụ lục I, mục II.6 (căn cứ ban hành); Nghị định 78/2025/NĐ-CP, Điều 62 (căn cứ là văn bản "
            "đang có hiệu lực)")


def _data():
    from cchc_lint import data

    return data


def _fmt(d: date | None) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else "?"


def _fold(text: str) -> str:
    return _data().normalise_heading(text)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- every citation of a draft, once ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cited:
    citation: Citation
    target: Any  # a Line, or (Table, row, col) for a table cell
    text: str  # the whole paragraph or cell the citation stands in
    where: str  # basis | proposal | body | table
    doc: DocTree

    @property
    def in_basis(self) -> bool:
        return self.where in ("basis", "proposal")

    @property
    def key(self) -> str | None:
        number = self.citation.number
        if number is not None and not number.is_blank:
            return _data().normalise_number(number.canonical)
        if self.citation.is_law and self.citation.name:
            return f"{_fold(self.citation.name)}|{self.citation.year}"
        return None


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph or a table cell of the preamble or the body, with its role."""

    target: Any
    text: str
    where: str
    doc: DocTree


_ORPHAN_KINDS = ("TEXT", "BULLET", "CLOSING_TEXT")
_REFERENCE = re.compile(r"(?i)^\s*\(\s*(?:ban hành\s+)?kèm theo\b")  # the «(Kèm theo …)» line names the draft


def _units(tree: DocTree) -> Iterator[Unit]:
    placed: set[int] = set()
    for unit in _placed_units(tree):
        placed.add(id(unit.target))
        yield unit
    # text the parser could not place (a plan without its type name lands in the signature block)
    for line in tree.lines:
        if id(line) not in placed and (line.kind in _ORPHAN_KINDS or line.kind.startswith("H_")) \
                and not _REFERENCE.match(line.text):
            yield Unit(line, line.text, "body", tree)


def _placed_units(tree: DocTree) -> Iterator[Unit]:
    for doc in tree.documents():
        for line in doc.preamble:
            yield Unit(line, line.text, "basis", doc)
        for line in doc.proposal:
            yield Unit(line, line.text, "proposal", doc)
        for item in doc.body_items():
            yield from _item_units(item, doc)
        for appendix in doc.appendices:
            for item in _appendix_items(appendix):
                yield from _item_units(item, doc)


def _item_units(item: Any, doc: DocTree) -> Iterator[Unit]:
    if isinstance(item, TableRef):
        yield from _table_units(item.table, doc)
    elif isinstance(item, Line) and item.kind != "ATTACH_REF" and item.text.strip() \
            and not _REFERENCE.match(item.text):
        yield Unit(item, item.text, "body", doc)


def _table_units(table: Table, doc: DocTree) -> Iterator[Unit]:
    for row in table.rows:
        for cell in row:
            text = cell.text
            if text.strip():
                yield Unit((table, cell.row, cell.col), text, "table", doc)


def _appendix_items(appendix: Appendix) -> Iterator[Any]:
    yield from appendix.items
    for section in appendix.sections:
        for node in section.walk():
            yield node.heading
            yield from node.items


_CACHE: dict[int, tuple[DocTree, list[Cited]]] = {}


def citations(tree: DocTree) -> list[Cited]:
    """Every citation of the draft in reading order (parsed once per draft, shared by the CC rules)."""
    hit = _CACHE.get(id(tree))
    if hit is not None and hit[0] is tree:
        return hit[1]
    out = [Cited(c, u.target, u.text, u.where, u.doc) for u in _units(tree) for c in find_citations(u.text)]
    _CACHE.clear()  # one draft at a time: keep memory flat in batch runs
    _CACHE[id(tree)] = (tree, out)
    return out


def _hit(cited: Cited, message: str, **kwargs: Any) -> Hit:
    return Hit(cited.target, message, **kwargs)


def _name(cited: Cited) -> str:
    """How a message names the cited document, as the draft writes it: «Quyết định số 1234/KH-UBND»."""
    c = cited.citation
    if c.number is not None and c.start <= c.number.start < c.number.end <= len(cited.text):
        return f"«{' '.join(cited.text[c.start:c.number.end].split())}»"
    if c.number is not None:
        return f"«{c.type_word} số {c.number.raw.strip()}»"
    return f"«{c.name or c.type_word}»"


# --- CC101: type word against the symbol -----------------------------------------------------------------------


def _plain(abbr: str) -> str:
    return abbr.upper().replace("Đ", "D")


@cache
def _abbr_map() -> dict[str, tuple[str, ...]]:
    return {_fold(word): abbrs for word, abbrs in _data().abbrs_for_type_word().items()}


@rule("CC101", "ten-loai-khong-khop-ky-hieu", "error",
      f"{ND30}, Phụ lục III, mục I (chữ viết tắt tên loại văn bản); Phụ lục I, mục II.3 và II.6",
      what="Tên loại văn bản viện dẫn không khớp chữ viết tắt tên loại trong số, ký hiệu của nó.",
      why="Ký hiệu văn bản chứa chữ viết tắt tên loại (NĐ: Nghị định, QĐ: Quyết định, KH: Kế hoạch …); tên loại "
          "và ký hiệu lệch nhau thì không biết văn bản nào được viện dẫn. Bảng tên loại ↔ chữ viết tắt nằm ở "
          "rules/doc_types.yaml (citation_types).",
      wrong="Quyết định số 1234/KH-UBND; Nghị định số 09/2015/QĐ-TTg",
      right="Kế hoạch số 1234/KH-UBND; Quyết định số 09/2015/QĐ-TTg")
def type_word_symbol(ctx) -> Iterator[Hit]:
    mapping = _abbr_map()
    for cited in citations(ctx.tree):
        c = cited.citation
        number = c.number
        if number is None or not number.type_abbr:
            continue
        allowed = mapping.get(_fold(c.type_word))
        if not allowed:
            continue  # công văn, văn bản …: no type abbreviation to compare
        abbr = number.type_abbr
        if any(_plain(abbr) == _plain(a) or (number.kind == "party" and _plain(abbr).startswith(_plain(a)))
               for a in allowed):
            continue
        words = _data().type_word_for_abbr().get(abbr) or ()
        hint = f" («{abbr}» là chữ viết tắt của {', '.join(words)})" if words else ""
        yield _hit(cited, f"Viện dẫn {_name(cited)}: tên loại «{c.type_word}» không khớp ký hiệu «{abbr}» trong số "
                          f"«{number.canonical}»{hint}; {c.type_word} viết tắt là «{'/'.join(allowed)}» — kiểm tra "
                          "lại tên loại hoặc số, ký hiệu")


# --- CC102 / CC103: dates -------------------------------------------------------------------------------------


@rule("CC102", "nam-so-hieu-khac-nam-ban-hanh", "error",
      f"{ND30}, Điều 15 (số văn bản theo năm); Luật Ban hành văn bản quy phạm pháp luật 2025, Điều 7 khoản 3",
      what="Văn bản quy phạm pháp luật được viện dẫn có năm trong số hiệu khác năm của ngày ban hành ghi kèm.",
      why="Số của văn bản quy phạm pháp luật mang năm ban hành (30/2020/NĐ-CP ký năm 2020); năm lệch nhau là gõ "
          "nhầm số hoặc ngày.",
      wrong="Quyết định số 45/2018/QĐ-TTg ngày 09 tháng 11 năm 2019",
      right="Quyết định số 45/2018/QĐ-TTg ngày 09 tháng 11 năm 2018")
def number_year(ctx) -> Iterator[Hit]:
    for cited in citations(ctx.tree):
        c = cited.citation
        if not _year_mismatch(c):
            continue
        entry = _entry_for(cited, ctx)
        known = f"; theo sổ đăng ký, văn bản này ban hành ngày {_fmt(entry.date)}" if entry and entry.date else ""
        yield _hit(cited, f"Viện dẫn {_name(cited)} ngày {_fmt(c.date.value)}: năm trong số hiệu ({c.number.year}) "
                          f"khác năm ban hành ({c.date.year}){known}; kiểm tra lại số hoặc ngày")


def _year_mismatch(c: Citation) -> bool:
    number, when = c.number, c.date
    return bool(number is not None and number.kind == "normative" and number.year and when is not None
                and when.value is not None and when.year != number.year)


def draft_date_bound(ctx) -> date | None:
    """The latest day the draft can be dated: its date, or the end of its month/year when the day is blank."""
    if ctx.date is not None:
        return ctx.date
    d = ctx.tree.header.date
    if d is None or not d.year or not 1000 <= d.year <= 9999:
        return None
    if d.month and 1 <= d.month <= 12:
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return date(d.year, 12, 31)


@rule("CC103", "ngay-vien-dan-sau-ngay-ban-hanh", "error", CITING,
      what="Văn bản được viện dẫn có ngày ban hành sau ngày của chính dự thảo (khi dự thảo chưa ghi ngày: sau "
           "tháng ghi trên dự thảo).",
      why="Không thể viện dẫn một văn bản chưa ban hành; ngày viện dẫn hoặc ngày dự thảo bị gõ nhầm.",
      wrong="(dự thảo ngày 05/01/2024) Căn cứ Quyết định số 12/QĐ-UBND ngày 15 tháng 01 năm 2024 …",
      right="Căn cứ Quyết định số 12/QĐ-UBND ngày 15 tháng 12 năm 2023 …")
def cited_after_draft(ctx) -> Iterator[Hit]:
    bound = draft_date_bound(ctx)
    if bound is None:
        return
    own = ctx.tree.number
    for cited in citations(ctx.tree):
        c = cited.citation
        when = c.date.value if c.date is not None else None
        if when is None or when <= bound:
            continue
        if own is not None and c.number is not None and own.canonical == c.number.canonical:
            continue  # the draft naming itself
        what = f"ngày ban hành dự thảo {_fmt(ctx.date)}" if ctx.date else f"tháng ghi trên dự thảo ({bound.month}/" \
                                                                              f"{bound.year})"
        yield _hit(cited, f"Viện dẫn {_name(cited)} ngày {_fmt(when)}, sau {what}: không thể viện dẫn văn bản chưa ban "
                          "hành; kiểm tra lại ngày viện dẫn hoặc ngày của dự thảo")


# --- CC104: the first citation is complete ------------------------------------------------------------------

_ISSUER_BEFORE = re.compile(r"(?i)(?:của|đề nghị|đề xuất)\s+[^;:.]{2,120}?\s+(?:tại|theo)\s*$")


def _issuer_named(cited: Cited, own: DocNumber | None) -> bool:
    c = cited.citation
    if c.issuer:
        return True
    if c.number is not None and own is not None and own.issuer and c.number.issuer \
            and _plain(own.issuer) == _plain(c.number.issuer):
        return True  # the drafting body's own document
    return bool(_ISSUER_BEFORE.search(cited.text[max(0, c.start - 160):c.start]))


_JOIN = re.compile(r"^\s*(?:,|và|hoặc|,\s*và)\s*$", re.IGNORECASE)


def _shared_issuers(cites: list[Cited]) -> set[int]:
    """Indexes of citations that share the issuer of the one after them: «Nghị quyết số 18-NQ/TW và Nghị
    quyết số 19-NQ/TW của Ban Chấp hành Trung ương»."""
    out: set[int] = set()
    for i in range(len(cites) - 2, -1, -1):
        a, b = cites[i], cites[i + 1]
        if a.text is not b.text or a.citation.issuer:
            continue
        if _JOIN.match(a.text[a.citation.end:b.citation.start]) and (b.citation.issuer or i + 1 in out):
            out.add(i)
    return out


@rule("CC104", "vien-dan-lan-dau-thieu-thong-tin", "warning", CITING,
      what="Lần viện dẫn đầu tiên của một văn bản thiếu số, ký hiệu, ngày ban hành hoặc cơ quan ban hành (luật: "
           "thiếu tên hoặc năm). Lần viện dẫn sau chỉ cần tên loại và số, ký hiệu.",
      why="«Khi viện dẫn lần đầu văn bản có liên quan, phải ghi đầy đủ tên loại, số, ký hiệu của văn bản, thời "
          "gian ban hành văn bản, tên cơ quan, tổ chức ban hành văn bản và trích yếu nội dung» (Phụ lục I, mục "
          "II.6). Không đòi «của …» khi văn bản do chính cơ quan soạn thảo ban hành hoặc cơ quan đã nêu ngay trước.",
      wrong="Tiếp tục thực hiện Nghị định số 130/2005/NĐ-CP của Chính phủ …",
      right="Tiếp tục thực hiện Nghị định số 130/2005/NĐ-CP ngày 17 tháng 10 năm 2005 của Chính phủ …")
def incomplete_first_citation(ctx) -> Iterator[Hit]:
    seen: set[str] = set()
    own = ctx.tree.number
    cites = citations(ctx.tree)
    shared = _shared_issuers(cites)
    for i, cited in enumerate(cites):
        c = cited.citation
        key = cited.key
        if key is None or key in seen:
            continue
        seen.add(key)
        if c.number is not None and (c.number.is_blank or (own is not None and own.canonical == c.number.canonical)):
            continue  # a blank number of a draft, or the draft naming itself
        missing = []
        if c.is_law:
            if not c.name:
                missing.append("tên luật")
            if c.date is None and c.year is None:
                missing.append("ngày hoặc năm thông qua")
        else:
            if c.date is None:
                missing.append("ngày ban hành")
            if i not in shared and not _issuer_named(cited, own):
                missing.append("cơ quan ban hành («của …»)")
        if missing:
            yield _hit(cited, f"Lần viện dẫn đầu tiên {_name(cited)} thiếu {' và '.join(missing)}; lần đầu phải ghi "
                              "đủ tên loại, số, ký hiệu, ngày tháng năm ban hành, cơ quan ban hành và trích yếu")


# --- CC105: one document, one date ------------------------------------------------------------------------------


@rule("CC105", "mot-van-ban-hai-ngay", "error", CITING,
      what="Cùng một văn bản (cùng số, ký hiệu) được viện dẫn với hai ngày ban hành khác nhau trong dự thảo. Số "
           "văn bản hành chính không mang năm nên chỉ so các ngày trong cùng một năm.",
      why="Một văn bản chỉ có một ngày ban hành; hai ngày khác nhau thì ít nhất một chỗ gõ nhầm.",
      wrong="Quyết định số 3241/QĐ-UBND ngày 26/10/2020 … Quyết định số 3241/QĐ-UBND ngày 27/10/2020",
      right="Quyết định số 3241/QĐ-UBND ngày 26/10/2020 (ở mọi chỗ)")
def two_dates(ctx) -> Iterator[Hit]:
    first: dict[tuple[str, int | None], tuple[Cited, date]] = {}
    for cited in citations(ctx.tree):
        c = cited.citation
        when = c.date.value if c.date is not None else None
        key = cited.key
        if key is None or when is None:
            continue
        yearly = c.number is None or c.number.kind == "normative"
        group = (key, None if yearly else when.year)
        earlier = first.setdefault(group, (cited, when))
        if earlier[0] is not cited and earlier[1] != when:
            yield _hit(cited, f"{_name(cited)} được ghi ngày {_fmt(when)}, nhưng ở chỗ viện dẫn trước ghi ngày "
                              f"{_fmt(earlier[1])}; một văn bản chỉ có một ngày ban hành — thống nhất lại")


# --- CC106: Party numbers --------------------------------------------------------------------------------------


@rule("CC106", "so-hieu-van-ban-dang", "error",
      "Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng (số, ký hiệu văn bản của Đảng)",
      what="Số, ký hiệu văn bản của Đảng viết theo kiểu văn bản nhà nước (18/NQ-TW) hoặc lẫn lộn (18-NQ-TW).",
      why="Văn bản của Đảng có gạch nối giữa số và tên loại, gạch chéo trước cơ quan ban hành: «18-NQ/TW», "
          "«02-CTrHĐ/TU»; viết sai khiến không tra cứu được.",
      wrong="Nghị quyết số 18/NQ-TW; Nghị quyết số 18-NQ-TW", right="Nghị quyết số 18-NQ/TW", fix_safety="safe")
def party_number(ctx) -> Iterator[Hit]:
    # every paragraph and cell of the file: the form of a number does not depend on where the parser put it
    for para in ctx.model.iter_paragraphs():
        if "TW" not in para.text and "/T" not in para.text and "-" not in para.text:
            continue
        for number in find_doc_numbers(para.text):
            problems = set(number.style_problems)
            if number.kind != "party" or not problems & {"party-state-form", "party-mixed"}:
                continue
            old, new = number.raw.strip(), number.canonical
            if old == new:
                continue
            how = "theo kiểu văn bản nhà nước" if "party-state-form" in problems else "lẫn lộn gạch nối và gạch chéo"
            yield Hit(para, f"Số, ký hiệu văn bản của Đảng «{old}» viết {how}; phải viết «{new}» (gạch nối "
                                   "trước tên loại, gạch chéo trước cơ quan ban hành)",
                      fix=Fix("Sửa số, ký hiệu văn bản của Đảng", old, new))


# --- CC107: punctuation of the legal-basis block ----------------------------------------------------------


def _block(doc: DocTree) -> list[Line]:
    return sorted([*doc.preamble, *doc.proposal], key=lambda line: line.index)


def _intro_after(doc: DocTree, block: list[Line]) -> bool:
    """The block is followed by a sentence that introduces the body («… ban hành Kế hoạch … như sau:»)."""
    first = next((i for i in doc.intro if isinstance(i, Line)), None)
    if first is None or first.index < block[-1].index:
        return False
    text = first.text.rstrip()
    return (text.endswith(":") or "như sau" in text.lower()) and first.index - block[-1].index <= 2


_END = re.compile(r"[\s]*([;.,:]*)\s*$")


def _with_end(text: str, mark: str) -> str:
    return re.sub(r"[\s;.,:]*$", "", text.rstrip()) + mark


@rule("CC107", "dau-cau-can-cu", "error", BASIS_BLOCK,
      what="Dấu cuối dòng của phần căn cứ sai: mỗi dòng căn cứ kết thúc bằng «;», dòng cuối của khối (với quyết "
           "định: dòng «Theo đề nghị …») kết thúc bằng «.». Một dòng căn cứ duy nhất dẫn vào nội dung («… như "
           "sau:») hoặc khối căn cứ theo sau là câu dẫn «… như sau:» là đúng. Dấu «,» cuối dòng (thói quen cũ) chỉ "
           "cảnh báo.",
      why="«Sau mỗi căn cứ phải xuống dòng, cuối dòng có dấu chấm phẩy (;), dòng cuối cùng kết thúc bằng dấu chấm "
          "(.)» (Phụ lục I, mục II.6); Mẫu 1.2, 1.3 kết thúc khối bằng «Theo đề nghị của … .».",
      wrong="Căn cứ Luật …, / Theo đề nghị của Giám đốc Sở Nội vụ,",
      right="Căn cứ Luật …; / Theo đề nghị của Giám đốc Sở Nội vụ.", fix_safety="safe")
def basis_punctuation(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        block = _block(doc)
        if not block:
            continue
        introduced = doc is not ctx.tree or ctx.tree.doc_type != "QD"
        introduced = introduced and _intro_after(doc, block)
        for i, line in enumerate(block):
            last = i == len(block) - 1
            yield from _line_end(line, last=last, introduced=introduced, qd=ctx.tree.doc_type == "QD")


def _line_end(line: Line, *, last: bool, introduced: bool, qd: bool) -> Iterator[Hit]:
    text = line.text.rstrip()
    end = text[-1:] if text else ""
    if not last:
        allowed, want = (";",), ";"
    elif introduced:
        allowed, want = (";", "."), "."
    elif qd:
        allowed, want = (".",), "."
    else:
        allowed, want = (".", ":"), "."
    if end in allowed:
        return
    old = text.strip()
    new = _with_end(old, want)
    place = "dòng cuối của phần căn cứ" if last else "dòng căn cứ"
    if last and qd:
        place = "dòng cuối của khối căn cứ, đề nghị"
    if end == ",":
        yield Hit(line, f"{place.capitalize()} kết thúc bằng dấu phẩy (cách viết cũ); theo Nghị định 30 phải là "
                        f"«{want}»", fix=Fix(f"Đổi dấu cuối dòng thành «{want}»", old, new),
                  severity=Severity.WARNING)
        return
    shown = f"«{end}»" if end in ";.:" and end else "không có dấu"
    yield Hit(line, f"{place.capitalize()} kết thúc {'bằng ' + shown if end in ';.:' and end else shown}; phải "
                    f"kết thúc bằng «{want}»", fix=Fix(f"Đổi dấu cuối dòng thành «{want}»", old, new))


# --- registry ----------------------------------------------------------------------------------------------

_LOCALITY = re.compile(r"(?:tỉnh|thành phố|tp\.?)\s+(.+)$", re.IGNORECASE)
_CENTRAL = re.compile(r"(?i)chính phủ|quốc hội|bộ |văn phòng trung ương|ban chấp hành trung ương|trung ương")


def _locality(entry: Any) -> str | None:
    """The locality of a local body («Ủy ban nhân dân Thành phố Hồ Chí Minh» → «hồ chí minh»), else None."""
    issuer = getattr(entry, "issuer", "") or ""
    if _CENTRAL.search(issuer):
        return None
    m = _LOCALITY.search(issuer)
    return _fold(m.group(1)) if m else None


def _draft_places(ctx) -> str:
    header = ctx.tree.header
    parts = [header.place or "", *(line.text for line in header.agencies)]
    return _fold(" ".join(parts))


def _candidates(cited: Cited, ctx) -> list[Any]:
    data = _data()
    c = cited.citation
    if c.number is not None and not c.number.is_blank:
        found = list(data.lookup_all(c.number.canonical))
    elif c.is_law and c.name:
        name = _fold(c.name)
        found = [d for d in data.registry() if d.name and _fold(d.name) == name]
    else:
        return []
    places = None
    out = []
    for entry in found:
        where = _locality(entry)
        if where is not None:
            places = places if places is not None else _draft_places(ctx) + " " + _fold(c.issuer or "")
            if where not in places:
                continue  # another province's «…/QĐ-UBND»
        out.append(entry)
    return out


def _entry_for(cited: Cited, ctx) -> Any | None:
    """The registry entry a citation names: by its date when it has one; else the latest signed before the
    draft's date (76/NQ-CP of 2013 or of 2021)."""
    found = _candidates(cited, ctx)
    if not found:
        return None
    c = cited.citation
    when = c.date.value if c.date is not None else None
    if when is not None:
        same = [e for e in found if e.date == when]
        if same:
            return same[0]
        same_year = [e for e in found if e.date and e.date.year == when.year]
        if same_year:
            return min(same_year, key=lambda e: abs((e.date - when).days))
        if c.number is not None and (c.number.kind == "normative" or re.search(r"\d[a-zđ]", c.number.number or "")):
            return found[0] if len(found) == 1 else None  # the year is in the number (or «30c» is unique)
        return None  # another year: possibly another document with a reused number (laws: another version)
    ref = ctx.reference_date
    signed = [e for e in found if e.date is not None and (ref is None or e.date <= ref)]
    if signed:
        return max(signed, key=lambda e: e.date)
    return found[0] if len(found) == 1 else None


def _entry_severity(entry: Any, default: Severity | None = None) -> Severity | None:
    return Severity.WARNING if getattr(entry, "confidence", "") == "low" else default


def _entry_basis(entry: Any) -> str:
    return f"Sổ đăng ký văn bản (rules/legal_registry.yaml): {entry.source} [độ tin cậy: {entry.confidence}]"


def _title(entry: Any) -> str:
    when = f" ngày {_fmt(entry.date)}" if entry.date else ""
    return f"{entry.name or entry.type} {entry.number}{when}"


@rule("CC108", "ngay-vien-dan-sai-so-dang-ky", "error", CITING,
      what="Ngày ban hành ghi khi viện dẫn khác ngày của văn bản đó trong sổ đăng ký văn bản (rules/"
           "legal_registry.yaml). Mục có độ tin cậy thấp chỉ cho cảnh báo.",
      why="Ngày ban hành là một phần nhận diện văn bản; ghi sai ngày có thể viện dẫn nhầm văn bản (hai Nghị quyết "
          "76/NQ-CP: ngày 13/6/2013 và ngày 15/7/2021).",
      wrong="Nghị quyết số 30c/NQ-CP ngày 08/11/2012 của Chính phủ",
      right="Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ")
def registry_date(ctx) -> Iterator[Hit]:
    for cited in citations(ctx.tree):
        c = cited.citation
        when = c.date.value if c.date is not None else None
        if when is None or _year_mismatch(c):
            continue
        entry = _entry_for(cited, ctx)
        if entry is None or entry.date is None or entry.date == when:
            continue
        others = [e for e in _candidates(cited, ctx) if e is not entry and e.date]
        also = ("; cùng số còn có " + ", ".join(_title(e) for e in others)) if others else ""
        yield _hit(cited, f"Viện dẫn {_name(cited)} ngày {_fmt(when)}, nhưng theo sổ đăng ký văn bản này ban hành ngày "
                          f"{_fmt(entry.date)}{also}; kiểm tra lại ngày viện dẫn",
                   severity=_entry_severity(entry), legal_basis=f"{CITING}; {_entry_basis(entry)}")


# --- CC109 / CC110: in force on the draft's date ------------------------------------------------------------

_PLAN_KINDS = ("programme", "plan")


@rule("CC109", "can-cu-het-hieu-luc", "error", IN_FORCE,
      what="Văn bản được viện dẫn đã hết hiệu lực vào ngày của dự thảo (theo sổ đăng ký văn bản): lỗi khi dùng "
           "làm căn cứ, cảnh báo khi nhắc trong nội dung. Thông báo nêu văn bản thay thế.",
      why="Căn cứ ban hành phải là văn bản đang có hiệu lực; nhiệm vụ giao theo văn bản đã bị thay thế không còn "
          "cơ sở. Dự thảo được xét theo pháp luật tại ngày của chính nó (một dự thảo năm 2019 vẫn được dẫn "
          "Nghị định 110/2004/NĐ-CP). Mục có độ tin cậy thấp chỉ cho cảnh báo.",
      wrong="(dự thảo năm 2021) Căn cứ Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 …",
      right="Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 …")
def expired_basis(ctx) -> Iterator[Hit]:
    ref = ctx.reference_date
    if ref is None:
        return
    for cited in citations(ctx.tree):
        entry = _entry_for(cited, ctx)
        if entry is None or entry.kind in _PLAN_KINDS or entry.valid_to is None or ref < entry.valid_to:
            continue
        successor = _current(entry, ref)
        by = f", được thay thế bởi {_title(successor)}" if successor else (
            f", được thay thế bởi {entry.replaced_by}" if entry.replaced_by else "")
        keeps = f" (còn hiệu lực: {entry.partial_survival})" if entry.partial_survival else ""
        if cited.in_basis:
            tail = "không dùng làm căn cứ" + (f"; căn cứ {_title(successor)}" if successor else "")
            severity = _entry_severity(entry)
        else:
            tail = "kiểm tra lại nội dung dẫn chiếu"
            severity = Severity.WARNING
        yield _hit(cited, f"{_name(cited)} đã hết hiệu lực từ ngày {_fmt(entry.valid_to)}{by}{keeps} — trước ngày của "
                          f"dự thảo ({_fmt(ref)}); {tail}", severity=severity,
                   legal_basis=f"{IN_FORCE}; {_entry_basis(entry)}")


@rule("CC110", "chuong-trinh-het-giai-doan", "warning", IN_FORCE,
      what="Phần căn cứ dẫn một chương trình hoặc kế hoạch (sổ đăng ký: loại programme/plan) mà giai đoạn thực "
           "hiện đã kết thúc trước năm của dự thảo (Nghị quyết 30c/NQ-CP giai đoạn 2011–2020 cho kế hoạch năm "
           "2022).",
      why="Chương trình hết giai đoạn không bị bãi bỏ nhưng không còn là cơ sở giao nhiệm vụ cho năm sau; kế hoạch "
          "mới phải căn cứ chương trình đang thực hiện (Nghị quyết 76/NQ-CP ngày 15/7/2021). Nhắc chương trình cũ "
          "trong nội dung (kết quả đã đạt) không bị báo.",
      wrong="(kế hoạch năm 2022) Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 …",
      right="Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 …")
def ended_programme(ctx) -> Iterator[Hit]:
    first_year = _first_year(ctx)
    if first_year is None:
        return
    for cited in citations(ctx.tree):
        if not cited.in_basis:
            continue
        entry = _entry_for(cited, ctx)
        if entry is None or entry.kind not in _PLAN_KINDS:
            continue
        end = entry.period[1] if entry.period else (entry.valid_to.year - 1 if entry.valid_to else None)
        if end is None or first_year <= end:
            continue
        successor = _current(entry, ctx.reference_date) or _programme_now(first_year, ctx)
        now = f"; căn cứ chương trình đang thực hiện: {_title(successor)}" if successor else ""
        period = f"giai đoạn {entry.period[0]}–{entry.period[1]}" if entry.period else f"kết thúc năm {end}"
        yield _hit(cited, f"{_name(cited)} ({period}) đã hết giai đoạn thực hiện trước năm {first_year} "
                          f"của dự thảo; không dùng làm căn cứ{now}", legal_basis=f"{IN_FORCE}; {_entry_basis(entry)}")


def _current(entry: Any, ref: date | None) -> Any | None:
    """The successor in force on ``ref``, following the chain (65/2025/QH15 → 72/2025/QH15)."""
    successor = entry.successor() if entry.replaced_by else None
    for _ in range(6):
        if successor is None or ref is None or successor.valid_to is None or ref < successor.valid_to \
                or not successor.replaced_by:
            return successor
        successor = successor.successor()
    return successor


def _programme_now(year: int, ctx) -> Any | None:
    data = _data()
    programme = data.reform_programme(year, on=ctx.reference_date)
    return data.lookup(programme.number, programme.date) if programme is not None else None


def _first_year(ctx) -> int | None:
    years = ctx.plan_years
    if years is not None:
        return years[0]
    ref = ctx.reference_date
    return ref.year if ref else None


# --- CC111: Party documents as «Căn cứ» ------------------------------------------------------------------

_CAN_CU = re.compile(r"^\s*Căn\s+cứ\b", re.IGNORECASE)


@rule("CC111", "van-ban-dang-lam-can-cu", "warning", f"{ND30}, Phụ lục I, mục II.6 (căn cứ ban hành văn bản)",
      what="Dòng «Căn cứ …» dẫn một văn bản của Đảng (số dạng 19-NQ/TW, 02-CTrHĐ/TU).",
      why="Căn cứ ban hành là văn bản quy định thẩm quyền, chức năng, nhiệm vụ và văn bản quy định nội dung — văn "
          "bản quy phạm pháp luật hoặc văn bản của cơ quan nhà nước cấp trên; văn bản của Đảng là chủ trương, "
          "thường được dẫn bằng «Thực hiện …» hoặc nêu trong nội dung, không đặt sau «Căn cứ».",
      wrong="Căn cứ Chương trình hành động số 02-CTrHĐ/TU ngày 31/12/2020 của Thành ủy …;",
      right="Thực hiện Chương trình hành động số 02-CTrHĐ/TU ngày 31/12/2020 của Thành ủy …;")
def party_basis(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        for line in doc.preamble:
            if not _CAN_CU.match(line.text):
                continue
            numbers = find_doc_numbers(line.text)
            if numbers and numbers[0].kind == "party":  # the document the line is about, not one in its subject
                yield Hit(line, f"Dòng căn cứ dẫn văn bản của Đảng «{numbers[0].canonical}»; văn bản của Đảng không "
                                "đặt sau «Căn cứ» mà dẫn bằng «Thực hiện …» (hoặc nêu trong nội dung)")


# --- `cchc-lint registry` ---------------------------------------------------------------------------------


def registry_rows(number: str | None = None) -> list[dict[str, Any]]:
    """The registry entries as plain rows (number, type, date, in force from/to, replaced by, confidence)."""
    data = _data()
    entries = data.lookup_all(number) if number else data.registry()
    rows = []
    for e in entries:
        rows.append({
            "number": e.number, "type": e.name or e.type, "issuer": e.issuer,
            "date": e.date.isoformat() if e.date else None,
            "valid_from": e.valid_from.isoformat() if e.valid_from else None,
            "valid_to": e.valid_to.isoformat() if e.valid_to else None,
            "replaced_by": e.replaced_by, "kind": e.kind, "confidence": e.confidence,
        })
    return rows


def _registry_text(rows: list[dict[str, Any]]) -> str:
    head = ("Số, ký hiệu", "Loại", "Ngày ban hành", "Hiệu lực từ", "Hết hiệu lực", "Thay thế bởi", "Tin cậy")
    keys = ("number", "type", "date", "valid_from", "valid_to", "replaced_by", "confidence")
    table = [head] + [tuple(str(r[k]) if r[k] is not None else "—" for k in keys) for r in rows]
    widths = [min(max(len(row[i]) for row in table), 48) for i in range(len(head))]
    lines = []
    for row in table:
        cells = [(cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "…").ljust(widths[i])
                 for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"\n{len(rows)} văn bản — thêm văn bản: sửa rules/legal_registry.yaml (xem chú thích đầu tệp)")
    return "\n".join(lines)


@hookimpl
def cchc_lint_register_commands(cli: Any) -> None:
    import json

    import click

    @cli.command("registry")
    @click.option("--number", default=None, help="Chỉ các văn bản mang số, ký hiệu này (ví dụ 76/NQ-CP).")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
    def registry_command(number: str | None, fmt: str) -> None:
        """Liệt kê sổ đăng ký văn bản pháp lý (rules/legal_registry.yaml) mà các quy tắc CC dùng."""
        rows = registry_rows(number)
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            click.echo(_registry_text(rows))


@hookimpl
def cchc_lint_rules():
    return [type_word_symbol, number_year, cited_after_draft, incomplete_first_citation, two_dates, party_number,
            basis_punctuation, registry_date, expired_basis, ended_programme, party_basis]
