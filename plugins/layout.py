"""TT (thể thức, kỹ thuật trình bày) and SN (số, ký hiệu, ngày tháng, thẩm quyền ký, nơi nhận) rules.

Values come from the Decree 30 profile in ``rules/layout.yaml`` (each with its clause of Phụ lục I); the checks
here only compare the draft with it. Layout rules (TT) judge the effective formatting of a .docx (what Word
shows, styles and defaults resolved); text rules (SN) also run on plain text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from cchc_lint.check.rules import Hit, rule
from cchc_lint.data import load_yaml
from cchc_lint.findings import Fix, Severity
from cchc_lint.hookspecs import hookimpl
from cchc_lint.model import DocModel, Paragraph, Run, Section, Table
from cchc_lint.parse.tree import DocTree, Line

ND30 = "Nghị định 30/2020/NĐ-CP"
PL1 = f"{ND30}, Phụ lục I"
PL3 = f"{ND30}, Phụ lục III"
TWIPS_PER_MM = 56.693
GROUP_MIN = 5  # from this many paragraphs with the same defect, and at least half of them, one finding

# --- the Decree 30 profile -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Element:
    """How one element of the layout is presented (Phụ lục I, mục II; table of §1.5)."""

    key: str
    name: str  # Vietnamese name used in messages
    size: tuple[float, float] | None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None  # True: capitals; False: ordinary case; None: not judged
    center: bool = False
    basis: str = PL1


# Fallback values, used only when rules/layout.yaml lacks an element (the data file is the source of truth).
_DEFAULT_ELEMENTS: dict[str, Element] = {e.key: e for e in (
    Element("country", "Quốc hiệu", (12, 13), True, False, True, False, f"{PL1}, mục II.1"),
    Element("motto", "Tiêu ngữ", (13, 14), True, False, False, False, f"{PL1}, mục II.1"),
    Element("agency", "tên cơ quan ban hành", (12, 13), True, False, True, False, f"{PL1}, mục II.2"),
    Element("parent_agency", "tên cơ quan chủ quản", (12, 13), False, False, True, False, f"{PL1}, mục II.2"),
    Element("number", "số, ký hiệu", (13, 13), False, False, None, False, f"{PL1}, mục II.3"),
    Element("place_date", "địa danh và thời gian ban hành", (13, 14), False, True, False, False,
            f"{PL1}, mục II.4"),
    Element("type_name", "tên loại văn bản", (13, 14), True, False, None, True, f"{PL1}, mục II.5a"),
    Element("subject", "trích yếu nội dung", (13, 14), True, False, False, True, f"{PL1}, mục II.5a"),
    Element("subject_cv", "trích yếu công văn (V/v)", (12, 13), False, False, False, False, f"{PL1}, mục II.5b"),
    Element("basis", "căn cứ ban hành", (13, 14), False, True, False, False, f"{PL1}, mục II.6"),
    Element("body", "nội dung văn bản", (13, 14), None, None, None, False, f"{PL1}, mục II.6"),
    Element("authority", "quyền hạn, chức vụ người ký", (13, 14), True, False, True, False, f"{PL1}, mục II.7"),
    Element("signer", "họ tên người ký", (13, 14), True, False, False, False, f"{PL1}, mục II.7"),
    Element("recipients_title", "dòng «Nơi nhận:»", (12, 12), True, True, False, False, f"{PL1}, mục II.9b"),
    Element("recipient", "danh sách nơi nhận", (11, 11), False, False, None, False, f"{PL1}, mục II.9b"),
    Element("appendix", "dòng «Phụ lục»", (14, 14), True, False, False, True, f"{PL1}, mục III.1"),
    Element("appendix_title", "tên phụ lục", (13, 14), True, False, True, True, f"{PL1}, mục III.1"),
    Element("attach_ref", "dòng chỉ dẫn «Kèm theo …»", (13, 14), False, True, None, True, f"{PL1}, mục III.1"),
)}

_KIND_ELEMENT = {
    "COUNTRY": "country", "MOTTO": "motto", "AGENCY": "agency", "NUMBER": "number", "PLACE_DATE": "place_date",
    "TYPE_NAME": "type_name", "SUBJECT": "subject", "BASIS": "basis", "AUTHORITY": "authority",
    "AUTHORITY_TITLE": "authority", "SIGNER": "signer", "RECIPIENTS_TITLE": "recipients_title",
    "RECIPIENT": "recipient", "APPENDIX": "appendix", "APPENDIX_TITLE": "appendix_title",
    "ATTACH_REF": "attach_ref",
}
BODY_KINDS = ("TEXT", "BULLET", "ARTICLE", "H_PART", "H_ROMAN", "H_ARABIC", "H_DECIMAL", "H_LETTER")
PARA_KINDS = ("TEXT", "BULLET")  # justified, indented, spaced: ordinary body paragraphs


@dataclass(frozen=True, slots=True)
class Page:
    width: int = 11906
    height: int = 16838
    size_tolerance: int = 60  # twips
    top: tuple[float, float] = (20, 25)  # mm
    bottom: tuple[float, float] = (20, 25)
    left: tuple[float, float] = (30, 35)
    right: tuple[float, float] = (15, 20)
    margin_tolerance: float = 0.5  # mm, for twip rounding
    basis_size: str = f"{PL1}, mục I.1–2"
    basis_margins: str = f"{PL1}, mục I.3"
    basis_numbers: str = f"{PL1}, mục I.6"


@dataclass(frozen=True, slots=True)
class Paragraphs:
    indent_cm: tuple[float, float] = (1.0, 1.27)
    indent_tolerance_cm: float = 0.05
    min_spacing_pt: float = 6.0
    line_spacing: tuple[float, float] = (1.0, 1.5)
    font: str = "Times New Roman"
    basis: str = f"{PL1}, mục II.6"
    basis_font: str = f"{PL1}, mục I.4"


COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True, slots=True)
class Profile:
    elements: dict[str, Element]
    page: Page
    paragraphs: Paragraphs
    country: str = COUNTRY
    motto: str = MOTTO


@cache
def profile() -> Profile:
    """The Decree 30 layout profile: rules/layout.yaml read through cchc_lint.data, over built-in defaults."""
    try:
        from cchc_lint import data

        raw = data.layout_profile()
    except Exception:  # the loader is missing or failed: read the YAML directly
        raw = None
    if not isinstance(raw, dict):
        try:
            text = files("cchc_lint.rules").joinpath("layout.yaml").read_text("utf-8")
            raw = load_yaml(text)
        except Exception:  # a missing or broken data file must not take the layout rules down
            raw = None
    return _profile_from(raw if isinstance(raw, dict) else {})


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        m = re.match(r"^\s*(\d+(?:[.,]\d+)?)", value)
        return float(m.group(1).replace(",", ".")) if m else None
    if isinstance(value, dict):
        return _num(value.get("value"))
    return None


def _range(value: Any) -> tuple[float, float] | None:
    """[a, b], {min, max}, "13-14", "13–14" or 13 → (a, b)."""
    if isinstance(value, list | tuple) and value:
        lo, hi = _num(value[0]), _num(value[-1])
        return (lo, hi) if lo is not None and hi is not None else None
    if isinstance(value, dict):
        if "min" in value or "max" in value:
            lo, hi = _num(value.get("min")), _num(value.get("max"))
            lo = lo if lo is not None else hi
            hi = hi if hi is not None else lo
            return (lo, hi) if lo is not None else None
        for key in ("value", "range", "size", "pt", "mm"):
            if key in value:
                return _range(value[key])
        return None
    if isinstance(value, str):
        nums = re.findall(r"\d+(?:[.,]\d+)?", value)
        if nums:
            vals = [float(n.replace(",", ".")) for n in nums[:2]]
            return vals[0], vals[-1]
        return None
    n = _num(value)
    return (n, n) if n is not None else None


def _basis_of(entry: Any, default: str) -> str:
    if isinstance(entry, dict):
        for key in ("basis", "legal_basis", "clause"):
            if isinstance(entry.get(key), str) and entry[key].strip():
                return entry[key].strip()
    return default


def _flag(entry: dict, *names: str) -> bool | None:
    for name in names:
        if name in entry and isinstance(entry[name], bool):
            return entry[name]
    return None


_STYLE_WORDS = {"đậm": ("bold", True), "nghiêng": ("italic", True), "hoa": ("caps", True),
                "thường": ("caps", False)}


def _element_from(key: str, entry: Any, default: Element) -> Element:
    if not isinstance(entry, dict):
        return default
    size = _range(entry.get("size", entry.get("font_size", entry.get("co_chu"))))
    bold, italic = _flag(entry, "bold", "dam"), _flag(entry, "italic", "nghieng")
    caps = _flag(entry, "caps", "upper", "uppercase")
    case = entry.get("case")
    if caps is None and isinstance(case, str):
        caps = {"upper": True, "hoa": True, "in hoa": True, "lower": False, "thường": False,
                "in thường": False, "normal": False, "sentence": False}.get(case.strip().lower())
    style = entry.get("style")
    if isinstance(style, str):  # "đứng, đậm" / "nghiêng"
        words = style.lower()
        bold = bold if bold is not None else ("đậm" in words or "bold" in words)
        italic = italic if italic is not None else ("nghiêng" in words or "italic" in words)
    align = entry.get("alignment", entry.get("align"))
    center = default.center if align is None else str(align).lower() in ("center", "centre", "giữa", "canh giữa")
    return Element(
        key=key,
        name=default.name,
        size=size or default.size,
        bold=default.bold if bold is None else bold,
        italic=default.italic if italic is None else italic,
        caps=default.caps if caps is None else caps,
        center=center,
        basis=_basis_of(entry, default.basis),
    )


_ALIASES = {
    "country": ("country", "country_name", "quoc_hieu"), "motto": ("motto", "tieu_ngu"),
    "agency": ("agency", "issuing_agency", "issuer", "co_quan_ban_hanh"),
    "parent_agency": ("agency_parent", "parent_agency", "parent", "co_quan_chu_quan"),
    "number": ("number_line", "number", "so_ky_hieu"), "place_date": ("place_date", "dia_danh_thoi_gian"),
    "type_name": ("type_name", "ten_loai"), "subject": ("subject", "trich_yeu"),
    "subject_cv": ("subject_cv", "subject_cong_van"), "basis": ("legal_basis", "basis", "can_cu"),
    "body": ("body", "noi_dung", "content"), "authority": ("authority", "signer_title", "quyen_han_chuc_vu"),
    "signer": ("signer", "signer_name", "ho_ten"), "recipients_title": ("recipients_title", "noi_nhan_title"),
    "recipient": ("recipients", "recipient", "recipients_list"),
    "appendix": ("appendix_label", "appendix", "phu_luc"), "appendix_title": ("appendix_name", "appendix_title"),
    "attach_ref": ("appendix_reference", "attach_ref", "reference", "reference_line"),
}


def _find(raw: dict, *keys: str) -> Any:
    for key in keys:
        if key in raw:
            return raw[key]
    return None


def _profile_from(raw: dict) -> Profile:
    elements_raw = _find(raw, "elements", "element", "thanh_phan") or {}
    if isinstance(elements_raw, list):
        elements_raw = {e.get("key") or e.get("id") or e.get("name"): e for e in elements_raw if isinstance(e, dict)}
    elements = {}
    for key, default in _DEFAULT_ELEMENTS.items():
        entry = _find(elements_raw, *_ALIASES.get(key, (key,))) if isinstance(elements_raw, dict) else None
        elements[key] = _element_from(key, entry, default)
    page_raw = _find(raw, "page", "trang") or {}
    page = Page()
    if isinstance(page_raw, dict):
        margins = _find(page_raw, "margins", "margin") or page_raw
        m = {side: _range(_find(margins, side, f"margin_{side}")) if isinstance(margins, dict) else None
             for side in ("top", "bottom", "left", "right")}
        size = _find(page_raw, "size", "paper", "paper_size")
        size = size if isinstance(size, dict) else {}
        tol = _num(_find(margins, "tolerance_mm", "tolerance")) if isinstance(margins, dict) else None
        page = Page(
            width=int(_num(size.get("width_twips")) or page.width),
            height=int(_num(size.get("height_twips")) or page.height),
            size_tolerance=int(_num(size.get("tolerance_twips")) or page.size_tolerance),
            margin_tolerance=tol if tol is not None else page.margin_tolerance,
            top=m["top"] or page.top, bottom=m["bottom"] or page.bottom, left=m["left"] or page.left,
            right=m["right"] or page.right,
            basis_size=_basis_of(_find(page_raw, "size", "paper", "paper_size"), page.basis_size),
            basis_margins=_basis_of(margins, page.basis_margins) if margins is not page_raw else page.basis_margins,
            basis_numbers=_basis_of(_find(page_raw, "page_numbers", "numbers", "page_number"), page.basis_numbers),
        )
    para_raw = _find(raw, "paragraph", "paragraphs", "body_paragraph") or {}
    paras = Paragraphs()
    if isinstance(para_raw, dict):
        indent = _range(_find(para_raw, "first_line_indent_cm", "first_line_indent", "indent_cm", "indent"))
        spacing = _num(_find(para_raw, "min_spacing_pt", "space_between_pt", "paragraph_spacing_pt",
                             "spacing_min_pt", "spacing"))
        line = _range(_find(para_raw, "line_spacing", "line_spacing_lines"))
        paras = Paragraphs(
            indent_cm=indent or paras.indent_cm, min_spacing_pt=spacing or paras.min_spacing_pt,
            line_spacing=line or paras.line_spacing, basis=_basis_of(para_raw, paras.basis),
        )
    font_raw = _find(raw, "font", "phong_chu")
    font = font_raw.get("name", font_raw.get("family")) if isinstance(font_raw, dict) else font_raw
    if isinstance(font, str) and font.strip():
        paras = Paragraphs(indent_cm=paras.indent_cm, min_spacing_pt=paras.min_spacing_pt,
                           line_spacing=paras.line_spacing, font=font.strip(), basis=paras.basis,
                           basis_font=_basis_of(font_raw, paras.basis_font))
    texts = _find(raw, "texts", "text", "fixed_texts") or {}
    country = _text(_find(raw, "country_text") or (_find(texts, "country", "quoc_hieu") if isinstance(texts, dict)
                                                   else None) or _find(elements_raw, "country"))
    motto = _text(_find(raw, "motto_text") or (_find(texts, "motto", "tieu_ngu") if isinstance(texts, dict)
                                               else None) or _find(elements_raw, "motto"))
    return Profile(elements=elements, page=page, paragraphs=paras,
                   country=country if country and country.isupper() else COUNTRY,
                   motto=motto if motto and "Độc lập" in motto else MOTTO)


def _text(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry.strip()
    if isinstance(entry, dict):
        for key in ("text", "exact", "value", "content"):
            if isinstance(entry.get(key), str):
                return entry[key].strip()
    return None


# --- helpers shared by the rules -----------------------------------------------------------------------------

_WORD_CHAR = re.compile(r"\w")


def _is_docx(ctx) -> bool:
    return ctx.model.source == "docx"


_ALNUM = re.compile(r"[^\W_]")


def _letters(text: str) -> int:
    """How many letters and digits (a C-level count: this runs on every run of the draft)."""
    return len(_ALNUM.findall(text))


def line_runs(line: Line) -> list[Run]:
    """The runs that carry a line's text (a header paragraph typed with tabs holds several lines)."""
    para = line.para
    if para is None:
        return []
    seg = line.text.strip()
    whole = para.text.strip()
    if not seg or seg == whole:
        return [r for r in para.runs if r.text.strip()]
    start = para.text.find(seg)
    if start < 0:
        return [r for r in para.runs if r.text.strip()]
    end = start + len(seg)
    return [r for r in para.runs if r.text.strip() and r.start < end and r.start + len(r.text) > start]


