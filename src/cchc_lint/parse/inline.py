"""The inline languages of administrative text: dates, document numbers, citations, time cells, reporting duties.

Each language has a lark grammar in ``grammars/`` (LALR, built once on first use) and a Transformer here that
turns the parse into plain values; the dataclasses are assembled from those. In running text a cheap regex finds
the candidate spans and the grammar parses each one, so a paragraph without a digit or a type word costs one
regex scan. Input is expected in NFC (the readers normalise it). No public function raises on any text: what
does not parse is ``None``, ``[]`` or a ``Period`` of kind ``"unparsed"``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import LarkError

__all__ = [
    "Citation", "DocNumber", "Period", "ReportDuty", "VnDate",
    "find_citations", "find_dates", "find_doc_numbers", "find_reporting_statements",
    "parse_date", "parse_doc_number", "parse_time_expr",
]

_MAX_DIGITS = 6  # longer digit runs are nonsense here (and int() of huge strings is slow or refused)


def _int(text: str | None) -> int | None:
    if not text or not text.isdigit():
        return None
    return int(text) if len(text) <= _MAX_DIGITS else 0  # 0 is invalid as day, month, quarter and year


# ----------------------------------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class VnDate:
    raw: str
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    day_text: str | None  # digits exactly as written, for the zero-padding rules
    month_text: str | None
    style: str  # "words" | "numeric"
    valid: bool  # complete and a real calendar date

    @property
    def value(self) -> dt.date | None:
        if not self.valid or self.day is None or self.month is None or self.year is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def is_blank(self) -> bool:
        return self.day is None or self.month is None


@v_args(inline=True)
class _DateTransformer(Transformer):
    """→ (style, day text, month text, year text); a blank part is None."""

    def start(self, parts: tuple) -> tuple:
        return parts

    def words(self, _ngay: Token, day: str | None, _thang: Token, month: str | None, _nam: Token,
              year: str | None) -> tuple:
        return "words", day, month, year

    def numeric(self, day: Token, _s1: Token, month: Token, _s2: Token, year: Token) -> tuple:
        return "numeric", str(day), str(month), str(year)

    def day(self, tok: Token | None = None) -> str | None:
        return str(tok) if tok is not None and tok.type == "NUM" else None

    month = year = day


def _is_real_date(day: int | None, month: int | None, year: int | None) -> bool:
    if day is None or month is None or year is None or not 1000 <= year <= 9999:
        return False
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _vn_date(parts: tuple, text: str, start: int, end: int) -> VnDate | None:
    style, day_text, month_text, year_text = parts
    if any(t is not None and len(t) > 4 for t in (day_text, month_text, year_text)):
        return None
    day, month, year = _int(day_text), _int(month_text), _int(year_text)
    return VnDate(text[start:end], start, end, day, month, year, day_text, month_text, style,
                  _is_real_date(day, month, year))


# Candidates in running text. A numeric date needs a 4-digit year and must not run on into a symbol, so
# "30/2020/NĐ-CP" and "1355/KH" are never dates.
_WORDS_DATE = re.compile(
    r"(?<!\w)ngày\s*(?:(?:\d{1,2}|[.…_]+)\s*)?tháng\s*(?:(?:\d{1,2}|[.…_]+)\s*)?năm"
    r"(?:\s*(?:\d{4}|\d{0,3}[.…_][\d.…_]*))?(?!\w)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<![\w/.\-–])\d{1,2}([/.\-])\d{1,2}\1\d{4}(?!\w|[/.\-–]\w)")
_FILLED = re.compile(r"[\d.…_]")  # "ngày tháng năm sinh" is a form label, not a blank date
_DIGIT = re.compile(r"\d")


def parse_date(text: str) -> VnDate | None:
    """The date when the whole string is one ("ngày 05 tháng 3 năm 2020", "05/3/2020"), else None."""
    stripped = text.strip()
    parts = _parse("date", stripped) if stripped else None
    if parts is None:
        return None
    start = len(text) - len(text.lstrip())
    return _vn_date(parts, text, start, start + len(stripped))


def find_dates(text: str) -> list[VnDate]:
    """All dates in running text, in order, blanks of a draft included."""
    if not _DIGIT.search(text) and "ngày" not in text.lower():
        return []
    spans = [m.span() for m in _WORDS_DATE.finditer(text) if _FILLED.search(m.group())]
    spans += [m.span() for m in _NUMERIC_DATE.finditer(text)]
    found = (_date_at(text, s, e) for s, e in sorted(spans))
    return [d for d in found if d is not None]


def _date_at(text: str, start: int, end: int) -> VnDate | None:
    parts = _parse("date", text[start:end])
    return _vn_date(parts, text, start, end) if parts is not None else None


# --------------------------------------------------------------------------------------------- doc numbers

# Decree 30 Phụ lục III (administrative), the normative types, and the Party's (HD 36-HD/VPTW).
_ADMIN_TYPES = frozenset({
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ",
    "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB",
})
_NORMATIVE_TYPES = frozenset({"NĐ", "QĐ", "TT", "TTLT", "NQ", "NQLT", "CT", "L", "PL"})
_PARTY_TYPES = frozenset({"NQ", "QĐ", "QĐi", "CT", "HD", "KL", "TB", "BC", "TTr", "CV", "QC", "QyĐ", "KH", "CTr", "ĐA", "TC"})
_TYPES = _ADMIN_TYPES | _NORMATIVE_TYPES | _PARTY_TYPES
# Party issuers: central bodies end in "TW" (TW, VPTW, BTGTW); tỉnh/thành/huyện/quận ủy; đảng ủy; ban cán sự.
_PARTY_ISSUER = re.compile(r"^(?:\w*TW|TU|ThU|HU|QU|ĐU\w*|BCS\w*)$")


@dataclass(frozen=True, slots=True)
class DocNumber:
    raw: str
    start: int
    end: int
    number: str | None  # None when left blank in a draft
    year: int | None  # normative numbers only
    type_abbr: str | None  # None for a công văn ("05/BNV-VP")
    issuer: str | None
    kind: str  # "admin" | "normative" | "party"
    # "spaces" ("1355 / KH - SKHĐT"), "dash" (an en dash for "-"), "no-leading-zero" ("5/KH-UBND"),
    # "party-state-form" ("18/NQ-TW"), "party-mixed" ("18-NQ-TW"), "separator" ("5-KH-UBND", a state number)
    style_problems: tuple[str, ...]
    symbol: str = ""  # canonical symbol: "KH-SKHĐT", "NĐ-CP", "NQ/TW"

    @property
    def canonical(self) -> str:
        if self.kind == "party":
            return f"{self.number or ''}-{self.symbol}"
        number = _zero_pad(self.number)
        if self.kind == "normative":
            return f"{number}/{self.year}/{self.symbol}"
        return f"{number}/{self.symbol}"

    @property
    def is_blank(self) -> bool:
        return self.number is None


def _zero_pad(number: str | None) -> str:
    """Decree 30: a number below 10 is written with a leading zero ("05"); "5c" → "05c"."""
    if number is None:
        return ""
    return "0" + number if number[:1].isdigit() and not number[1:2].isdigit() else number


@dataclass(frozen=True, slots=True)
class _RawNumber:
    """What the grammar saw; positions are relative to the parsed string."""

    form: str  # "state" | "normative" | "party" | "mixed"
    number: Token | None  # NUM or BLANK
    year: Token | None
    type_code: str | None  # the code between "-" and "/" in the Party form
    codes: tuple[str, ...]  # the symbol's codes
    start: int
    core: int  # where whitespace starts to count as a style problem (after a blank number)
    end: int


class _NumberTransformer(Transformer):
    def start(self, children: list) -> _RawNumber:
        return children[-1]  # the "Số:" prefix carries nothing

    def num(self, children: list) -> Token:
        return children[0]

    def symbol(self, children: list) -> list[Token]:
        return children

    def state(self, children: list) -> _RawNumber:
        return _raw_number("state", children)

    def normative(self, children: list) -> _RawNumber:
        return _raw_number("normative", children)

    def party(self, children: list) -> _RawNumber:
        return _raw_number("party", children)

    def mixed(self, children: list) -> _RawNumber:
        return _raw_number("mixed", children)


def _raw_number(form: str, children: list) -> _RawNumber:
    *head, symbol = children
    first_sep = next(i for i, t in enumerate(head) if t.type in ("SLASH", "DASH"))
    number = head[0] if first_sep == 1 else None
    year = next((t for t in head[first_sep:] if t.type == "NUM"), None)
    type_code = next((_fix_d(str(t)) for t in head if t.type == "CODE"), None)
    codes = tuple(_fix_d(str(t)) for t in symbol if t.type == "CODE")
    start = (number or head[first_sep]).start_pos
    # Whitespace in a blank number is the blank itself, not a style problem.
    core = start if number is not None and number.type == "NUM" else head[first_sep].start_pos
    return _RawNumber(form, number, year, type_code, codes, start, core, symbol[-1].end_pos)


def _fix_d(code: str) -> str:
    return code.replace("Ð", "Đ")  # U+00D0 look-alike → U+0110


def _classify(raw: _RawNumber) -> tuple[str, str | None, str | None, str, tuple[str, ...]]:
    """→ kind, type abbreviation, issuer, canonical symbol, form problems."""
    codes = raw.codes
    if raw.form in ("party", "mixed"):
        issuer = "-".join(codes)
        if raw.form == "mixed" and not _PARTY_ISSUER.match(issuer):
            return "admin", raw.type_code, issuer, f"{raw.type_code}-{issuer}", ("separator",)
        problems = ("party-mixed",) if raw.form == "mixed" else ()
        return "party", raw.type_code, issuer, f"{raw.type_code}/{issuer}", problems
    symbol = "-".join(codes)
    if raw.form == "normative":
        if len(codes) == 1:  # "80/2015/QH13": the law-maker and its term, "QH" stands for the type
            return "normative", codes[0].rstrip("0123456789") or None, codes[0], symbol, ()
        return "normative", codes[0], "-".join(codes[1:]), symbol, ()
    if codes[0] not in _TYPES:  # a công văn: the whole symbol names the issuer
        return "admin", None, symbol, symbol, ()
    issuer = "-".join(codes[1:]) or None
    if issuer and codes[0] in _PARTY_TYPES and _PARTY_ISSUER.match(issuer):
        return "party", codes[0], issuer, f"{codes[0]}/{issuer}", ("party-state-form",)
    return "admin", codes[0], issuer, symbol, ()


def _doc_number(raw: _RawNumber, text: str, offset: int) -> DocNumber | None:
    if raw.year is not None and not (len(raw.year) == 4 and raw.year.isdigit()):
        return None
    kind, type_abbr, issuer, symbol, problems = _classify(raw)
    number = str(raw.number) if raw.number is not None and raw.number.type == "NUM" else None
    start, end = offset + raw.start, offset + raw.end
    core = text[offset + raw.core:end]
    extra = [p for p, bad in (
        ("spaces", re.search(r"\s", core)),
        ("dash", re.search(r"[–‐]", core)),
        ("no-leading-zero", kind != "party" and number is not None and _zero_pad(number) != number),
    ) if bad]
    return DocNumber(text[start:end], start, end, number, _int(raw.year and str(raw.year)), type_abbr, issuer,
                     kind, (*problems, *extra), symbol)


_CODE = r"[A-ZĐÐ][A-Za-zĐđÐ0-9]*"
_SP = r"[ \t\u00a0]{0,3}"
_SYMBOL = rf"{_CODE}(?:[-–‐]{_CODE})*"  # no spaces around "-" in running text: " - " there is prose
_YEAR_PART = rf"(?:\d{{4}}{_SP}/{_SP})?"
_END = r"(?![\w/\-–‐])"
_DOC_NUMBER = re.compile(
    rf"(?<![\w/.\-–‐])\d{{1,6}}[a-zđ]{{0,3}}"
    rf"(?:{_SP}[-–‐]{_SP}{_CODE}{_SP}/{_SP}{_SYMBOL}"  # Party: 19-NQ/TW
    rf"|[-–‐]{_CODE}[-–‐]{_SYMBOL}"  # 18-NQ-TW
    rf"|{_SP}/{_SP}{_YEAR_PART}{_SYMBOL}){_END}"  # state: 1355/KH-SKHĐT, 30/2020/NĐ-CP
)
# A number left blank is only recognisable after "Số:".
_BLANK_NUMBER = re.compile(
    rf"(?<!\w)(?i:số)[ \t\u00a0]*:?[ \t\u00a0]*(?P<body>(?:[.…_]+[ \t\u00a0]*)?/{_SP}{_YEAR_PART}{_SYMBOL}){_END}")
_NUMBER_PREFIX = re.compile(r"(?i:số)\b")


def parse_doc_number(text: str) -> DocNumber | None:
    """The number of a "Số:" line or a bare number ("1355/KH-SKHĐT", "Số:    /KH-SKHĐT"), else None."""
    stripped = text.strip()
    if "/" not in stripped and "-" not in stripped:
        return None
    raw = _parse("docnumber", stripped)
    if raw is not None:
        return _doc_number(raw, text, len(text) - len(text.lstrip()))
    if _NUMBER_PREFIX.match(stripped):  # "Số: 12/KH-UBND" followed by something else on the line
        found = find_doc_numbers(text)
        return found[0] if found else None
    return None


def find_doc_numbers(text: str) -> list[DocNumber]:
    """All document numbers in running text, in order."""
    if "/" not in text and "-" not in text:
        return []
    spans = {m.span() for m in _DOC_NUMBER.finditer(text)}
    spans |= {m.span("body") for m in _BLANK_NUMBER.finditer(text)}
    found = (_number_at(text, s, e) for s, e in sorted(spans))
    return [n for n in found if n is not None]


def _number_at(text: str, start: int, end: int) -> DocNumber | None:
    raw = _parse("docnumber", text[start:end])
    return _doc_number(raw, text, start) if raw is not None else None


# ---------------------------------------------------------------------------------------------- citations

_LAW_WORDS = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
_LAW_PRESENT = re.compile(r"Luật|Bộ luật|Pháp lệnh|Hiến pháp")
_NUMBER_HINT = re.compile(r"\d\s{0,3}[-/–‐]|[-/–‐]\s{0,3}[A-ZĐ]")  # «12/KH», «19-NQ», a blank «/KH-UBND»
_DATE_MASK, _NUMBER_MASK = "\ue000", "\ue001"


@dataclass(frozen=True, slots=True)
class Citation:
    raw: str
    start: int
    end: int
    type_word: str  # "Nghị định", "Luật", "Thông tư liên tịch" …
    number: DocNumber | None
    date: VnDate | None
    issuer: str | None
    subject: str | None
    name: str | None  # a law cited by name: "Luật Tổ chức chính quyền địa phương"
    year: int | None = None  # from the date, "năm 2015" after a law's name, or the number

    @property
    def is_law(self) -> bool:
        return self.type_word in _LAW_WORDS


@dataclass(frozen=True, slots=True)
class _Part:
    """A lead or a clause of a citation; positions relative to the parsed segment."""

    marker: Token | None  # None for the lead (text before any marker)
    text_start: int
    text_end: int


@dataclass(frozen=True, slots=True)
class _RawCitation:
    type_tok: Token
    name_end: int | None
    anchor: Token | None  # DOCREF, DATE or YEAR right after a law's name
    docref: Token | None
    parts: tuple[_Part, ...]


@v_args(inline=True)
class _CitationTransformer(Transformer):
    def start(self, raw: _RawCitation) -> _RawCitation:
        return raw

    def numbered(self, type_tok: Token, docref: Token, *parts: _Part) -> _RawCitation:
        return _RawCitation(type_tok, None, None, docref, parts)

    def named(self, type_tok: Token, name_end: int, anchor: Token, *parts: _Part) -> _RawCitation:
        docref = anchor if anchor.type == "DOCREF" else None
        return _RawCitation(type_tok, name_end, anchor, docref, parts)

    def name(self, *toks: Token) -> int:
        return toks[-1].end_pos

    def when(self, tok: Token) -> Token:
        return tok

    def lead(self, *toks: Token) -> _Part:
        return _Part(None, toks[0].start_pos, toks[-1].end_pos)

    def clause(self, marker: Token, *toks: Token) -> _Part:
        if not toks:
            return _Part(marker, marker.end_pos, marker.end_pos)
        return _Part(marker, toks[0].start_pos, toks[-1].end_pos)


@cache
def _citation_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Type word, numbered and law triggers; the type words come from the grammar's TYPE terminal so that
    the two lists cannot drift apart."""
    types = _parser("citation").get_terminal("TYPE").pattern.to_regexp()
    numbered = re.compile(rf"(?<!\w){types}\s+(?:số\s*:?\s*)?{_NUMBER_MASK}", re.IGNORECASE)
    law = re.compile(
        rf"(?<!\w)(?:Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?P<name>[^;\n.{_DATE_MASK}{_NUMBER_MASK}]{{1,200}}?)"
        rf"\s*(?:{_DATE_MASK}|năm\s+\d{{4}}(?!\d)|số\s*:?\s*{_NUMBER_MASK})")
    return re.compile(types, re.IGNORECASE), numbered, law


