"""``cchc-lint fix``: a corrected copy of a draft, rendered through the template of its type.

The draft is read and parsed (DocModel → DocTree); the tree is turned into a :class:`Draft` with the SAFE
corrections applied (exact country name and motto, the ``Số:`` line and its zeros, the date and its zeros,
the symbol's type abbreviation, legal-basis and recipients punctuation, heading numbering in sequence, the
``./.`` ending, the appendix reference line); the wording is never changed. A required section that is
missing goes in as a visible placeholder ``[Cần bổ sung: <tên mục>]``. The result is rendered with the template
(so every formatting rule of Decree 30 holds by construction), linted again, and what the linter still finds
(suggestions that are not safe to apply) goes into the output as Word comments. The input is never written.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cchc_lint.config import Config
from cchc_lint.draft.render import (
    BLANK,
    COUNTRY,
    MOTTO,
    PLACEHOLDER,
    RECIPIENTS_TITLE,
    TYPE_ABBR,
    TYPE_NAMES,
    TYPE_WORDS,
    AppendixSpec,
    Article,
    Block,
    CellSpec,
    Draft,
    Node,
    Signature,
    TableSpec,
    basis_lines,
    date_text,
    heading_text,
    number_text,
    number_tree,
    place_date_line,
    recipient_lines,
    render_bytes,
    roman,
    with_ending,
)
from cchc_lint.findings import Finding
from cchc_lint.model import DocModel, Paragraph, Table
from cchc_lint.parse.tree import Appendix as TreeAppendix
from cchc_lint.parse.tree import DocTree, Line, TableRef
from cchc_lint.parse.tree import Section as TreeSection
from cchc_lint.report.annotate import add_comments

# Which rule codes each kind of correction settles (codes of plugins/layout.py, structure.py, citations.py,
# appendix.py). "layout" is every formatting property the template sets; its codes are reported only when the
# input had such findings and the output has none.
CORRECTION_CODES: dict[str, tuple[str, ...]] = {
    "country": ("SN001",),
    "motto": ("SN002",),
    "number": ("SN003", "SN006"),
    "symbol": ("SN003", "SN004", "SN006"),
    "date": ("SN006",),
    "type-name": ("SN009",),
    "authority": (),
    "recipients": ("SN012", "SN013"),
    "ending": ("SN014",),
    "basis": ("CC107",),
    "numbering": ("BC005", "BC014", "BC015"),
    "articles": ("BC005",),
    "reference": ("PL009",),
    "appendix-label": (),
    "tracked": ("RD002",),
    "layout": ("TT001", "TT002", "TT003", "TT004", "TT005", "TT006", "TT007", "TT008", "TT009", "TT010", "TT011",
               "TT012"),
}

# Rules a correction settles in part only: the rest of what they check is not safe to change (a date that does
# not exist, «KT.» over a title that is not a deputy's, a level of numbering left out, a reference line's
# place in an appendix without its «Phụ lục» label).
PARTIAL_CODES: dict[str, tuple[str, ...]] = {
    "date": ("SN005",), "authority": ("SN010",), "numbering": ("BC006",), "reference": ("BC010",),
}

_KIND_OF_HEADING = {"H_PART": "part", "H_ROMAN": "roman", "H_ARABIC": "arabic", "H_DECIMAL": "decimal",
                    "H_LETTER": "letter"}
_AUTHORITY = re.compile(r"^(T/M|K/T|T/L|T\.M|K\.T|T\.L|TM|KT|TL|TUQ|Q)\s*\.?\s+(?=[A-ZĐÀ-Ỹ])")
_AUTHORITY_CANON = {"T/M": "TM", "K/T": "KT", "T/L": "TL", "T.M": "TM", "K.T": "KT", "T.L": "TL"}
_STORAGE_LINE = re.compile(r"^\s*[-+•–—*]?\s*Lưu\b", re.IGNORECASE)
_CLOSING_KINDS = ("AUTHORITY", "AUTHORITY_TITLE", "SIGN_NOTE", "SIGNER", "RECIPIENTS_TITLE", "RECIPIENT",
                  "CLOSING_TEXT")
_ATTACH_REF = re.compile(r"^\s*\(\s*(Ban hành\s+)?[Kk]èm theo\b")
_REF_WORD = re.compile(r"(?i)(kèm\s+theo\s+)(kế\s+hoạch|quyết\s+định|thông\s+báo|chương\s+trình|nghị\s+quyết|"
                       r"báo\s+cáo|tờ\s+trình|đề\s+án|chỉ\s+thị|hướng\s+dẫn)")
_LOOSE_DATE = re.compile(r"ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}")
_COUNTRY_LIKE = re.compile(r"(?i)^c[ộo]ng\s*h[òoà]+a?\s*x[ãa]\s*h[ộo]i")
_ARTICLE = re.compile(r"^\s*Điều\s+\d+\s*[.:]?\s*", re.IGNORECASE)
_APPENDIX_NO = re.compile(r"^\s*(PHỤ\s*LỤC|Phụ\s*lục|phụ\s*lục)\s*(?:(số)\s*)?([IVXLC]+|\d+)?\b\s*", re.UNICODE)
_SPACES = re.compile(r"\s+")
_LABEL = re.compile(r"^\s*(?:(?:Phần|PHẦN|Chương|CHƯƠNG)\s+[IVXLC\d]+\.?|[IVXLC]+[.)]|\d+(?:\.\d+)*[.)]?|"
                    r"[a-zđ]\)|[-+•–—*])\s*")


class _HeaderOnly:
    """The part of a DocTree that ``parent_agency_lines`` reads."""

    def __init__(self, agencies: list[Line]) -> None:
        from cchc_lint.parse.tree import Header

        self.header = Header(agencies=agencies)


def _upper(text: str) -> bool:
    from cchc_lint.parse.classify import is_upper

    return is_upper(text)


class FixError(Exception):
    """A draft that cannot be fixed (unknown type, unreadable); ``str(err)`` is the one line shown."""


@dataclass
class Change:
    """One correction: what kind, where, the text before and after, and the rule codes it settles."""

    kind: str
    where: str
    before: str
    after: str
    codes: tuple[str, ...] = ()

    def __str__(self) -> str:
        codes = f" [{', '.join(self.codes)}]" if self.codes else ""
        before = self.before if self.before else "(không có)"
        return f"{self.where}: «{before}» → «{self.after}»{codes}"


@dataclass
class FixResult:
    """What ``fix_draft`` did: the corrections, the placeholders inserted and the comments left."""

    source: str
    out_path: Path
    doc_type: str
    changes: list[Change] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    comments: list[Finding] = field(default_factory=list)  # what the linter still finds: Word comments
    kept_comments: int = 0  # the draft's own Word comments, put back
    diff: list[str] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        return {code for change in self.changes for code in change.codes}


def fix_draft(source: str | Path | bytes, out_path: str | Path, *, config: Config | None = None,
              doc_type: str | None = None) -> FixResult:
    """Write the corrected draft to ``out_path`` (atomically; never over the input) and say what changed."""
    from cchc_lint.check.engine import check_model
    from cchc_lint.parse import parse_document
    from cchc_lint.read import ReadError, read_bytes, read_document
    from cchc_lint.safety import refuse_same_file, write_atomic

    config = config or Config()
    if isinstance(source, (bytes, bytearray)):
        name = "draft.docx"
        try:
            model = read_bytes(bytes(source), name)
        except ReadError as err:
            raise FixError(str(err)) from None
    else:
        name = str(source)
        refuse_same_file(source, out_path)
        try:
            model = read_document(source)
        except ReadError as err:
            raise FixError(str(err)) from None
    forced = doc_type or config.doc_type
    tree = parse_document(model, forced.upper().replace("Đ", "D") if forced else None)
    if tree.doc_type not in TYPE_NAMES:
        raise FixError(f"{name}: không nhận ra loại văn bản (Kế hoạch, Quyết định, Thông báo); "
                       "hãy chỉ rõ bằng --doc-type KH|QD|TB")
    config = replace(config, doc_type=tree.doc_type)
    before = check_model(model, config)
    tree, inserted = _repair_type_names(model, tree)
    fixer = _Fixer(model, tree, config)
    for where, name in inserted:
        fixer.change("type-name", where, "", name)
    draft = fixer.build()
    data = render_bytes(draft)
    result = FixResult(source=name, out_path=Path(out_path), doc_type=tree.doc_type, changes=fixer.changes,
                       placeholders=fixer.placeholders)
    carried = _carried_comments(model)
    data, result.comments = _annotate(data, config, carried)
    result.kept_comments = len(carried)
    if model.has_tracked_changes:
        pending = sum(1 for p in model.iter_paragraphs() if p.has_changes)
        result.changes.insert(0, Change("tracked", "Thay đổi theo dõi (Track Changes)",
                                        f"{pending} đoạn còn thay đổi chưa duyệt",
                                        "bản sửa đọc như khi chấp nhận mọi thay đổi; bản gốc giữ nguyên",
                                        CORRECTION_CODES["tracked"]))
    still = {f.code for f in result.comments}
    had = {f.code for f in before.findings}
    layout = tuple(c for c in CORRECTION_CODES["layout"] if c in had and c not in still)
    if layout:
        result.changes.append(Change("layout", "Thể thức trình bày", ", ".join(layout),
                                     "theo mẫu Nghị định 30/2020/NĐ-CP (khổ giấy, lề, phông, cỡ chữ, kiểu chữ, "
                                     "canh lề, khoảng cách, số trang)", layout))
    write_atomic(out_path, data)
    result.diff = diff_lines(model, read_bytes(data, "fixed.docx"), name, str(out_path))
    return result


# -- building the corrected draft --------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def _runs(para: Paragraph | None, text: str) -> list[tuple[str, dict[str, bool]]] | None:
    """The formatted runs of a paragraph when they spell exactly ``text`` (emphasis kept), else None."""
    if para is None or not para.runs:
        return None
    joined = "".join(r.text for r in para.runs)
    if _norm(joined) != _norm(text):
        return None
    out = []
    for run in para.runs:
        props = {k: v for k, v in (("b", run.fmt.bold), ("i", run.fmt.italic), ("u", run.fmt.underline)) if v}
        out.append((run.text, props))
    return out


def _with_tail(runs: list[tuple[str, dict[str, bool]]] | None, old: str, new: str
               ) -> list[tuple[str, dict[str, bool]]] | None:
    """Runs changed at their end the way ``old`` became ``new`` (only the end of a text is ever corrected)."""
    if runs is None:
        return None
    current = "".join(t for t, _ in runs)
    if current.rstrip() != old.rstrip():
        return None
    keep = 0
    while keep < min(len(old), len(new)) and old[keep] == new[keep]:
        keep += 1
    out: list[tuple[str, dict[str, bool]]] = []
    pos = 0
    for text, props in runs:
        if pos + len(text) <= keep:
            out.append((text, props))
        elif pos < keep:
            out.append((text[:keep - pos], props))
        pos += len(text)
    tail = new[keep:]
    if tail:
        props = out[-1][1] if out else {}
        out.append((tail, props))
    return out


class _Fixer:
    def __init__(self, model: DocModel, tree: DocTree, config: Config) -> None:
        self.model, self.tree, self.config = model, tree, config
        self.doc_type: str = tree.doc_type or "KH"
        self.changes: list[Change] = []
        self.placeholders: list[str] = []
        self.used: set[int] = set()  # token indices consumed
        # (position in the draft, container, block after which to insert; None: at the container's start)
        self.placed: list[tuple[tuple[int, int], list[Block], Block | None]] = []
        self.tables_placed: set[int] = set()

    # bookkeeping
    def change(self, kind: str, where: str, before: str, after: str) -> None:
        if _norm(before) != _norm(after):
            self.changes.append(Change(kind, where, _norm(before), _norm(after), CORRECTION_CODES.get(kind, ())))

    def placeholder(self, what: str) -> str:
        self.placeholders.append(what)
        self.changes.append(Change("placeholder", what, "", PLACEHOLDER.format(what)))
        return PLACEHOLDER.format(what)

    def use(self, line: Line | None) -> str:
        if line is None:
            return ""
        self.used.add(line.index)
        return line.text.strip()

    # the whole draft
    def build(self) -> Draft:
        tree = self.tree
        draft = Draft(doc_type=self.doc_type)
        self.header(draft)
        self.title(draft, tree)
        draft.basis = self.basis(tree.preamble + tree.proposal)
        draft.intro = self.items(tree.intro)
        draft.sections = self.nodes(tree.sections)
        draft.articles = [self.article(a) for a in tree.articles]
        self.number_articles(tree, draft)
        draft.signature, draft.recipients = self.closing(tree, with_recipients=True)
        self.ending(draft, tree)  # before placeholders: "./." closes the real text
        self.missing_sections(tree, draft, self.doc_type)
        for attached in tree.attachments:
            draft.attachments.append(self.attachment(attached, draft))
        draft.appendices = self.appendices(tree.appendices, len(list(tree.all_appendices())))
        offset = len(draft.appendices)
        for plan, attached in zip(draft.attachments, tree.attachments, strict=True):
            plan.appendices = self.appendices(attached.appendices, len(list(tree.all_appendices())), offset)
            offset += len(plan.appendices)
        self.numbering(draft)
        self.rescue(draft)
        return draft

    # header ------------------------------------------------------------------------------------------------------
    def header(self, draft: Draft) -> None:
        h = self.tree.header
        agencies = [line for line in h.agencies if not _COUNTRY_LIKE.match(line.text.strip())]
        country = h.country or next((line for line in h.agencies if _COUNTRY_LIKE.match(line.text.strip())), None)
        parent, agency = self._agencies(agencies)
        if not agency:
            agency = [self.placeholder("tên cơ quan ban hành").upper()]  # capitals: read as an agency line
        draft.header.agency_parent, draft.header.agency = parent, agency
        self.change("country", "Quốc hiệu", self.use(country), COUNTRY)
        self.change("motto", "Tiêu ngữ", self.use(h.motto), MOTTO)
        draft.header.number_line = self._number_line()
        draft.header.place_date = self._place_date()

    def _agencies(self, lines: list[Line]) -> tuple[list[str], list[str]]:
        """Parent body (not bold) above the issuing agency (bold), split the way the layout rules judge it
        (the issuer is the last name starting with SỞ, ỦY BAN, BAN …); else by the draft's own bold."""
        texts = [self.use(line) for line in lines]
        try:
            from cchc_lint.plugins.layout import parent_agency_lines

            parents = parent_agency_lines(_HeaderOnly(lines))
        except Exception:
            parents = None
        if parents is not None:
            split = sum(1 for line in lines if id(line) in parents)
            return texts[:split], texts[split:]
        bold = [bool(line.para and (fmt := line.para.dominant_format()) and fmt.bold) for line in lines]
        if any(bold) and not all(bold):
            return texts[:bold.index(True)], texts[bold.index(True):]
        return ([], texts) if all(bold) else (texts[:-1], texts[-1:])

    def _number_line(self) -> str:
        h = self.tree.header
        before = self.use(h.number_line)
        abbr = TYPE_ABBR[self.doc_type]
        number = h.number
        if h.number_line is None:
            self.placeholder("số, ký hiệu văn bản")
            return f"Số: {BLANK}/{TYPE_ABBR[self.doc_type]}-[Cần bổ sung]"
        if number is None:
            return before
        issuer = getattr(number, "issuer", None) or ""
        old_abbr = getattr(number, "type_abbr", None) or ""
        value = None if getattr(number, "is_blank", False) else getattr(number, "number", None)
        year = getattr(number, "year", None)
        middle = f"{number_text(value)}/{year}" if year else number_text(value)
        symbol = f"{abbr}-{issuer}" if issuer else abbr
        after = f"Số: {middle}/{symbol}"
        if old_abbr and old_abbr != abbr:
            self.change("symbol", "Ký hiệu văn bản", before, after)
        else:
            self.change("number", "Số, ký hiệu", before, after)
        return after

    def _place_date(self) -> str:
        h = self.tree.header
        before = self.use(h.place_date)
        if h.place_date is None:
            self.placeholder("địa danh, ngày tháng năm ban hành")
            # no colon inside: the line must still read as a place-date line
            return f"[Cần bổ sung địa danh], ngày {BLANK} tháng {BLANK} năm {BLANK}"
        d = h.date
        if d is None or not h.place:
            return before
        after = place_date_line(h.place, getattr(d, "day", None), getattr(d, "month", None), getattr(d, "year", None))
        self.change("date", "Địa danh, ngày tháng", before, after)
        return after

    def _own_number(self) -> tuple[str, str]:
        """The draft's own number (``215/KH-SNV``) and date (``ngày 20 tháng 12 năm 2024``) for references."""
        h = self.tree.header
        number = h.number
        if number is not None:
            value = None if getattr(number, "is_blank", False) else getattr(number, "number", None)
            year = getattr(number, "year", None)
            issuer = getattr(number, "issuer", None)
            middle = f"{number_text(value)}/{year}" if year else number_text(value)
            abbr = TYPE_ABBR[self.doc_type]
            num = f"{middle}/{abbr}-{issuer}" if issuer else f"{middle}/{abbr}"
        else:
            num = ""
        d = h.date
        when = date_text(getattr(d, "day", None), getattr(d, "month", None), getattr(d, "year", None)) if d else ""
        return num, when

    # title and preamble ------------------------------------------------------------------------------------------
    def title(self, draft: Draft, tree: DocTree) -> None:
        type_name = self.use(tree.title.type_line)
        self.change("type-name", "Tên loại văn bản", type_name, TYPE_NAMES[self.doc_type])
        issuer = tree.title.issuer_title
        # a subject line after the issuer title continues it («CHỦ TỊCH ỦY BAN NHÂN DÂN» / «THÀNH PHỐ HỒ CHÍ MINH»)
        after = [line for line in tree.title.subject if issuer is not None and line.index > issuer.index]
        draft.subject = [self.use(line) for line in tree.title.subject if line not in after]
        if not draft.subject:
            draft.subject = [self.placeholder("trích yếu nội dung")]
        draft.issuer_title = "\n".join([self.use(issuer), *(self.use(line) for line in after)]).strip()
        if self.doc_type == "QD" and not draft.issuer_title:
            draft.issuer_title = self.placeholder("thẩm quyền ban hành")
        self.use(tree.decides)

    def basis(self, lines: list[Line]) -> list[str]:
        ordered = sorted(lines, key=lambda line: line.index)
        before = [self.use(line) for line in ordered]
        after = basis_lines(before)
        for old, new in zip(before, after, strict=True):
            self.change("basis", "Căn cứ ban hành", old, new)
        return after

    # body --------------------------------------------------------------------------------------------------------
    def _position(self, item: Line | TableRef) -> tuple[int, int]:
        loc = item.loc
        return (loc.block if loc.block is not None else loc.line or 0, item.index)

    def items(self, items: Iterable[Line | TableRef], *, landscape: bool = False) -> list[Block]:
        out: list[Block] = []
        for item in items:
            block = self.item(item)
            if block is None:
                continue
            out.append(block)
            self.placed.append((self._position(item), out, block))
        return out

    def item(self, item: Line | TableRef) -> Block | None:
        if isinstance(item, TableRef):
            self.tables_placed.add(id(item.table))
            return Block("table", table=table_spec(item.table), source=item.index)
        if item.kind == "ATTACH_REF" or _ATTACH_REF.match(item.text):  # out of its place: number and date fixed
            return Block("text", text=self.reference(item, TYPE_WORDS[self.doc_type]), source=item.index)
        text = self.use(item)
        if item.kind == "ENDING" and text == "./.":
            return None  # merged into the last paragraph by ending()
        para = item.para
        runs = _runs(para, text)
        if para is not None and para.numbering is not None and para.numbering.fmt == "bullet" \
                and not text.startswith(("-", "+", "•")):
            text = "- " + text
            runs = [("- ", {}), *runs] if runs else None
        return Block("text", text=text, runs=runs, source=item.index)

    def nodes(self, sections: list[TreeSection], *, landscape: bool = False) -> list[Node]:
        return [self.node(s, landscape=landscape) for s in sections]

    def node(self, section: TreeSection, *, landscape: bool = False) -> Node:
        heading = section.heading
        self.use(heading)
        kind = _KIND_OF_HEADING.get(heading.kind, "arabic")
        label = (heading.label or "").strip()
        word = "Phần"
        if kind == "part":
            word = label.split()[0] if label else "Phần"
            word = word[:1] + word[1:].lower()
        title = section.title
        if kind == "part" and title.startswith("."):
            title = title[1:].strip()
        node = Node(kind=kind, title=title, item=section.is_item, word=word, old_label=label or None,
                    source=heading.index)
        node.blocks = self.items(section.items, landscape=landscape)
        self.placed.append((self._position(heading), node.blocks, None))
        node.children = self.nodes(section.children, landscape=landscape)
        _promote_letters(node.blocks, node.children)
        return node

    def article(self, article: Any) -> Article:
        text = self.use(article.heading)
        body = _ARTICLE.sub("", text, count=1)
        out = Article(text=body)
        out.blocks = self.items(article.items)
        self.placed.append((self._position(article.heading), out.blocks, None))
        out.sections = self.nodes(article.sections)
        _promote_letters(out.blocks, out.sections)
        return out

    def number_articles(self, tree: DocTree, draft: Draft) -> None:
        for i, (article, tree_article) in enumerate(zip(draft.articles, tree.articles, strict=True), 1):
            if tree_article.number != i:
                self.change("articles", f"Điều {tree_article.number}", f"Điều {tree_article.number}.", f"Điều {i}.")
            article.label = f"Điều {i}."

    def numbering(self, draft: Draft) -> None:
        """Labels in sequence; each relabelled heading is a change (with its label in the new numbering)."""
        restarts: list[Node] = []
        relabelled: list[Node] = []
        for doc in (draft, *draft.attachments):
            trees = [doc.sections, *(a.sections for a in doc.articles), *(a.sections for a in doc.appendices)]
            for nodes in trees:
                restarts.extend(number_tree(nodes))
                relabelled.extend(n for n in _walk(nodes)
                                  if n.old_label is not None and _label_key(n.old_label) != _label_key(n.label))
        # a kept restart stays a BC005 finding: the numbering changes then settle only the label style
        codes = CORRECTION_CODES["numbering"] if not restarts else ("BC014", "BC015")
        if restarts:
            for change in self.changes:
                change.codes = tuple(c for c in change.codes if c != "BC005")
        for node in relabelled:
            self.changes.append(Change("numbering", f"Đề mục «{heading_text(node)[:60]}»", node.old_label or "",
                                       node.label, codes))

    # closing -----------------------------------------------------------------------------------------------------
    def closing(self, tree: DocTree, *, with_recipients: bool) -> tuple[Signature, list[str]]:
        """Signature block and recipients, from every line of the closing zone (a line the classifier could
        not name, such as «KT GIÁM ĐỐC» without its dot or «Lưu VT» without its colon, is placed by shape)."""
        c = tree.closing
        zone = self._closing_zone(tree)
        signature = Signature()
        title_line: Line | None = c.recipients_title
        recipients: list[Line] = []
        signer = c.signer
        for line in zone:
            text = line.text.strip()
            if line is title_line:
                continue
            if (line.kind == "RECIPIENT" and not _AUTHORITY.match(text.lstrip("*-+• "))) \
                    or _STORAGE_LINE.match(text):
                recipients.append(line)
            elif line.kind in ("AUTHORITY", "AUTHORITY_TITLE", "RECIPIENT") or (
                    _upper(text) and (signer is None or line.index < signer.index) and not signature.signer):
                text = text.lstrip("*-+• ") if line.kind == "RECIPIENT" else text
                fixed = _AUTHORITY.sub(lambda m: f"{_AUTHORITY_CANON.get(m.group(1), m.group(1))}. ", text, count=1)
                self.change("authority", "Quyền hạn, chức vụ người ký", text, fixed)
                signature.authority.append(fixed)
            elif line is signer:
                signature.signer = text
            else:
                signature.notes.append(text)
            self.used.add(line.index)
        if signature.signer == "" and signer is not None:
            signature.signer = self.use(signer)
        if with_recipients and not signature.authority and not signature.signer:
            signature.authority = [self.placeholder("quyền hạn, chức vụ của người ký").upper()]  # read as such
            signature.signer = self.placeholder("họ và tên người ký")
        if not with_recipients and not recipients and title_line is None:
            return signature, []  # an attached plan usually has no recipients of its own
        return signature, self.recipients(title_line, recipients)

    def recipients(self, title_line: Line | None, lines: list[Line]) -> list[str]:
        title = self.use(title_line)
        self.change("recipients", "Nơi nhận", title, RECIPIENTS_TITLE)
        before = [self.use(line) for line in lines]
        if not before and title_line is None:
            before = [self.placeholder("nơi nhận")]
        storage = (self.config.agency or {}).get("abbreviation")
        after = recipient_lines(before, storage)
        stored = [b for b in before if _STORAGE_LINE.match(b)]
        entries = [b for b in before if not _STORAGE_LINE.match(b)]
        if len(entries) == len(after) - 1:
            for old, new in zip(entries, after, strict=False):
                self.change("recipients", "Nơi nhận", old, new)
        else:  # wrapped lines joined into their entry: one change for the list
            self.change("recipients", "Nơi nhận", " / ".join(entries), " / ".join(after[:-1]))
        self.change("recipients", "Dòng «Lưu»", stored[-1] if stored else "", after[-1])
        if "đơn vị soạn thảo" in after[-1]:
            self.placeholders.append("đơn vị soạn thảo (dòng «Lưu:»)")
        return after

    def _closing_zone(self, tree: DocTree) -> list[Line]:
        """The lines of this document's signature block, in order: from the first to the last line the parser
        put in it, plus closing lines right after (a sign note, a name)."""
        c = tree.closing
        anchors = [*c.authority, *([c.signer] if c.signer else []), *c.recipients,
                   *([c.recipients_title] if c.recipients_title else [])]
        if not anchors:
            return []
        lo = min(a.index for a in anchors)
        hi = max(a.index for a in anchors) + 2
        return [line for line in self.tree.lines
                if lo <= line.index <= hi and line.index not in self.used and line.kind in _CLOSING_KINDS]

    # attachments and appendices ----------------------------------------------------------------------------------
    def attachment(self, attached: DocTree, main: Draft) -> Draft:
        doc_type = attached.doc_type if attached.doc_type in TYPE_NAMES else "KH"
        plan = Draft(doc_type=doc_type, type_name=TYPE_NAMES[doc_type])
        self.use(attached.title.type_line)
        plan.header.agency_parent, plan.header.agency = main.header.agency_parent, main.header.agency
        plan.subject = [self.use(line) for line in attached.title.subject]
        plan.reference = self.reference(attached.reference, "Quyết định")
        plan.basis = self.basis(attached.preamble + attached.proposal) if attached.preamble else []
        plan.intro = self.items(attached.intro)
        plan.sections = self.nodes(attached.sections)
        plan.signature, plan.recipients = self.closing(attached, with_recipients=False)
        plan.recipients_title = RECIPIENTS_TITLE if plan.recipients else ""
        self.ending(plan, attached)
        if doc_type == "KH":
            self.missing_sections(attached, plan, "KH")
        return plan

    def reference(self, line: Line | None, word: str) -> str:
        """``(Kèm theo <word> số <own number> <own date> của …)``: the draft's own number and date."""
        from cchc_lint.parse.inline import find_dates, find_doc_numbers

        number, when = self._own_number()
        before = self.use(line)
        if line is None:
            parts = [f"Kèm theo {word} số {number or BLANK}", when, self._issuer_tail()]
            after = "(" + " ".join(p for p in parts if p) + ")"
            self.change("reference", "Dòng «Kèm theo …»", "", after)
            return after
        after = _REF_WORD.sub(lambda m: m.group(1) + (m.group(2) if _same_type(m.group(2), word, self.doc_type)
                                                      else word), before, count=1)
        numbers = find_doc_numbers(after)
        if numbers and number:
            after = after[:numbers[0].start] + number + after[numbers[0].end:]
        if when:
            dates = find_dates(after)
            if dates:
                d = dates[0]
                new = when if d.raw.lower().startswith("ngày") else when[len("ngày "):]
                after = after[:d.start] + new + after[d.end:]
            else:  # a date inline parsing did not take, e.g. "ngày 20 /12/2019"
                after = _LOOSE_DATE.sub(when, after, count=1)
        self.change("reference", "Dòng «Kèm theo …»", before, after)
        if self.changes and self.changes[-1].after == _norm(after) and not self._issuer_matches(after):
            self.changes[-1].codes = ()  # «của …» names another body: not something to change, so PL009 stays
        return after

    def _issuer_matches(self, text: str) -> bool:
        m = re.search(r"\bcủa\s+([^()]+?)\s*\)?\s*$", text)
        if m is None:
            return True
        own = set()
        for line in [*self.tree.header.agencies, self.tree.title.issuer_title]:
            own |= _issuer_words(line.text if line is not None else "")
        own |= _issuer_words((self.config.agency or {}).get("name", ""))
        words = _issuer_words(m.group(1))
        return not own or not words or bool(words & own)

    def _issuer_tail(self) -> str:
        """«của …» as another reference line of the draft writes it, else the configured agency name."""
        for line in self.tree.lines:
            if line.kind == "ATTACH_REF":
                m = re.search(r"\b(của\s+[^()]+?)\s*\)?\s*$", line.text)
                if m:
                    return m.group(1)
        agency = (self.config.agency or {}).get("name")
        return f"của {agency}" if agency else ""

    def appendices(self, appendices: list[TreeAppendix], total: int, offset: int = 0) -> list[AppendixSpec]:
        word = TYPE_WORDS[self.doc_type]
        roman_labels = total > 1 and all(_appendix_number(a.label)[0] in ("", "roman")
                                         for a in self.tree.all_appendices())
        out = []
        for i, appendix in enumerate(appendices, offset + 1):
            label = self._appendix_label(appendix, i if roman_labels else None)
            spec = AppendixSpec(label=label, titles=[self.use(line) for line in appendix.titles])
            spec.reference = self.reference(appendix.reference, word)
            spec.blocks = self.items(appendix.items, landscape=True)
            spec.sections = self.nodes(appendix.sections, landscape=True)
            out.append(spec)
        return out

    def _appendix_label(self, appendix: TreeAppendix, index: int | None) -> str:
        before = self.use(appendix.label_line)
        m = _APPENDIX_NO.match(before)
        if m is None:
            return before
        rest = before[m.end():]
        number = m.group(3)
        if index is not None:
            number = roman(index)
        parts = ["Phụ lục", m.group(2) if number and not re.fullmatch(r"[IVXLC]+", number) and m.group(2) else None,
                 number]
        after = " ".join(p for p in parts if p)
        after = f"{after}{' ' if rest and not rest.startswith((':', '.', ',', '-')) else ''}{rest}".rstrip()
        self.change("appendix-label", "Tiêu đề phụ lục", before, after)
        if index is not None and self.changes and self.changes[-1].kind == "appendix-label":
            self.changes[-1].codes = ("PL011",)  # two or more appendices, now numbered I, II … in order
        return after

    # required sections, ending, rescue ---------------------------------------------------------------------------
    def missing_sections(self, tree: DocTree, draft: Draft, doc_type: str) -> None:
        """Each required section (rules/sections.yaml, as the structure rules judge it) that is absent goes in
        as a visible placeholder heading at the place the structure rule names."""
        try:
            missing = _missing_sections(tree, doc_type)
        except Exception:
            return
        target = draft.sections
        if target and all(n.kind == "part" for n in target):
            target = [c for n in target for c in n.children]  # not reached in practice: parts are rare in plans
            return
        kind = target[0].kind if target else "roman"
        for title, position in missing:
            node = Node(kind=kind, title=self.placeholder(title))
            target.insert(min(position, len(target)), node)

    def ending(self, draft: Draft, tree: DocTree) -> None:
        """``./.`` closes the last paragraph of the body (the last article's in a QĐ)."""
        setter = _last_text(draft)
        if setter is None:
            return
        old, apply = setter
        new = with_ending(old)
        if new != old.rstrip():
            self.change("ending", "Kết thúc nội dung", old[-60:], new[-60:])
            apply(new)

    def rescue(self, draft: Draft) -> None:
        """Any paragraph or table of the draft not placed yet goes in after the block that precedes it."""
        keys = sorted(self.placed, key=lambda p: p[0])
        positions = [p[0] for p in keys]
        lost: list[tuple[tuple[int, int], Block]] = []
        for line in self.tree.lines:
            if line.index in self.used or not line.text.strip() or line.kind in ("COUNTRY", "MOTTO", "TYPE_NAME"):
                continue
            if line.kind == "ENDING" and line.text.strip() == "./.":
                continue
            self.used.add(line.index)
            lost.append((self._position(line), Block("text", text=line.text.strip(), source=line.index)))
        for table in _content_tables(self.model):
            if id(table) not in self.tables_placed:
                lost.append(((table.loc.block or 0, -1), Block("table", table=table_spec(table))))
        for position, block in sorted(lost, key=lambda x: x[0]):
            i = bisect.bisect_right(positions, position) - 1
            while i >= 0 and keys[i][2] is not None and not any(b is keys[i][2] for b in keys[i][1]):
                i -= 1  # that anchor moved since (a promoted point)
            if i < 0:
                container, at = draft.intro, 0
            else:
                _, container, anchor = keys[i]
                at = 0 if anchor is None else next(j for j, b in enumerate(container) if b is anchor) + 1
            container.insert(at, block)
            j = bisect.bisect_right(positions, position)  # the next lost item goes after this one
            positions.insert(j, position)
            keys.insert(j, (position, container, block))