def _share(runs: Iterable[Run], attr: str) -> float | None:
    total = hit = 0
    for run in runs:
        n = _letters(run.text)
        total += n
        if getattr(run.fmt, attr):
            hit += n
    return hit / total if total else None


def shows_caps(line: Line) -> bool:
    """Typed in capitals, or shown in capitals by the caps property."""
    from cchc_lint.parse.classify import is_upper

    if is_upper(line.text):
        return True
    share = _share(line_runs(line), "caps")
    return share is not None and share > 0.5


def _is_lower(text: str) -> bool:
    """Has ordinary lower-case letters (not typed all in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) / len(letters) > 0.3


def _sizes(runs: Iterable[Run]) -> Counter:
    out: Counter = Counter()
    for run in runs:
        n = _letters(run.text)
        if n and run.fmt.size is not None:
            out[run.fmt.size] += n
    return out


def _fmt_size(value: float) -> str:
    return f"{value:g}"


def _range_text(lo: float, hi: float) -> str:
    return f"{_fmt_size(lo)} pt" if lo == hi else f"{_fmt_size(lo)}–{_fmt_size(hi)} pt"


def _bad_sizes(runs: list[Run], size: tuple[float, float]) -> list[float]:
    """Sizes outside the range that cover a meaningful part of the text (3+ characters or a quarter)."""
    sizes = _sizes(runs)
    total = sum(sizes.values())
    lo, hi = size
    return sorted(s for s, n in sizes.items() if not (lo - 0.01 <= s <= hi + 0.01) and (n >= 3 or n * 4 >= total))


def _in_table(para: Paragraph | None) -> bool:
    return para is not None and para.loc.row is not None


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= limit else text[:limit - 1] + '…'}»"


def _where(line: Line) -> str:
    loc = line.loc
    if loc.line is not None:
        return f"dòng {loc.line}"
    if loc.row is not None:
        return f"khối {loc.block}, ô ({loc.row + 1}, {(loc.col or 0) + 1})"
    return f"khối {loc.block}"


def _grouped(bad: list[tuple[Any, str]], total: int, summary: Callable[[int, Any], str]) -> Iterator[Hit]:
    """One finding per paragraph, or ONE finding when most paragraphs share the defect."""
    if len(bad) >= GROUP_MIN and (len(bad) * 2 >= total or len(bad) > 20):
        yield Hit(bad[0][0], summary(len(bad), bad[0][0]))
        return
    for target, message in bad:
        yield Hit(target, message)


def body_lines(tree: DocTree, kinds: tuple[str, ...] = BODY_KINDS) -> list[Line]:
    """Body paragraphs of the draft and of its attached documents, outside tables, each paragraph once."""
    out, seen = [], set()
    for doc in tree.documents():
        for item in doc.body_items():
            if isinstance(item, Line) and item.kind in kinds and item.para is not None \
                    and not _in_table(item.para) and id(item.para) not in seen:
                seen.add(id(item.para))
                out.append(item)
    return out


def element_of(line: Line, tree: DocTree, parents: set[int]) -> Element | None:
    elements = profile().elements
    if line.kind == "AGENCY":
        return elements["parent_agency" if id(line) in parents else "agency"]
    if line.kind == "SUBJECT" and re.match(r"^\s*V/v\b", line.text) and tree.doc_type is None:
        return elements["subject_cv"]
    key = _KIND_ELEMENT.get(line.kind)
    return elements.get(key) if key else None


_ISSUER_HEAD = re.compile(
    r"^(SỞ|BAN|PHÒNG|CỤC|CHI CỤC|VỤ|VĂN PHÒNG|TRUNG TÂM|THANH TRA|TỔNG CỤC|HỘI ĐỒNG|TRƯỜNG|BỆNH VIỆN|BỘ|"
    r"ỦY BAN|UỶ BAN|UBND|ĐẢNG ỦY|VIỆN|KHO BẠC|CÔNG AN|BẢO HIỂM|ĐÀI|BỘ CHỈ HUY|TỔ)\b(?! HÀNH)")
_PLACE_HEAD = re.compile(r"^(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b")


def header_agencies(tree: DocTree) -> list[Line]:
    """The agency lines of the header block: those before its number and date lines (a capital line the parser
    left in the header further down, such as a subject when the type name is missing, is not an agency)."""
    stops = [line.index for line in (tree.header.number_line, tree.header.place_date) if line is not None]
    if not stops:
        return list(tree.header.agencies)
    last = max(stops)
    return [line for line in tree.header.agencies if line.index < last]


def parent_agency_lines(tree: DocTree) -> set[int]:
    """ids of the header's agency lines that name the parent body (cơ quan chủ quản), not the issuer.

    The issuer is the last name in the agency block; a line continues the name above it when it starts with an
    administrative unit ("THÀNH PHỐ HỒ CHÍ MINH" under "ỦY BAN NHÂN DÂN"). When the split is not clear no line
    is called a parent, so nothing is judged as one.
    """
    lines = header_agencies(tree)
    if len(lines) < 2:
        return set()
    starts = [i for i, line in enumerate(lines) if _ISSUER_HEAD.match(line.text.strip().upper())]
    if not starts or starts[-1] == 0:
        return set()
    return {id(line) for line in lines[:starts[-1]]}


# --- TT: page -----------------------------------------------------------------------------------------------

def _wide_sections(model: DocModel, tree: DocTree) -> set[int]:
    """Sections that may be landscape: those holding an appendix or a wide table (Phụ lục I, mục I.2)."""
    out: set[int] = set()
    for item in model.flow():
        if isinstance(item, Table) and item.n_cols >= 4:
            out.add(item.section)
    for line in tree.lines:
        if line.kind in ("APPENDIX", "APPENDIX_TITLE") and line.para is not None:
            out.add(line.para.section)
    # an appendix continues to the end of its section and into the following ones
    appendix_from = min((line.para.section for line in tree.lines
                         if line.kind == "APPENDIX" and line.para is not None), default=None)
    if appendix_from is not None:
        out.update(s.index for s in model.sections if s.index >= appendix_from)
    return out


def _mm(twips: int) -> float:
    return twips / TWIPS_PER_MM


def _section_name(section: Section, count: int) -> str:
    return "trang văn bản" if count == 1 else f"section {section.index + 1}"


@rule("TT001", "kho-giay-huong-trang", "error", f"{PL1}, mục I.1–2 (khổ A4, trình bày theo chiều dài)",
      doc_types=("KH", "QD", "TB", None),
      what="Khổ giấy không phải A4 (210 × 297 mm), hoặc trang nằm ngang ở phần không phải phụ lục hay bảng rộng.",
      why="Phụ lục I quy định khổ A4, trình bày theo chiều dài; chỉ phần có bảng, biểu (phụ lục) mới được xoay ngang.",
      wrong="Khổ Letter (216 × 279 mm); phần nội dung chính nằm ngang.",
      right="A4 dọc cho văn bản; phụ lục có bảng nhiệm vụ có thể A4 ngang.")
def paper(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    page, wide = profile().page, _wide_sections(ctx.model, ctx.tree)
    count = len(ctx.model.sections)
    for section in ctx.model.sections:
        w, h = section.page_width, section.page_height
        if not w or not h:
            continue
        target = ctx.model.blocks[section.first_block].loc if section.first_block < len(ctx.model.blocks) else None
        short, long_ = sorted((w, h))
        if abs(short - page.width) > page.size_tolerance or abs(long_ - page.height) > page.size_tolerance:
            yield Hit(target, f"Khổ giấy của {_section_name(section, count)} là {_mm(short):.0f} × {_mm(long_):.0f}"
                              f" mm; Nghị định 30 quy định khổ A4 (210 × 297 mm)", legal_basis=page.basis_size)
        landscape = w > h or section.orientation == "landscape"
        if landscape and section.index not in wide:
            yield Hit(target, f"{_section_name(section, count).capitalize()} trình bày theo chiều ngang nhưng không "
                              "chứa phụ lục hay bảng, biểu; văn bản phải trình bày theo chiều dài khổ A4",
                      legal_basis=page.basis_size)


def _margin_ok(value: int | None, rng: tuple[float, float], tol: float) -> bool:
    return value is None or rng[0] - tol <= _mm(value) <= rng[1] + tol


@rule("TT002", "le-trang", "error", f"{PL1}, mục I.3 (định lề trang)",
      what="Lề trang nằm ngoài khoảng Nghị định 30 quy định.",
      why="Lề trên, dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm để đóng quyển và lưu trữ.",
      wrong="Lề trái 20 mm, lề phải 25 mm (mặc định của Word 2,54 cm).",
      right="Trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm.", fix_safety="safe")
def margins(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    page = profile().page
    tol = page.margin_tolerance
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    count = len(ctx.model.sections)
    for section in ctx.model.sections:
        values = {"top": section.margin_top, "bottom": section.margin_bottom, "left": section.margin_left,
                  "right": section.margin_right}
        ranges = {"top": page.top, "bottom": page.bottom, "left": page.left, "right": page.right}
        bad = [s for s in names if not _margin_ok(values[s], ranges[s], tol)]
        if not bad:
            continue
        landscape = (section.page_width or 0) > (section.page_height or 0) or section.orientation == "landscape"
        if landscape and _rotated_ok(values, ranges, tol):
            continue  # a landscape page keeps the binding edge where the portrait pages have it
        target = ctx.model.blocks[section.first_block].loc if section.first_block < len(ctx.model.blocks) else None
        parts = [f"lề {names[s]} {_mm(values[s]):.1f} mm (quy định {ranges[s][0]:g}–{ranges[s][1]:g} mm)"
                 for s in bad]
        yield Hit(target, f"Lề trang của {_section_name(section, count)} không đúng: {'; '.join(parts)}",
                  legal_basis=page.basis_margins)


def _rotated_ok(values: dict, ranges: dict, tol: float) -> bool:
    """Landscape pages turned either way: the edges the portrait ranges apply to are rotated by 90°."""
    for order in (("left", "right", "bottom", "top"), ("right", "left", "top", "bottom")):
        # order gives, for top/bottom/left/right of the landscape page, which portrait range applies
        mapping = dict(zip(("top", "bottom", "left", "right"), order, strict=True))
        if all(_margin_ok(values[side], ranges[mapping[side]], tol) for side in values):
            return True
    return False


def _text_length(model: DocModel) -> int:
    return sum(len(p.text) for p in model.iter_paragraphs())


@rule("TT003", "so-trang", "warning", f"{PL1}, mục I.6 (số trang văn bản)",
      what="Số trang không đặt canh giữa ở lề trên, hoặc hiển thị ở trang thứ nhất; thiếu số trang (thông tin).",
      why="Số trang đánh từ 1, canh giữa theo chiều ngang trong phần lề trên, không hiển thị số trang thứ nhất.",
      wrong="Số trang ở chân trang bên phải, hiện cả ở trang 1.",
      right="Trường PAGE trong header, canh giữa; «Different First Page» bật.")
def page_numbers(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx) or not ctx.model.sections:
        return
    basis = profile().page.basis_numbers
    sections = ctx.model.sections
    wide = _wide_sections(ctx.model, ctx.tree)
    main = [s for s in sections if s.index not in wide or s.index == 0] or list(sections)
    numbered = [s for s in main if s.header_page_number or (s.title_page and s.first_page_header_has_number)]
    if not numbered:
        if _text_length(ctx.model) > 3500:  # about two pages: a one-page draft needs no number
            yield Hit(None, "Văn bản nhiều trang nhưng không đánh số trang ở phần lề trên (header); số trang đánh "
                            "từ 1, bằng chữ số Ả Rập, canh giữa, không hiển thị ở trang thứ nhất",
                      severity=Severity.INFO, legal_basis=basis)
        return
    for section in numbered:
        align = section.header_page_number_alignment
        if section.header_page_number and align not in (None, "center"):
            label = {"left": "bên trái", "right": "bên phải", "both": "canh đều"}.get(align, align)
            yield Hit(_first_loc(ctx.model, section), f"Số trang đặt {label} trong header; phải canh giữa theo chiều "
                                                      "ngang trong phần lề trên", legal_basis=basis)
    first = sections[0]
    shows_first = first.first_page_header_has_number if first.title_page else first.header_page_number
    if shows_first:
        yield Hit(_first_loc(ctx.model, first), "Trang thứ nhất đang hiển thị số trang; Nghị định 30 quy định không "
                                                "hiển thị số trang thứ nhất (bật «Different First Page» và để trống "
                                                "header trang đầu)", legal_basis=basis)


def _first_loc(model: DocModel, section: Section):
    return model.blocks[section.first_block].loc if section.first_block < len(model.blocks) else None


# --- TT: font, colour ----------------------------------------------------------------------------------------

@lru_cache(maxsize=1024)  # a draft has a handful of font names but thousands of runs
def _norm_font(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).lower()


def _text_paragraphs(model: DocModel) -> list[Paragraph]:
    return [p for p in model.iter_paragraphs() if _ALNUM.search(p.text)]


@rule("TT004", "phong-chu", "error", f"{PL1}, mục I.4 (phông chữ Times New Roman, Unicode TCVN 6909:2001)",
      what="Chữ trong văn bản không dùng phông Times New Roman.",
      why="Phụ lục I quy định phông chữ tiếng Việt Times New Roman, bộ mã Unicode, màu đen cho toàn văn bản.",
      wrong="Đoạn văn dùng Arial hoặc .VnTime.", right="Toàn văn bản dùng Times New Roman.", fix_safety="safe")
def font(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    paras = profile().paragraphs
    want = _norm_font(paras.font)
    bad: list[tuple[Paragraph, str]] = []
    counts: Counter = Counter()
    paragraphs = _text_paragraphs(ctx.model)
    for para in paragraphs:
        fonts = Counter()
        for run in para.runs:
            if run.fmt.font and _norm_font(run.fmt.font) != want:  # the rare case first, then count letters
                n = _letters(run.text)
                if n:
                    fonts[run.fmt.font] += n
        if fonts:
            names = ", ".join(sorted(fonts))
            counts.update(fonts.keys())
            bad.append((para, f"Đoạn dùng phông {names}; văn bản phải dùng phông {paras.font}"))
    yield from (Hit(h.target, h.message, legal_basis=paras.basis_font) for h in _grouped(
        bad, len(paragraphs),
        lambda n, first: f"{n}/{len(paragraphs)} đoạn dùng phông khác {paras.font} "
                         f"({', '.join(f for f, _ in counts.most_common(3))}); đoạn đầu tiên ở "
                         f"{_where_para(first)}. Cần chuyển toàn văn bản sang phông {paras.font}"))


def _where_para(para: Paragraph) -> str:
    loc = para.loc
    if loc.line is not None:
        return f"dòng {loc.line}"
    if loc.row is not None:
        return f"khối {loc.block}, ô ({loc.row + 1}, {(loc.col or 0) + 1})"
    return f"khối {loc.block}"


_BLACK = {"000000", "AUTO", "WINDOWTEXT"}


@rule("TT005", "mau-chu", "warning", f"{PL1}, mục I.4 (màu đen)",
      what="Chữ có màu khác màu đen.", why="Phụ lục I quy định chữ màu đen.",
      wrong="Một đoạn tô màu đỏ hoặc xanh còn sót lại khi góp ý.", right="Chữ màu đen (Automatic).",
      fix_safety="safe")
def colour(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    basis = profile().paragraphs.basis_font
    paragraphs = _text_paragraphs(ctx.model)
    bad: list[tuple[Paragraph, str]] = []
    for para in paragraphs:
        colours = sorted({r.fmt.color.upper() for r in para.runs
                          if r.fmt.color and r.fmt.color.upper() not in _BLACK and _letters(r.text)})
        if colours:
            bad.append((para, f"Đoạn có chữ màu #{', #'.join(colours)}; chữ trong văn bản phải màu đen"))
    yield from (Hit(h.target, h.message, legal_basis=basis) for h in _grouped(
        bad, len(paragraphs),
        lambda n, first: f"{n}/{len(paragraphs)} đoạn có chữ không phải màu đen; đoạn đầu tiên ở "
                         f"{_where_para(first)}. Cần chuyển chữ về màu đen"))


# --- TT: size and style of each element ----------------------------------------------------------------------

def _element_lines(ctx) -> Iterator[tuple[Line, Element]]:
    tree = ctx.tree
    parents = parent_agency_lines(tree)
    agencies = {id(line) for line in header_agencies(tree)}
    previous: Line | None = None
    for line in tree.lines:
        after_issuer = previous is not None and previous.kind == "ISSUER_TITLE"
        previous = line if line.kind != "SUBJECT" or not after_issuer else previous
        if line.kind == "AGENCY" and id(line) not in agencies:
            continue
        if line.kind == "SUBJECT" and after_issuer:
            continue  # the second line of "CHỦ TỊCH ỦY BAN NHÂN DÂN / THÀNH PHỐ …", not a subject
        element = element_of(line, tree, parents)
        if element is not None and line.para is not None:
            yield line, element


@rule("TT006", "co-chu", "error", f"{PL1}, mục II (cỡ chữ từng thành phần thể thức)",
      what="Cỡ chữ của một thành phần thể thức (Quốc hiệu, tên cơ quan, số, ngày tháng, tên loại, nội dung, "
           "chức vụ, nơi nhận, phụ lục …) nằm ngoài khoảng Phụ lục I quy định.",
      why="Mỗi thành phần có cỡ chữ riêng; cỡ chữ lấy theo định dạng hiệu lực (kể cả kế thừa từ style).",
      wrong="Quốc hiệu cỡ 14; nội dung cỡ 12; «Nơi nhận:» cỡ 14.",
      right="Quốc hiệu cỡ 12–13; nội dung 13–14; «Nơi nhận:» 12; danh sách nơi nhận 11.", fix_safety="safe")
def sizes(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    seen: set[tuple[int, str]] = set()
    for line, element in _element_lines(ctx):
        if element.size is None or (id(line.para), element.key) in seen:
            continue
        seen.add((id(line.para), element.key))
        bad = _bad_sizes(line_runs(line), element.size)
        if bad:
            got = ", ".join(f"{_fmt_size(s)} pt" for s in bad)
            yield Hit(line, f"Cỡ chữ của {element.name} {_quote(line.text)} là {got}; Phụ lục I quy định "
                            f"{_range_text(*element.size)}", legal_basis=element.basis)
    yield from _body_sizes(ctx)


def _body_sizes(ctx) -> Iterator[Hit]:
    element = profile().elements["body"]
    if element.size is None:
        return
    lines = body_lines(ctx.tree)
    bad: list[tuple[Line, str]] = []
    found: Counter = Counter()
    for line in lines:
        wrong = _bad_sizes(line_runs(line), element.size)
        if wrong:
            found.update(wrong)
            got = ", ".join(f"{_fmt_size(s)} pt" for s in wrong)
            bad.append((line, f"Cỡ chữ của đoạn nội dung là {got}; Phụ lục I quy định {_range_text(*element.size)}"))
    yield from (Hit(h.target, h.message, legal_basis=element.basis) for h in _grouped(
        bad, len(lines),
        lambda n, first: f"{n}/{len(lines)} đoạn nội dung có cỡ chữ "
                         f"{', '.join(f'{_fmt_size(s)} pt' for s, _ in found.most_common(3))}; Phụ lục I quy định "
                         f"{_range_text(*element.size)} (đoạn đầu tiên ở {_where(first)})"))


_STYLE_NAMES = {"bold": ("in đậm", "không in đậm"), "italic": ("in nghiêng", "không in nghiêng (kiểu chữ đứng)")}


@rule("TT007", "kieu-chu", "error", f"{PL1}, mục II (kiểu chữ: đứng/nghiêng, đậm, in hoa/in thường)",
      what="Kiểu chữ của một thành phần thể thức (in đậm, in nghiêng, in hoa) khác quy định của Phụ lục I.",
      why="Chữ in hoa gồm chữ gõ hoa hoặc định dạng All Caps; đậm/nghiêng lấy theo định dạng hiệu lực.",
      wrong="Tiêu ngữ không đậm; dòng địa danh, ngày tháng không nghiêng; tên cơ quan chủ quản in đậm.",
      right="Quốc hiệu in hoa đậm; Tiêu ngữ đậm; ngày tháng nghiêng; «Nơi nhận:» đậm nghiêng.", fix_safety="safe")
def styles(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    seen: set[tuple[int, str]] = set()
    for line, element in _element_lines(ctx):
        if (id(line.para), element.key) in seen:
            continue
        seen.add((id(line.para), element.key))
        runs = line_runs(line)
        problems = []
        for attr in ("bold", "italic"):
            want = getattr(element, attr)
            if element.key == "basis" and not _formal_basis(line, ctx.doc_type):
                continue  # "Thực hiện Kế hoạch số …, Sở … thông báo:" opens the body; it is not a căn cứ line
            share = _share(runs, attr)
            if want is None or share is None:
                continue
            if want and share < 0.5:
                problems.append(f"phải {_STYLE_NAMES[attr][0]}")
            elif not want and share > 0.5:
                problems.append(f"phải {_STYLE_NAMES[attr][1]}")
        if element.caps is True and element.key != "type_name" and not shows_caps(line):  # type name: SN009
            problems.append("phải in hoa")
        elif element.caps is False and shows_caps(line) and _caps_judgeable(line):
            problems.append("phải in thường (chỉ viết hoa chữ cái đầu theo quy tắc), không in hoa toàn bộ")
        if problems:
            yield Hit(line, f"{element.name[0].upper()}{element.name[1:]} {_quote(line.text)}: "
                            f"{'; '.join(problems)}", legal_basis=element.basis)


_FORMAL_BASIS = re.compile(r"^\s*Căn cứ\b.*[;.,]\s*$", re.DOTALL)


def _formal_basis(line: Line, doc_type: str | None) -> bool:
    """A «Căn cứ …;» line of the căn cứ ban hành block (Phụ lục I, mục II.6), italic by rule. Outside a QĐ a
    single «Căn cứ …, Sở … thông báo …» sentence opens the body; only a list of «…;» lines is a căn cứ block."""
    text = line.text.rstrip()
    if not _FORMAL_BASIS.match(text) or text.endswith(":"):
        return False
    return doc_type == "QD" or text.endswith(";")


def _caps_judgeable(line: Line) -> bool:
    """Short names and acronyms ("UBND", "SKHĐT") are capitals by nature; judge only real words."""
    return sum(1 for w in line.text.split() if len(w) > 1 and any(c.isalpha() for c in w)) >= 2


_ALWAYS_CENTRED = {"type_name", "subject", "appendix", "appendix_title", "attach_ref"}


@rule("TT012", "canh-giua-thanh-phan", "warning", f"{PL1}, mục II.5, III.1 (canh giữa)",
      what="Tên loại, trích yếu, «Phụ lục», tên phụ lục hoặc dòng chỉ dẫn «(Kèm theo …)» không canh giữa.",
      why="Phụ lục I quy định các thành phần này được đặt canh giữa.",
      wrong="Tên loại «KẾ HOẠCH» canh trái.", right="Canh giữa (Center).", fix_safety="safe")
def centring(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    seen: set[int] = set()
    for line, element in _element_lines(ctx):
        para = line.para
        if not element.center or id(para) in seen or para.text.strip() != line.text.strip():
            continue
        if element.key not in _ALWAYS_CENTRED and not _in_table(para):
            continue  # header and signature lines are centred in their cell; typed with tabs they cannot be
        seen.add(id(para))
        if para.fmt.alignment != "center":
            label = {"left": "canh trái", "right": "canh phải", "both": "canh đều", None: "canh trái"}.get(
                para.fmt.alignment, para.fmt.alignment)
            yield Hit(line, f"{element.name[0].upper()}{element.name[1:]} {_quote(line.text)} đang {label}; phải "
                            "canh giữa", legal_basis=element.basis)


# --- TT: body paragraphs -------------------------------------------------------------------------------------

def _para_rule(ctx, judge: Callable[[Paragraph], str | None], summary: str, basis: str) -> Iterator[Hit]:
    lines = body_lines(ctx.tree, PARA_KINDS)
    bad = [(line, msg) for line in lines if (msg := judge(line.para)) is not None]
    yield from (Hit(h.target, h.message, legal_basis=basis) for h in _grouped(
        bad, len(lines), lambda n, first: f"{n}/{len(lines)} đoạn nội dung {summary} (đoạn đầu tiên ở "
                                          f"{_where(first)})"))


_ALIGN_NAMES = {"left": "canh trái", "right": "canh phải", "center": "canh giữa", None: "canh trái"}


@rule("TT008", "canh-deu-doan-van", "warning", f"{PL1}, mục II.6 (nội dung canh đều cả hai lề)",
      what="Đoạn nội dung không canh đều hai lề (Justify).",
      why="Nội dung văn bản được trình bày bằng chữ in thường, canh đều cả hai lề.",
      wrong="Đoạn văn canh trái.", right="Đoạn văn canh đều (Ctrl+J).", fix_safety="safe")
def justified(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    basis = profile().paragraphs.basis

    def judge(para: Paragraph) -> str | None:
        if para.fmt.alignment == "both" or len(para.text.strip()) < 3:
            return None
        return f"Đoạn nội dung đang {_ALIGN_NAMES.get(para.fmt.alignment, para.fmt.alignment)}; phải canh đều " \
               "cả hai lề"

    yield from _para_rule(ctx, judge, "không canh đều hai lề; cần canh đều (Justify)", basis)


def _first_line_cm(para: Paragraph) -> float:
    """Where the first line starts, from the left margin (a hanging number starts at left + first-line)."""
    return (para.fmt.indent_left + para.fmt.indent_first_line) / 566.93


@rule("TT009", "lui-dau-dong", "warning", f"{PL1}, mục II.6 (chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm)",
      what="Dòng đầu đoạn nội dung không lùi vào 1 cm đến 1,27 cm.",
      why="Khi xuống dòng, chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm.",
      wrong="Đoạn văn không thụt đầu dòng, hoặc thụt 2 cm.", right="First line 1 cm hoặc 1,27 cm.",
      fix_safety="safe")
def indent(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    paras = profile().paragraphs
    lo, hi = paras.indent_cm
    tol = paras.indent_tolerance_cm

    def judge(para: Paragraph) -> str | None:
        value = _first_line_cm(para)
        if lo - tol <= value <= hi + tol:
            return None
        return f"Dòng đầu đoạn lùi vào {value:.2f} cm; phải lùi {lo:g} cm hoặc {hi:g} cm".replace(".", ",")

    yield from _para_rule(ctx, judge, f"có dòng đầu không lùi vào {lo:g}–{hi:g} cm".replace(".", ","), paras.basis)


@rule("TT010", "khoang-cach-doan", "warning", f"{PL1}, mục II.6 (khoảng cách giữa các đoạn tối thiểu 6 pt)",
      what="Khoảng cách giữa hai đoạn nội dung dưới 6 pt.",
      why="Khoảng cách giữa các đoạn văn tối thiểu là 6 pt.",
      wrong="Spacing Before 0 pt, After 0 pt.", right="Spacing After 6 pt.", fix_safety="safe")
def spacing(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    paras = profile().paragraphs

    def judge(para: Paragraph) -> str | None:
        gap = para.fmt.space_before + para.fmt.space_after
        if gap >= paras.min_spacing_pt - 0.05:
            return None
        return f"Khoảng cách đoạn là {gap:g} pt (trước {para.fmt.space_before:g}, sau {para.fmt.space_after:g}); " \
               f"tối thiểu {paras.min_spacing_pt:g} pt"

    yield from _para_rule(ctx, judge, f"có khoảng cách đoạn dưới {paras.min_spacing_pt:g} pt", paras.basis)


@rule("TT011", "gian-dong", "warning", f"{PL1}, mục II.6 (khoảng cách dòng từ dòng đơn đến 1,5 lines)",
      what="Khoảng cách giữa các dòng nhỏ hơn dòng đơn hoặc lớn hơn 1,5 lines.",
      why="Khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa là 1,5 lines.",
      wrong="Line spacing Double; Exactly 12 pt với chữ 14.", right="Single, 1,15, 1,3 hoặc 1,5 lines; Exactly 17 pt.",
      fix_safety="safe")
def line_spacing(ctx) -> Iterator[Hit]:
    if not _is_docx(ctx):
        return
    paras = profile().paragraphs
    lo, hi = paras.line_spacing

    def judge(para: Paragraph) -> str | None:
        value, rule_ = para.fmt.line_spacing, para.fmt.line_rule
        if value is None:
            return None
        if rule_ == "auto":
            if lo - 0.01 <= value <= hi + 0.01:
                return None
            return f"Giãn dòng {value:g} lines; phải từ {lo:g} (dòng đơn) đến {hi:g} lines".replace(".", ",")
        size = _dominant_size(para) or 14.0
        single = size * 1.15  # Times New Roman's single line is about 1.15 × the font size
        low = size if rule_ == "exact" else 0.0
        if low - 0.05 <= value <= single * hi + 0.5:
            return None
        kind = "Exactly" if rule_ == "exact" else "At least"
        return f"Giãn dòng {kind} {value:g} pt với chữ {size:g} pt; phải từ dòng đơn đến 1,5 lines " \
               f"(khoảng {size:g}–{single * hi:.0f} pt)"

    yield from _para_rule(ctx, judge, f"có giãn dòng ngoài khoảng {lo:g}–{hi:g} lines".replace(".", ","),
                          paras.basis)


def _dominant_size(para: Paragraph) -> float | None:
    sizes = _sizes(para.runs)
    return sizes.most_common(1)[0][0] if sizes else None


# --- SN: header texts ----------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_TRAILING_RULE = re.compile(r"[\s_\-–—=.]{3,}$")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@rule("SN001", "quoc-hieu", "error", f"{PL1}, mục II.1 (Quốc hiệu)",
      what="Quốc hiệu không đúng nguyên văn «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM», hoặc thiếu Quốc hiệu.",
      why="Quốc hiệu là thành phần thể thức bắt buộc, ghi đúng nguyên văn, in hoa.",
      wrong="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", right="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fix_safety="safe")
def country_name(ctx) -> Iterator[Hit]:
    header, want = ctx.tree.header, profile().country
    line = header.country
    if line is None:
        # With no agency either, the whole header block is missing: BC011 reports that once, not us again.
        anchor = header.agencies[0] if header.agencies else None
        if anchor is not None and not _party(ctx.tree):
            both = f" và Tiêu ngữ «{profile().motto}»" if header.motto is None else ""
            yield Hit(anchor, f"Phần đầu văn bản thiếu Quốc hiệu «{want}»{both} (ô số 1, bên phải, ngang hàng tên "
                              "cơ quan ban hành)")
        return
    text = _TRAILING_RULE.sub("", _norm(line.text))
    if text == want:
        return
    hint = " (viết «HÒA» như nguyên văn, không viết «HOÀ»)" if "HOÀ" in text.upper() else ""
    fix = Fix("Sửa Quốc hiệu đúng nguyên văn", line.text.strip(), want) if _COUNTRY_LIKE.search(text) else None
    yield Hit(line, f"Quốc hiệu ghi {_quote(text)}; phải ghi đúng nguyên văn «{want}»{hint}", fix=fix)


_COUNTRY_LIKE = re.compile(r"(?i)c[ộo]ng\s*h(?:[òo]a|oà).*vi[ệe]t\s*nam")


def _party(tree: DocTree) -> bool:
    return any("ĐẢNG CỘNG SẢN" in line.text.upper() for line in tree.header.agencies[:3])


@rule("SN002", "tieu-ngu", "error", f"{PL1}, mục II.1 (Tiêu ngữ)",
      what="Tiêu ngữ không đúng nguyên văn «Độc lập - Tự do - Hạnh phúc» (gạch nối giữa các cụm từ, chữ đầu "
           "cụm từ viết hoa), hoặc thiếu Tiêu ngữ.",
      why="Giữa các cụm từ có gạch nối (-), có cách chữ; chữ cái đầu của các cụm từ viết hoa.",
      wrong="Độc lập – Tự do – Hạnh phúc; ĐỘC LẬP - TỰ DO - HẠNH PHÚC; Độc lập-Tự do-Hạnh phúc",
      right="Độc lập - Tự do - Hạnh phúc", fix_safety="safe")
def motto(ctx) -> Iterator[Hit]:
    header, want = ctx.tree.header, profile().motto
    line = header.motto
    if line is None:
        if header.country is not None:
            yield Hit(header.country, f"Thiếu Tiêu ngữ «{want}» dưới Quốc hiệu")
        return
    text = _TRAILING_RULE.sub("", _norm(line.text))
    if text == want:
        return
    problems = []
    if re.search(r"[–—]", text):
        problems.append("dùng gạch ngang dài thay cho gạch nối (-)")
    if re.search(r"\S-|-\S", text):
        problems.append("thiếu khoảng cách hai bên gạch nối")
    if text.isupper():
        problems.append("in hoa toàn bộ (Tiêu ngữ in thường, chỉ viết hoa chữ cái đầu mỗi cụm từ)")
    detail = f" ({'; '.join(problems)})" if problems else ""
    yield Hit(line, f"Tiêu ngữ ghi {_quote(text)}{detail}; phải ghi «{want}»",
              fix=Fix("Sửa Tiêu ngữ đúng nguyên văn", line.text.strip(), want))


# --- SN: number ----------------------------------------------------------------------------------------------

_NUMBER_LINE = re.compile(r"^\s*(?P<so>S[ốỐoO])\s*(?P<colon>[:.;]?)\s*(?P<rest>.*?)\s*$", re.IGNORECASE)
_SYMBOL = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$")
_BLANK = re.compile(r"^[\s.…_]*$")


def number_line(tree: DocTree) -> Line | None:
    """The header's «Số:» line; also one the classifier left as text because its number is blank ("Số: TB-…")."""
    if tree.header.number_line is not None:
        return tree.header.number_line
    for line in tree.lines:
        if line.kind in ("TYPE_NAME", "BASIS", "H_ROMAN", "H_ARABIC", "ARTICLE"):
            break
        if re.match(r"^\s*Số\s*:", line.text) and len(line.text) < 60:
            return line
    return None