_LOWER_NAME_START = re.compile(r"(sửa đổi|bổ sung|nước)\b")  # "Luật sửa đổi, bổ sung …", "Hiến pháp nước …"
_CONNECTOR = re.compile(r"(?:^|[,;:(]|(?<!\w)(?:và|hoặc|cùng|hay|và các))\s*$", re.IGNORECASE)
_TRAILING_WORD = re.compile(r"(?<!\w)(?:và|hoặc|cùng|các|hay|tại|theo)$", re.IGNORECASE)
_SUBJECT_MARKERS = frozenset({"VE", "VE_VIEC", "BAN_HANH", "VERB"})


def find_citations(text: str) -> list[Citation]:
    """Citations of documents: "Nghị định số 61/2018/NĐ-CP ngày … của Chính phủ về …", "Luật … ngày …"."""
    type_word, numbered, law = _citation_patterns()
    if not _DIGIT.search(text):  # every citation has a number, date or year
        return []
    # A citation is triggered by a document number or by a law named with its date: without either (most
    # paragraphs), skip the masking and parsing — the triggers below could not fire. Cheapest tests first.
    has_number = _NUMBER_HINT.search(text) and (_DOC_NUMBER.search(text) or _BLANK_NUMBER.search(text))
    if (not has_number and not _LAW_PRESENT.search(text)) or not type_word.search(text):
        return []
    masked, dates, numbers = _mask(text)
    triggers = _triggers(masked, numbered, law)
    cuts = _hard_cuts(masked)
    cutting = [t for t in triggers if _cuts_before(masked, t)]
    out = []
    for start in triggers:
        end = min(_next_after(cuts, start, len(text)), _next_after(cutting, start, len(text)))
        citation = _citation(text, masked, start, end, dates, numbers)
        if citation is not None:
            out.append(citation)
    return out