# -- helpers -----------------------------------------------------------------------------------------------------
_ISSUES_PLAN = re.compile(r"(?i)kèm theo quyết định này\W+(?:bản\s+)?kế hoạch")


def _repair_type_names(model: DocModel, tree: DocTree) -> tuple[DocTree, list[tuple[str, str]]]:
    """A draft that left out its type name («QUYẾT ĐỊNH», «KẾ HOẠCH») reads as one long header (or, for the
    plan a QĐ issues, as part of the signature). Parse it again with the type name put where Decree 30 puts it
    (under the header; after the QĐ's signature for the plan its Điều 1 issues), and say so."""
    from cchc_lint.parse.build import build_tree

    doc_type = tree.doc_type
    points: list[tuple[int, str, str, str]] = []  # (after block, type name, zone, where)
    if tree.title.type_line is None and doc_type in TYPE_NAMES:
        header = [x for x in (tree.header.number_line, tree.header.place_date) if x is not None and x.para]
        if header:
            points.append((max(x.loc.block or 0 for x in header), TYPE_NAMES[doc_type], "header",
                           "Tên loại văn bản"))
    authority = tree.closing.authority
    if doc_type == "QD" and tree.articles and not tree.attachments and authority \
            and authority[0].loc.row is not None and _ISSUES_PLAN.search(tree.articles[0].heading.text):
        points.append((authority[0].loc.block or 0, "KẾ HOẠCH", "closing", "Tên loại của kế hoạch kèm theo"))
    if not points:
        return tree, []
    classifier = _InjectingClassifier(points)
    repaired = build_tree(classifier.run(model), doc_type)
    repaired.doc_type = doc_type
    done = [(where, name) for (_, name, _, where) in classifier.done]
    better = (repaired.title.type_line is not None or tree.title.type_line is None) \
        and len(repaired.attachments) >= len(tree.attachments) and len(repaired.articles) >= len(tree.articles)
    return (repaired, done) if done and better else (tree, [])


