"""Classifier: the DocModel's blocks → a stream of typed tokens for the document grammars.

Most tokens are recognised by their own text; a few (agency lines, subject, signer, recipients) only by where
they stand, so the classifier tracks a coarse zone (header → title → preamble → body → closing). Layout tables
(borderless, at most three columns: the header and signature blocks) are opened into their cells' paragraphs,
read row by row; any other table is one TABLE token.
"""

from __future__ import annotations

import re
import unicodedata

from cchc_lint.model import DocModel, Paragraph, Table
from cchc_lint.parse.tree import Line, TableRef

Token = Line | TableRef

TYPE_NAMES = {
    "KẾ HOẠCH": "KH", "QUYẾT ĐỊNH": "QD", "THÔNG BÁO": "TB", "BÁO CÁO": None, "TỜ TRÌNH": None,
    "CHỈ THỊ": None, "CHƯƠNG TRÌNH": None, "NGHỊ QUYẾT": None, "HƯỚNG DẪN": None, "QUY CHẾ": None,
    "QUY ĐỊNH": None, "ĐỀ ÁN": None, "PHƯƠNG ÁN": None, "CÔNG VĂN": None,
}

_COUNTRY = re.compile(r"C[ỘO]NG\s*H(?:[ÒO]A|OÀ)\s+X[ÃA]\s*H[ỘO]I", re.IGNORECASE)  # old tone style "HOÀ" too
_MOTTO = re.compile(r"Đ[ộo]c\s*l[ậa]p.{0,6}T[ựu]\s*do", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*S[ốo]\s*[:.]?\s*(?:[\w.…]*\s*/|\s*\d)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[^\d,;:]{2,80},\s*ngày\b", re.IGNORECASE)
_BASIS = re.compile(r"^(Căn cứ|Thực hiện|Triển khai thực hiện|Căn Cứ)\b")  # "THỰC HIỆN …" in capitals is a subject
_PROPOSAL = re.compile(r"^(Theo|Xét)\s+(đề nghị|đề xuất|tờ trình|báo cáo)", re.IGNORECASE)
_DECIDES = re.compile(r"^QUYẾT\s*ĐỊNH\s*:?\s*$")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]", re.IGNORECASE)
_PART = re.compile(r"^((?:PHẦN|Phần|CHƯƠNG|Chương)\s+[IVXLC\d]+)\b\.?")
_ROMAN = re.compile(r"^([IVXL]{1,6})[.)]\s*(?=\S)")
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)")
_ARABIC = re.compile(r"^(\d{1,2})[.)](?=\s|[A-ZĐÀ-Ỹ])")
_LETTER = re.compile(r"^([a-zđ])\)(?=\s|\S)")
_BULLET = re.compile(r"^[-+•–*]\s*")
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\s*\.\s*\S")
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?", re.IGNORECASE)
_APPENDIX = re.compile(r"^(PHỤ\s*LỤC|Phụ\s*lục)\b")
_ATTACH_REF = re.compile(r"^\(\s*(Ban hành\s+)?[Kk]èm theo\b")
_DECORATION = re.compile(r"^[\s\-–—_=*.…|]*$")  # rules drawn with characters, stray cell separators
_TAB_SPLIT = re.compile(r"\t+|\s{4,}")
_OFFICE = re.compile(r"\b(CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|PHÓ|CHÁNH|ỦY VIÊN|UỶ VIÊN|THỦ TƯỚNG|BÍ THƯ|TỔNG CỤC|VIỆN TRƯỞNG"
                     r"|THỦ TRƯỞNG|KẾ TOÁN)\b")  # a signer's office, never a title
_APPENDIX_CAPTION = re.compile(r"^Phụ\s*lục\s*(số\s*)?([0-9]+|[IVXLC]+)\s*[:.\-–]", re.IGNORECASE)
_SIGN_NOTE = re.compile(r"^\(?\s*(đã ký|ký tên|ký, ghi rõ|chữ ký|dấu)", re.IGNORECASE)


_BLANK_BEFORE = re.compile(r"(?i)(?:\bngày|\btháng|\bnăm|\bsố\s*:?)\s*[.…_]*$")
_BLANK_AFTER = re.compile(r"(?i)^(?:[.…_]*\s*(?:tháng|năm)\b|[.…_]*\s*/)")


def _split_columns(text: str) -> list[str]:
    """Split a line typed as columns (tabs or runs of spaces), but not at the spaces left as a blank day,
    month or number in an unsigned draft ("ngày      tháng 4 năm 2021", "Số:      /KH-UBND")."""
    parts, start = [], 0
    for m in _TAB_SPLIT.finditer(text):
        if "\t" not in m.group(0) and _BLANK_BEFORE.search(text[start:m.start()]) \
                and _BLANK_AFTER.match(text[m.end():]):
            continue
        parts.append(text[start:m.start()])
        start = m.end()
    parts.append(text[start:])
    return parts


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def is_upper(text: str) -> bool:
    return _upper_ratio(text) > 0.9