def _next_after(positions: list[int], start: int, default: int) -> int:
    i = bisect.bisect_right(positions, start)
    return positions[i] if i < len(positions) else default


def _mask(text: str) -> tuple[str, dict[int, VnDate], dict[int, DocNumber]]:
    """Dates and numbers replaced by runs of private-use characters, so that offsets stay the same."""
    chars = list(text.replace(_DATE_MASK, "?").replace(_NUMBER_MASK, "?"))
    dates: dict[int, VnDate] = {}
    for d in find_dates(text):
        start = _with_ngay(text, d)
        chars[start:d.end] = _DATE_MASK * (d.end - start)
        dates[start] = d
    numbers: dict[int, DocNumber] = {}
    for n in find_doc_numbers(text):
        if all(c not in (_DATE_MASK, _NUMBER_MASK) for c in chars[n.start:n.end]):
            chars[n.start:n.end] = _NUMBER_MASK * (n.end - n.start)
            numbers[n.start] = n
    return "".join(chars), dates, numbers


def _with_ngay(text: str, date: VnDate) -> int:
    """A numeric date keeps the "ngày" before it, as a date in words does."""
    m = re.search(r"(?<!\w)ngày\s*$", text[max(0, date.start - 12):date.start], re.IGNORECASE)
    return date.start - (len(m.group()) if m else 0)


