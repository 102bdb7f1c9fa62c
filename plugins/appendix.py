"""PL rules (phụ lục): task tables of a plan and the appendices that hold them.

A task table (bảng phân công nhiệm vụ) is recognised by its header: every header cell is mapped to a canonical
column through the synonyms of ``rules/table_columns.yaml`` (``TT``/``STT``, ``Nội dung``/``Nhiệm vụ cụ thể``,
``Sản phẩm``/``Kết quả``, ``Cơ quan chủ trì``/``Phòng chủ trì``/``Cơ quan thực hiện``, ``Thời gian thực
hiện``/``Thời hạn hoàn thành`` …), also when the header spans two rows (``Cơ quan`` over ``Chủ trì | Phối
hợp``). A table is a task table when at least three header cells map and one of them is the task, the other
columns including the lead body or the time; layout tables (header, signature) never qualify.

Rows: a cell spanning the task column and the columns after it, or a row holding only a Roman/capital-letter
number and a title, is a group heading (nhóm nhiệm vụ); a row with only a number and a task whose next row is a
sub-item («10. …» followed by «a) …») is a heading inside a group; everything else is a task. In the «column»
layout of seed 000 the group title fills a first column merged down over its tasks (two columns then map to the
task: the left one holds the groups).

Decisions worth knowing:
- A time cell is read with ``parse_time_expr`` (each «label: value» part separately). Periods are judged
  against the plan year and the draft's own date; a report due early the next year is accepted within
  ``annual-grace-days`` ([tool.cchc-lint.reporting]). An impossible calendar date in a time cell is HB008.
- The coordinating body is only «recommended» (PL002, info); it is not missing when the lead column's cells
  name «phối hợp» bodies themselves, as in seed 004.
- Appendix numbering and the reference line follow the text in force on the draft's date
  (``rules/appendix_rules.yaml``: Nghị định 30/2020 from 05/3/2020; Thông tư 01/2011 before, low confidence,
  softened to info).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from cchc_lint import data
from cchc_lint.check.rules import Hit, rule
from cchc_lint.data import load_yaml
from cchc_lint.findings import Fix, Severity
from cchc_lint.hookspecs import hookimpl
from cchc_lint.model import Cell, Table
from cchc_lint.parse.inline import Period, VnDate, find_dates, find_doc_numbers, parse_time_expr
from cchc_lint.parse.tree import Appendix, DocTree, Line

ND30 = "Nghị định 30/2020/NĐ-CP"
PRACTICE = "Thực tiễn kế hoạch CCHC (rules/table_columns.yaml, hồ sơ «cchc_plan», độ tin cậy thấp)"
APPENDIX_III1 = f"{ND30}, Phụ lục I, Phần I, mục III.1 (phụ lục văn bản)"

# --- small helpers -------------------------------------------------------------------------------------------

VN_LETTERS = "abcdđeghiklmnopqrstuvxy"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> int | None:
    """I → 1, IV → 4 … (upper case, well formed), else None."""
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > v else v
    return total if to_roman(total) == text else None


def to_roman(n: int) -> str:
    out = []
    for value, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                       (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}»"


def fmt_date(day: date) -> str:
    """dd/mm/yyyy as the plan writes it (zero for day < 10 and months 1, 2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def per_document(ctx: Any, key: str, build: Callable[[], Any]) -> Any:
    """Compute once per checked file: the engine keeps one Context per file across all rules."""
    store = vars(ctx)
    if key not in store:
        store[key] = build()
    return store[key]


def draft_floor(ctx: Any) -> date | None:
    """The earliest the draft can be dated: its date, or the first of its month when the day is still blank."""
    if ctx.date is not None:
        return ctx.date
    d = ctx.tree.header.date
    if d is not None and d.year and d.month and 1 <= d.month <= 12 and 1000 <= d.year <= 9999:
        return date(d.year, d.month, 1)
    return None


def grace_days(ctx: Any) -> int:
    value = ctx.config.reporting.get("annual-grace-days")
    try:
        return int(value) if value is not None else data.annual_report_grace_days()
    except (TypeError, ValueError):
        return data.annual_report_grace_days()


@cache
def _law_file() -> dict[str, Any]:
    text = files("cchc_lint.rules").joinpath("appendix_rules.yaml").read_text("utf-8")
    return load_yaml(text)


def law(provision: str, day: date | None) -> dict[str, Any]:
    """The text stating ``provision`` in force on ``day`` (the newest when the day is unknown)."""
    texts = _law_file()[provision]["texts"]
    if day is not None:
        for entry in texts:
            start, end = entry.get("valid_from"), entry.get("valid_to")
            if (start is None or start <= day) and (end is None or day < end):
                return entry
    return texts[0]


def law_severity(entry: dict[str, Any], default: Severity) -> Severity:
    return Severity.INFO if entry.get("confidence") == "low" else default


# --- header cells → canonical columns --------------------------------------------------------------------------

_NOTE_MARK = re.compile(r"\(\s*(?:\d{1,2}|\*+|[a-z])\s*\)|\*+")


def _norm(text: str) -> str:
    text = _NOTE_MARK.sub(" ", text)
    return " ".join(data.normalise_heading(text).replace("\n", " ").split()).strip(" :.;")


@cache
def _synonyms() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(column id, normalised synonym, word-bounded pattern), longest synonyms first."""
    out = []
    for column in data.table_columns():
        for syn in {column.title, *column.synonyms}:
            norm = _norm(syn)
            out.append((column.id, norm, re.compile(rf"(?<!\w){re.escape(norm)}(?!\w)")))
    return tuple(sorted(out, key=lambda s: -len(s[1])))


def column_id(text: str) -> str | None:
    """The canonical column a header cell names: an exact synonym, else the longest synonym it contains."""
    norm = _norm(text)
    if not norm or len(norm) > 80:
        return None
    for cid, syn, _ in _synonyms():
        if norm == syn:
            return cid
    for cid, _, pattern in _synonyms():
        if pattern.search(norm):
            return cid
    return None


@cache
def column_titles() -> dict[str, str]:
    return {c.id: c.title for c in data.table_columns()}


_COORD = re.compile(r"(?i)phối\s+hợp")

# --- labels ----------------------------------------------------------------------------------------------------

_LEAD_LABEL = re.compile(r"^\s*(?P<label>\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-ZĐ]|[a-zđ])\s*(?:[.)]|\s-\s)\s*")
_CELL_LABEL = re.compile(r"^\s*\(?(?P<label>\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-ZĐ]|[a-zđ])\s*[.):]?\s*$")
_DASH = re.compile(r"^\s*[-–+•*]\s*")


@dataclass(frozen=True, slots=True)
class Label:
    kind: str  # roman | upper | arabic | decimal | lower | dash
    text: str
    path: tuple[int, ...] = ()

    @property
    def value(self) -> int:
        return self.path[-1] if self.path else 0


def parse_label(text: str | None) -> Label | None:
    if not text:
        return None
    text = text.strip().rstrip(".):").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}", text):
        return Label("arabic", text, (int(text),))
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", text):
        return Label("decimal", text, tuple(int(p) for p in text.split(".")))
    if text in ("-", "–", "+", "•", "*"):
        return Label("dash", text)
    value = roman_value(text)
    if value and (len(text) > 1 or text in "IVX"):
        return Label("roman", text, (value,))
    if len(text) == 1 and text.isupper():
        return Label("upper", text, (_letter_index(text.lower()),))
    if len(text) == 1 and text.islower():
        return Label("lower", text, (_letter_index(text),))
    return None


def _letter_index(letter: str) -> int:
    return VN_LETTERS.index(letter) + 1 if letter in VN_LETTERS else LATIN_LETTERS.index(letter) + 1 \
        if letter in LATIN_LETTERS else 0


def follows(prev: Label | None, cur: Label) -> bool:
    """``cur`` is the label right after ``prev`` (or a first label when ``prev`` is None)."""
    if cur.kind in ("upper", "lower"):
        letter = cur.text.lower()
        if prev is None:
            return letter == "a"
        p = prev.text.lower()
        return any(p in alpha and alpha.index(p) + 1 < len(alpha) and alpha[alpha.index(p) + 1] == letter
                   for alpha in (VN_LETTERS, LATIN_LETTERS))
    if cur.kind == "decimal":
        if prev is None or prev.kind != "decimal" or prev.path[:-1] != cur.path[:-1]:
            return cur.path[-1] == 1
        return cur.path[-1] == prev.path[-1] + 1
    if prev is None:
        return cur.value == 1
    return cur.value == prev.value + 1


def expected_after(prev: Label | None, like: Label) -> str:
    if like.kind in ("upper", "lower"):
        if prev is None:
            return "a" if like.kind == "lower" else "A"
        p = prev.text.lower()
        nxt = VN_LETTERS[VN_LETTERS.index(p) + 1] if p in VN_LETTERS[:-1] else "?"
        return nxt if like.kind == "lower" else nxt.upper()
    if like.kind == "decimal":
        if prev is None or prev.kind != "decimal" or prev.path[:-1] != like.path[:-1]:
            return ".".join(str(p) for p in (*like.path[:-1], 1))
        return ".".join(str(p) for p in (*prev.path[:-1], prev.path[-1] + 1))
    n = (prev.value + 1) if prev is not None else 1
    return to_roman(n) if like.kind == "roman" else str(n)


def split_label(text: str) -> tuple[Label | None, str]:
    """«I. Cải cách thể chế» → (I, «Cải cách thể chế»)."""
    m = _LEAD_LABEL.match(text)
    if m:
        label = parse_label(m.group("label"))
        if label is not None:
            return label, text[m.end():].strip()
    m = _DASH.match(text)
    if m and len(text) > m.end():
        return Label("dash", "-"), text[m.end():].strip()
    return None, text.strip()


# --- task tables ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Group:
    row: int
    col: int
    label: Label | None
    text: str

    @property
    def shown(self) -> str:
        return quote(f"{self.label.text}. {self.text}" if self.label and self.label.kind != "dash" else self.text)


@dataclass(slots=True)
class TaskRow:
    row: int
    kind: str  # task | heading (number and title only, with sub-items) | continuation (task cell merged from above)
    label: Label | None
    label_col: int
    text: str  # the task without its label
    group: Group | None


@dataclass(slots=True)
class TaskTable:
    table: Table
    appendix: Appendix | None
    header_rows: int
    headers: dict[int, str]  # grid column → header text
    mapped: dict[int, str]  # grid column → canonical id
    columns: dict[str, int]  # canonical id → the grid column used
    group_col: int | None
    grid: list[list[Cell | None]]
    rows: list[TaskRow] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    coordinate_inline: bool = False
    placed: bool = True  # the parser put the table in the body or in an appendix
    ordinal: int = 0  # 1-based among the task tables of the file

    def cell(self, row: int, cid: str) -> Cell | None:
        col = self.columns.get(cid)
        if col is None or row >= len(self.grid):
            return None
        return self.grid[row][col]

    def text(self, row: int, cid: str) -> str:
        cell = self.cell(row, cid)
        return cell.text.strip() if cell is not None else ""

    def header(self, cid: str) -> str:
        col = self.columns.get(cid)
        shown = " ".join(self.headers.get(col, "").split()) if col is not None else ""
        title = column_titles().get(cid, cid)
        if not shown or _norm(shown) == _norm(title):
            return f"«{title}»"
        return f"«{shown}» ({title.lower()})"

    @property
    def where(self) -> str:
        if self.appendix is not None:
            label = " ".join(self.appendix.label.split()).split(":")[0].strip()
            return _APPENDIX_WORD.sub("Phụ lục", label)
        return "bảng nhiệm vụ trong thân văn bản" if self.placed else f"bảng nhiệm vụ thứ {self.ordinal}"

    def task_rows(self) -> Iterator[TaskRow]:
        return (r for r in self.rows if r.kind in ("task", "continuation"))


_APPENDIX_WORD = re.compile(r"(?i)^ph[ụu]\s*l[ụu]c")


def _has_text(cell: Cell | None) -> bool:
    return cell is not None and bool(_EMPTY.sub("", cell.text))


_EMPTY = re.compile(r"[\s\-–—_.…/]+")
_NUMBER_ROW = re.compile(r"^\(?\d{1,2}\)?$|^\(?[A-Z]\)?$")


def _header(table: Table, grid: list[list[Cell | None]]) -> tuple[int, int, dict[int, str], dict[int, str]] | None:
    """(first header row, header depth, texts, mapping) of a task table, else None."""
    for start in range(min(2, len(table.rows))):
        row0 = [c for c in table.rows[start] if c.text.strip()]
        if not row0:
            continue
        depth = min(3, max(c.rowspan for c in row0))
        if depth == 1 and any(c.span > 1 for c in row0) and start + 1 < len(table.rows):
            below = [c for c in table.rows[start + 1] if c.text.strip()]
            if below and all(column_id(c.text) for c in below):
                depth = 2
        texts, mapped = _map_columns(table, grid, start, depth)
        if len(mapped) >= 3 and _is_task_profile(set(mapped.values())):
            return start, depth, texts, mapped
    return None


def _map_columns(table: Table, grid: list[list[Cell | None]], start: int,
                 depth: int) -> tuple[dict[int, str], dict[int, str]]:
    texts: dict[int, str] = {}
    mapped: dict[int, str] = {}
    for col in range(table.n_cols):
        stack: list[Cell] = []
        for r in range(start, min(start + depth, len(grid))):
            cell = grid[r][col]
            if cell is not None and all(cell is not c for c in stack) and cell.text.strip():
                stack.append(cell)
        if not stack:
            continue
        top, bottom = stack[0], stack[-1]
        texts[col] = bottom.text if len(stack) == 1 else f"{top.text} {bottom.text}"
        cid = column_id(bottom.text) or column_id(" ".join(c.text for c in stack))
        if cid is None and top.span == 1:
            cid = column_id(top.text)
        if cid is not None:
            mapped[col] = cid
    return texts, mapped


def _is_task_profile(ids: set[str]) -> bool:
    return "task" in ids and bool(ids & {"lead", "time"}) and len(ids) >= 3


def _choose(mapped: dict[int, str]) -> tuple[dict[str, int], int | None]:
    """One grid column per id (the task and the time: the rightmost; others the leftmost) and the group column
    (a task column left of the chosen one)."""
    by_id: dict[str, list[int]] = {}
    for col, cid in sorted(mapped.items()):
        by_id.setdefault(cid, []).append(col)
    columns = {cid: (cols[-1] if cid in ("task", "time") else cols[0]) for cid, cols in by_id.items()}
    group_col = by_id["task"][0] if len(by_id.get("task", [])) > 1 else None
    return columns, group_col


def analyse(table: Table, appendix: Appendix | None) -> TaskTable | None:
    """The task-table reading of ``table``, or None when it is not a task table."""
    if not table.rows or table.n_cols < 3:
        return None
    grid = table.grid()
    found = _header(table, grid)
    if found is None:
        return None
    start, depth, texts, mapped = found
    columns, group_col = _choose(mapped)
    header_rows = start + depth
    if header_rows < len(table.rows) and _is_number_row(table, header_rows):
        header_rows += 1
    tt = TaskTable(table, appendix, header_rows, texts, mapped, columns, group_col, grid)
    _read_rows(tt)
    tt.coordinate_inline = "coordinate" not in columns and any(
        _COORD.search(tt.text(r.row, "lead")) for r in tt.rows if r.kind != "heading")
    return tt


def _is_number_row(table: Table, r: int) -> bool:
    """A row numbering the columns ((1) (2) (3) …) under the header."""
    cells = [c.text.strip() for c in table.rows[r] if c.text.strip()]
    return len(cells) >= max(3, table.n_cols - 1) and all(_NUMBER_ROW.match(t) for t in cells)


@dataclass(slots=True)
class _Raw:
    row: int
    label: Label | None
    label_col: int
    text: str
    others_filled: bool
    continuation: bool


def _read_rows(tt: TaskTable) -> None:
    table, grid = tt.table, tt.grid
    task_col = tt.columns["task"]
    stt_col = tt.columns.get("stt")
    other_cols = [c for cid, c in tt.columns.items() if cid not in ("stt", "task") and c != tt.group_col]
    group: Group | None = None
    raws: list[tuple[_Raw, Group | None]] = []
    for r in range(tt.header_rows, len(table.rows)):
        if tt.group_col is not None:
            gcell = grid[r][tt.group_col]
            if gcell is not None and gcell.row == r and gcell.text.strip() and gcell.col == tt.group_col:
                label, text = split_label(gcell.text.strip())
                group = Group(r, tt.group_col, label, text)
                tt.groups.append(group)
        wide = _wide_group(table, r, task_col, other_cols, stt_col)
        if wide is not None:
            group = _group_from(tt, r, wide, stt_col)
            tt.groups.append(group)
            continue
        if _is_repeated_header(tt, r) or _is_number_row(table, r):
            continue
        raw = _raw_row(tt, r, task_col, stt_col, other_cols)
        if raw is not None and not _TOTAL.match(raw.text):
            raws.append((raw, group))
    _classify(tt, raws)


def _wide_group(table: Table, r: int, task_col: int, other_cols: list[int], stt_col: int | None) -> Cell | None:
    """A cell of row ``r`` that spans the task column and the columns of the details, with nothing else in the
    row but a number (a task whose text runs over the empty product cell is not a group)."""
    filled = [c for c in table.rows[r] if c.text.strip()]
    for cell in filled:
        if cell.span < 2:
            continue
        covers = range(cell.col, cell.col + cell.span)
        wide = (task_col in covers and any(c in covers for c in other_cols)) or cell.span >= table.n_cols - 1
        if wide and all(c is cell or c.col == stt_col for c in filled):
            return cell
    return None


def _group_from(tt: TaskTable, r: int, wide: Cell, stt_col: int | None) -> Group:
    label, text = split_label(wide.text.strip())
    if stt_col is not None and stt_col != wide.col:
        stt = tt.grid[r][stt_col]
        if stt is not None and stt.row == r and stt.text.strip():
            label = parse_label(stt.text) or label
    return Group(r, wide.col, label, text)


_TOTAL = re.compile(r"(?i)^(?:tổng\s+cộng|tổng\s+số|tổng|cộng)\b\s*:?")


def _is_repeated_header(tt: TaskTable, r: int) -> bool:
    """The header typed again further down (a table pasted over several pages)."""
    same = 0
    for col, cid in tt.mapped.items():
        cell = tt.grid[r][col]
        if cell is not None and cell.row == r and column_id(cell.text) == cid:
            same += 1
    return same >= 3


def _raw_row(tt: TaskTable, r: int, task_col: int, stt_col: int | None, other_cols: list[int]) -> _Raw | None:
    grid = tt.grid
    task = grid[r][task_col]
    continuation = task is not None and task.row < r
    task_text = task.text.strip() if task is not None and not continuation else ""
    others = any(_has_text(grid[r][c]) for c in other_cols)
    label, label_col = None, task_col
    if stt_col is not None:
        stt = grid[r][stt_col]
        if stt is not None and stt.row == r and _CELL_LABEL.match(stt.text):
            label, label_col = parse_label(stt.text), stt_col
    lead_label, body = split_label(task_text)
    if label is None and lead_label is not None:
        label = lead_label
    if (label is not None and label_col == task_col) or (lead_label is not None and lead_label.kind != "dash"):
        task_text = body
    if not task_text and not others and label is None:
        return None
    return _Raw(r, label, label_col, task_text, others, continuation)


def _classify(tt: TaskTable, raws: list[tuple[_Raw, Group | None]]) -> None:
    source: Group | None = None  # the group of the layout (wide row or group column)
    titled: Group | None = None  # a «number and title only» group row under it, until the layout's next group
    for i, (raw, layout_group) in enumerate(raws):
        if layout_group is not source:
            source, titled = layout_group, None
        group = titled or source
        nxt = raws[i + 1][0] if i + 1 < len(raws) else None
        if raw.continuation:
            kind = "continuation"
        elif raw.others_filled:
            kind = "task"
        elif _is_group_title(raw):
            titled = Group(raw.row, raw.label_col, raw.label, raw.text)
            tt.groups.append(titled)
            continue
        elif nxt is not None and _is_sub_item(raw.label, nxt.label):
            kind = "heading"
        else:
            kind = "task"
        tt.rows.append(TaskRow(raw.row, kind, raw.label, raw.label_col, raw.text, group))
    tt.groups.sort(key=lambda g: g.row)


def _is_group_title(raw: _Raw) -> bool:
    """A row with a title and nothing else: numbered I, II or A, B, or not numbered at all (a task is numbered;
    an Arabic-numbered title is a task with empty cells unless sub-items follow it)."""
    return raw.label is None or raw.label.kind in ("roman", "upper")


def _is_sub_item(parent: Label | None, child: Label | None) -> bool:
    if child is None:
        return False
    if child.kind in ("lower", "dash"):
        return parent is None or parent.kind in ("arabic", "decimal")
    if child.kind == "decimal":
        return parent is not None and parent.kind in ("arabic", "decimal") and \
            child.path[:len(parent.path)] == parent.path and len(child.path) > len(parent.path)
    return False


def task_tables(ctx: Any) -> list[TaskTable]:
    """Every task table of the file, in order (body and appendices of every document), computed once. Tables
    are taken from the DocModel, so one the parser could not place is still checked."""
    def build() -> list[TaskTable]:
        owners = {table.loc.block: appendix for table, appendix in ctx.tree.tables()}
        out = []
        for item in ctx.model.flow():
            if isinstance(item, Table):
                found = analyse(item, owners.get(item.loc.block))
                if found is not None:
                    found.placed = item.loc.block in owners
                    found.ordinal = len(out) + 1
                    out.append(found)
        return out

    return per_document(ctx, "_pl_task_tables", build)


def appendices_reliable(ctx: Any) -> bool:
    """The parser placed every task table in the body or an appendix. When it could not (a draft whose layout
    it did not follow), the appendix rules stay silent rather than judge labels and mentions it misread."""
    return all(tt.placed for tt in task_tables(ctx))


# --- where and what a task is --------------------------------------------------------------------------------


def task_name(tt: TaskTable, row: TaskRow, limit: int = 60) -> str:
    if row.text:
        return quote(row.text, limit)
    return f"ở số thứ tự {row.label.text}" if row.label else f"ở dòng {row.row + 1} của bảng"


def in_group(row: TaskRow) -> str:
    return f" (nhóm {row.group.shown})" if row.group is not None else ""


# --- PL001 / PL002: columns ---------------------------------------------------------------------------------


@rule("PL001", "bang-nhiem-vu-thieu-cot", "warning", PRACTICE, doc_types=("KH", "QD", "TB", None),
      what="Bảng nhiệm vụ (trong phụ lục hoặc thân văn bản) thiếu một cột bắt buộc của hồ sơ bảng nhiệm vụ kế "
           "hoạch CCHC: nhiệm vụ, sản phẩm (kết quả), cơ quan chủ trì, thời gian hoàn thành.",
      why="Kế hoạch phải xác định cho từng nhiệm vụ kết quả/sản phẩm, cơ quan chủ trì và thời hạn; thiếu cột thì "
          "không giao được trách nhiệm và không kiểm tra được tiến độ. Hồ sơ cột là thực tiễn, cấu hình được "
          "trong rules/table_columns.yaml.",
      wrong="STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian (không có cột sản phẩm)",
      right="STT | Nhiệm vụ | Sản phẩm | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành")
def missing_column(ctx: Any) -> Iterator[Hit]:
    profile = data.table_profile()
    for tt in task_tables(ctx):
        for cid in profile.required:
            if cid not in tt.columns:
                title = column_titles().get(cid, cid)
                yield Hit(tt.table, f"Bảng nhiệm vụ ({tt.where}) thiếu cột «{title}»; cần thêm cột «{title}» "
                                    f"(các cột cần có: {_column_list(profile.required)})")


def _column_list(ids: Iterable[str]) -> str:
    return ", ".join(column_titles().get(c, c) for c in ids)


@rule("PL002", "bang-nhiem-vu-thieu-cot-phoi-hop", "info", PRACTICE, doc_types=("KH", "QD", "TB", None),
      what="Bảng nhiệm vụ không có cột cơ quan phối hợp (cột nên có), và các ô cơ quan chủ trì cũng không ghi cơ "
           "quan phối hợp.",
      why="Ghi rõ cơ quan phối hợp giúp phân định trách nhiệm; nhiều nhiệm vụ CCHC cần nhiều cơ quan cùng làm.",
      wrong="STT | Nhiệm vụ | Sản phẩm | Cơ quan chủ trì | Thời gian",
      right="STT | Nhiệm vụ | Sản phẩm | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian")
def missing_recommended_column(ctx: Any) -> Iterator[Hit]:
    profile = data.table_profile()
    for tt in task_tables(ctx):
        for cid in profile.recommended:
            if cid in tt.columns or (cid == "coordinate" and tt.coordinate_inline):
                continue
            title = column_titles().get(cid, cid)
            yield Hit(tt.table, f"Bảng nhiệm vụ ({tt.where}) không có cột «{title}»; nên thêm cột này hoặc ghi cơ "
                                "quan phối hợp trong ô cơ quan chủ trì")


# --- PL003: empty required cells ----------------------------------------------------------------------------


@rule("PL003", "o-bat-buoc-de-trong", "warning", PRACTICE, doc_types=("KH", "QD", "TB", None),
      what="Một nhiệm vụ của bảng để trống ô ở cột bắt buộc (nhiệm vụ, sản phẩm, cơ quan chủ trì, thời gian).",
      why="Nhiệm vụ không có sản phẩm, cơ quan chủ trì hay thời hạn thì không giao được và không đánh giá được "
          "kết quả thực hiện. Dòng tiêu đề nhóm (ô gộp cả chiều ngang, hoặc chỉ có số và tên nhóm) không phải "
          "nhiệm vụ.",
      wrong="3 | Kiểm tra công vụ | (trống) | Sở Nội vụ | Quý III/2024",
      right="3 | Kiểm tra công vụ | Kết luận kiểm tra | Sở Nội vụ | Quý III/2024")
def empty_required_cell(ctx: Any) -> Iterator[Hit]:
    required = data.table_profile().required
    for tt in task_tables(ctx):
        for row in tt.task_rows():
            empty = [cid for cid in required if cid in tt.columns and not _has_text(tt.cell(row.row, cid))]
            if row.kind == "continuation":
                empty = [cid for cid in empty if cid != "task"]
            if not empty:
                continue
            names = ", ".join(tt.header(cid) for cid in empty)
            yield Hit((tt.table, row.row, tt.columns[empty[0]]),
                      f"Nhiệm vụ {task_name(tt, row)}{in_group(row)} ({tt.where}) để trống cột {names}; cần ghi đủ nội dung "
                      "các cột bắt buộc cho từng nhiệm vụ")


# --- PL004 / PL005: time cells -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeCell:
    tt: TaskTable
    row: TaskRow
    periods: tuple[Period, ...]

    @property
    def target(self) -> tuple[Table, int, int]:
        return self.tt.table, self.row.row, self.tt.columns["time"]


def time_cells(ctx: Any) -> list[TimeCell]:
    def build() -> list[TimeCell]:
        years = ctx.plan_years
        default_year = years[0] if years and years[0] == years[1] else None
        out = []
        for tt in task_tables(ctx):
            if "time" not in tt.columns:
                continue
            for row in tt.task_rows():
                cell = tt.cell(row.row, "time")
                if cell is None or not cell.text.strip() or (row.kind == "continuation" and cell.row < row.row):
                    continue
                out.append(TimeCell(tt, row, tuple(read_time_cell(cell.text, default_year))))
        return out

    return per_document(ctx, "_pl_time_cells", build)


_BULLET = re.compile(r"^[\s\-–+•*]+")


def read_time_cell(text: str, default_year: int | None) -> list[Period]:
    """The periods of a time cell, line by line. A «label: value» line is split at its last colon first:
    ``parse_time_expr`` also splits at «;», which cuts a label list («Báo cáo A; Báo cáo B: Quý II/2020»)."""
    out: list[Period] = []
    for line in text.split("\n"):
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        head, sep, value = line.rpartition(":")
        if sep and head.strip() and value.strip() and not _readable(head):
            periods = parse_time_expr(value, default_year)
            out.extend(replace(p, label=head.strip()) for p in periods)
        else:
            out.extend(parse_time_expr(line, default_year))
    return out


def _readable(text: str) -> bool:
    return any(p.kind != "unparsed" for p in parse_time_expr(text))


# Not calendar dates, but not unreadable either: recurrences, event-relative times, deadlines set by another
# text. PL004 stays for what is really unreadable.
_KNOWN_WORDING = re.compile(
    r"(?i)thường\s+xuyên|định\s+kỳ|h[àằ]ng\s+(?:năm|quý|tháng|tuần|ngày)|liên\s+tục|cả\s+năm|trong\s+năm|"
    r"đột\s+xuất|sau\s+khi|ngay\s+khi|khi\s+có|kịp\s+thời|theo\s+(?:quy\s+định|kế\s+hoạch|hướng\s+dẫn|yêu\s+cầu|"
    r"lộ\s+trình|tiến\s+độ|chỉ\s+đạo|thông\s+báo|văn\s+bản|đề\s+nghị)")
_VAGUE_OK = re.compile(r"^[\s\-–.…]*$")


@rule("PL004", "thoi-gian-khong-doc-duoc", "info", PRACTICE, doc_types=("KH", "QD", "TB", None),
      what="Ô thời gian của một nhiệm vụ không ghi một mốc hay khoảng thời gian đọc được (tháng, quý, năm, ngày, "
           "«thường xuyên», «định kỳ hằng quý» …).",
      why="Thời hạn mơ hồ («theo quy định», «khi có yêu cầu») khiến không theo dõi được tiến độ; cchc-lint cũng "
          "không kiểm tra được thời hạn đó có nằm trong năm kế hoạch hay không.",
      wrong="Sau khi có hướng dẫn", right="Quý II/2024; Trước ngày 15/12/2024; Thường xuyên")
def unreadable_time(ctx: Any) -> Iterator[Hit]:
    for tc in time_cells(ctx):
        parts = [p for p in tc.periods if p.kind == "unparsed" and not _VAGUE_OK.match(p.raw)
                 and not _KNOWN_WORDING.search(p.raw)]
        if parts:
            shown = "; ".join(shown_period(p) for p in parts[:3])
            yield Hit(tc.target, f"Không đọc được thời gian {shown} của nhiệm vụ {task_name(tc.tt, tc.row)} "
                                 f"({tc.tt.where}); nên ghi mốc cụ thể (tháng, quý, ngày) hoặc «thường xuyên»")


_REPORT_WORDS = re.compile(r"(?i)báo\s+cáo|tổng\s+kết|sơ\s+kết")


@rule("PL005", "thoi-gian-ngoai-nam-ke-hoach", "warning", f"{PRACTICE}; thời hạn phải còn thực hiện được kể từ "
      "ngày ban hành kế hoạch", doc_types=("KH", "QD", "TB", None),
      what="Thời gian thực hiện một nhiệm vụ nằm ngoài năm (giai đoạn) kế hoạch, hoặc đã qua trước ngày ban hành "
           "văn bản. Báo cáo, tổng kết đến hạn đầu năm sau được chấp nhận trong số ngày «annual-grace-days».",
      why="Nhiệm vụ có thời hạn đã qua hoặc ngoài năm kế hoạch thường là lỗi sao chép từ kế hoạch năm trước; "
          "không thể giao một thời hạn đã hết.",
      wrong="Kế hoạch năm 2020 ngày 28/02/2020: «Tháng 01/2020», «Trong năm 2019»",
      right="«Quý II/2020», «Trước ngày 15/12/2020»")
def time_outside_plan(ctx: Any) -> Iterator[Hit]:
    floor = draft_floor(ctx)
    years = ctx.plan_years
    grace = timedelta(days=grace_days(ctx))
    for tc in time_cells(ctx):
        for period in tc.periods:
            message = _period_problem(period, floor, years, grace, tc, month_only=ctx.date is None)
            if message:
                yield Hit(tc.target, message)


def _period_problem(period: Period, floor: date | None, years: tuple[int, int] | None, grace: timedelta,
                    tc: TimeCell, *, month_only: bool = False) -> str | None:
    if period.kind == "unparsed" or period.invalid_date or period.end is None:
        return None
    first = period.start or period.end
    what = f"Thời gian {shown_period(period)} của nhiệm vụ {task_name(tc.tt, tc.row)} ({tc.tt.where})"
    if floor is not None and period.end < floor:
        outside = years is not None and period.end < date(years[0], 1, 1)
        also = f", cũng nằm ngoài năm kế hoạch {_years(years)}" if outside else ""
        when = f"tháng ban hành văn bản ({floor.month:02d}/{floor.year})" if month_only else \
            f"ngày ban hành văn bản ({fmt_date(floor)})"
        return f"{what} đã qua trước {when}{also}; cần sửa thành thời hạn còn thực hiện được"
    if years is None:
        return None
    start, end = date(years[0], 1, 1), date(years[1], 12, 31)
    if period.end < start:
        return f"{what} nằm trước năm kế hoạch {_years(years)}; cần thời hạn trong năm kế hoạch"
    if first > end:
        report = _REPORT_WORDS.search(period.label or "") or _REPORT_WORDS.search(tc.row.text)
        if report and period.end <= end + grace:
            return None
        return f"{what} nằm sau năm kế hoạch {_years(years)}; cần thời hạn trong năm kế hoạch"
    return None


def shown_period(period: Period) -> str:
    """«Trước 31/12/2019» (mục «Kế hoạch …»): the value, and the label of a «label: value» part."""
    value = quote(period.raw.rstrip(" .;,"), 50)
    return f"{value} (mục {quote(period.label, 50)})" if period.label and period.label not in period.raw else value


def _years(years: tuple[int, int] | None) -> str:
    if years is None:
        return ""
    return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"


# --- PL006 / PL007: numbering of rows and groups -------------------------------------------------------------


@rule("PL006", "so-thu-tu-nhiem-vu-khong-lien-tuc", "warning", f"{ND30}, Phụ lục I, mục II.6 (đánh số thứ tự "
      "liên tục); thực tiễn bảng nhiệm vụ", doc_types=("KH", "QD", "TB", None),
      what="Số thứ tự các nhiệm vụ trong một nhóm của bảng không liên tục (nhảy số, trùng số, điểm a), b) sai "
           "thứ tự).",
      why="Số thứ tự là cách các văn bản sau (báo cáo, kiểm tra) viện dẫn nhiệm vụ; số nhảy hoặc trùng gây nhầm "
          "lẫn và thường cho thấy một nhiệm vụ bị xoá hay chép thừa. Mỗi nhóm có thể đánh lại từ 1 hoặc đánh "
          "tiếp nhóm trước.",
      wrong="1, 2, 4 (thiếu 3); a), c)", right="1, 2, 3; a), b)")
def row_numbers(ctx: Any) -> Iterator[Hit]:
    for tt in task_tables(ctx):
        yield from _row_sequence(tt)


def _row_sequence(tt: TaskTable) -> Iterator[Hit]:
    last_top: Label | None = None  # the last first-level label of the previous group
    top: Label | None = None
    sub: Label | None = None
    group: Group | None = None
    for row in tt.rows:
        if row.kind == "continuation" or row.label is None or row.label.kind == "dash":
            continue
        if row.group is not group:
            group, last_top, top, sub = row.group, top or last_top, None, None
        label = row.label
        if label.kind in ("arabic", "roman", "upper"):
            continued = top is None and last_top is not None and last_top.kind == label.kind and \
                label.value == last_top.value + 1
            if (top is None or top.kind == label.kind) and not continued and not follows(top, label):
                yield _sequence_hit(tt, row, top, label)
            top, sub = label, None
        elif label.kind in ("lower", "decimal"):
            if label.kind == "decimal" and top is not None and top.kind == "arabic" and \
                    label.path[0] != top.value:
                yield _sequence_hit(tt, row, sub, label, parent=top)
            elif not follows(sub if sub is not None and sub.kind == label.kind else None, label):
                yield _sequence_hit(tt, row, sub if sub is not None and sub.kind == label.kind else None, label)
            sub = label


def _sequence_hit(tt: TaskTable, row: TaskRow, prev: Label | None, label: Label,
                  parent: Label | None = None) -> Hit:
    if parent is not None:
        want = f"{parent.value}.{label.path[-1]}"
        detail = f"nằm dưới mục «{parent.text}» nên phải bắt đầu bằng «{parent.value}.»; cần «{want}»"
    else:
        want = expected_after(prev, label)
        after = f"sau «{prev.text}»" if prev is not None else "ở đầu nhóm"
        detail = f"đứng {after}; cần «{want}» (thiếu, trùng hoặc sai thứ tự)"
    return Hit((tt.table, row.row, row.label_col),
               f"Số thứ tự «{label.text}» của nhiệm vụ {task_name(tt, row, 50)}{in_group(row)} ({tt.where}) "
               f"{detail}")


@rule("PL007", "nhom-nhiem-vu-khong-khop", "warning", "Nghị quyết 30c/NQ-CP; Nghị quyết 76/NQ-CP ngày 15/7/2021 "
      "(các nội dung cải cách); thực tiễn bảng nhiệm vụ", doc_types=("KH", "QD", "TB", None),
      what="Các nhóm nhiệm vụ của bảng (I, II, III …) không đánh số liên tục, hoặc không khớp các nội dung cải "
           "cách nêu ở phần nhiệm vụ của kế hoạch: nhóm thuộc một nội dung mà thân kế hoạch không có, hay nội "
           "dung của thân kế hoạch không có nhóm trong bảng.",
      why="Phụ lục triển khai chính các nội dung nêu trong kế hoạch; lệch nhau thì nhiệm vụ bị bỏ sót hoặc giao "
          "ngoài kế hoạch.",
      wrong="Thân: 1. Cải cách thể chế; 2. Cải cách TTHC … Phụ lục: I. Cải cách thể chế; III. Cải cách tài chính công",
      right="Các nhóm I, II, III … theo đúng các nội dung của mục nhiệm vụ")
def group_headings(ctx: Any) -> Iterator[Hit]:
    tables = task_tables(ctx)
    for tt in tables:
        yield from _group_sequence(tt)
    yield from _group_areas(ctx, tables)


def _group_sequence(tt: TaskTable) -> Iterator[Hit]:
    prev: Label | None = None
    for group in tt.groups:
        label = group.label
        if label is None or label.kind not in ("roman", "upper", "arabic"):
            continue
        if prev is not None and prev.kind != label.kind:
            prev = None
        if not follows(prev, label):
            after = f"sau nhóm «{prev.text}»" if prev is not None else "ở đầu bảng"
            yield Hit((tt.table, group.row, group.col),
                      f"Nhóm nhiệm vụ {group.shown} ({tt.where}) đánh số «{label.text}» {after}; cần "
                      f"«{expected_after(prev, label)}»")
        prev = label


def _programme_areas(ctx: Any) -> tuple[Any, ...]:
    years = ctx.plan_years
    if years is not None:
        programme = data.reform_programme(years[0], on=ctx.date)
        if programme is not None:
            return programme.areas
    seen: dict[str, Any] = {}
    for programme in data.programmes():
        for area in programme.areas:
            seen.setdefault(area.id, area)
    return tuple(seen.values())


def classify_heading(text: str, areas: tuple[Any, ...]) -> Any | None:
    """The reform area a heading names (the keyword found first wins; «other» headings give None)."""
    folded = data.normalise_heading(text)
    best: tuple[int, int, Any] | None = None
    for area in (*areas, *data.other_headings()):
        for keyword in area.keywords:
            pos = folded.find(data.normalise_heading(keyword))
            if pos >= 0 and (best is None or (pos, -len(keyword)) < (best[0], best[1])):
                best = (pos, -len(keyword), area)
    if best is None or best[2] not in areas:
        return None
    return best[2]


def _body_areas(doc: DocTree, areas: tuple[Any, ...]) -> dict[str, Line] | None:
    """The reform areas of the plan's task list: the list of sibling headings with most area titles (≥ 2)."""
    best: dict[str, Line] = {}
    lists = [doc.sections, *(s.children for s in doc.walk_sections())]
    for siblings in lists:
        found: dict[str, Line] = {}
        for section in siblings:
            if section.is_item or len(section.title.split()) > 25:
                continue
            area = classify_heading(section.title, areas)
            if area is not None:
                found.setdefault(area.id, section.heading)
        if len(found) > len(best):
            best = found
    return best if len(best) >= 2 else None


def _group_areas(ctx: Any, tables: list[TaskTable]) -> Iterator[Hit]:
    areas = _programme_areas(ctx)
    by_id = {a.id: a for a in areas}
    for doc in ctx.tree.documents():
        body = _body_areas(doc, areas)
        if body is None:
            continue
        mine = [tt for tt in tables if tt.appendix is not None and tt.appendix in doc.appendices]
        groups: dict[str, tuple[TaskTable, Group]] = {}
        for tt in mine:
            for group in tt.groups:
                area = classify_heading(group.text, areas)
                if area is not None:
                    groups.setdefault(area.id, (tt, group))
        if len(groups) < 2:
            continue
        for aid, (tt, group) in groups.items():
            if aid not in body:
                yield Hit((tt.table, group.row, group.col),
                          f"Nhóm nhiệm vụ {group.shown} ({tt.where}) thuộc nội dung «{by_id[aid].title}» nhưng "
                          "phần nhiệm vụ của kế hoạch không có mục nào về nội dung này; cần thêm mục tương ứng "
                          "hoặc chuyển nhiệm vụ sang nhóm đúng")
        for aid, heading in body.items():
            if aid not in groups:
                tt = mine[0]
                yield Hit(heading, f"Mục {quote(heading.text, 60)} (nội dung «{by_id[aid].title}») không có nhóm "
                                   f"nhiệm vụ tương ứng trong bảng nhiệm vụ ({tt.where}); cần bổ sung nhóm nhiệm vụ "
                                   "cho nội dung này")


# --- PL008: duplicate tasks ---------------------------------------------------------------------------------

_PUNCT = re.compile(r"[\s.,;:!?…()\[\]\"'“”‘’«»*_\-–—/]+")


@rule("PL008", "nhiem-vu-trung-lap", "warning", PRACTICE, doc_types=("KH", "QD", "TB", None),
      what="Cùng một nhiệm vụ (cùng nội dung) xuất hiện hai lần trong các bảng nhiệm vụ của văn bản.",
      why="Nhiệm vụ chép lặp làm trùng trách nhiệm và sai số liệu khi tổng hợp kết quả thực hiện.",
      wrong="II.3 Rà soát quy trình nội bộ giải quyết TTHC … V.2 Rà soát quy trình nội bộ giải quyết TTHC",
      right="Giữ một nhiệm vụ; ghi thêm cơ quan phối hợp nếu cần")
def duplicate_task(ctx: Any) -> Iterator[Hit]:
    seen: dict[str, tuple[TaskTable, TaskRow]] = {}
    for tt in task_tables(ctx):
        for row in tt.rows:
            if row.kind != "task":
                continue
            key = _PUNCT.sub(" ", data.normalise_heading(row.text)).strip()
            if len(key.split()) < 5:
                continue
            first = seen.setdefault(key, (tt, row))
            if first[1] is row:
                continue
            ftt, frow = first
            where = f"{_row_ref(frow)}{in_group(frow)}" + ("" if ftt is tt else f", {ftt.where}")
            yield Hit((tt.table, row.row, tt.columns["task"]),
                      f"Nhiệm vụ {task_name(tt, row)}{in_group(row)} ({tt.where}) trùng với nhiệm vụ ở {where}; "
                      "cần gộp hoặc xoá một nhiệm vụ")


def _row_ref(row: TaskRow) -> str:
    return f"số thứ tự {row.label.text}" if row.label and row.label.kind != "dash" else f"dòng {row.row + 1}"


# --- PL009: the appendix's reference line --------------------------------------------------------------------

_REF_TYPE = re.compile(r"(?i)kèm\s+theo\s+(?P<type>kế\s+hoạch|quyết\s+định|thông\s+báo|văn\s+bản|công\s+văn|"
                       r"chương\s+trình|nghị\s+quyết|báo\s+cáo|tờ\s+trình|đề\s+án|chỉ\s+thị|hướng\s+dẫn)")
_TYPE_CODE = {"kế hoạch": "KH", "quyết định": "QD", "thông báo": "TB"}
_TYPE_ABBR = {"KH": "KH", "QD": "QĐ", "TB": "TB"}
_ISSUER = re.compile(r"(?i)\bcủa\s+(?P<issuer>[^()]+?)\s*\)?\s*$")
_ABBREVIATIONS = (("ubnd", "ủy ban nhân dân"), ("hđnd", "hội đồng nhân dân"), ("tp.", "thành phố"),
                  ("tp", "thành phố"), ("tw", "trung ương"))
_TITLES = re.compile(r"^(?:phó\s+)?(?:chủ\s+tịch|giám\s+đốc|trưởng\s+ban|bộ\s+trưởng|thủ\s+trưởng|chánh\s+văn\s+"
                     r"phòng|tổng\s+giám\s+đốc|cục\s+trưởng|trưởng\s+phòng)\s+")


@dataclass(frozen=True, slots=True)
class _Target:
    """A document an appendix may reference: its type, number, date and issuer names."""

    code: str
    number: Any
    date: VnDate | None
    issuers: tuple[tuple[str, bool], ...]


def _issuer_words(text: str) -> frozenset[str]:
    folded = data.normalise_heading(text)
    for short, full in _ABBREVIATIONS:
        folded = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, folded)
    folded = _TITLES.sub("", folded.strip())
    return frozenset(w for w in _PUNCT.sub(" ", folded).split() if w)