_DATE_LIKE = re.compile(r"(?:^|[,\s])ngày\b.{0,12}\btháng\b", re.IGNORECASE)


def place_date_line(tree: DocTree) -> Line | None:
    """The header's place-and-date line; also one the classifier missed (no comma after the place)."""
    if tree.header.place_date is not None:
        return tree.header.place_date
    for line in tree.lines:
        if line.kind in ("TYPE_NAME", "BASIS", "H_ROMAN", "H_ARABIC", "ARTICLE"):
            break
        if _DATE_LIKE.search(line.text) and len(line.text) < 90:
            return line
    return None


@dataclass(frozen=True, slots=True)
class NumberParts:
    colon: bool
    so: str
    number: str  # as typed, stripped
    symbol: str  # as typed, stripped ("" when no slash)
    slash: bool
    rest: str

    @property
    def blank(self) -> bool:
        return bool(_BLANK.match(self.number))


def split_number(text: str) -> NumberParts | None:
    m = _NUMBER_LINE.match(text)
    if not m:
        return None
    rest = m.group("rest")
    if "/" in rest:
        number, symbol = rest.split("/", 1)
        slash = True
    elif re.match(r"^\d", rest):
        number, symbol, slash = rest, "", False
    else:
        number, symbol, slash = "", rest, False
    return NumberParts(colon=m.group("colon") == ":", so=m.group("so"), number=number.strip(),
                       symbol=symbol.strip(), slash=slash, rest=rest)


