"""DocModel: a Word draft as a person sees it on screen.

The reader (``cchc_lint.read``) builds it in one pass; rules never touch raw XML. Everything here is
immutable so a model can be shared between rules and processes without defensive copies.

Units: lengths are in twips (1/20 pt; 567 twips = 1 cm) exactly as Word stores them, font sizes in points.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

TWIPS_PER_CM = 566.93
TWIPS_PER_MM = 56.693


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points. ``block`` follows the JSON contract (index among the body's w:p/w:tbl/w:sdt)."""

    block: int | None = None
    row: int | None = None
    col: int | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, int | None]:
        return {"block": self.block, "row": self.row, "col": self.col, "line": self.line}


@dataclass(frozen=True, slots=True)
class RunFormat:
    """Effective character formatting: run → character style → paragraph style chain → docDefaults."""

    font: str | None = None
    size: float | None = None  # points
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    color: str | None = None  # hex RRGGBB, None = automatic (black)


@dataclass(frozen=True, slots=True)
class Run:
    text: str  # NFC, tabs and breaks already turned into whitespace
    start: int  # offset of the run in Paragraph.text
    fmt: RunFormat
    inserted: bool = False  # inside a pending w:ins


@dataclass(frozen=True, slots=True)
class ParaFormat:
    """Effective paragraph formatting (paragraph properties → style chain → docDefaults)."""

    style_id: str | None = None
    style_name: str | None = None
    alignment: str | None = None  # left | center | right | both (justified) | None (=left)
    indent_left: int = 0
    indent_right: int = 0
    indent_first_line: int = 0  # negative for a hanging indent
    space_before: float = 0.0  # points
    space_after: float = 0.0  # points
    line_spacing: float | None = None  # multiple of single for rule "auto"; points otherwise
    line_rule: str = "auto"  # auto | exact | atLeast
    outline_level: int | None = None


@dataclass(frozen=True, slots=True)
class Numbering:
    """What Word's automatic numbering shows in front of the paragraph (not part of its text)."""

    num_id: int
    level: int
    label: str  # e.g. "I.", "2.", "a)", "2.1."
    fmt: str  # decimal | upperRoman | lowerRoman | lowerLetter | upperLetter | bullet | …


@dataclass(frozen=True, slots=True)
class Paragraph:
    loc: Location
    text: str  # NFC, changes accepted
    raw_text: str  # as stored (before NFC)
    runs: tuple[Run, ...]
    fmt: ParaFormat
    numbering: Numbering | None = None
    has_changes: bool = False  # tracked insertions/deletions pending in this paragraph
    section: int = 0
    comment_ids: tuple[str, ...] = ()
    floating: tuple[Paragraph, ...] = ()  # paragraphs of text boxes anchored here, read before it
    kind: Literal["paragraph"] = "paragraph"

    @property
    def label(self) -> str | None:
        return self.numbering.label if self.numbering else None

    @property
    def display_text(self) -> str:
        """The text with the automatic-numbering label in front, as on screen."""
        if self.numbering and self.numbering.fmt != "bullet" and self.numbering.label:
            return f"{self.numbering.label} {self.text}"
        return self.text

    def dominant_format(self) -> RunFormat | None:
        """The format of most of the visible characters (what a reader would call 'the paragraph's font')."""
        weights: dict[RunFormat, int] = {}
        for run in self.runs:
            n = len(run.text.strip())
            if n:
                weights[run.fmt] = weights.get(run.fmt, 0) + n
        return max(weights, key=weights.__getitem__) if weights else None


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int  # grid column where the cell starts
    span: int  # grid columns covered (gridSpan)
    rowspan: int  # rows covered (vMerge restart + continues)
    blocks: tuple[Paragraph | Table, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for b in self.blocks for p in (b.iter_paragraphs() if isinstance(b, Table) else (b,)))

    @property
    def text(self) -> str:
        return "\n".join(p.display_text for p in self.paragraphs if p.text or p.numbering)


@dataclass(frozen=True, slots=True)
class Table:
    loc: Location
    rows: tuple[tuple[Cell, ...], ...]  # each row: the cells that start in it, left to right
    n_cols: int  # grid columns
    borderless: bool
    section: int = 0
    has_changes: bool = False
    kind: Literal["table"] = "table"

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), following horizontal and vertical merges."""
        for r in range(row, -1, -1):
            for cell in self.rows[r] if r < len(self.rows) else ():
                if cell.col <= col < cell.col + cell.span and r + cell.rowspan > row:
                    return cell
        return None

    def grid(self) -> list[list[Cell | None]]:
        """Rows × grid columns, merged cells repeated across what they cover."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in self.rows]
        for row in self.rows:
            for cell in row:
                for r in range(cell.row, min(cell.row + cell.rowspan, len(out))):
                    for c in range(cell.col, min(cell.col + cell.span, self.n_cols)):
                        out[r][c] = cell
        return out

    def iter_paragraphs(self) -> Iterator[Paragraph]:
        for row in self.rows:
            for cell in row:
                yield from cell.paragraphs


@dataclass(frozen=True, slots=True)
class ContentControl:
    """A block-level w:sdt: one block in the contract, holding paragraphs and tables."""

    loc: Location
    blocks: tuple[Paragraph | Table, ...]
    tag: str | None = None
    kind: Literal["sdt"] = "sdt"


Block = Paragraph | Table | ContentControl


@dataclass(frozen=True, slots=True)
class Section:
    index: int
    first_block: int
    last_block: int
    page_width: int | None = None  # twips
    page_height: int | None = None
    orientation: str = "portrait"
    margin_top: int | None = None
    margin_bottom: int | None = None
    margin_left: int | None = None
    margin_right: int | None = None
    title_page: bool = False  # "different first page" set
    header_page_number: bool = False  # a PAGE field in a header used by this section
    header_page_number_alignment: str | None = None
    first_page_header_has_number: bool = False


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    author: str
    text: str
    date: str | None = None
    locations: tuple[Location, ...] = ()  # blocks (or table cells) the comment is anchored on


@dataclass(frozen=True, slots=True)
class DocModel:
    path: str
    source: Literal["docx", "text"]
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...] = ()
    comments: tuple[Comment, ...] = ()
    properties: dict[str, str] = field(default_factory=dict)
    has_tracked_changes: bool = False
    converted_from: str | None = None  # ".doc", ".odt", … when LibreOffice converted the input

    def flow(self) -> Iterator[Paragraph | Table]:
        """Paragraphs and tables in reading order: content controls opened, text boxes before their anchor."""
        for block in self.blocks:
            for item in block.blocks if isinstance(block, ContentControl) else (block,):
                if isinstance(item, Paragraph) and item.floating:
                    yield from item.floating
                yield item

    def iter_paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph, including those in table cells, in reading order."""
        for item in self.flow():
            if isinstance(item, Table):
                yield from item.iter_paragraphs()
            else:
                yield item

    def section_of(self, block: int | None) -> Section | None:
        if block is None:
            return None
        for section in self.sections:
            if section.first_block <= block <= section.last_block:
                return section
        return self.sections[-1] if self.sections else None

    @property
    def is_empty(self) -> bool:
        return not any(p.text.strip() for p in self.iter_paragraphs())