def _targets(ctx: Any, doc: DocTree) -> list[_Target]:
    root = ctx.tree
    header = root.header
    lines = [line.text for line in header.agencies if line.text.strip(" -_=*")]
    # (name, whole): the whole header name, or the issuer's own lines (its last lines, under the parent body)
    issuers = [(" ".join(lines[i:]), i == 0) for i in range(len(lines))]
    if root.title.issuer_title is not None:
        issuers.append((root.title.issuer_title.text, True))
    if ctx.config.agency.get("name"):
        issuers.append((ctx.config.agency["name"], True))
    out = []
    for candidate in root.documents():
        own = candidate.header.number is not None or candidate is root
        number = candidate.header.number if own else root.header.number
        when = candidate.header.date if own else root.header.date
        out.append(_Target(candidate.doc_type or "", number, when, tuple(issuers)))
    if doc is not root:  # an appendix of the attached plan: the plan itself or the issuing decision
        out.sort(key=lambda t: t.code != (doc.doc_type or ""))
    return out


@rule("PL009", "dong-chi-dan-phu-luc-khong-khop", "error", APPENDIX_III1, doc_types=("KH", "QD", "TB", None),
      what="Dòng chỉ dẫn của phụ lục «(Kèm theo Kế hoạch số …/KH-… ngày … tháng … năm … của …)» thiếu, hoặc ghi "
           "loại, số, ký hiệu, ngày hay cơ quan ban hành khác với chính văn bản. Để trống số và ngày trong dự thảo "
           "là được; phụ lục của kế hoạch ban hành kèm quyết định có thể chỉ dẫn kế hoạch hoặc quyết định. Dòng "
           "«(Ban hành kèm theo Quyết định số …)» của kế hoạch kèm theo quyết định được xét như vậy.",
      why="Phụ lục thường được in, gửi tách rời; dòng chỉ dẫn là thứ duy nhất gắn nó với văn bản gốc. Ghi sai số "
          "hay ngày (thường do sao chép từ văn bản năm trước) làm phụ lục gắn vào văn bản khác.",
      wrong="Kế hoạch số 15/KH-UBND ngày 05/01/2024 có phụ lục «(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2023 "
            "của …)»",
      right="(Kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân Thành phố Hà Nội)")