def is_unsigned(tree: DocTree) -> bool:
    """The draft still waits for its number or its day (Decree 30, Điều 15: both are given at issue)."""
    line = number_line(tree)
    if line is not None:
        parts = split_number(line.text)
        if parts is not None and parts.blank:
            return True
    date_line = place_date_line(tree)
    if date_line is not None:
        m = _DATE.search(date_line.text)
        if m and _BLANK.match(m.group("d")):
            return True
    return False


@rule("SN003", "so-ky-hieu", "error", f"{PL1}, mục II.3 (số, ký hiệu của văn bản)",
      what="Dòng «Số:» sai cách trình bày: thiếu dấu hai chấm, thiếu dấu gạch chéo giữa số và ký hiệu, có khoảng "
           "trắng trong số, ký hiệu, hoặc các nhóm chữ viết tắt không nối bằng gạch nối.",
      why="Sau từ «Số» có dấu hai chấm; giữa số và ký hiệu có dấu gạch chéo (/); giữa các nhóm chữ viết tắt có "
          "gạch nối (-), không cách chữ.",
      wrong="Số 12 / KH - UBND", right="Số: 12/KH-UBND", fix_safety="safe")
def number_format(ctx) -> Iterator[Hit]:
    line = number_line(ctx.tree)
    if line is None or _party(ctx.tree):
        return
    parts = split_number(line.text)
    if parts is None:
        return
    problems: list[str] = []
    if not parts.colon:
        problems.append("sau từ «Số» phải có dấu hai chấm (:)")
    if parts.so != "Số":
        problems.append("từ «Số» viết in thường (chỉ hoa chữ S)")
    if not parts.slash:
        problems.append("thiếu dấu gạch chéo (/) giữa số và ký hiệu")
    symbol = parts.symbol
    if re.search(r"\s", symbol) or (not parts.blank and re.search(r"\s", parts.rest)):
        problems.append("không được có khoảng trắng trong số, ký hiệu")
    compact = re.sub(r"\s+", "", symbol)
    if re.search(r"[–—_]", compact):
        problems.append("giữa các nhóm chữ viết tắt dùng gạch nối (-)")
    compact = re.sub(r"[–—_]", "-", compact)
    year = re.match(r"^(\d{4})/(.*)$", compact)
    sym = year.group(2) if year else compact
    if sym and not _SYMBOL.match(sym):
        problems.append(f"ký hiệu {_quote(sym)} phải là các nhóm chữ viết tắt in hoa nối bằng gạch nối, ví dụ "
                        "«KH-UBND»")
    if not sym and parts.slash:
        problems.append("thiếu ký hiệu sau dấu gạch chéo")
    if not problems:
        return
    fix = None
    if parts.slash and sym and _SYMBOL.match(sym):
        number = parts.number if not parts.blank else "     "
        if not parts.blank:
            number = re.sub(r"\s+", "", number)
            number = f"{int(number):02d}" if number.isdigit() else number
        new = f"Số: {number}/{compact}"
        if new != line.text.strip():
            fix = Fix("Sửa cách trình bày số, ký hiệu", line.text.strip(), new)
    yield Hit(line, f"Dòng số, ký hiệu {_quote(line.text)}: {'; '.join(problems)} (ví dụ «Số: 12/KH-UBND»)",
              fix=fix)