class _InjectingClassifier:
    """The parser's classifier, with a TYPE_NAME token put before the first paragraph after a given block."""

    def __new__(cls, points: list[tuple[int, str, str, str]]):
        from cchc_lint.parse.classify import Classifier

        class Injecting(Classifier):
            def __init__(self) -> None:
                super().__init__()
                self.pending = sorted(points)
                self.done: list[tuple[int, str, str, str]] = []

            def _paragraph(self, para: Paragraph) -> None:
                if self.pending and para.text.strip() and para.loc.block is not None:
                    after, name, zone, _ = self.pending[0]
                    if para.loc.block > after and para.loc.row is None and self.zone == zone:
                        self.tokens.append(Line(kind="TYPE_NAME", text=name, para=None, index=len(self.tokens)))
                        self._advance("TYPE_NAME")
                        self.done.append(self.pending.pop(0))
                super()._paragraph(para)

        return Injecting()


_LETTER_DOT = re.compile(r"^([a-zđ])\s*\.\s+(?=\S)")


def _same_type(written: str, own: str, doc_type: str) -> bool:
    """The type a reference line names is the draft's own (a QĐ's appendix may name the plan it issues)."""
    key = " ".join(written.lower().split())
    return key == own.lower() or (doc_type == "QD" and key == "kế hoạch")