def reference_line(ctx: Any) -> Iterator[Hit]:
    if not appendices_reliable(ctx):
        return
    basis = law("reference", ctx.reference_date)
    severity = law_severity(basis, Severity.ERROR)
    missing: list[Appendix] = []
    for doc in ctx.tree.documents():
        for appendix in doc.appendices:
            if appendix.reference is None:
                missing.append(appendix)
                continue
            problems = _reference_problems(ctx, doc, appendix.reference.text)
            if problems:
                yield Hit(appendix.reference, f"Dòng chỉ dẫn của {_appendix_name(appendix)} không khớp văn bản: "
                                              f"{'; '.join(problems)}", severity=severity,
                          legal_basis=basis["basis"])
    for attached in ctx.tree.attachments:  # «(Ban hành kèm theo Quyết định số …)» above an attached plan
        problems = _reference_problems(ctx, ctx.tree, attached.reference.text) if attached.reference else []
        if problems:
            yield Hit(attached.reference, f"Dòng «Ban hành kèm theo …» của văn bản kèm theo không khớp quyết định "
                                          f"ban hành nó: {'; '.join(problems)}", severity=severity,
                      legal_basis=basis["basis"])
    if missing:
        names = ", ".join(_appendix_name(a) for a in missing[:8])
        yield Hit(missing[0].label_line, f"{_upper_first(names)} thiếu dòng chỉ dẫn «(Kèm theo … số … "
                                         "ngày … tháng … năm … của …)» dưới tên phụ lục; mỗi phụ lục cần dòng này",
                  severity=Severity.WARNING if severity == Severity.ERROR else severity, legal_basis=basis["basis"])


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _appendix_name(appendix: Appendix) -> str:
    label = " ".join(appendix.label.split())
    label = label.split(":")[0].strip()
    return ("phụ lục" + label[7:]) if label.lower().startswith("phụ lục") else f"phụ lục {quote(label, 40)}"