@cache
def _type_abbreviations() -> dict[str, str]:
    """Type name in capitals → abbreviation (Phụ lục III), from rules/doc_types.yaml."""
    out = {"KẾ HOẠCH": "KH", "QUYẾT ĐỊNH": "QĐ", "THÔNG BÁO": "TB", "BÁO CÁO": "BC", "TỜ TRÌNH": "TTr",
           "CHỈ THỊ": "CT", "CHƯƠNG TRÌNH": "CTr", "NGHỊ QUYẾT": "NQ", "HƯỚNG DẪN": "HD", "QUY CHẾ": "QC",
           "QUY ĐỊNH": "QyĐ", "ĐỀ ÁN": "ĐA", "PHƯƠNG ÁN": "PA", "DỰ ÁN": "DA", "THÔNG CÁO": "TC"}
    try:
        from cchc_lint import data

        types = data.doc_types()
    except Exception:  # keep the built-in table of Phụ lục III
        return out
    entries = types.values() if isinstance(types, dict) else types
    for entry in entries or ():
        name = _attr(entry, "name", "type_name", "ten_loai")
        abbr = _attr(entry, "abbreviation", "abbr", "viet_tat", "code")
        if isinstance(name, str) and isinstance(abbr, str) and abbr.strip():
            out[name.strip().upper().replace("HOÀ", "HÒA").replace("UỶ", "ỦY")] = abbr.strip()
    return out


