"""DocTree: the structure of a draft as Decree 30 describes it, which every content rule reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from cchc_lint.model import Location, Paragraph, Table
from cchc_lint.parse.inline import DocNumber, VnDate


@dataclass(slots=True)
class Line:
    """One classified paragraph (or part of one: a header paragraph can hold both number and date)."""

    kind: str  # the token type, e.g. "BASIS", "H_ROMAN", "TEXT"
    text: str
    para: Paragraph | None
    index: int  # position in the token stream
    label: str | None = None  # heading label as shown ("III.", "2.1.", "a)"), typed or automatic
    auto_label: bool = False  # the label comes from Word's automatic numbering

    @property
    def loc(self) -> Location:
        return self.para.loc if self.para is not None else Location()

    @property
    def body(self) -> str:
        """The text without a typed label."""
        if self.label and not self.auto_label and self.text.startswith(self.label):
            return self.text[len(self.label):].strip()
        return self.text.strip()


@dataclass(slots=True)
class TableRef:
    table: Table
    index: int
    kind: str = "TABLE"

    @property
    def loc(self) -> Location:
        return self.table.loc

    @property
    def text(self) -> str:
        return ""


Item = Line | TableRef


@dataclass(slots=True)
class Section:
    rank: int  # 0 part, 1 Roman, 2 Arabic, 3 decimal 2.1, 4 decimal 2.1.1, 5 letter
    heading: Line
    items: list[Item] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return self.heading.label or ""

    @property
    def title(self) -> str:
        return self.heading.body

    @property
    def path(self) -> str:
        parts, node = [], self
        while node is not None:
            parts.append(node.label.rstrip(".") if node.label.endswith(".") else node.label)
            node = node.parent
        return " › ".join(reversed([p for p in parts if p]))

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def is_item(self) -> bool:
        """A numbered paragraph that is content itself (a long sentence), not a titled heading."""
        body = self.title
        return len(body) > 160 or (body.endswith((";", ".", "./.")) and len(body.split()) > 12)


@dataclass(slots=True)
class Article:
    number: int | None
    heading: Line
    items: list[Item] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join([self.heading.text, *(i.text for i in self.items if isinstance(i, Line))])


@dataclass(slots=True)
class Header:
    agencies: list[Line] = field(default_factory=list)
    country: Line | None = None
    motto: Line | None = None
    number_line: Line | None = None
    number: DocNumber | None = None
    place_date: Line | None = None
    place: str | None = None
    date: VnDate | None = None


@dataclass(slots=True)
class Title:
    type_line: Line | None = None
    type_name: str | None = None
    subject: list[Line] = field(default_factory=list)
    issuer_title: Line | None = None  # the QĐ's "CHỦ TỊCH ỦY BAN NHÂN DÂN …" line

    @property
    def subject_text(self) -> str:
        return " ".join(line.text.strip() for line in self.subject)


@dataclass(slots=True)
class Closing:
    authority: list[Line] = field(default_factory=list)
    signer: Line | None = None
    recipients_title: Line | None = None
    recipients: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Appendix:
    label_line: Line
    titles: list[Line] = field(default_factory=list)
    reference: Line | None = None
    items: list[Item] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.label_line.text.strip()

    @property
    def number(self) -> str | None:
        m = re.search(r"(?i)ph[ụu]\s*l[ụu]c\s*(?:số\s*)?([0-9]+|[IVXLC]+)\b", self.label)
        return m.group(1) if m else None

    @property
    def tables(self) -> list[Table]:
        return [i.table for i in _all_items(self.items, self.sections) if isinstance(i, TableRef)]


@dataclass(slots=True)
class Observation:
    """A deviation from the expected structure, recorded by the parser for the structure rules."""

    kind: str  # unexpected | missing | out-of-order
    message: str
    loc: Location
    token: str | None = None


@dataclass(slots=True)
class DocTree:
    doc_type: str | None  # KH | QD | TB | None (another or unknown type)
    header: Header = field(default_factory=Header)
    title: Title = field(default_factory=Title)
    reference: Line | None = None  # "(Kèm theo Quyết định số …)" of an attached document
    preamble: list[Line] = field(default_factory=list)  # Căn cứ / Thực hiện lines
    proposal: list[Line] = field(default_factory=list)  # Theo đề nghị / Xét đề nghị
    decides: Line | None = None  # "QUYẾT ĐỊNH:"
    intro: list[Item] = field(default_factory=list)  # body content before the first heading
    sections: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    ending: Line | None = None  # the line holding "./."
    closing: Closing = field(default_factory=Closing)
    attachments: list[DocTree] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list, repr=False)  # every token, in order

    @property
    def date(self) -> date | None:
        d = self.header.date
        return d.value if d is not None else None

    @property
    def number(self) -> DocNumber | None:
        return self.header.number

    def walk_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()
        for article in self.articles:
            for section in article.sections:
                yield from section.walk()

    def documents(self) -> Iterator[DocTree]:
        """This document and the documents attached to it (a QĐ's plan)."""
        yield self
        for attachment in self.attachments:
            yield from attachment.documents()

    def all_appendices(self) -> Iterator[Appendix]:
        for doc in self.documents():
            yield from doc.appendices

    def body_items(self) -> Iterator[Item]:
        """Every content item of the body (not header, title, closing), sections included, in order."""
        yield from _all_items(self.intro, self.sections)
        for article in self.articles:
            yield from _all_items(article.items, article.sections)

    def tables(self) -> Iterator[tuple[Table, Appendix | None]]:
        for doc in self.documents():
            for item in doc.body_items():
                if isinstance(item, TableRef):
                    yield item.table, None
            for appendix in doc.appendices:
                for table in appendix.tables:
                    yield table, appendix

    @property
    def plan_years(self) -> tuple[int, int] | None:
        """The years a plan covers, from its subject ("năm 2020", "giai đoạn 2021 - 2025")."""
        for doc in self.documents():
            found = _plan_years(doc.title.subject_text)
            if found:
                return found
        return None


def _plan_years(subject: str) -> tuple[int, int] | None:
    m = re.search(r"(?i)(?:giai đoạn|từ năm)\s*(\d{4})\s*(?:-|–|đến|đến năm)\s*(\d{4})", subject)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"(?i)năm\s+(\d{4})", subject)
    if m:
        return int(m.group(1)), int(m.group(1))
    return None


def _all_items(items: list[Item], sections: list[Section]) -> Iterator[Item]:
    yield from items
    for section in sections:
        for node in section.walk():
            yield node.heading
            yield from node.items