def _triggers(masked: str, numbered: re.Pattern, law: re.Pattern) -> list[int]:
    # "… quy phạm pháp luật số 80/2015/QH13": a law word starts a citation only when capitalised.
    starts = {m.start() for m in numbered.finditer(masked)
              if m.group()[:1].isupper() or _type_word(m.group().split()[0]) not in ("Luật", "Bộ")}
    for m in law.finditer(masked):
        name = m.group("name")
        if name[:1].isupper() or _LOWER_NAME_START.match(name):
            starts.add(m.start())
    return sorted(starts)


def _hard_cuts(masked: str) -> list[int]:
    """Ends of a citation's reach: ";", a line break, a full stop before a capital."""
    cuts = [m.start() for m in re.finditer(r"[;\n]", masked)]
    cuts += [m.start() for m in re.finditer(r"\.\s+(\S)", masked) if m.group(1).isupper()]
    return sorted(cuts)


def _cuts_before(masked: str, start: int) -> bool:
    """A citation after a connector ("… của Chính phủ và Nghị quyết số …") ends the one before it; one
    inside a subject ("… sửa đổi một số điều của Nghị định số …") is nested and leaves it whole."""
    return bool(_CONNECTOR.search(masked[max(0, start - 12):start]))


def _citation(text: str, masked: str, start: int, end: int, dates: dict[int, VnDate],
              numbers: dict[int, DocNumber]) -> Citation | None:
    raw = _parse_citation(masked[start:end])
    if raw is None:
        return None
    return _Assembler(text, start, end, dates, numbers).build(raw)