def _reference_problems(ctx: Any, doc: DocTree, text: str) -> list[str]:
    m = _REF_TYPE.search(text)
    word = " ".join(m.group("type").lower().split()) if m else None
    targets = _targets(ctx, doc)
    code = _TYPE_CODE.get(word or "")
    if (word is not None and word not in ("văn bản", "công văn") and code is None) or \
            (code is not None and all(t.code != code for t in targets)):
        kinds = " hoặc ".join(_type_word(t.code) for t in targets if t.code) or "văn bản này"
        return [f"chỉ dẫn «{m.group('type') if m else word}» nhưng phụ lục kèm theo {kinds}"]
    target = next((t for t in targets if t.code == code), targets[0]) if targets else None
    if target is None:
        return []
    problems = []
    numbers = find_doc_numbers(text)
    if numbers and target.number is not None:
        problems += _number_problem(numbers[0], target.number)
    dates = [d for d in find_dates(text) if d.year is not None]
    if dates and target.date is not None:
        problems += _date_problem(dates[0], target.date)
    issuer = _ISSUER.search(text)
    if issuer and target.issuers:
        problems += _issuer_problem(issuer.group("issuer"), target.issuers)
    return problems


def _type_word(code: str) -> str:
    return {"KH": "kế hoạch", "QD": "quyết định", "TB": "thông báo"}.get(code, "văn bản")