def _attr(entry: Any, *names: str) -> Any:
    for name in names:
        value = entry.get(name) if isinstance(entry, dict) else getattr(entry, name, None)
        if value is not None:
            return value
    return None


@rule("SN004", "ky-hieu-ten-loai", "error", f"{PL3}, mục I (bảng chữ viết tắt tên loại văn bản)",
      what="Chữ viết tắt tên loại trong ký hiệu không khớp với tên loại của văn bản.",
      why="Ký hiệu gồm chữ viết tắt tên loại văn bản theo Phụ lục III (Kế hoạch: KH, Quyết định: QĐ, Thông báo: "
          "TB …) và chữ viết tắt tên cơ quan ban hành.",
      wrong="KẾ HOẠCH … Số: 12/QĐ-UBND", right="KẾ HOẠCH … Số: 12/KH-UBND")
def symbol_type(ctx) -> Iterator[Hit]:
    line = number_line(ctx.tree)
    type_name = ctx.tree.title.type_name
    if line is None or not type_name or _party(ctx.tree):
        return
    want = _type_abbreviations().get(type_name.upper().replace("HOÀ", "HÒA"))
    parts = split_number(line.text)
    if not want or parts is None:
        return
    compact = re.sub(r"[\s–—_]+", lambda m: "-" if m.group(0).strip() else "", parts.symbol)
    compact = re.sub(r"^\d{4}/", "", compact)
    first = compact.split("-", 1)[0]
    if not first or first == want:
        return
    if first.upper() == want.upper():
        yield Hit(line, f"Chữ viết tắt tên loại «{first}» phải viết đúng «{want}» theo Phụ lục III", severity=None)
        return
    yield Hit(line, f"Văn bản là {type_name.capitalize()} nhưng ký hiệu {_quote(parts.symbol)} mang chữ viết tắt "
                    f"«{first}»; theo Phụ lục III phải là «{want}» (ví dụ «{want}-{_issuer(compact) or 'UBND'}»)")


def _issuer(symbol: str) -> str | None:
    parts = symbol.split("-", 1)
    return parts[1] if len(parts) > 1 else None


# --- SN: place and date --------------------------------------------------------------------------------------

_DATE = re.compile(r"(?P<ngay>ngày|Ngày|NGÀY)\s*(?P<d>[^\s]*?)\s*(?P<thang>tháng|Tháng|THÁNG)\s*(?P<m>[^\s]*?)\s*"
                   r"(?P<nam>năm|Năm|NĂM)\s*(?P<y>[^\s]*?)\s*$")
_PLACE_DATE = re.compile(r"^(?P<place>.*?)(?P<comma>,?)\s*(?=(?:ngày|Ngày|NGÀY)\b)")


@dataclass(frozen=True, slots=True)
class DateParts:
    place: str
    comma: bool
    day: str
    month: str
    year: str

    def value(self) -> date | None:
        try:
            return date(int(self.year), int(self.month), int(self.day))
        except ValueError:
            return None


def split_date(text: str) -> DateParts | None:
    text = _norm(text)
    m = _DATE.search(text)
    if not m:
        return None
    head = _PLACE_DATE.match(text[:m.start()] + text[m.start():])
    place = head.group("place").strip() if head else ""
    return DateParts(place=place, comma=bool(head and head.group("comma")), day=m.group("d"), month=m.group("m"),
                     year=m.group("y"))


@rule("SN005", "dia-danh-ngay-thang", "error", f"{PL1}, mục II.4 (địa danh và thời gian ban hành)",
      what="Dòng địa danh, ngày tháng không theo mẫu «<địa danh>, ngày DD tháng MM năm YYYY», ngày tháng không "
           "hợp lệ, hoặc thiếu dòng này.",
      why="Thời gian ban hành phải viết đầy đủ ngày … tháng … năm …, bằng chữ số Ả Rập; sau địa danh có dấu phẩy.",
      wrong="Hà Nội ngày 28/02/2020", right="Hà Nội, ngày 28 tháng 02 năm 2020", fix_safety="safe")
def place_date(ctx) -> Iterator[Hit]:
    tree = ctx.tree
    line = place_date_line(tree)
    if line is None:
        if number_line(tree) is not None and tree.header.country is not None:
            yield Hit(number_line(tree), "Thiếu dòng địa danh và thời gian ban hành «<địa danh>, ngày … tháng … "
                                         "năm …» ngang hàng dòng số, ký hiệu")
        return
    text = _norm(line.text)
    parts = split_date(text)
    if parts is None:
        yield Hit(line, f"Dòng địa danh, ngày tháng {_quote(text)} phải viết đầy đủ «<địa danh>, ngày DD tháng MM "
                        "năm YYYY» (không viết tắt dạng 28/02/2020)")
        return
    problems: list[str] = []
    fix = None
    if not parts.place:
        problems.append("thiếu địa danh trước ngày tháng")
    elif not parts.comma:
        problems.append("sau địa danh phải có dấu phẩy (,)")
        fix = Fix("Thêm dấu phẩy sau địa danh", line.text.strip(), f"{parts.place}, {text[len(parts.place):].strip()}")
    if re.search(r"Ngày|NGÀY|Tháng|THÁNG|Năm|NĂM", text[len(parts.place):]):
        problems.append("các chữ «ngày», «tháng», «năm» viết thường")
    for label, value in (("ngày", parts.day), ("tháng", parts.month), ("năm", parts.year)):
        if value and not _BLANK.match(value) and not value.isdigit():
            problems.append(f"{label} «{value}» phải ghi bằng chữ số Ả Rập")
    if parts.year and parts.year.isdigit() and len(parts.year) != 4:
        problems.append(f"năm «{parts.year}» phải ghi đủ bốn chữ số")
    if parts.day.isdigit() and parts.month.isdigit() and parts.year.isdigit() and len(parts.year) == 4 \
            and parts.value() is None:
        problems.append(f"ngày {parts.day}/{parts.month}/{parts.year} không có thật")
    if problems:
        yield Hit(line, f"Dòng địa danh, ngày tháng {_quote(text)}: {'; '.join(problems)}", fix=fix)