def type_name_of(text: str) -> str | None:
    """The document type name when the line is one ("KẾ HOẠCH", "QUYẾT ĐỊNH" …), in canonical capitals."""
    key = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().rstrip(":").upper()
    key = key.replace("HOÀ", "HÒA")
    return key if key in TYPE_NAMES else None


def heading_label(para: Paragraph) -> tuple[str, str, bool] | None:
    """(token kind, label, from automatic numbering) of a numbered heading or item, else None."""
    numbering = para.numbering
    if numbering is not None and numbering.fmt != "bullet" and numbering.label.strip():
        kind = _label_kind(numbering.label.strip())
        if kind:
            return kind, numbering.label.strip(), True
    text = para.text.lstrip()
    for kind, pattern in (("H_PART", _PART), ("H_DECIMAL", _DECIMAL), ("H_ROMAN", _ROMAN),
                          ("H_ARABIC", _ARABIC), ("H_LETTER", _LETTER)):
        m = pattern.match(text)
        if m:
            end = m.end()
            label = text[:end].strip()
            return kind, label, False
    return None


def _label_kind(label: str) -> str | None:
    for kind, pattern in (("H_PART", _PART), ("H_DECIMAL", _DECIMAL), ("H_ROMAN", _ROMAN),
                          ("H_ARABIC", _ARABIC), ("H_LETTER", _LETTER)):
        if pattern.match(label + " x"):  # a label alone: give the patterns a following word to look at
            return kind
    return None