def _number_problem(ref: Any, own: Any) -> list[str]:
    if ref.is_blank or own.is_blank:
        if ref.symbol and own.symbol and data.normalise_number(ref.symbol) != data.normalise_number(own.symbol):
            return [f"ký hiệu «{ref.symbol}» khác ký hiệu của văn bản «{own.symbol}»"]
        return []
    if data.normalise_number(ref.canonical) != data.normalise_number(own.canonical):
        return [f"số «{' '.join(ref.raw.split())}» khác số của văn bản «{own.canonical}»"]
    return []


def _date_problem(ref: VnDate, own: VnDate) -> list[str]:
    parts = ((ref.year, own.year), (ref.month, own.month), (ref.day, own.day))
    if all(a is None or b is None or a == b for a, b in parts):
        return []
    return [f"ngày «{' '.join(ref.raw.split())}» khác ngày ban hành văn bản «{' '.join(own.raw.split())}»"]


def _issuer_problem(ref: str, issuers: tuple[tuple[str, bool], ...]) -> list[str]:
    """A shortened name («Ủy ban nhân dân Thành phố») is fine; a name with other words is another body. A
    header that omits the province («ỦY BAN NHÂN DÂN») accepts any fuller name."""
    words = _issuer_words(ref)
    if not words:
        return []
    for candidate, whole in issuers:
        own = _issuer_words(candidate)
        if own and (words <= own or (whole and own <= words)):
            return []
    shown = " ".join(issuers[0][0].split())
    return [f"cơ quan «{' '.join(ref.split())}» khác cơ quan ban hành «{shown}»"]