class _Assembler:
    """Cuts issuer, subject and name out of the source text by the positions the grammar found."""

    def __init__(self, text: str, base: int, seg_end: int, dates: dict[int, VnDate],
                 numbers: dict[int, DocNumber]) -> None:
        self.text, self.base, self.seg_end = text, base, seg_end
        self.dates, self.numbers = dates, numbers

    def build(self, raw: _RawCitation) -> Citation:
        number = self._number(raw.docref)
        date, year = self._anchor(raw.anchor)
        parts = list(raw.parts)
        if date is None and parts and parts[0].marker is not None and parts[0].marker.type == "DATE":
            date = self.dates.get(self.base + parts[0].marker.start_pos)  # the date right after the number
            parts.pop(0)
        issuer, subject = self._issuer(parts), self._subject(parts)
        name = self._trimmed(self.base, self.base + raw.name_end) if raw.name_end is not None else None
        ends = [self.base + raw.type_tok.end_pos] + [x.end for x in (number, date, issuer, subject, name) if x]
        if raw.anchor is not None and raw.anchor.type == "YEAR":
            ends.append(self.base + raw.anchor.end_pos)
        end = max(ends)
        year = year or (date.year if date else None) or (number.year if number else None)
        return Citation(self.text[self.base:end], self.base, end, _type_word(raw.type_tok), number, date,
                        issuer and issuer.text, subject and subject.text, name and name.text, year)

    def _number(self, docref: Token | None) -> DocNumber | None:
        if docref is None:
            return None
        return self.numbers.get(self.base + docref.start_pos + str(docref).find(_NUMBER_MASK))

    def _anchor(self, anchor: Token | None) -> tuple[VnDate | None, int | None]:
        if anchor is None or anchor.type == "DOCREF":
            return None, None
        if anchor.type == "YEAR":
            return None, _int(str(anchor).split()[-1])
        return self.dates.get(self.base + anchor.start_pos), None

    def _issuer(self, parts: list[_Part]) -> _Cut | None:
        for part in parts:
            kind = part.marker.type if part.marker is not None else None
            if kind == "CUA":
                return self._trimmed(self.base + part.text_start, self.base + part.text_end)
            if kind in _SUBJECT_MARKERS or kind == "COMMA":
                return None
        return None

    def _subject(self, parts: list[_Part]) -> _Cut | None:
        for part in parts:
            kind = part.marker.type if part.marker is not None else None
            if kind == "COMMA":
                return None
            if kind in _SUBJECT_MARKERS:
                start = part.marker.start_pos if kind == "VERB" else part.text_start
                return self._trimmed(self.base + start, self.seg_end)
        return None

    def _trimmed(self, start: int, end: int) -> _Cut | None:
        """The text between, without surrounding blanks and a trailing connector ("… Chính phủ và")."""
        piece = self.text[start:end]
        while True:
            shorter = _TRAILING_WORD.sub("", piece.rstrip(" \t\u00a0,.;:(")).rstrip()
            if shorter == piece:
                break
            piece = shorter
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        return _Cut(piece, start + lead + len(piece)) if piece else None


@dataclass(frozen=True, slots=True)
class _Cut:
    text: str
    end: int


def _type_word(tok: str) -> str:
    word = " ".join(tok.split()).lower()
    return word[:1].upper() + word[1:]


# ------------------------------------------------------------------------------------------ time expressions


@dataclass(frozen=True, slots=True)
class Period:
    kind: str  # "deadline" | "period" | "recurring" | "unparsed"
    start: dt.date | None
    end: dt.date | None  # a period's last day; a deadline's date ("trước quý III/2020": the quarter's first day)
    label: str | None  # the label of a "label: value" part
    raw: str
    recurrence: str | None = None  # "monthly" | "quarterly" | "half-yearly" | "yearly" | "weekly" | "continuous"
    invalid_date: bool = False