_GENERIC_WORDS = {"của", "và", "các", "tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "chủ", "tịch", "giám",
                  "đốc", "phó", "trưởng", "nhân", "dân", "ủy", "ban"}


def _issuer_words(text: str) -> set[str]:
    """Distinctive words of a body's name («UBND tỉnh Thanh Hóa» → {«thanh», «hóa»}); generic ones dropped."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ubnd", "ủy ban nhân dân").replace("uỷ", "ủy")
    text = text.replace("hoá", "hóa").replace("hoà", "hòa")
    return {w for w in re.findall(r"\w+", text) if w not in _GENERIC_WORDS and len(w) > 1}


def _promote_letters(blocks: list[Block], children: list[Node]) -> None:
    """Points typed «a. …» (a dot for the parenthesis) before points «b) …» are points too: without this they
    would stay body text and «b)» would be renumbered «a)»."""
    if not children or children[0].kind != "letter":
        return
    start = next((i for i, b in enumerate(blocks) if b.kind == "text" and _LETTER_DOT.match(b.text)), None)
    if start is None:
        return
    promoted: list[Node] = []
    for block in blocks[start:]:
        m = _LETTER_DOT.match(block.text) if block.kind == "text" else None
        if m:
            title = block.text[m.end():].strip()
            item = len(title) > 160 or (title.endswith((";", ".", "./.")) and len(title.split()) > 12)
            promoted.append(Node("letter", title=title, item=item, old_label=m.group(0).strip(),
                                 source=block.source))
        else:
            promoted[-1].blocks.append(block)
    del blocks[start:]
    children[:0] = promoted


def _walk(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _label_key(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip()


def _appendix_number(label: str) -> tuple[str, str | None]:
    m = _APPENDIX_NO.match(label)
    number = m.group(3) if m else None
    if not number:
        return "", None
    return ("roman" if re.fullmatch(r"[IVXLC]+", number) else "arabic"), number


def _last_text(draft: Draft):
    """The last paragraph of the body and a function that replaces its text."""
    if draft.articles:
        article = draft.articles[-1]
        found = _last_in(article.blocks, article.sections)
        if found is None:
            return article.text, lambda new: setattr(article, "text", new)
    else:
        found = _last_in(draft.intro, draft.sections)
    if found is None:
        return None
    if isinstance(found, Node):
        node = found
        return node.title, lambda new: setattr(node, "title", new)
    block = found
    if block.kind != "text":
        return None

    def apply(new: str) -> None:
        block.runs = _with_tail(block.runs, block.text, new)
        block.text = new

    return block.text, apply


def _last_in(blocks: list[Block], sections: list[Node]) -> Block | Node | None:
    if sections:
        last = sections[-1]
        inner = _last_in(last.blocks, last.children)
        return inner if inner is not None else last
    return blocks[-1] if blocks else None


def _content_tables(model: DocModel) -> Iterator[Table]:
    from cchc_lint.parse.classify import Classifier

    classifier = Classifier()
    for item in model.flow():
        if isinstance(item, Table) and not classifier._is_layout(item):
            yield item


def table_spec(table: Table) -> TableSpec:
    """A table of the draft as rows × grid columns of cells (merges kept), text and emphasis kept."""
    specs: dict[int, CellSpec] = {}
    rows: list[list[CellSpec | None]] = []
    for grid_row in table.grid():
        row: list[CellSpec | None] = []
        for cell in grid_row:
            if cell is None:
                row.append(None)
                continue
            spec = specs.get(id(cell))
            if spec is None:
                paragraphs = []
                for para in cell.paragraphs:
                    text = para.display_text
                    runs = _runs(para, para.text) or [(para.text, {})]
                    if text != para.text:  # automatic numbering shown in front
                        runs = [(text[: len(text) - len(para.text)], {}), *runs]
                    paragraphs.append((runs, para.fmt.alignment))
                spec = CellSpec(cell.row, cell.col, cell.span, cell.rowspan, paragraphs)
                specs[id(cell)] = spec
            row.append(spec)
        rows.append(row)
    header_rows = 1 if len(rows) > 1 else 0
    return TableSpec(rows=rows, n_cols=table.n_cols, header_rows=header_rows)


def _missing_sections(tree: DocTree, doc_type: str) -> list[tuple[str, int]]:
    """(title, position among the top-level sections) of each required section the draft lacks."""
    from cchc_lint.plugins import structure  # the structure family decides what counts as present

    finder = getattr(structure, "missing_required_sections", None)
    if finder is None:
        return []
    return list(finder(tree, doc_type))


# -- comments and diff -------------------------------------------------------------------------------------------
def _annotate(data: bytes, config: Config, carried: list[tuple[str, str, str]]) -> tuple[bytes, list[Finding]]:
    """Lint the output; what is still found goes in as Word comments (suggestions not safe to apply), beside
    the comments the draft already carried (a reviewer's notes are kept)."""
    from cchc_lint.api import check_file

    report = check_file(data, config, name="fixed.docx")
    findings = list(report.findings)
    if not findings and not carried:
        return data, []
    return add_comments(data, findings, carried, key=_words_key), findings


def _carried_comments(model: DocModel) -> list[tuple[str, str, str]]:
    """(text of the paragraph it is anchored on, author, text) of each Word comment of the draft."""
    out = []
    for comment in model.comments:
        loc = comment.locations[0] if comment.locations else None
        anchor = _text_at(model, loc) if loc is not None else ""
        out.append((anchor, comment.author or "", comment.text))
    return out


def _text_at(model: DocModel, loc: Any) -> str:
    for item in model.flow():
        if item.loc.block != loc.block:
            continue
        if isinstance(item, Table):
            cell = item.cell_at(loc.row or 0, loc.col or 0) if loc.row is not None else None
            return cell.text if cell is not None else ""
        return item.text
    return ""


def _words_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", content_key(text)).casefold().split())


def normalised_lines(model: DocModel) -> list[str]:
    """Each block of a draft as normalised text (NFC, whitespace collapsed); a table row per line."""
    out = []
    for item in model.flow():
        if isinstance(item, Table):
            for row in item.rows:
                out.append("| " + " | ".join(_clean(c.text) for c in row) + " |")
        elif _clean(item.display_text):
            out.append(_clean(item.display_text))
    return out


_RULE_LINE = re.compile(r"_{3,}|-{5,}|={5,}")


def _clean(text: str) -> str:
    """Normalised text without the drawn separator lines (underscores) of the header and title."""
    return _norm(_RULE_LINE.sub(" ", text))


def diff_lines(before: DocModel, after: DocModel, from_name: str, to_name: str) -> list[str]:
    """A unified diff of the normalised text, block by block."""
    return list(difflib.unified_diff(normalised_lines(before), normalised_lines(after), fromfile=from_name,
                                     tofile=to_name, lineterm="", n=1))


def content_key(text: str) -> str:
    """Text as compared between a draft and its fixed copy: NFC, whitespace collapsed, labels and closing
    punctuation stripped."""
    text = _norm(text)
    text = _LABEL.sub("", text, count=1)
    return re.sub(r"[\s;,.:/]+$", "", text).strip()


__all__ = ["Change", "FixError", "FixResult", "add_comments", "content_key", "diff_lines", "fix_draft",
           "normalised_lines"]