# --- PL010 / PL011: mentions and numbering of appendices ------------------------------------------------------

_MENTION = re.compile(r"(?i)(?<!\w)ph[ụu]\s*l[ụu]c(?!\w)")
_NUM_TOKEN = re.compile(r"\s*(?:(?i:số)\s*)?(?P<n>\d{1,2}|[IVXLC]{1,6})(?!\w)")
_NUM_SEP = re.compile(r"\s*(?P<sep>,|và|(?i:đến)|(?i:tới)|-|–|…|\.{2,3})\s*")
_OWN = re.compile(r"(?i)kèm\s+theo|đính\s+kèm|kèm\b")
_HERE = re.compile(r"(?i)(?:quyết\s+định|kế\s+hoạch|thông\s+báo|văn\s+bản)\s+này")
_SENTENCE_END = re.compile(r"[;.](?:\s|$)")


@dataclass(frozen=True, slots=True)
class Mention:
    line: Line
    numbers: tuple[int, ...]
    attached: bool  # «kèm theo», «đính kèm» nearby: the draft's own appendix for sure


def _number_value(token: str) -> int | None:
    return int(token) if token.isdigit() else roman_value(token)


def _mention_numbers(text: str, pos: int) -> tuple[tuple[int, ...], int]:
    values: list[int] = []
    range_next = False
    while True:
        m = _NUM_TOKEN.match(text, pos)
        if not m:
            break
        value = _number_value(m.group("n"))
        if value is None or value == 0:
            break
        if range_next and values and value > values[-1] and value - values[-1] <= 20:
            values.extend(range(values[-1] + 1, value + 1))
        else:
            values.append(value)
        pos = m.end()
        sep = _NUM_SEP.match(text, pos)
        if not sep or not _NUM_TOKEN.match(text, sep.end()):
            break
        range_next = sep.group("sep").lower() not in (",", "và")
        pos = sep.end()
    return tuple(values), pos