@dataclass(frozen=True, slots=True)
class _Span:
    """One calendar unit as written; the year may be missing and is lent later."""

    unit: str  # "day" | "month" | "quarter" | "year" | "head" (first n months) | "tail" | "" (from previous)
    n: int | None
    year: int | None
    day: int | None = None
    upto: int | None = None  # last year of "2021 - 2025"


def _unit_value(tok: Token) -> int | None:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4}
    return roman.get(str(tok).upper()) if tok.type == "ROMAN" else _int(str(tok))


_RECURRENCE = {"NAM": "yearly", "QUY": "quarterly", "THANG": "monthly", "TUAN": "weekly"}
_MONTHS_RECURRENCE = {1: "monthly", 3: "quarterly", 6: "half-yearly", 12: "yearly"}


@v_args(inline=True)
class _TimeTransformer(Transformer):
    """→ ("deadline", span) | ("spans", spans, separators) | ("recurring", recurrences, year)."""

    def start(self, *children: Any) -> Any:
        return children[-1]  # a leading "Hoàn thành" carries nothing

    def date_slash(self, a: Token, _s: Token, b: Token, _s2: Token | None = None, c: Token | None = None) -> _Span:
        if c is None:  # "01/2020" is a month, "15/12" a day without its year
            if len(b) == 4:
                return _Span("month", _int(a), _int(b))
            return _Span("day", _int(b), None, _int(a))
        return _Span("day", _int(b), _int(c), _int(a))

    def date_other(self, a: Token, _s: Token, b: Token, _s2: Token, c: Token) -> _Span:
        return _Span("day", _int(b), _int(c), _int(a))

    def date_words(self, a: Token, _t: Token, b: Token, _n: Token | None = None, c: Token | None = None) -> _Span:
        return _Span("day", _int(b), _int(c and str(c)), _int(a))

    def single(self, *children: Any) -> tuple:
        return "deadline", children[-1]

    deadline_date = deadline_unit = rpoint = single

    def quarter(self, _q: Token, n: Token, year: int | None = None) -> _Span:
        return _Span("quarter", _unit_value(n), year)

    def month(self, _t: Token, n: Token, year: int | None = None) -> _Span:
        return _Span("month", _int(n), year)

    def bare_item(self, n: Token, year: int | None = None) -> _Span:
        return _Span("", _unit_value(n), year)

    def yearpart(self, _sep: Token, year: Token) -> int | None:
        return _int(year)

    def range_sep(self, _tok: Token) -> str:
        return "range"

    def spans(self, *children: Any) -> tuple:
        items = tuple(c for c in children if isinstance(c, _Span))
        seps = tuple(sep for c in children if not isinstance(c, _Span) and (sep := _separator(c)))
        return "spans", items, seps  # a leading "Trong" has no separator

    def years(self, *children: Token) -> tuple | None:
        ints = [c for c in children if c.type == "INT"]
        if any(len(c) != 4 for c in ints):
            return None  # "5" or "Năm 20" is not a year
        first = _int(ints[0]) if ints else None
        upto = _int(ints[1]) if len(ints) > 1 else None
        return "spans", (_Span("year", None, first, upto=upto),), ()

    def year_point(self, *children: Token) -> _Span:
        return _Span("year", None, _int(children[-1]))

    def half(self, n: Token, _t: Token, side: Token, _nam: Token, year: Token | None = None) -> tuple:
        unit = "head" if side.type == "DAU" else "tail"
        return "spans", (_Span(unit, _int(n), _int(year and str(year))),), ()

    def range(self, _tu: Token, a: Any, _den: Token, b: Any) -> tuple:
        return "spans", (_point(a), _point(b)), ("range",)

    def continuous(self, *children: Any) -> tuple:
        return "recurring", ("continuous",), _within(children)

    def periodic(self, *children: Any) -> tuple:
        units = tuple(c for c in children if isinstance(c, str) and not isinstance(c, Token))
        return "recurring", units, _within(children)

    def unit_word(self, *toks: Token) -> str:
        if len(toks) == 1:
            return _RECURRENCE[toks[0].type]
        n = _int(toks[0]) or 0
        return _MONTHS_RECURRENCE.get(n, f"{n}-monthly")

    def within(self, *toks: Token) -> int | None:
        return _int(toks[-1])


def _separator(child: Any) -> str | None:
    if child == "range" and not isinstance(child, Token):
        return "range"
    return "list" if isinstance(child, Token) and child.type in ("COMMA", "AND") else None


def _point(value: Any) -> _Span:
    return value[1] if isinstance(value, tuple) else value  # a date inside "Từ … đến …" comes as a deadline


def _within(children: Iterable[Any]) -> int | None:
    years = [c for c in children if isinstance(c, int) and not isinstance(c, bool)]
    return years[-1] if years else None


def _year_bounds(year: int, upto: int | None = None) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(upto or year, 12, 31)