def _zero_fixed(value: str, month: bool) -> str | None:
    """The value written by the zero rule, or None when it is already right (or not a number)."""
    if not value.isdigit():
        return None
    n = int(value)
    pad = n in (1, 2) if month else n < 10
    want = f"{n:02d}" if pad else str(n)
    return want if want != value else None


@rule("SN006", "so-0-dung-truoc", "error", f"{PL1}, mục II.3–4 (số và ngày nhỏ hơn 10, tháng 1, 2 thêm số 0)",
      what="Số văn bản, ngày hoặc tháng ban hành sai quy tắc số 0: số và ngày nhỏ hơn 10, tháng 1 và 2 phải có "
           "số 0 phía trước; tháng 3 đến 12 không có.",
      why="«Với những số nhỏ hơn 10 phải ghi thêm số 0 phía trước»; «đối với những số thể hiện ngày nhỏ hơn 10 và "
          "tháng 1, 2 phải ghi thêm số 0 phía trước».",
      wrong="Số: 5/KH-UBND; ngày 5 tháng 2 năm 2021; ngày 15 tháng 03 năm 2021",
      right="Số: 05/KH-UBND; ngày 05 tháng 02 năm 2021; ngày 15 tháng 3 năm 2021", fix_safety="safe")
def leading_zeros(ctx) -> Iterator[Hit]:
    tree = ctx.tree
    line = number_line(tree)
    parts = split_number(line.text) if line is not None else None
    if parts is not None and parts.number.isdigit() and not _party(tree):
        n = int(parts.number)
        want = f"{n:02d}"
        if n < 10 and parts.number != want:
            old = line.text.strip()
            new = re.sub(rf"(?<![\d/]){re.escape(parts.number)}(?=\s*/)", want, old, count=1)
            yield Hit(line, f"Số văn bản «{parts.number}» nhỏ hơn 10 phải ghi thêm số 0 phía trước: «{want}»",
                      fix=Fix("Thêm số 0 trước số văn bản", old, new) if new != old else None)
    pd = place_date_line(tree)
    dparts = split_date(pd.text) if pd is not None else None
    if dparts is None:
        return
    day, month = _zero_fixed(dparts.day, False), _zero_fixed(dparts.month, True)
    if not day and not month:
        return
    problems = []
    old = pd.text.strip()
    new = old
    if day:
        problems.append(f"ngày «{dparts.day}» phải ghi «{day}»")
        new = re.sub(rf"(ngày\s*){re.escape(dparts.day)}(\s*tháng)", rf"\g<1>{day}\g<2>", new, count=1)
    if month:
        rule_text = "tháng 1, 2 có số 0 phía trước" if int(dparts.month) in (1, 2) else \
            "tháng 3 đến 12 không ghi số 0 phía trước"
        problems.append(f"tháng «{dparts.month}» phải ghi «{month}» ({rule_text})")
        new = re.sub(rf"(tháng\s*){re.escape(dparts.month)}(\s*năm)", rf"\g<1>{month}\g<2>", new, count=1)
    fix = Fix("Sửa số 0 trong ngày tháng", old, new) if new != old else None
    yield Hit(pd, f"Ngày tháng ban hành {_quote(old)}: {'; '.join(problems)}", fix=fix)


@rule("SN007", "ngay-trong-tuong-lai", "warning", f"{ND30}, Điều 15 (số và thời gian ban hành)",
      what="Ngày ban hành ghi trên văn bản sau ngày hôm nay.",
      why="Thời gian ban hành là ngày văn bản được ký, cấp số; ghi ngày chưa tới thường là gõ nhầm năm hoặc tháng.",
      wrong="(hôm nay 10/3/2021) Hà Nội, ngày 20 tháng 12 năm 2031", right="Hà Nội, ngày 10 tháng 3 năm 2021")
def future_date(ctx) -> Iterator[Hit]:
    pd = place_date_line(ctx.tree)
    parts = split_date(pd.text) if pd is not None else None
    value = parts.value() if parts is not None and parts.year.isdigit() and parts.day.isdigit() \
        and parts.month.isdigit() else None
    today = date.today()
    if value is not None and value > today:
        yield Hit(pd, f"Ngày ban hành {value.day:02d}/{value.month:02d}/{value.year} sau ngày hôm nay "
                      f"({today.day:02d}/{today.month:02d}/{today.year}); kiểm tra lại ngày, tháng, năm")


@rule("SN008", "du-thao-chua-cap-so-ngay", "info", f"{ND30}, Điều 15 (cấp số, thời gian ban hành văn bản)",
      what="Số văn bản hoặc ngày ban hành còn để trống: bản dự thảo chưa ký ban hành.",
      why="Số và ngày được cấp khi văn bản được ký ban hành; để trống ở bản trình ký là đúng, nhắc để điền khi "
          "phát hành.",
      wrong="(văn bản đã ký) Số:      /KH-UBND", right="Số: 15/KH-UBND")
def blank_number_date(ctx) -> Iterator[Hit]:
    line = number_line(ctx.tree)
    parts = split_number(line.text) if line is not None else None
    if parts is not None and parts.blank:
        yield Hit(line, "Số văn bản còn để trống (dự thảo chưa ký ban hành); số được cấp khi phát hành theo "
                        "Điều 15 Nghị định 30")
    pd = place_date_line(ctx.tree)
    dparts = split_date(pd.text) if pd is not None else None
    if dparts is not None and _BLANK.match(dparts.day):
        yield Hit(pd, "Ngày ban hành còn để trống (dự thảo chưa ký ban hành); ngày được ghi khi ký, cấp số")


@rule("SN009", "ten-loai-in-hoa", "error", f"{PL1}, mục II.5a (tên loại văn bản in hoa)",
      what="Tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH, THÔNG BÁO …) không in hoa.",
      why="Tên loại văn bản được trình bày bằng chữ in hoa, đậm, canh giữa.",
      wrong="Kế hoạch", right="KẾ HOẠCH", fix_safety="safe")
def type_name_caps(ctx) -> Iterator[Hit]:
    for line in ctx.tree.lines:
        if line.kind != "TYPE_NAME":
            continue
        if shows_caps(line):
            continue
        text = line.text.strip()
        yield Hit(line, f"Tên loại văn bản {_quote(text)} phải in hoa: «{text.upper()}»",
                  fix=Fix("Viết hoa tên loại văn bản", text, text.upper()))


# --- SN: signature block and recipients ----------------------------------------------------------------------

_PREFIX_BAD = re.compile(r"^(?P<p>T/M|K/T|T/L|T\.M|K\.T|T\.L|TM|KT|TL|TUQ|Tm|Kt|Tl|Tuq|tm|kt|tl|tuq)"
                         r"(?P<dot>\.?)\s+(?P<rest>\S.*)$")
_PREFIX_OK = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s+\S")
_PREFIX_CANON = {"T/M": "TM", "K/T": "KT", "T/L": "TL", "T.M": "TM", "K.T": "KT", "T.L": "TL"}


def _closings(tree: DocTree) -> Iterator[DocTree]:
    for doc in tree.documents():
        closing = doc.closing
        if closing.authority or closing.signer or closing.recipients_title or closing.recipients:
            yield doc


def _authority_block(doc: DocTree) -> list[Line]:
    """The right-hand column of the signature block: authority lines and the lines the grammar kept beside them."""
    return [line for line in doc.closing.authority]


@rule("SN010", "tham-quyen-ky", "error", f"{PL1}, mục II.7 (quyền hạn, chức vụ của người ký)",
      what="Dòng thẩm quyền ký sai: chữ viết tắt TM./KT./TL./TUQ./Q. viết sai, «KT.» không có chức vụ cấp phó ở "
           "dòng dưới, hoặc sau TM./TL./TUQ. không có chức vụ người ký.",
      why="Ký thay mặt tập thể ghi «TM.»; ký thay người đứng đầu ghi «KT.» và chức vụ cấp phó ở dòng dưới; "
          "ký thừa lệnh «TL.», thừa ủy quyền «TUQ.», quyền cấp trưởng «Q.».",
      wrong="K/T GIÁM ĐỐC / GIÁM ĐỐC", right="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", fix_safety="safe")
def authority(ctx) -> Iterator[Hit]:
    for doc in _closings(ctx.tree):
        yield from _authority_prefixes(doc)
        lines = _authority_block(doc)
        for i, line in enumerate(lines):
            text = line.text.strip()
            if not _PREFIX_OK.match(text):
                continue
            prefix = text.split(".", 1)[0]
            nxt = lines[i + 1].text.strip() if i + 1 < len(lines) and _position_like(lines[i + 1].text) else None
            if prefix == "KT":
                if nxt is None:
                    yield Hit(line, f"Sau {_quote(text)} thiếu dòng chức vụ của cấp phó ký thay (ví dụ «PHÓ "
                                    f"{text[3:].strip()}»)")
                elif not re.match(r"^(PHÓ|Phó)\b", nxt) and not _PREFIX_OK.match(nxt):
                    yield Hit(lines[i + 1], f"Ký thay ({_quote(text)}) thì dòng dưới là chức vụ cấp phó; "
                                            f"{_quote(nxt)} không phải chức vụ cấp phó (ví dụ «PHÓ "
                                            f"{text[3:].strip()}»)")
            elif prefix in ("TM", "TL", "TUQ") and nxt is None:
                yield Hit(line, f"Sau {_quote(text)} thiếu dòng chức vụ của người ký")


def _position_like(text: str) -> bool:
    """A line that can be a position ("PHÓ GIÁM ĐỐC"): short, no figures (not a title caught in the block)."""
    return not any(c.isdigit() for c in text) and len(text.split()) <= 10