def mentions(doc: DocTree) -> Iterator[Mention]:
    """The body's mentions of the draft's own appendices; «Phụ lục I Nghị định 30/2020» and the like excluded."""
    for item in (*doc.title.subject, *doc.body_items()):
        if not isinstance(item, Line) or "l" not in item.text.lower():
            continue
        text = item.text
        for m in _MENTION.finditer(text):
            numbers, end = _mention_numbers(text, m.end())
            stop = _SENTENCE_END.search(text, end)
            after = text[end:stop.start() if stop else min(len(text), end + 120)]
            before = text[max(0, m.start() - 40):m.start()]
            cited = find_doc_numbers(after[:80])
            if cited and not _HERE.search(after[:after.find(cited[0].raw)]):
                continue  # an appendix of another document
            attached = bool(_OWN.search(after[:60]) or _OWN.search(before) or "(" in before[-3:])
            yield Mention(item, numbers, attached)


def _appendix_number(appendix: Appendix) -> int | None:
    token = appendix.number
    return _number_value(token) if token else None


@rule("PL010", "nhac-toi-phu-luc-khong-khop", "warning", APPENDIX_III1, doc_types=("KH", "QD", "TB", None),
      what="Chỉ dẫn về phụ lục trong nội dung văn bản không khớp các phụ lục có thật: văn bản có phụ lục mà không "
           "nhắc tới; nhắc «Phụ lục số 04» mà không có phụ lục số 04; có phụ lục không được nhắc tới; nhắc «phụ "
           "lục kèm theo» mà văn bản không có phụ lục.",
      why="Văn bản có phụ lục thì trong nội dung phải có chỉ dẫn về phụ lục đó; chỉ dẫn sai số làm người thực "
          "hiện không tìm được nhiệm vụ được giao.",
      wrong="«… theo các Phụ lục số 01 đến 07» nhưng chỉ có sáu phụ lục (thiếu nhãn Phụ lục số 04)",
      right="«… chi tiết tại Phụ lục I, II kèm theo Kế hoạch này» và hai phụ lục «Phụ lục I», «Phụ lục II»")