class Classifier:
    """One pass over the flow of a DocModel, with the zone as its only state."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.zone = "header"
        self.doc_seen = False  # a type name has been seen: later ones start an attachment
        self.in_sections = False  # a heading or article has been seen: "Căn cứ" is body text from here on
        self.subjects = 0  # subject lines seen under the current type name
        self.header_seen: set[str] = set()  # NUMBER / PLACE_DATE met in the header zone

    def run(self, model: DocModel) -> list[Token]:
        for item in model.flow():
            if isinstance(item, Table):
                self._table(item)
            else:
                self._paragraph(item)
        return self.tokens

    # -- tables ----------------------------------------------------------------------------------------------
    def _table(self, table: Table) -> None:
        if self._is_layout(table):
            for row in table.rows:
                for cell in row:
                    for para in cell.paragraphs:
                        self._paragraph(para)
            return
        self.tokens.append(TableRef(table=table, index=len(self.tokens)))
        if self.zone in ("header", "title", "preamble"):
            self.zone = "body"

    def _is_layout(self, table: Table) -> bool:
        """Header and signature blocks: borderless, narrow, and holding the texts those blocks hold."""
        if table.n_cols > 3 or len(table.rows) > 8:
            return False
        texts = " ".join(p.text for p in table.iter_paragraphs())
        markers = bool(_COUNTRY.search(texts) or _MOTTO.search(texts) or re.search(r"Nơi\s+nhận", texts)
                       or re.search(r"\b(TM|KT|TL|TUQ)\.", texts) or re.search(r"(?m)^\s*Số\s*:", texts))
        return markers and (table.borderless or len(table.rows) <= 3)

    # -- paragraphs ------------------------------------------------------------------------------------------
    def _paragraph(self, para: Paragraph) -> None:
        text = para.text.strip()
        if not text and not para.numbering:
            return
        if _DECORATION.match(text) and not para.numbering:
            if text.strip() == "./." and self.zone == "body":
                self._emit("ENDING", para, text)
            return
        if _TAB_SPLIT.search(text):  # header or signature typed as one line with tabs
            parts = [p.strip() for p in _split_columns(text) if p.strip()]
            if len(parts) > 1 and any(_NUMBER.match(p) or _PLACE_DATE.match(p) or _COUNTRY.search(p)
                                      or _MOTTO.search(p) or _RECIPIENTS.match(p) or _AUTHORITY.match(p)
                                      for p in parts):
                for part in parts:
                    self._emit(self._kind(part, para), para, part)
                return
        kind = self._kind(text, para)
        if self.zone == "header" and kind in ("TEXT", "AGENCY", "HEADER_TEXT"):
            kind, text = self._header_continuation(kind, text)
        self._emit(kind, para, text)

    def _header_continuation(self, kind: str, text: str) -> tuple[str, str]:
        """A header element broken over two lines («Số:» / «1355/KH-SKHĐT», «CỘNG» / «HÒA XÃ HỘI …»): text
        pasted from the web or typed with hard line breaks. The second line takes the element, with both parts."""
        last = self.tokens[-1] if self.tokens else None
        if isinstance(last, Line) and last.kind in ("HEADER_TEXT", "AGENCY"):
            joined = f"{last.text} {text}"
            if _COUNTRY.search(joined) and is_upper(joined):
                last.kind = "HEADER_TEXT"
                return "COUNTRY", joined
            if _NUMBER.match(joined) and "/" in joined and last.kind == "HEADER_TEXT":
                return "NUMBER", joined
        if kind == "TEXT" and len(text.split()) <= 6:
            return "HEADER_TEXT", text  # a fragment of the header, not the start of the body
        return kind, text

    def _emit(self, kind: str, para: Paragraph, text: str) -> None:
        if kind == "ATTACH_REF" and self.zone in ("body", "closing"):
            kind = self._start_attached(text)
            if kind == "APPENDIX":  # the reference line opens an appendix with neither label nor title:
                # an empty label stands for the missing «Phụ lục» line (no paragraph, so no layout finding)
                self.tokens.append(Line(kind="APPENDIX", text="", para=None, index=len(self.tokens)))
                self._advance("APPENDIX")
                kind = "ATTACH_REF"
        label, auto = None, False
        if kind.startswith("H_"):
            found = heading_label(para)
            if found:
                _, label, auto = found
        self.tokens.append(Line(kind=kind, text=text, para=para, index=len(self.tokens), label=label,
                                auto_label=auto))
        self._advance(kind)

    def _start_attached(self, text: str) -> str:
        """A reference line «(Ban hành) kèm theo …» after content: what stands just above it is the title of an
        attached document («Ban hành kèm theo», Mẫu 1.3) or of an appendix («Kèm theo», Mẫu 2.1) whose type
        name or «Phụ lục» label the draft left out. Relabel those title lines (at most three, in capitals or
        centred bold, never the signer's office) and return what the reference line opens."""
        run: list[Line] = []
        for token in reversed(self.tokens):
            if not isinstance(token, Line) or len(run) == 3 or not self._title_like(token):
                break
            run.append(token)
        run.reverse()
        if re.match(r"^\(\s*Ban hành", text):
            for line in run:
                line.kind = "SUBJECT"
            self.zone, self.doc_seen, self.in_sections, self.subjects = "title", True, False, len(run)
            return "ATTACH_REF"
        if not run:
            return "APPENDIX"
        for line in run:  # the appendix's title in capitals; its «Phụ lục» label line is what is missing
            line.kind = "APPENDIX_TITLE"
        self.zone, self.in_sections = "appendix-title", False
        return "ATTACH_REF"

    @staticmethod
    def _title_like(line: Line) -> bool:
        if line.kind not in ("TEXT", "AUTHORITY_TITLE", "CLOSING_TEXT", "SUBJECT", "APPENDIX_TITLE"):
            return False
        if _OFFICE.search(line.text):
            return False
        fmt = line.para.dominant_format() if line.para is not None else None
        styled = line.para is not None and line.para.fmt.alignment == "center" and bool(fmt and fmt.bold)
        return (is_upper(line.text) or styled) and len(line.text) < 250

    def _advance(self, kind: str) -> None:
        if kind in ("NUMBER", "PLACE_DATE") and self.zone == "header":
            # Number and place-date close the header in every layout (row by row or column by column): what
            # follows is the title, even when the draft forgot the type name above its subject.
            self.header_seen.add(kind)
            if len(self.header_seen) == 2:
                self.zone, self.subjects = "title", 0
        elif kind == "TYPE_NAME":
            self.zone, self.doc_seen, self.in_sections, self.subjects = "title", True, False, 0
        elif kind == "SUBJECT":
            self.subjects += 1
        elif kind in ("BASIS", "PROPOSAL"):
            if self.zone != "body":
                self.zone = "preamble"
        elif kind in ("AUTHORITY", "RECIPIENTS_TITLE"):
            self.zone = "closing"
        elif kind == "APPENDIX":
            self.zone, self.in_sections = "appendix-title", False
        elif kind == "ATTACH_REF" and self.zone in ("appendix-title", "title"):
            self.zone = "body"
        elif kind in ("DECIDES", "ARTICLE", "TEXT", "BULLET", "ENDING", "TABLE") or kind.startswith("H_"):
            # plain text does not end the header (a date broken over two lines) nor the preamble (a line
            # introducing the body); anything structural does
            if self.zone in ("header", "title", "preamble", "appendix-title") and not (
                    kind == "TEXT" and self.zone in ("header", "preamble")):
                self.zone = "body"
            if kind == "ARTICLE" or kind.startswith("H_"):
                self.in_sections = True

    def _kind(self, text: str, para: Paragraph) -> str:
        zone = self.zone
        if _COUNTRY.search(text) and is_upper(text):
            return "COUNTRY"
        if _MOTTO.search(text) and len(text) < 60:
            return "MOTTO"
        if zone in ("header", "title", "closing") and _NUMBER.match(text) and "/" in text and len(text) < 60:
            return "NUMBER"
        if _PLACE_DATE.match(text) and len(text) < 90 and zone in ("header", "title", "closing"):
            return "PLACE_DATE"
        if type_name_of(text):
            # "QUYẾT ĐỊNH:" (with its colon) opens the articles; a type name never carries a colon
            if _DECIDES.match(text) and (text.endswith(":") or zone == "preamble"):
                return "DECIDES"
            return "TYPE_NAME"
        if _ATTACH_REF.match(text):
            return "ATTACH_REF"
        if _APPENDIX.match(text) and self._is_appendix_label(text, para):
            return "APPENDIX"
        if zone in ("header",) and is_upper(text) and len(text) < 120:
            return "AGENCY"
        if zone == "appendix-title":
            return "APPENDIX_TITLE"
        if _BASIS.match(text) and zone in ("header", "title", "preamble", "body") and not self.in_sections:
            return "BASIS"
        if _PROPOSAL.match(text) and zone in ("title", "preamble"):
            return "PROPOSAL"
        if zone == "title":
            if self._title_has_subject() and is_upper(text) and re.match(
                    r"^(CHỦ TỊCH|ỦY BAN|UỶ BAN|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TRƯỞNG|TRƯỞNG|BAN|HỘI ĐỒNG)", text):
                return "ISSUER_TITLE"
            if not _ARTICLE.match(text) and not heading_label(para) and not _BULLET.match(text) \
                    and self._subject_like(text, para):
                return "SUBJECT"
        if _RECIPIENTS.match(text):
            return "RECIPIENTS_TITLE"
        if _AUTHORITY.match(text):
            return "AUTHORITY"
        if zone == "closing":
            return self._closing_kind(text)
        if _ARTICLE.match(text):
            return "ARTICLE"
        found = heading_label(para)
        if found:
            return found[0]
        if _BULLET.match(text) or (para.numbering is not None and para.numbering.fmt == "bullet"):
            return "BULLET"
        return "TEXT"

    def _closing_kind(self, text: str) -> str:
        last = next((t.kind for t in reversed(self.tokens) if isinstance(t, Line)), None)
        if last in ("RECIPIENTS_TITLE", "RECIPIENT") and not _AUTHORITY.match(text) and (
                _BULLET.match(text) or text.endswith((";", ".", ",")) or not is_upper(text)) \
                and not _looks_like_name(text):
            return "RECIPIENT"
        if _SIGN_NOTE.match(text):
            return "SIGN_NOTE"
        if is_upper(text) and last in ("AUTHORITY", "AUTHORITY_TITLE", "RECIPIENT", "RECIPIENTS_TITLE"):
            return "AUTHORITY_TITLE"
        if _looks_like_name(text):
            return "SIGNER"
        return "CLOSING_TEXT"

    def _is_appendix_label(self, text: str, para: Paragraph) -> bool:
        if para.numbering is not None and para.numbering.fmt != "bullet" and para.numbering.label.strip():
            return False  # "a) Phụ lục số 01: …" with Word's numbering: an item that lists the appendices
        if _APPENDIX_CAPTION.match(text) and len(text.split()) <= 40 and not text.rstrip().endswith((";", ",")):
            return True  # "Phụ lục số 01: <title>": a numbered caption, whatever its length or style
        if len(text.split()) > 14:
            return False
        if is_upper(text[:8]) or re.match(r"^Phụ\s*lục\s*(số\s*)?([0-9]+|[IVXLC]+)?\s*[:.]?\s*$", text):
            return True
        fmt = para.dominant_format()
        return para.fmt.alignment == "center" or bool(fmt and fmt.bold)

    def _title_has_subject(self) -> bool:
        return self.subjects > 0

    def _subject_like(self, text: str, para: Paragraph) -> bool:
        """A subject line: the first line under the type name, then short centred, bold or capital lines."""
        if self.subjects == 0:
            return True
        fmt = para.dominant_format()
        styled = para.fmt.alignment == "center" or bool(fmt and fmt.bold) or is_upper(text)
        return self.subjects < 4 and styled and len(text) < 250


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in text) \
        and not is_upper(text)


def classify(model: DocModel) -> list[Token]:
    return Classifier().run(model)