def _authority_prefixes(doc: DocTree) -> Iterator[Hit]:
    """Prefixes written the Party way (T/M, K/T) or without their dot, in the right-hand signature lines."""
    closing = doc.closing
    seen = {id(line) for line in closing.authority}
    candidates = [*closing.authority]
    for line in doc.lines if doc.lines else ():
        if line.kind in ("AUTHORITY_TITLE", "CLOSING_TEXT") and id(line) not in seen:
            candidates.append(line)
    for line in candidates:
        text = line.text.strip()
        if _PREFIX_OK.match(text):
            continue
        m = _PREFIX_BAD.match(text)
        if not m or not m.group("rest")[:1].isupper():
            continue
        raw = m.group("p")
        canon = _PREFIX_CANON.get(raw, raw.upper())
        if raw == canon and m.group("dot"):
            continue
        new = f"{canon}. {m.group('rest')}"
        yield Hit(line, f"Chữ viết tắt thẩm quyền ký {_quote(text)} phải viết «{canon}.» (in hoa, có dấu chấm): "
                        f"«{new}»", fix=Fix("Sửa chữ viết tắt thẩm quyền ký", text, new))


@rule("SN011", "thieu-nguoi-ky", "warning", f"{PL1}, mục II.7 (họ tên người ký)",
      what="Khối chữ ký có chức vụ nhưng không có họ và tên người ký.",
      why="Thành phần chính của văn bản gồm chức vụ, họ tên và chữ ký của người có thẩm quyền (Điều 8).",
      wrong="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / (không có họ tên)", right="… / Nguyễn Văn A")
def signer(ctx) -> Iterator[Hit]:
    for doc in _closings(ctx.tree):
        if doc.closing.authority and doc.closing.signer is None:
            titles = [line for line in doc.closing.authority if _position_like(line.text)]
            last = (titles or doc.closing.authority)[-1]
            block = " / ".join(line.text.strip() for line in doc.closing.authority if _position_like(line.text))
            yield Hit(last, f"Khối chữ ký {_quote(block)} thiếu họ và tên người ký (in thường, đậm, dưới chức vụ)")


_BULLETS = "-+•–—*·"
_LUU = re.compile(r"^[-–—+•*]?\s*Lưu\b", re.IGNORECASE)


def _entries(recipients: list[Line]) -> list[list[Line]]:
    """Recipient entries: a line starting with a dash, and the wrapped lines that continue it."""
    entries: list[list[Line]] = []
    for line in recipients:
        text = line.text.strip()
        starts = text[:1] in _BULLETS or text[:1].isupper() or _LUU.match(text) is not None
        if entries and not starts:
            entries[-1].append(line)
        else:
            entries.append([line])
    return entries


@rule("SN012", "noi-nhan", "warning", f"{PL1}, mục II.9b (nơi nhận)",
      what="Phần nơi nhận sai cách trình bày: «Nơi nhận:» thiếu dấu hai chấm, dòng không bắt đầu bằng gạch đầu "
           "dòng (-) hoặc không kết thúc bằng dấu chấm phẩy (;).",
      why="«Nơi nhận» in thường, sau có dấu hai chấm; mỗi nơi nhận một dòng, đầu dòng gạch đầu dòng (-), cuối dòng "
          "dấu chấm phẩy (;); dòng cuối «- Lưu: VT, …» kết thúc bằng dấu chấm.",
      wrong="Nơi nhận / + UBND tỉnh, / - Sở Nội vụ", right="Nơi nhận: / - UBND tỉnh; / - Sở Nội vụ;",
      fix_safety="safe")
def recipients(ctx) -> Iterator[Hit]:
    for doc in _closings(ctx.tree):
        title = doc.closing.recipients_title
        if title is not None:
            text = _norm(title.text)
            m = re.match(r"^(Nơi\s+nhận)\s*(:?)\s*(.*)$", text, re.IGNORECASE)
            if m and not m.group(3) and (m.group(1) != "Nơi nhận" or not m.group(2)):
                yield Hit(title, f"Dòng {_quote(text)} phải viết «Nơi nhận:» (in thường, có dấu hai chấm)",
                          fix=Fix("Sửa «Nơi nhận:»", title.text.strip(), "Nơi nhận:"))
        entries = _entries(doc.closing.recipients)
        for i, entry in enumerate(entries):
            yield from _entry_hits(entry, last=i == len(entries) - 1)


def _entry_hits(entry: list[Line], last: bool) -> Iterator[Hit]:
    """One finding per recipient line, with every correction of that line in one fix."""
    first, end = entry[0], entry[-1]
    text = first.text.strip()
    if _LUU.match(text):
        return  # judged by SN013
    problems: dict[int, list[str]] = {}
    fixed: dict[int, str] = {id(line): line.text.strip() for line in entry}
    if text[:1] != "-":
        what = f"bắt đầu bằng «{text[0]}»" if text[:1] in _BULLETS else "thiếu gạch đầu dòng"
        problems.setdefault(id(first), []).append(f"{what}; đầu dòng phải là gạch đầu dòng (-)")
        fixed[id(first)] = "- " + text.lstrip(_BULLETS + " ")
    if not last and not end.text.strip().endswith(";"):  # the last entry should be "Lưu" (SN013)
        problems.setdefault(id(end), []).append("cuối dòng phải có dấu chấm phẩy (;)")
        fixed[id(end)] = re.sub(r"[\s.,:]*$", "", fixed[id(end)]) + ";"
    for line in entry:
        if id(line) in problems:
            old = line.text.strip()
            yield Hit(line, f"Dòng nơi nhận {_quote(old)}: {'; '.join(problems[id(line)])}",
                      fix=Fix("Sửa dòng nơi nhận", old, fixed[id(line)]))


_LUU_OK = re.compile(r"^- Lưu: VT(?:, \S.*)?\.$")


@rule("SN013", "dong-luu", "warning", f"{PL1}, mục II.9b (dòng «Lưu» cuối nơi nhận)",
      what="Dòng cuối của nơi nhận không phải «- Lưu: VT, <đơn vị soạn thảo>.» hoặc viết sai.",
      why="Dòng cuối cùng gồm chữ «Lưu», dấu hai chấm, chữ viết tắt «VT», dấu phẩy, chữ viết tắt tên đơn vị soạn "
          "thảo và số lượng bản lưu, cuối cùng là dấu chấm.",
      wrong="- Lưu VT.", right="- Lưu: VT, KHTH.", fix_safety="safe")
def archive_line(ctx) -> Iterator[Hit]:
    for doc in _closings(ctx.tree):
        recips = doc.closing.recipients
        if not recips:
            continue
        luu = [line for line in recips if _LUU.match(line.text.strip())]
        if not luu:
            yield Hit(recips[-1], "Nơi nhận thiếu dòng cuối «- Lưu: VT, <chữ viết tắt đơn vị soạn thảo>.»")
            continue
        line = luu[-1]
        text = _norm(line.text)
        if line is not recips[-1] and not _is_continuation(recips[recips.index(line) + 1:]):
            yield Hit(line, f"Dòng {_quote(text)} phải là dòng cuối cùng của nơi nhận")
        if _LUU_OK.match(text):
            continue
        problems = []
        body = re.sub(r"^[-–—+•*]?\s*Lưu\s*", "", text, flags=re.IGNORECASE)
        if not body.startswith(":"):
            problems.append("sau chữ «Lưu» phải có dấu hai chấm")
        body = body.lstrip(": ").strip()
        if not re.match(r"^VT\b", body):
            problems.append("phải có chữ viết tắt «VT» (Văn thư)")
        units = re.sub(r"^VT\s*[,;]?\s*", "", body).rstrip(". ;,")
        if not units:
            problems.append("thiếu chữ viết tắt tên đơn vị soạn thảo sau «VT,»")
        if not text.endswith(".") or text.endswith(";."):
            problems.append("cuối dòng phải có dấu chấm")
        if not text.startswith("-"):
            problems.append("đầu dòng phải có gạch đầu dòng (-)")
        if not problems:
            problems.append("phải viết «- Lưu: VT, <đơn vị>.»")
        new = None
        if re.match(r"^VT\b", body):
            new = f"- Lưu: VT, {units}." if units else "- Lưu: VT."
        fix = Fix("Sửa dòng «Lưu»", line.text.strip(), new) if new and new != line.text.strip() else None
        yield Hit(line, f"Dòng {_quote(text)}: {'; '.join(problems)} (ví dụ «- Lưu: VT, KHTH.»)", fix=fix)


def _is_continuation(lines: list[Line]) -> bool:
    return all(not (line.text.strip()[:1] in _BULLETS or line.text.strip()[:1].isupper()) for line in lines)


@rule("SN014", "ket-thuc-noi-dung", "warning", f"{PL3}, mục II (các mẫu văn bản kết thúc nội dung bằng «./.»)",
      what="Nội dung văn bản không kết thúc bằng «./.».",
      why="Mọi mẫu văn bản ở Phụ lục III kết thúc phần nội dung bằng dấu «./.» để không thể thêm nội dung sau khi "
          "ký (quy ước của các mẫu, không phải một câu quy định: mức cảnh báo).",
      wrong="… tổ chức thực hiện.", right="… tổ chức thực hiện./.", fix_safety="safe")
def ending(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        if doc.ending is not None:
            continue
        last = _last_body_line(doc)
        if last is None:
            continue
        tail = last.text.rstrip()
        new = re.sub(r"[\s./]*$", "", tail) + "./."
        name = "văn bản kèm theo" if doc is not ctx.tree else "văn bản"
        yield Hit(last, f"Nội dung {name} không kết thúc bằng «./.» ở cuối đoạn cuối cùng {_quote(tail[-60:])}",
                  fix=Fix("Thêm «./.» cuối nội dung", tail, new))


def _last_body_line(doc: DocTree) -> Line | None:
    last = None
    for item in doc.body_items():
        if isinstance(item, Line) and item.text.strip():
            last = item
        elif not isinstance(item, Line):
            last = None  # content ending with a table: nothing to judge
    return last


@hookimpl
def cchc_lint_rules():
    return [paper, margins, page_numbers, font, colour, sizes, styles, justified, indent, spacing, line_spacing,
            centring, country_name, motto, number_format, symbol_type, place_date, leading_zeros, future_date,
            blank_number_date, type_name_caps, authority, signer, recipients, archive_line, ending]