def appendix_mentions(ctx: Any) -> Iterator[Hit]:
    if not appendices_reliable(ctx):
        return
    basis = law("mention", ctx.reference_date)
    severity = law_severity(basis, Severity.WARNING)
    appendices = list(ctx.tree.all_appendices())
    found = [m for doc in ctx.tree.documents() for m in mentions(doc)]
    present = {n for a in appendices if (n := _appendix_number(a)) is not None}
    hit = _mention_hit(basis["basis"], severity)
    if appendices and not found:
        yield hit(appendices[0].label_line, f"Văn bản có {len(appendices)} phụ lục nhưng nội dung không có chỉ "
                                            "dẫn nào về phụ lục; cần ghi, ví dụ «(chi tiết tại Phụ lục kèm theo)»")
        return
    if not appendices:
        attached = [m for m in found if m.attached or m.numbers]
        if attached and not any(True for _ in task_tables(ctx)):
            yield hit(attached[0].line, "Nội dung nhắc tới phụ lục kèm theo nhưng văn bản không có phụ lục nào "
                                        "(nếu phụ lục ở tệp riêng, cần ghép vào văn bản trước khi trình ký)",
                      Severity.INFO)
        return
    yield from _numbered_mentions(found, appendices, present, hit)


def _mention_hit(basis: str, severity: Severity) -> Callable[..., Hit]:
    def make(target: Any, message: str, sev: Severity | None = None) -> Hit:
        return Hit(target, message, severity=sev or severity, legal_basis=basis)

    return make


def _numbered_mentions(found: list[Mention], appendices: list[Appendix], present: set[int],
                       hit: Callable[..., Hit]) -> Iterator[Hit]:
    mentioned: set[int] = set()
    absent_any = False
    single = len(appendices) == 1 and not present
    for mention in found:
        absent = [n for n in mention.numbers if n not in present and not (single and n == 1)]
        mentioned |= set(mention.numbers)
        if absent:
            absent_any = True
            names = ", ".join(_shown_number(n, appendices) for n in absent)
            have = ", ".join(" ".join(a.label.split()).split(":")[0] for a in appendices[:10])
            yield hit(mention.line, f"Nội dung nhắc tới phụ lục {names} nhưng văn bản không có phụ lục mang số "
                                    f"này (các phụ lục có: {have}); cần sửa chỉ dẫn hoặc ghi nhãn phụ lục")
    if not mentioned or absent_any:
        return  # a wrong number in a mention is reported once, not again as an appendix nobody mentions
    for appendix in appendices:
        number = _appendix_number(appendix)
        if number is not None and number not in mentioned:
            yield hit(appendix.label_line, f"{_upper_first(_appendix_name(appendix))} không được nhắc tới trong "
                                           "nội dung văn bản; cần chỉ dẫn tới phụ lục này")


def _shown_number(n: int, appendices: list[Appendix]) -> str:
    arabic = any((a.number or "").isdigit() for a in appendices)
    return f"số {n:02d}" if arabic else to_roman(n)


_LABEL_NUMBER = re.compile(r"(?i)(ph[ụu]\s*l[ụu]c)(\s*(?:số\s*)?)([0-9]+|[IVXLC]+)\b")


@rule("PL011", "danh-so-phu-luc", "warning", f"{APPENDIX_III1}: từ hai phụ lục trở lên đánh số La Mã",
      doc_types=("KH", "QD", "TB", None), fix_safety="unsafe",
      what="Văn bản có từ hai phụ lục trở lên nhưng phụ lục không được đánh số thứ tự bằng chữ số La Mã (không "
           "đánh số, đánh số Ả Rập «Phụ lục số 01», hoặc số không liên tục).",
      why="Nghị định 30/2020/NĐ-CP (trước đó Thông tư 01/2011/TT-BNV) quy định văn bản có từ hai phụ lục trở lên "
          "thì các phụ lục phải được đánh số thứ tự bằng chữ số La Mã.",
      wrong="Phụ lục số 01, Phụ lục số 02", right="Phụ lục I, Phụ lục II")
def appendix_numbering(ctx: Any) -> Iterator[Hit]:
    if not appendices_reliable(ctx):
        return
    appendices = list(ctx.tree.all_appendices())
    entry = law("numbering", ctx.reference_date)
    if len(appendices) < _law_file()["numbering"]["min_count"]:
        return
    severity = law_severity(entry, Severity.WARNING)
    prev = 0
    for i, appendix in enumerate(appendices, start=1):
        token = appendix.number
        value = _number_value(token) if token else None
        name = " ".join(appendix.label.split()).split(":")[0]
        if token is None:
            message = (f"{quote(name, 40)} chưa được đánh số; văn bản có {len(appendices)} phụ lục nên phải đánh "
                       f"số La Mã («Phụ lục {to_roman(i)}»)")
            yield Hit(appendix.label_line, message, severity=severity, legal_basis=entry["basis"])
        elif token.isdigit():
            m = _LABEL_NUMBER.search(appendix.label_line.text)
            fix = Fix("Đánh số phụ lục bằng chữ số La Mã", m.group(0), f"{m.group(1)} {to_roman(value or i)}") \
                if m and value else None
            yield Hit(appendix.label_line, f"{quote(name, 40)} đánh số bằng chữ số Ả Rập; văn bản có "
                                           f"{len(appendices)} phụ lục nên phải đánh số La Mã («Phụ lục "
                                           f"{to_roman(value or i)}»)", fix=fix, severity=severity,
                      legal_basis=entry["basis"])
        elif value is not None and value != prev + 1:
            yield Hit(appendix.label_line, f"{quote(name, 40)} đứng sau phụ lục số {to_roman(prev) if prev else '—'};"
                                           f" cần đánh số liên tục («Phụ lục {to_roman(prev + 1)}»)",
                      severity=severity, legal_basis=entry["basis"])
        prev = value if value is not None else prev + 1


@hookimpl
def cchc_lint_rules():
    return [missing_column, missing_recommended_column, empty_required_cell, unreadable_time, time_outside_plan,
            row_numbers, group_headings, duplicate_task, reference_line, appendix_mentions, appendix_numbering]