def _month_bounds(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    if not 1 <= first <= last <= 12:
        raise ValueError("month")
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


_BOUNDS: dict[str, Callable[[_Span, int], tuple[dt.date, dt.date]]] = {
    "day": lambda s, y: (dt.date(y, s.n or 0, s.day or 0),) * 2,
    "month": lambda s, y: _month_bounds(y, s.n or 0, s.n or 0),
    "quarter": lambda s, y: _month_bounds(y, 3 * (s.n or 0) - 2, 3 * (s.n or 0)),
    "year": lambda s, y: _year_bounds(y, s.upto),
    "head": lambda s, y: _month_bounds(y, 1, s.n or 0),
    "tail": lambda s, y: _month_bounds(y, 13 - (s.n or 13), 12),
}


def _bounds(span: _Span, default_year: int | None) -> tuple[dt.date | None, dt.date | None, bool]:
    """→ first day, last day, invalid; no year at all gives (None, None, False)."""
    year = span.year if span.year is not None else default_year
    if year is None:
        return None, None, False
    try:
        first, last = _BOUNDS[span.unit](span, year)
    except (ValueError, KeyError, OverflowError):
        return None, None, True
    return (first, last, False) if first <= last else (None, None, True)


def _lend(items: list[_Span]) -> list[_Span]:
    """"Quý I, II/2020": a bare item takes the unit before it and every item the year after it."""
    out, unit = [], items[0].unit
    for item in items:
        unit = item.unit or unit
        out.append(replace(item, unit=unit))
    year = None
    for i in range(len(out) - 1, -1, -1):
        year = out[i].year if out[i].year is not None else year
        out[i] = replace(out[i], year=year)
    return out


def _span_periods(items: list[_Span], seps: list[str], label: str | None, raw: str,
                  default_year: int | None) -> list[Period]:
    items = _lend(items)
    groups = [[items[0]]]
    for sep, item in zip(seps, items[1:], strict=False):
        if sep == "range":
            groups[-1].append(item)
        else:
            groups.append([item])
    out = []
    for group in groups:
        first, _, bad_first = _bounds(group[0], default_year)
        _, last, bad_last = _bounds(group[-1], default_year)
        out.append(Period("period", first, last, label, raw, invalid_date=bad_first or bad_last))
    return out


def _to_periods(shape: tuple, label: str | None, raw: str, default_year: int | None) -> list[Period]:
    kind = shape[0]
    if kind == "deadline":
        first, _, bad = _bounds(_lend([shape[1]])[0], default_year)
        return [Period("deadline", None, first, label, raw, invalid_date=bad)]
    if kind == "spans":
        return _span_periods(shape[1], shape[2], label, raw, default_year)
    first, last = _year_bounds(shape[2]) if shape[2] and 1 <= shape[2] <= 9999 else (None, None)
    return [Period("recurring", first, last, label, raw, recurrence=r) for r in shape[1]]


_SEGMENT_SPLIT = re.compile(r"[\n;]")


def parse_time_expr(text: str, default_year: int | None = None) -> list[Period]:
    """The periods of a "thời gian" cell; several "label: value" parts give several periods."""
    out: list[Period] = []
    for segment in _SEGMENT_SPLIT.split(text):
        segment = segment.strip().lstrip("-+•*–").strip()
        if segment:
            out.extend(_segment_periods(segment, default_year))
    return out


def _segment_periods(segment: str, default_year: int | None) -> list[Period]:
    label, shape = None, _time_value(segment)
    if shape is None and ":" in segment:
        head, value = segment.split(":", 1)
        label, shape = head.strip() or None, _time_value(value)
    if shape is None:
        return [Period("unparsed", None, None, None, segment)]
    return _to_periods(shape, label, segment, default_year)


def _time_value(value: str) -> tuple | None:
    value = value.strip().rstrip(".,;").strip()
    if not value:
        return None
    shape = _parse("timeexpr", value)
    if shape is None and value.endswith(")") and "(" in value:  # "Quý II/2020 (dự kiến)"
        shape = _parse("timeexpr", value[:value.rindex("(")])
    return shape


# ------------------------------------------------------------------------------------------- reporting duties


@dataclass(frozen=True, slots=True)
class ReportDuty:
    raw: str
    start: int
    end: int
    kind: str  # "month" | "quarter" | "half-year" | "9-month" | "year" | "other"
    ordinal: int | None  # quarter 1–4; half 1/2 ("6 tháng đầu/cuối năm")
    label: str
    deadline: VnDate | None
    window_start: VnDate | None
    window_end: VnDate | None


_MONTHS_KIND = {3: "quarter", 6: "half-year", 9: "9-month", 12: "year"}


@v_args(inline=True)
class _ReportTransformer(Transformer):
    """→ ((kind, ordinal), …)."""

    def start(self, *children: Any) -> tuple[tuple[str, int | None], ...]:
        return tuple(c for c in children if isinstance(c, tuple))

    def quarter(self, *toks: Token) -> tuple[str, int | None]:
        last = toks[-1]
        return "quarter", _unit_value(last) if last.type in ("ROMAN", "INT") else None

    def months(self, *toks: Token) -> tuple[str, int | None]:
        n = next((_int(t) for t in toks if t.type == "INT"), None) or 0
        side = next((t.type for t in toks if t.type in ("DAU", "CUOI")), None)
        ordinal = {"DAU": 1, "CUOI": 2}.get(side or "") if n == 6 else None
        return _MONTHS_KIND.get(n, "other"), ordinal

    def month(self, *_toks: Token) -> tuple[str, None]:
        return "month", None

    def year(self, *_toks: Token) -> tuple[str, None]:
        return "year", None

    def other(self, *_toks: Token) -> tuple[str, None]:
        return "other", None


_KIND = (r"(?:h[àằ]ng\s+)?(?:quý(?:\s+(?:IV|I{1,3}|[1-4])(?!\w))?|\d{1,2}\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?"
         r"|tháng|năm|tuần|đột\s+xuất)(?!\w)")
_DUTY = re.compile(rf"(?<!\w)báo\s+cáo(?:\s+định\s+k[ỳì])?\s+{_KIND}(?:\s*(?:,|và)\s*{_KIND})*", re.IGNORECASE)
_DEADLINE_BEFORE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn(?:\s+chót)?|không\s+quá|muộn\s+nhất)(?:\s+ngày)?\s*$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<!\w)từ(?:\s+ngày)?\s*$", re.IGNORECASE)
_TO_BEFORE = re.compile(r"(?:đến|tới)(?:\s+hết)?(?:\s+ngày)?\s*$", re.IGNORECASE)
_DUTY_REACH = 400  # characters after a label searched for its dates


