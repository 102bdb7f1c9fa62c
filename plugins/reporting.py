"""HB rules (hạn báo cáo): the reporting duties a plan or notice sets — deadlines and data cut-off windows.

A reporting statement («Báo cáo quý I: gửi trước ngày …; thời gian tính số liệu từ ngày … đến ngày …») is read
with ``find_reporting_statements``. Real drafts spread one statement over several paragraphs («Báo cáo quý I:»,
then «- Gửi trước ngày …», then «- Thời gian tính số liệu: …»): consecutive body lines of one reporting passage
are joined first, and a finding points at the line that holds the offending date. Time cells of task tables
are read too (a report listed as a task).

Decisions worth knowing:
- The draft is judged by the law of its date: the windows of Nghị định 09/2019/NĐ-CP, Điều 12 and its working-day
  rule (Điều 8 khoản 5) apply from 12/3/2019 (``rules/reporting.yaml``); HB004 and HB007 are silent before.
- Working days come from ``cchc_lint.data`` (weekends and Vietnamese public holidays, Tết included, from
  ``holidays.Vietnam``). «gửi trước ngày X» is read as «by day X» (lenient: no finding for a deadline the
  author may mean inclusively).
- ND 09 windows are the national default; provinces set their own, so a different window is only information
  (HB007, once per document), silenced by [tool.cchc-lint.reporting] window-start-day / window-end-day. The
  9-month window is provincial (not in ND 09): it is compared only when ``nine-month-window`` («15/12-14/9»)
  is configured.
- A quarterly or second-half report may count its data from the start of the year (cumulative): HB005 accepts
  both lengths. Cumulative windows (quý I, 6 tháng, 9 tháng, năm) must share their first day and nest (HB006).
- Deadlines in task-table time cells are judged by PL005 (outside the plan year, before the draft); HB only
  checks their data windows and impossible dates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cchc_lint.plugins.appendix import (
    draft_floor,
    fmt_date,
    grace_days,
    per_document,
    quote,
    task_tables,
    time_cells,
)

from cchc_lint import data
from cchc_lint.check.rules import Hit, rule
from cchc_lint.hookspecs import hookimpl
from cchc_lint.parse.inline import ReportDuty, VnDate, find_dates, find_reporting_statements
from cchc_lint.parse.tree import Line

ND09 = "Nghị định 09/2019/NĐ-CP"
ART8 = f"{ND09}, Điều 8 (thời hạn gửi báo cáo định kỳ)"
DATES_BASIS = "Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4 (ngày, tháng, năm ghi đầy đủ bằng chữ số Ả Rập)"


def _reporting(key: str) -> Any:
    return data.load("reporting")[key]


# --- reading the duties --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    target: Any


@dataclass(frozen=True, slots=True)
class Duty:
    report: ReportDuty
    text: str  # the joined passage (or the time cell)
    pieces: tuple[Piece, ...]
    passage: int
    in_table: bool
    leading: bool  # the label opens its line (a schedule entry)
    until: int  # where the next duty of the passage starts

    def at(self, offset: int) -> Any:
        for piece in self.pieces:
            if piece.start <= offset <= piece.end:
                return piece.target
        return self.pieces[-1].target

    @property
    def name(self) -> str:
        label = " ".join(self.report.label.split())
        return label[:1].lower() + label[1:]

    @property
    def deadline(self) -> date | None:
        return _value(self.report.deadline)

    @property
    def window(self) -> tuple[date, date] | None:
        first, last = _value(self.report.window_start), _value(self.report.window_end)
        return (first, last) if first is not None and last is not None else None

    @property
    def periodic(self) -> bool:
        return self.report.kind != "other"


def _value(d: VnDate | None) -> date | None:
    return d.value if d is not None else None


_CONTINUATION = re.compile(r"(?i)gửi|nộp|thời\s+hạn|hạn\s+chót|số\s+liệu|chốt|thời\s+gian\s+tính|trước\s+ngày|"
                           r"chậm\s+nhất")
_LINE_LEAD = re.compile(r"^[\s\-–+•*]*(?:[a-zđ0-9]{1,3}[.)]\s*)?$", re.IGNORECASE)
_MAX_PASSAGE = 40


def _passages(lines: list[Line]) -> Iterator[list[Line]]:
    """Runs of consecutive lines: one that names a report, then lines naming reports or carrying their dates."""
    i = 0
    while i < len(lines):
        if not find_reporting_statements(lines[i].text):
            i += 1
            continue
        group = [lines[i]]
        j = i + 1
        while j < len(lines) and len(group) < _MAX_PASSAGE and lines[j].index == group[-1].index + 1:
            text = lines[j].text
            if not (find_reporting_statements(text) or (_CONTINUATION.search(text) and find_dates(text))):
                break
            group.append(lines[j])
            j += 1
        yield group
        i = j


def _join(group: list[Line]) -> tuple[str, tuple[Piece, ...]]:
    parts, pieces, pos = [], [], 0
    for line in group:
        parts.append(line.text)
        pieces.append(Piece(pos, pos + len(line.text), line))
        pos += len(line.text) + 1
    return "\n".join(parts), tuple(pieces)


def _duties_of(text: str, pieces: tuple[Piece, ...], passage: int, in_table: bool) -> list[Duty]:
    found = find_reporting_statements(text)
    out = []
    for i, report in enumerate(found):
        line_start = text.rfind("\n", 0, report.start) + 1
        leading = bool(_LINE_LEAD.match(text[line_start:report.start]))
        until = found[i + 1].start if i + 1 < len(found) else len(text)
        out.append(Duty(report, text, pieces, passage, in_table, leading, until))
    return out


# Tokens that never carry a reporting duty. The others are read in document order whatever the grammar made of
# them, so a draft whose structure the parser could not follow is still checked.
_NOT_BODY = frozenset({
    "AGENCY", "COUNTRY", "MOTTO", "NUMBER", "PLACE_DATE", "TYPE_NAME", "SUBJECT", "ISSUER_TITLE", "ATTACH_REF",
    "BASIS", "PROPOSAL", "AUTHORITY", "AUTHORITY_TITLE", "SIGN_NOTE", "SIGNER", "RECIPIENTS_TITLE", "RECIPIENT",
    "APPENDIX", "APPENDIX_TITLE", "DECIDES",
})


def body_lines(tree: Any) -> list[Line]:
    return [line for line in tree.lines if isinstance(line, Line) and line.kind not in _NOT_BODY]


def duties(ctx: Any) -> list[Duty]:
    """Every reporting duty of the file: body passages of every document, then task-table time cells."""
    def build() -> list[Duty]:
        out: list[Duty] = []
        passage = 0
        for group in _passages(body_lines(ctx.tree)):
            passage += 1
            text, pieces = _join(group)
            out.extend(_duties_of(text, pieces, passage, False))
        for tt in task_tables(ctx):
            if "time" not in tt.columns:
                continue
            for row in tt.task_rows():
                cell = tt.cell(row.row, "time")
                if cell is None or cell.row != row.row or "báo" not in cell.text.lower():
                    continue
                passage += 1
                target = (tt.table, row.row, tt.columns["time"])
                out.extend(_duties_of(cell.text, (Piece(0, len(cell.text), target),), passage, True))
        return out

    return per_document(ctx, "_hb_duties", build)


def _nd09_applies(ctx: Any) -> bool:
    day = ctx.reference_date
    return day is None or day >= _reporting("valid_from")


def _shown(d: VnDate) -> str:
    value = d.value
    return f"«{' '.join(d.raw.split())}»" + (f" ({fmt_date(value)})" if value and d.style == "words" else "")


# --- HB001 / HB002: the deadline and the draft ----------------------------------------------------------------


@rule("HB001", "han-bao-cao-truoc-ngay-ban-hanh", "error",
      f"{ART8}; thời hạn giao trong văn bản phải còn thực hiện được kể từ ngày ban hành",
      doc_types=("KH", "QD", "TB", None),
      what="Hạn gửi một báo cáo định kỳ sớm hơn chính ngày ban hành văn bản.",
      why="Không ai thực hiện được một thời hạn đã qua khi nhận văn bản; thường do sao chép kế hoạch năm trước "
          "hoặc ghi nhầm tháng.",
      wrong="Kế hoạch ngày 28/02/2020: «Báo cáo quý I: gửi trước ngày 22 tháng 02 năm 2020»",
      right="«Báo cáo quý I: gửi trước ngày 20 tháng 3 năm 2020»")
def deadline_before_draft(ctx: Any) -> Iterator[Hit]:
    floor = draft_floor(ctx)
    if floor is None:
        return
    month_only = ctx.date is None
    for duty in duties(ctx):
        deadline = duty.deadline
        if duty.in_table or deadline is None or deadline >= floor:
            continue
        when = f"tháng ban hành văn bản ({floor.month:02d}/{floor.year})" if month_only else \
            f"ngày ban hành văn bản ({fmt_date(floor)})"
        yield Hit(duty.at(duty.report.deadline.start),
                  f"Hạn gửi {duty.name} {_shown(duty.report.deadline)} sớm hơn {when}; cần hạn gửi sau ngày ban "
                  "hành")


def _grace_applies(duty: Duty) -> bool:
    kind, n = duty.report.kind, duty.report.ordinal
    return kind == "year" or (kind, n) in (("quarter", 4), ("half-year", 2))


@rule("HB002", "han-bao-cao-ngoai-nam-ke-hoach", "warning",
      "Thực tiễn kế hoạch năm (rules/reporting.yaml: báo cáo năm được gửi đến đầu năm sau, annual-grace-days)",
      doc_types=("KH", "QD", "TB", None),
      what="Hạn gửi một báo cáo nằm ngoài năm (giai đoạn) của kế hoạch. Báo cáo năm (và quý IV, 6 tháng cuối "
           "năm) được gửi đến đầu năm sau trong số ngày «annual-grace-days» (mặc định 31).",
      why="Hạn báo cáo ngoài năm kế hoạch thường là năm ghi nhầm (chép từ kế hoạch năm trước).",
      wrong="Kế hoạch năm 2024: «Báo cáo 6 tháng: gửi trước ngày 20 tháng 6 năm 2023»",
      right="«Báo cáo 6 tháng: gửi trước ngày 20 tháng 6 năm 2024»")
def deadline_outside_plan(ctx: Any) -> Iterator[Hit]:
    years = ctx.plan_years
    if years is None:
        return
    floor = draft_floor(ctx)
    grace = grace_days(ctx)
    first, last = date(years[0], 1, 1), date(years[1], 12, 31)
    span = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
    for duty in duties(ctx):
        deadline = duty.deadline
        if duty.in_table or deadline is None or (floor is not None and deadline < floor):
            continue
        limit = last + timedelta(days=grace) if _grace_applies(duty) else last
        if first <= deadline <= limit:
            continue
        note = f" (báo cáo cuối năm được gửi đến {fmt_date(last + timedelta(days=grace))})" \
            if _grace_applies(duty) else ""
        yield Hit(duty.at(duty.report.deadline.start),
                  f"Hạn gửi {duty.name} {_shown(duty.report.deadline)} nằm ngoài năm kế hoạch {span}{note}; kiểm "
                  "tra lại năm của hạn gửi")


# --- HB003 / HB004: the data window and the deadline --------------------------------------------------------


@rule("HB003", "chot-so-lieu-sau-han-gui", "error", str(_reporting("deadline")["basis"]).strip(),
      doc_types=("KH", "QD", "TB", None),
      what="Thời gian tính (chốt) số liệu của một báo cáo kết thúc sau hạn gửi chính báo cáo đó.",
      why="Không thể gửi báo cáo trước khi hết kỳ lấy số liệu; Nghị định 09/2019/NĐ-CP, Điều 8 khoản 5 yêu cầu "
          "hạn gửi cách thời điểm chốt số liệu ít nhất 01 ngày làm việc.",
      wrong="«Báo cáo quý I: gửi trước ngày 10/3/2024; số liệu tính từ ngày 15/12/2023 đến ngày 14/3/2024»",
      right="«Báo cáo quý I: gửi trước ngày 20/3/2024; số liệu tính từ ngày 15/12/2023 đến ngày 14/3/2024»")
def window_after_deadline(ctx: Any) -> Iterator[Hit]:
    for duty in duties(ctx):
        end, deadline = _value(duty.report.window_end), duty.deadline
        if end is None or deadline is None or end <= deadline:
            continue
        yield Hit(duty.at(duty.report.window_end.start),
                  f"Thời gian tính số liệu của {duty.name} kết thúc {_shown(duty.report.window_end)}, sau hạn gửi "
                  f"báo cáo {_shown(duty.report.deadline)}; số liệu phải chốt trước hạn gửi ít nhất 01 ngày làm "
                  "việc")


@rule("HB004", "khong-du-ngay-lam-viec-truoc-han-gui", "warning", str(_reporting("deadline")["basis"]).strip(),
      doc_types=("KH", "QD", "TB", None),
      what="Từ ngày chốt số liệu đến hạn gửi báo cáo không có đủ 01 ngày làm việc (tính cả thứ Bảy, Chủ nhật và "
           "ngày lễ, Tết). Áp dụng cho văn bản ban hành từ 12/3/2019.",
      why="Nghị định 09/2019/NĐ-CP, Điều 8 khoản 5: thời hạn gửi báo cáo «không ít hơn 01 ngày làm việc tính từ "
          "thời điểm kết thúc việc lấy số liệu báo cáo đến thời hạn gửi báo cáo».",
      wrong="«số liệu đến ngày 14/12/2024 (thứ Bảy); gửi trước ngày 15/12/2024 (Chủ nhật)»",
      right="«số liệu đến ngày 14/12/2024; gửi trước ngày 18/12/2024»")
def too_few_working_days(ctx: Any) -> Iterator[Hit]:
    if not _nd09_applies(ctx):
        return
    need = data.min_working_days_after_cutoff()
    for duty in duties(ctx):
        end, deadline = _value(duty.report.window_end), duty.deadline
        if end is None or deadline is None or end > deadline:
            continue
        got = data.working_days_between(end, deadline)
        if got >= need:
            continue
        off = [fmt_date(end + timedelta(days=i)) for i in range(1, (deadline - end).days + 1)]
        detail = f" (các ngày {', '.join(off)} là ngày nghỉ)" if off else ""
        yield Hit(duty.at(duty.report.deadline.start),
                  f"Hạn gửi {duty.name} {_shown(duty.report.deadline)} chỉ cách ngày chốt số liệu "
                  f"{_shown(duty.report.window_end)} {got} ngày làm việc{detail}; cần ít nhất {need:02d} ngày làm "
                  "việc")


# --- HB005 / HB006 / HB007: the windows -----------------------------------------------------------------------

_MONTHS = {"month": 1, "quarter": 3, "half-year": 6, "9-month": 9, "year": 12}
_PERIOD_NAME = {"month": "tháng", "quarter": "quý", "half-year": "6 tháng", "9-month": "9 tháng", "year": "năm"}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    return date(year, month, 28)


def _lengths(duty: Duty) -> tuple[int, ...]:
    """The window lengths (months) that fit the period: a quarter's or second half's data may be cumulative."""
    kind, n = duty.report.kind, duty.report.ordinal
    base = _MONTHS.get(kind)
    if base is None:
        return ()
    if kind == "quarter" and n:
        return tuple(sorted({3, 3 * n}))
    if kind == "half-year" and n == 2:
        return 6, 12
    return (base,)


def _fits(window: tuple[date, date], months: int, tolerance: int) -> bool:
    expected = _add_months(window[0], months) - timedelta(days=1)
    return abs((window[1] - expected).days) <= tolerance


def _misfit(duty: Duty, tolerance: int) -> bool:
    window, lengths = duty.window, _lengths(duty)
    if window is None or not lengths:
        return False
    return window[0] > window[1] or not any(_fits(window, m, tolerance) for m in lengths)


def _tolerance(ctx: Any) -> int:
    try:
        return int(ctx.option("tolerance-days", 7))
    except (TypeError, ValueError):
        return 7


@rule("HB005", "thoi-gian-chot-so-lieu-khong-khop-ky", "warning", str(_reporting("basis")),
      doc_types=("KH", "QD", "TB", None), options={"tolerance-days": 7},
      what="Thời gian tính (chốt) số liệu của một báo cáo dài hơn hay ngắn hơn kỳ báo cáo (tháng, quý, 6 tháng, "
           "9 tháng, năm) quá số ngày «tolerance-days» (mặc định 7), hoặc ngày bắt đầu sau ngày kết thúc. Báo "
           "cáo quý, 6 tháng cuối năm được tính lũy kế từ đầu năm cũng hợp lệ.",
      why="Kỳ chốt số liệu phải khớp kỳ báo cáo (Nghị định 09/2019/NĐ-CP, Điều 12), nếu không số liệu bị tính hai "
          "lần hoặc bỏ sót.",
      wrong="«Báo cáo năm: số liệu từ ngày 20 tháng 11 năm 2018 đến ngày 20 tháng 11 năm 2020» (hai năm)",
      right="«Báo cáo năm: số liệu từ ngày 15 tháng 12 năm 2019 đến ngày 14 tháng 12 năm 2020»")
def window_length(ctx: Any) -> Iterator[Hit]:
    tolerance = _tolerance(ctx)
    all_duties = duties(ctx)
    for duty in all_duties:
        if not _misfit(duty, tolerance):
            continue
        first, last = duty.window  # type: ignore[misc]
        report = duty.report
        if first > last:
            yield Hit(duty.at(report.window_start.start),
                      f"Thời gian tính số liệu của {duty.name} bắt đầu {_shown(report.window_start)} sau ngày kết "
                      f"thúc {_shown(report.window_end)}; cần sửa lại ngày")
            continue
        months = round((last - first).days / 30.44)
        want = " hoặc ".join(f"{m} tháng" for m in _lengths(duty))
        common = _common_start(all_duties, duty, tolerance)
        hint = f"; các báo cáo khác trong năm cùng tính từ {fmt_date(common)}" if common else ""
        yield Hit(duty.at(report.window_start.start),
                  f"Thời gian tính số liệu của {duty.name} từ {fmt_date(first)} đến {fmt_date(last)} dài khoảng "
                  f"{months} tháng, không khớp kỳ báo cáo {_PERIOD_NAME[report.kind]} ({want}){hint}")


_CUMULATIVE_MONTHS = {"quarter": 3, "half-year": 6, "9-month": 9, "year": 12}


def _cumulative_months(duty: Duty, tolerance: int) -> int | None:
    """Months counted from the start of the year when the window is cumulative (quý I, 6 tháng đầu năm, 9
    tháng, năm, or a quarter counted from the start of the year), else None."""
    kind, n, window = duty.report.kind, duty.report.ordinal, duty.window
    if window is None or kind not in _CUMULATIVE_MONTHS:
        return None
    if kind == "quarter":
        if not n:
            return None
        return 3 * n if n == 1 or _fits(window, 3 * n, tolerance) else None
    if kind == "half-year" and n == 2:
        return None
    return _CUMULATIVE_MONTHS[kind]


def _cumulative(all_duties: list[Duty], tolerance: int) -> dict[int, list[tuple[int, Duty]]]:
    """Cumulative windows of body statements, by the year their data ends, in document order."""
    out: dict[int, list[tuple[int, Duty]]] = {}
    for duty in all_duties:
        months = _cumulative_months(duty, tolerance)
        if months is None or duty.in_table or _misfit(duty, tolerance):
            continue
        out.setdefault(duty.window[1].year, []).append((months, duty))  # type: ignore[index]
    return out


def _common_start(all_duties: list[Duty], duty: Duty, tolerance: int) -> date | None:
    window = duty.window
    if window is None:
        return None
    group = _cumulative(all_duties, tolerance).get(window[1].year, [])
    starts = Counter(d.window[0] for _, d in group if d is not duty)  # type: ignore[index]
    if not starts:
        return None
    start, count = starts.most_common(1)[0]
    return start if start != window[0] and count >= 1 else None


@rule("HB006", "ky-chot-so-lieu-luy-ke-khong-khop", "warning", str(_reporting("basis")),
      doc_types=("KH", "QD", "TB", None), options={"tolerance-days": 7},
      what="Các kỳ chốt số liệu lũy kế từ đầu năm của cùng một văn bản (quý I, 6 tháng, 9 tháng, năm) không cùng "
           "ngày bắt đầu. Cùng ngày bắt đầu và đúng độ dài kỳ (HB005) thì các kỳ lồng nhau (quý I ⊂ 6 tháng ⊂ 9 "
           "tháng ⊂ năm); kỳ không lồng nhau luôn lộ ra ở một trong hai quy tắc.",
      why="Số liệu 6 tháng, 9 tháng, năm là cộng dồn từ cùng một ngày đầu kỳ; lệch ngày bắt đầu làm số liệu các "
          "báo cáo không cộng được với nhau.",
      wrong="quý I từ 15/12/2023; 6 tháng từ 01/01/2024",
      right="quý I, 6 tháng, 9 tháng, năm cùng tính từ 15/12/2023")
def cumulative_windows(ctx: Any) -> Iterator[Hit]:
    for group in _cumulative(duties(ctx), _tolerance(ctx)).values():
        if len(group) < 2:
            continue
        starts = Counter(d.window[0] for _, d in group)  # type: ignore[index]
        common, count = starts.most_common(1)[0]
        if count < 2 and len(starts) > 1:
            common = group[0][1].window[0]  # type: ignore[index]
        for _, duty in group:
            if duty.window[0] != common:  # type: ignore[index]
                yield Hit(duty.at(duty.report.window_start.start),
                          f"Thời gian tính số liệu của {duty.name} bắt đầu {_shown(duty.report.window_start)}, "
                          f"khác ngày bắt đầu của các báo cáo lũy kế khác trong năm ({fmt_date(common)}); các kỳ "
                          "quý I, 6 tháng, 9 tháng, năm phải cùng ngày bắt đầu")


def _config_day(ctx: Any, key: str) -> int | None:
    value = ctx.config.reporting.get(key)
    try:
        return int(value) if value is not None and 1 <= int(value) <= 31 else None
    except (TypeError, ValueError):
        return None


_NINE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})\s*[-–→]\s*(\d{1,2})/(\d{1,2})\s*$")


def _default_windows(ctx: Any, duty: Duty) -> list[tuple[date, date]]:
    """The windows ND 09 (or the configured province) sets for this report; [] when it sets none."""
    window = duty.window
    if window is None:
        return []
    year = window[1].year
    start_day, end_day = _config_day(ctx, "window-start-day"), _config_day(ctx, "window-end-day")
    kind, n = duty.report.kind, duty.report.ordinal

    def nd09(period: str, k: int) -> tuple[date, date] | None:
        try:
            return data.reporting_window(period, year, k, start_day=start_day, end_day=end_day)
        except (ValueError, KeyError):
            return None

    out: list[tuple[date, date] | None] = []
    if kind == "month":
        out.append(nd09("monthly", window[1].month))
    elif kind == "quarter":
        ks = [n] if n else [1, 2, 3, 4]
        for k in ks:
            own, cumul = nd09("quarterly", k), nd09("yearly", 1)
            out.append(own)
            if own is not None and cumul is not None:
                out.append((cumul[0], own[1]))
    elif kind == "half-year":
        out.append(nd09("half_year", n or 1))
        if n == 2:
            out.append(nd09("yearly", 1))
    elif kind == "year":
        out.append(nd09("yearly", 1))
    elif kind == "9-month":
        out.append(_nine_month(ctx, year))
    return [w for w in out if w is not None]


def _nine_month(ctx: Any, year: int) -> tuple[date, date] | None:
    m = _NINE.match(str(ctx.config.reporting.get("nine-month-window") or ""))
    if not m:
        return None
    d1, m1, d2, m2 = (int(g) for g in m.groups())
    try:
        return date(year - 1 if m1 > m2 else year, m1, d1), date(year, m2, d2)
    except ValueError:
        return None


@rule("HB007", "thoi-gian-chot-so-lieu-khac-nd09", "info", str(_reporting("basis")),
      doc_types=("KH", "QD", "TB", None),
      what="Thời gian chốt số liệu của các báo cáo định kỳ khác mặc định của Nghị định 09/2019/NĐ-CP, Điều 12 "
           "(từ ngày 15 tháng trước kỳ báo cáo đến ngày 14 tháng cuối kỳ). Chỉ để thông tin: bộ, tỉnh có thể quy "
           "định khác; khai báo ngày chốt của tỉnh trong [tool.cchc-lint.reporting] window-start-day / "
           "window-end-day để tắt.",
      why="Chế độ báo cáo của cơ quan cấp dưới nên thống nhất kỳ chốt số liệu với cấp trên; lệch kỳ thì số liệu "
          "tổng hợp không khớp. Áp dụng cho văn bản ban hành từ 12/3/2019.",
      wrong="«Báo cáo quý I: số liệu từ ngày 20/11/2019 đến ngày 20/02/2020»",
      right="«Báo cáo quý I: số liệu từ ngày 15/12/2019 đến ngày 14/3/2020»")
def window_differs(ctx: Any) -> Iterator[Hit]:
    if not _nd09_applies(ctx):
        return
    tolerance = _tolerance(ctx)
    odd: list[tuple[Duty, tuple[date, date]]] = []
    for duty in duties(ctx):
        window = duty.window
        if window is None or _misfit(duty, tolerance):
            continue
        defaults = _default_windows(ctx, duty)
        if defaults and window not in defaults:
            odd.append((duty, min(defaults, key=lambda w: abs((w[1] - window[1]).days))))
    if not odd:
        return
    first = odd[0][0]
    listed = "; ".join(f"{d.name} {fmt_date(d.window[0])}–{fmt_date(d.window[1])} (mặc định "  # type: ignore[index]
                       f"{fmt_date(want[0])}–{fmt_date(want[1])})" for d, want in odd[:6])
    yield Hit(first.at(first.report.window_start.start),
              f"Thời gian chốt số liệu khác mặc định của {ND09}, Điều 12: {listed}. Nếu tỉnh, bộ quy định kỳ chốt "
              "khác thì giữ nguyên và khai báo trong cấu hình ([tool.cchc-lint.reporting] window-start-day, "
              "window-end-day)")


# --- HB008: impossible dates --------------------------------------------------------------------------------


def _impossible(d: VnDate) -> bool:
    return not d.valid and d.day is not None and d.month is not None and d.year is not None


@rule("HB008", "ngay-khong-ton-tai", "error", DATES_BASIS, doc_types=("KH", "QD", "TB", None),
      what="Một ngày trong câu về chế độ báo cáo hoặc trong ô thời gian của bảng nhiệm vụ không có thật "
           "(31/02, 31/4, tháng 13 …).",
      why="Hạn gửi hay kỳ số liệu ghi bằng một ngày không tồn tại thì không ai biết hạn thật là ngày nào.",
      wrong="«gửi trước ngày 31 tháng 02 năm 2024»", right="«gửi trước ngày 29 tháng 02 năm 2024»")
def impossible_date(ctx: Any) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    for duty in duties(ctx):
        if duty.in_table:
            continue
        start = duty.report.start
        for d in find_dates(duty.text[start:duty.until]):
            key = (duty.passage, start + d.start)
            if _impossible(d) and key not in seen:
                seen.add(key)
                yield Hit(duty.at(start + d.start), f"Ngày «{' '.join(d.raw.split())}» trong {duty.name} không có "
                                                    "thật; cần sửa ngày")
    for tc in time_cells(ctx):
        bad = [p.raw for p in tc.periods if p.invalid_date]
        if bad:
            yield Hit(tc.target, f"Thời gian {', '.join(quote(b, 40) for b in bad)} của nhiệm vụ «"
                                 f"{' '.join(tc.row.text.split())[:60]}» có ngày, tháng không có thật; cần sửa")


# --- HB009 / HB010: missing and doubled deadlines ------------------------------------------------------------

_KIND_WORD = r"(?:h[àằ]ng\s+)?(?:quý|tháng|năm|tuần|\d{1,2}\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?|cả\s+năm|đột\s+xuất)"
# «định kỳ hằng quý, 6 tháng, năm báo cáo …» (the periods before the verb) and «báo cáo định kỳ hằng quý …»
_PERIODIC = re.compile(
    rf"(?i)(?<!\w)(?:(?:định\s+kỳ\s+)?h[àằ]ng\s+|định\s+kỳ\s+){_KIND_WORD}(?!\w)"
    rf"(?:\s*(?:,|và|hoặc)\s*{_KIND_WORD}(?!\w))*\s+(?:gửi\s+|thực\s+hiện\s+)?báo\s+cáo(?!\w)"
    rf"|(?<!\w)báo\s+cáo\s+(?:định\s+kỳ\s+(?:h[àằ]ng\s+)?|h[àằ]ng\s+)(?:quý|tháng|năm|\d{{1,2}}\s+tháng)(?!\w)")
_REPORT = re.compile(r"(?i)báo\s+cáo")
_DEADLINE_SET = re.compile(
    r"(?i)trước\s+ngày|chậm\s+nhất|thời\s+hạn|hạn\s+gửi|hạn\s+chót|ngày\s+\d|\d{1,2}/\d{1,2}|theo\s+quy\s+định|"
    r"quy\s+định\s+(?:của|tại|hiện\s+hành)|theo\s+(?:hướng\s+dẫn|yêu\s+cầu|chế\s+độ|thời\s+gian|lịch|kế\s+hoạch)|"
    r"Nghị\s+định|Thông\s+tư|Quyết\s+định\s+số|Công\s+văn|trước\s+khi|sau\s+khi|khi\s+có\s+yêu\s+cầu|"
    r"(?:cuối|đầu)\s+(?:quý|tháng|năm|kỳ)|trong\s+tháng")
_CLAUSE = re.compile(r"[^.;]+")


@rule("HB009", "bao-cao-dinh-ky-thieu-han-gui", "warning", ART8, doc_types=("KH", "QD", "TB", None),
      what="Văn bản giao một báo cáo định kỳ (quý, 6 tháng, 9 tháng, năm …) nhưng không ghi hạn gửi: trong danh "
           "sách lịch báo cáo có kỳ thiếu hạn, có kỳ số liệu mà không có hạn, hoặc câu «định kỳ hằng quý, 6 "
           "tháng, năm báo cáo …» không có hạn gửi và cũng không dẫn tới quy định nào đặt hạn.",
      why="Báo cáo định kỳ phải có thời hạn gửi (Nghị định 09/2019/NĐ-CP); thiếu hạn thì không đôn đốc, đánh giá "
          "được việc chấp hành chế độ báo cáo.",
      wrong="«Định kỳ hàng quý, 6 tháng, 9 tháng, cả năm báo cáo Chủ tịch UBND tỉnh (qua Sở Nội vụ)»",
      right="«… báo cáo quý trước ngày 20 của tháng cuối quý; báo cáo năm trước ngày 15/12» hoặc «… theo quy định»")
def periodic_without_deadline(ctx: Any) -> Iterator[Hit]:
    all_duties = duties(ctx)
    scheduled = {d.passage for d in all_duties if d.report.deadline is not None}
    for duty in all_duties:
        if duty.in_table or not duty.periodic or duty.report.deadline is not None:
            continue
        if _list_of_kinds(duty) or _DEADLINE_SET.search(duty.text[duty.report.end:duty.until]):
            continue  # «gửi trước ngày 20 của tháng cuối quý»: a deadline without a calendar date
        windowed = duty.report.window_start is not None or duty.report.window_end is not None
        if windowed or (duty.leading and duty.passage in scheduled):
            yield Hit(duty.at(duty.report.start), f"Văn bản giao {duty.name} nhưng không ghi hạn gửi báo cáo; cần "
                                                  "ghi «gửi trước ngày …» cho kỳ báo cáo này")
    if scheduled:
        return
    hit = _general_duty(body_lines(ctx.tree))
    if hit is not None:
        yield hit


def _list_of_kinds(duty: Duty) -> bool:
    """«báo cáo định kỳ hằng quý, 6 tháng, năm»: several kinds in one label share no deadline (judged below)."""
    return len(find_reporting_statements(duty.report.label)) > 1 or bool(re.search(r",|\bvà\b", duty.report.label))


def _general_duty(lines: list[Line]) -> Hit | None:
    for item in lines:
        if not _REPORT.search(item.text):
            continue
        for clause in _CLAUSE.finditer(item.text):
            text = clause.group()
            if _PERIODIC.search(text) and not _DEADLINE_SET.search(text):
                shown = quote(text.strip(), 90)
                return Hit(item, f"Câu {shown} giao báo cáo định kỳ nhưng không ghi hạn gửi cũng như không dẫn "
                                 "quy định đặt hạn; cần ghi hạn gửi từng kỳ («báo cáo quý gửi trước ngày …») "
                                 "hoặc «theo quy định của …»")
    return None


_DEADLINE_BEFORE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn(?:\s+chót)?|không\s+quá|muộn\s+nhất)(?:\s+ngày)?\s*$", re.IGNORECASE)
_TWO_STAGES = re.compile(r"(?i)\bước\b|chính\s+thức|bổ\s+sung|lần\s+\d|lần\s+(?:đầu|hai|cuối)|dự\s+kiến|"
                         r"cập\s+nhật|sơ\s+bộ")


@rule("HB010", "hai-han-gui-mot-bao-cao", "warning", ART8, doc_types=("KH", "QD", "TB", None),
      what="Cùng một báo cáo được ghi hai hạn gửi khác nhau: hai hạn trong một câu, hoặc cùng một kỳ (ví dụ «Báo "
           "cáo quý I:») được liệt kê hai lần trong lịch báo cáo với hạn khác nhau. Báo cáo ước và báo cáo chính "
           "thức (hai lần gửi) không bị coi là trùng.",
      why="Hai hạn cho một báo cáo khiến cơ quan thực hiện không biết hạn nào đúng; thường do sửa một chỗ mà quên "
          "chỗ kia.",
      wrong="«- Báo cáo quý I: gửi trước ngày 15/3/2024» … «- Báo cáo quý I: gửi trước ngày 20/3/2024»",
      right="Một dòng «- Báo cáo quý I: gửi trước ngày 20/3/2024»")
def two_deadlines(ctx: Any) -> Iterator[Hit]:
    all_duties = [d for d in duties(ctx) if not d.in_table]
    for duty in all_duties:
        yield from _deadlines_in_one(duty)
    first: dict[tuple[int, str, int | None], Duty] = {}
    for duty in all_duties:
        if not duty.leading or duty.deadline is None or not duty.periodic or _list_of_kinds(duty):
            continue
        key = (duty.passage, duty.report.kind, duty.report.ordinal)
        earlier = first.setdefault(key, duty)
        if earlier is not duty and earlier.deadline != duty.deadline:
            yield Hit(duty.at(duty.report.deadline.start),
                      f"{duty.name[:1].upper() + duty.name[1:]} được liệt kê hai lần với hai hạn gửi khác nhau: "
                      f"{_shown(earlier.report.deadline)} và {_shown(duty.report.deadline)}; cần giữ một hạn")


def _deadlines_in_one(duty: Duty) -> Iterator[Hit]:
    start = duty.report.start
    segment = duty.text[start:duty.until]
    if _TWO_STAGES.search(segment):
        return
    found: list[VnDate] = []
    for d in find_dates(segment):
        before = segment[max(0, d.start - 30):d.start]
        if d.value is not None and _DEADLINE_BEFORE.search(before):
            found.append(d)
    values = {d.value for d in found}
    if len(values) > 1:
        second = next(d for d in found if d.value != found[0].value)
        yield Hit(duty.at(start + second.start),
                  f"{duty.name[:1].upper() + duty.name[1:]} có hai hạn gửi khác nhau: {_shown(found[0])} và "
                  f"{_shown(second)}; cần giữ một hạn")


@hookimpl
def cchc_lint_rules():
    return [deadline_before_draft, deadline_outside_plan, window_after_deadline, too_few_working_days, window_length,
            cumulative_windows, window_differs, impossible_date, periodic_without_deadline, two_deadlines]