def find_reporting_statements(text: str) -> list[ReportDuty]:
    """Reporting duties ("Báo cáo quý I: gửi trước ngày …; số liệu tính từ ngày … đến ngày …"), in order."""
    if "báo" not in text.lower():
        return []
    matches = list(_DUTY.finditer(text))
    out = []
    for i, m in enumerate(matches):
        kinds = _parse("report", m.group())
        if not kinds:
            continue
        reach = min(matches[i + 1].start() if i + 1 < len(matches) else len(text), m.end() + _DUTY_REACH)
        out.extend(_duties(text, m, kinds, reach))
    return out


def _duties(text: str, m: re.Match, kinds: tuple[tuple[str, int | None], ...], reach: int) -> list[ReportDuty]:
    if len(kinds) > 1:  # "báo cáo định kỳ hàng quý, 6 tháng, năm": a list of kinds shares no deadline
        return [ReportDuty(m.group(), m.start(), m.end(), kind, ordinal, m.group(), None, None, None)
                for kind, ordinal in kinds]
    deadline, first, last = _duty_dates(text, m.end(), reach)
    end = max([m.end()] + [d.end for d in (deadline, first, last) if d is not None])
    kind, ordinal = kinds[0]
    return [ReportDuty(text[m.start():end], m.start(), end, kind, ordinal, m.group(), deadline, first, last)]


def _duty_dates(text: str, start: int, end: int) -> tuple[VnDate | None, VnDate | None, VnDate | None]:
    """The deadline and the data window, told apart by the words before each date."""
    found: dict[str, VnDate] = {}
    for date in find_dates(text[start:end]):
        before = text[max(start, start + date.start - 30):start + date.start]
        date = replace(date, start=start + date.start, end=start + date.end)
        for role, pattern in (("deadline", _DEADLINE_BEFORE), ("from", _FROM_BEFORE), ("to", _TO_BEFORE)):
            if pattern.search(before):
                found.setdefault(role, date)
                break
    return found.get("deadline"), found.get("from"), found.get("to")


# ---------------------------------------------------------------------------------------------------- lark

_TRANSFORMERS: dict[str, type[Transformer]] = {
    "date": _DateTransformer,
    "docnumber": _NumberTransformer,
    "citation": _CitationTransformer,
    "timeexpr": _TimeTransformer,
    "report": _ReportTransformer,
}


@cache
def _parser(name: str) -> Lark:
    """One LALR parser per grammar, built on first use; the transformer runs during the parse (no tree)."""
    grammar = files("cchc_lint.parse").joinpath("grammars", f"{name}.lark").read_text(encoding="utf-8")
    # cache=True: lark keeps the analysed tables in the temp folder, so a cold start skips the LALR analysis
    return Lark(grammar, parser="lalr", transformer=_TRANSFORMERS[name](), maybe_placeholders=False, cache=True)


@lru_cache(maxsize=8192)
def _parse(name: str, text: str) -> Any:
    """Parse one candidate. Cached: the same dates, numbers and time cells recur all through a document, and
    the results are immutable."""
    try:
        return _parser(name).parse(text)
    except LarkError:
        return None


_HEAD_SEEN = frozenset({"DOCREF", "DATE", "YEAR"})
_STOP_AT = _SUBJECT_MARKERS | {"COMMA"}


def _parse_citation(segment: str) -> _RawCitation | None:
    """Parse a citation up to its first subject marker (or a comma after the head) only: the subject runs to
    the segment's end whatever it says, and tokenising it word by word would be most of the cost."""
    try:
        parser = _parser("citation").parse_interactive(segment)
        head_seen = False
        for token in parser.iter_parse():
            head_seen = head_seen or token.type in _HEAD_SEEN
            if head_seen and token.type in _STOP_AT:
                parser.feed_token(token)
                break
        return parser.feed_eof()
    except LarkError:
        return None
