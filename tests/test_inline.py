"""The inline languages: dates, document numbers, citations, time cells, reporting duties."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_lint.parse.inline import (
    find_citations,
    find_dates,
    find_doc_numbers,
    find_reporting_statements,
    parse_date,
    parse_doc_number,
    parse_time_expr,
)

D = dt.date
PROPERTY = settings(max_examples=200, deadline=None)

# ------------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "value", "style", "day_text", "month_text"), [
    ("ngày 05 tháng 3 năm 2020", D(2020, 3, 5), "words", "05", "3"),
    ("ngày 4 tháng 02 năm 2021", D(2021, 2, 4), "words", "4", "02"),
    ("Ngày 28 tháng 02 năm 2020", D(2020, 2, 28), "words", "28", "02"),
    ("05/3/2020", D(2020, 3, 5), "numeric", "05", "3"),
    ("5/3/2020", D(2020, 3, 5), "numeric", "5", "3"),
    ("05-3-2020", D(2020, 3, 5), "numeric", "05", "3"),
    ("  05/3/2020 ", D(2020, 3, 5), "numeric", "05", "3"),
])
def test_parse_date(text: str, value: dt.date, style: str, day_text: str, month_text: str) -> None:
    date = parse_date(text)
    assert date is not None
    assert (date.value, date.style, date.day_text, date.month_text) == (value, style, day_text, month_text)
    assert date.valid and not date.is_blank
    assert text[date.start:date.end] == date.raw == text.strip()


@pytest.mark.parametrize(("text", "day", "month", "year"), [
    ("ngày   tháng 04 năm 2021", None, 4, 2021),
    ("ngày … tháng … năm 2021", None, None, 2021),
    ("ngày .... tháng .... năm 2021", None, None, 2021),
])
def test_blank_dates(text: str, day: int | None, month: int | None, year: int) -> None:
    date = parse_date(text)
    assert date is not None
    assert (date.day, date.month, date.year) == (day, month, year)
    assert date.is_blank and not date.valid and date.value is None
    assert find_dates(f"Hà Nội, {text}") == [date.__class__(**{**_fields(date), "start": 8, "end": 8 + len(text)})]


def _fields(date: object) -> dict:
    return {name: getattr(date, name) for name in date.__slots__}  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["31/02/2020", "ngày 30 tháng 02 năm 2020", "12/13/2020", "ngày 5 tháng 13 năm 2020"])
def test_invalid_dates_are_reported_not_raised(text: str) -> None:
    date = parse_date(text)
    assert date is not None and not date.valid and date.value is None


def test_find_dates_in_running_text() -> None:
    text = "Thành phố Hồ Chí Minh, ngày 28 tháng 02 năm 2020"
    [date] = find_dates(text)
    assert date.value == D(2020, 2, 28) and date.raw == "ngày 28 tháng 02 năm 2020" and date.start == 23


def test_find_dates_several_and_not_numbers() -> None:
    text = "Kế hoạch 1355/KH-SKHĐT theo Nghị định 30/2020/NĐ-CP, từ 01/3/2020 đến ngày 15 tháng 4 năm 2020."
    assert [d.value for d in find_dates(text)] == [D(2020, 3, 1), D(2020, 4, 15)]


@pytest.mark.parametrize("text", ["1355/KH", "30/2020/NĐ-CP", "ngày tháng năm sinh", "12/05/2020/QĐ", "tỷ lệ 1/3", ""])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_parse_date_rejects_other_text() -> None:
    assert parse_date("Hà Nội, ngày 05 tháng 3 năm 2020") is None
    assert parse_date("") is None


# ------------------------------------------------------------------------------------------- doc numbers


@pytest.mark.parametrize(("text", "number", "year", "type_abbr", "issuer", "kind", "canonical"), [
    ("1355/KH-SKHĐT", "1355", None, "KH", "SKHĐT", "admin", "1355/KH-SKHĐT"),
    ("Số: 1355/KH-SKHĐT", "1355", None, "KH", "SKHĐT", "admin", "1355/KH-SKHĐT"),
    ("30c/NQ-CP", "30c", None, "NQ", "CP", "admin", "30c/NQ-CP"),
    ("30/2020/NĐ-CP", "30", 2020, "NĐ", "CP", "normative", "30/2020/NĐ-CP"),
    ("80/2015/QH13", "80", 2015, "QH", "QH13", "normative", "80/2015/QH13"),
    ("06/2021/NQ-HĐND", "06", 2021, "NQ", "HĐND", "normative", "06/2021/NQ-HĐND"),
    ("35/2023/UBTVQH15", "35", 2023, "UBTVQH", "UBTVQH15", "normative", "35/2023/UBTVQH15"),
    ("19-NQ/TW", "19", None, "NQ", "TW", "party", "19-NQ/TW"),
    ("36-HD/VPTW", "36", None, "HD", "VPTW", "party", "36-HD/VPTW"),
    ("05/BNV-VP", "05", None, None, "BNV-VP", "admin", "05/BNV-VP"),
    ("12/UBND-VX", "12", None, None, "UBND-VX", "admin", "12/UBND-VX"),
    ("07/CT-TTg", "07", None, "CT", "TTg", "admin", "07/CT-TTg"),
    ("Số:    /KH-SKHĐT", None, None, "KH", "SKHĐT", "admin", "/KH-SKHĐT"),
    ("Số: /QĐ-UBND", None, None, "QĐ", "UBND", "admin", "/QĐ-UBND"),
    ("Số: ……/2021/NQ-HĐND", None, 2021, "NQ", "HĐND", "normative", "/2021/NQ-HĐND"),
])
def test_parse_doc_number(text: str, number: str | None, year: int | None, type_abbr: str | None,
                          issuer: str, kind: str, canonical: str) -> None:
    parsed = parse_doc_number(text)
    assert parsed is not None
    assert (parsed.number, parsed.year, parsed.type_abbr, parsed.issuer, parsed.kind) == (
        number, year, type_abbr, issuer, kind)
    assert parsed.canonical == canonical
    assert parsed.is_blank == (number is None)
    assert parsed.style_problems == ()
    assert text[parsed.start:parsed.end] == parsed.raw


@pytest.mark.parametrize(("text", "problems", "canonical", "kind"), [
    ("1355 / KH - SKHĐT", ("spaces",), "1355/KH-SKHĐT", "admin"),
    ("18/NQ-TW", ("party-state-form",), "18-NQ/TW", "party"),
    ("18-NQ-TW", ("party-mixed",), "18-NQ/TW", "party"),
    ("5/KH-UBND", ("no-leading-zero",), "05/KH-UBND", "admin"),
    ("5/2020/NĐ-CP", ("no-leading-zero",), "05/2020/NĐ-CP", "normative"),
    ("Số:    /KH-SKHĐT", (), "/KH-SKHĐT", "admin"),  # the blank is not a spacing problem
])
def test_doc_number_style_problems(text: str, problems: tuple[str, ...], canonical: str, kind: str) -> None:
    parsed = parse_doc_number(text)
    assert parsed is not None
    assert (parsed.style_problems, parsed.canonical, parsed.kind) == (problems, canonical, kind)


@pytest.mark.parametrize("text", ["", "Số:", "Kế hoạch", "05/3/2020", "1/3", "abc/def", "12/kh-ubnd"])
def test_not_doc_numbers(text: str) -> None:
    assert parse_doc_number(text) is None


def test_find_doc_numbers_in_running_text() -> None:
    text = "Theo Nghị định số 30/2020/NĐ-CP và Nghị quyết 19-NQ/TW, văn bản 05/BNV-VP ngày 05/3/2020 (tỷ lệ 1/3)."
    assert [n.canonical for n in find_doc_numbers(text)] == ["30/2020/NĐ-CP", "19-NQ/TW", "05/BNV-VP"]
    assert all(text[n.start:n.end] == n.raw for n in find_doc_numbers(text))


def test_find_blank_doc_number_after_so() -> None:
    [number] = find_doc_numbers("Số:      /KH-UBND            Hà Nội, ngày   tháng   năm 2021")
    assert number.is_blank and number.symbol == "KH-UBND"


# --------------------------------------------------------------------------------------------- citations


def test_citation_decree_with_issuer_and_subject() -> None:
    text = ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một "
            "cửa, một cửa liên thông trong giải quyết thủ tục hành chính;")
    [c] = find_citations(text)
    assert c.type_word == "Nghị định" and not c.is_law
    assert c.number is not None and c.number.canonical == "61/2018/NĐ-CP"
    assert c.date is not None and c.date.value == D(2018, 4, 23)
    assert c.issuer == "Chính phủ"
    assert c.subject == "thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"
    assert c.raw == text[c.start:c.end] and c.raw.startswith("Nghị định") and not c.raw.endswith(";")


def test_citation_law_by_name() -> None:
    [c] = find_citations("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert c.is_law and c.type_word == "Luật" and c.number is None
    assert c.name == "Luật Tổ chức chính quyền địa phương"
    assert c.date is not None and c.date.value == D(2015, 6, 19)


def test_citation_two_laws() -> None:
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
            "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
    first, second = find_citations(text)
    assert first.name == "Luật Tổ chức chính quyền địa phương"
    assert second.name == ("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
                           "quyền địa phương")
    assert second.date is not None and second.date.value == D(2019, 11, 22)


def test_citation_law_with_year_only_and_number() -> None:
    [budget] = find_citations("Căn cứ Luật Ngân sách nhà nước năm 2015;")
    assert budget.name == "Luật Ngân sách nhà nước" and budget.year == 2015 and budget.date is None
    [law] = find_citations("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22 tháng 6 năm 2015;")
    assert law.name == "Luật Ban hành văn bản quy phạm pháp luật"
    assert law.number is not None and law.number.canonical == "80/2015/QH13"
    assert law.date is not None and law.date.value == D(2015, 6, 22)


def test_two_citations_in_one_line() -> None:
    text = ("Thực hiện Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ và Nghị quyết số "
            "76/NQ-CP ngày 13 tháng 6 năm 2013 của Chính phủ")
    first, second = find_citations(text)
    assert [c.number.canonical for c in (first, second) if c.number] == ["30c/NQ-CP", "76/NQ-CP"]
    assert first.issuer == second.issuer == "Chính phủ"
    assert [c.date.value for c in (first, second) if c.date] == [D(2011, 11, 8), D(2013, 6, 13)]


def test_nested_citation_keeps_the_outer_subject() -> None:
    text = ("Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ sửa đổi, bổ sung một số "
            "điều của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa;")
    outer, inner = find_citations(text)
    assert outer.subject is not None and outer.subject.startswith("sửa đổi, bổ sung")
    assert outer.subject.endswith("về thực hiện cơ chế một cửa")
    assert inner.number is not None and inner.number.canonical == "61/2018/NĐ-CP"
    assert inner.subject == "thực hiện cơ chế một cửa"


@pytest.mark.parametrize(("text", "type_word", "number", "date", "issuer"), [
    ("Quyết định số 1234/KH-UBND", "Quyết định", "1234/KH-UBND", None, None),
    ("Nghị quyết số 19-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương Đảng", "Nghị quyết",
     "19-NQ/TW", D(2017, 10, 25), "Ban Chấp hành Trung ương Đảng"),
    ("Chỉ thị số 07/CT-TTg", "Chỉ thị", "07/CT-TTg", None, None),
    ("Kế hoạch số 1355/KH-SKHĐT ngày 28/02/2020", "Kế hoạch", "1355/KH-SKHĐT", D(2020, 2, 28), None),
    ("Quyết định số 45/2018/QĐ-TTg ngày 09 tháng 11 năm 2019", "Quyết định", "45/2018/QĐ-TTg", D(2019, 11, 9),
     None),
    ("theo công văn số 05/BNV-VP của Bộ Nội vụ", "Công văn", "05/BNV-VP", None, "Bộ Nội vụ"),
])
def test_citation_examples(text: str, type_word: str, number: str, date: dt.date | None, issuer: str | None) -> None:
    [c] = find_citations(text)
    assert c.type_word == type_word
    assert c.number is not None and c.number.canonical == number
    assert (c.date.value if c.date else None) == date
    assert c.issuer == issuer


def test_citation_ban_hanh_subject() -> None:
    [c] = find_citations("Căn cứ Quyết định số 45/2018/QĐ-TTg ngày 09/11/2018 của Thủ tướng Chính phủ ban hành "
                         "Quy chế làm việc;")
    assert (c.issuer, c.subject) == ("Thủ tướng Chính phủ", "Quy chế làm việc")


@pytest.mark.parametrize("text", [
    "Xây dựng kế hoạch thực hiện trong năm 2020", "Theo kế hoạch của tỉnh, kế hoạch năm 2020",
    "văn bản quy phạm pháp luật số 12/2020/NQ-HĐND", "",
])
def test_no_citation_without_number(text: str) -> None:
    assert [c.type_word for c in find_citations(text)] in ([], ["Văn bản"])
    assert all(c.type_word != "Luật" for c in find_citations(text))


# ------------------------------------------------------------------------------------------ time expressions


@pytest.mark.parametrize(("text", "spans"), [
    ("Quý II/2020", [(D(2020, 4, 1), D(2020, 6, 30))]),
    ("Quý I, II/2020", [(D(2020, 1, 1), D(2020, 3, 31)), (D(2020, 4, 1), D(2020, 6, 30))]),
    ("Quý II và Quý IV/2020", [(D(2020, 4, 1), D(2020, 6, 30)), (D(2020, 10, 1), D(2020, 12, 31))]),
    ("Tháng 01/2020", [(D(2020, 1, 1), D(2020, 1, 31))]),
    ("Tháng 3 - 4/2020", [(D(2020, 3, 1), D(2020, 4, 30))]),
    ("Trong năm 2020", [(D(2020, 1, 1), D(2020, 12, 31))]),
    ("Năm 2020", [(D(2020, 1, 1), D(2020, 12, 31))]),
    ("6 tháng đầu năm 2020", [(D(2020, 1, 1), D(2020, 6, 30))]),
    ("Từ tháng 3 đến tháng 6/2020", [(D(2020, 3, 1), D(2020, 6, 30))]),
    ("2021 - 2025", [(D(2021, 1, 1), D(2025, 12, 31))]),
])
def test_time_periods(text: str, spans: list[tuple[dt.date, dt.date]]) -> None:
    periods = parse_time_expr(text)
    assert [p.kind for p in periods] == ["period"] * len(spans)
    assert [(p.start, p.end) for p in periods] == spans


@pytest.mark.parametrize("text", ["Trước 31/10/2020", "Trước ngày 31/10/2020", "Trước ngày 31 tháng 10 năm 2020",
                                  "31/10/2020", "Hoàn thành trước ngày 31/10/2020."])
def test_time_deadlines(text: str) -> None:
    [p] = parse_time_expr(text)
    assert (p.kind, p.start, p.end) == ("deadline", None, D(2020, 10, 31))


@pytest.mark.parametrize(("text", "recurrence", "year"), [
    ("Thường xuyên", "continuous", None),
    ("Thường xuyên trong năm 2020", "continuous", 2020),
    ("Định kỳ hàng quý", "quarterly", None),
    ("Định kỳ hằng quý", "quarterly", None),
    ("Hàng năm", "yearly", None),
    ("Hằng năm", "yearly", None),
    ("Hàng tháng", "monthly", None),
])
def test_time_recurring(text: str, recurrence: str, year: int | None) -> None:
    [p] = parse_time_expr(text)
    assert (p.kind, p.recurrence) == ("recurring", recurrence)
    assert (p.start, p.end) == ((D(year, 1, 1), D(year, 12, 31)) if year else (None, None))


def test_time_without_year_uses_default() -> None:
    [quarter] = parse_time_expr("Quý IV")
    assert (quarter.kind, quarter.start, quarter.end) == ("period", None, None)
    [quarter] = parse_time_expr("Quý IV", default_year=2021)
    assert (quarter.start, quarter.end) == (D(2021, 10, 1), D(2021, 12, 31))
    [half] = parse_time_expr("6 tháng đầu năm", default_year=2020)
    assert (half.start, half.end) == (D(2020, 1, 1), D(2020, 6, 30))
    [year] = parse_time_expr("Cả năm", default_year=2020)
    assert (year.start, year.end) == (D(2020, 1, 1), D(2020, 12, 31))


def test_time_labels() -> None:
    first, second = parse_time_expr("Báo cáo quý I: trước ngày 10/3/2020\nBáo cáo 6 tháng: trước ngày 10/6/2020")
    assert (first.label, first.kind, first.end) == ("Báo cáo quý I", "deadline", D(2020, 3, 10))
    assert (second.label, second.end) == ("Báo cáo 6 tháng", D(2020, 6, 10))
    assert len(parse_time_expr("Quý I/2020; Quý III/2020")) == 2


def test_time_invalid_and_unparsed() -> None:
    [bad] = parse_time_expr("Trước 31/02/2020")
    assert bad.invalid_date and bad.end is None and bad.kind == "deadline"
    assert parse_time_expr("Tháng 13/2020")[0].invalid_date
    assert parse_time_expr("Khi có yêu cầu") == [parse_time_expr("Khi có yêu cầu")[0]]
    assert parse_time_expr("Khi có yêu cầu")[0].kind == "unparsed"
    assert parse_time_expr("Khi có yêu cầu")[0].raw == "Khi có yêu cầu"
    assert parse_time_expr("") == parse_time_expr("  \n ") == []


# ------------------------------------------------------------------------------------------ reporting duties


def test_report_quarter_with_window() -> None:
    text = ("Báo cáo quý I: Gửi trước ngày 22 tháng 02 năm 2020. Thời gian tính số liệu: Tính từ ngày 20 tháng 11 "
            "năm 2019 đến ngày 20 tháng 02 năm 2020.")
    [duty] = find_reporting_statements(text)
    assert (duty.kind, duty.ordinal, duty.label) == ("quarter", 1, "Báo cáo quý I")
    assert duty.deadline is not None and duty.deadline.value == D(2020, 2, 22)
    assert duty.window_start is not None and duty.window_start.value == D(2019, 11, 20)
    assert duty.window_end is not None and duty.window_end.value == D(2020, 2, 20)
    assert text[duty.start:duty.end] == duty.raw
    assert text[duty.deadline.start:duty.deadline.end] == duty.deadline.raw


def test_report_half_year_numeric() -> None:
    text = "Báo cáo 6 tháng: gửi trước ngày 20/5/2020; số liệu tính từ ngày 20/11/2019 đến ngày 19/5/2020"
    [duty] = find_reporting_statements(text)
    assert (duty.kind, duty.ordinal, duty.label) == ("half-year", None, "Báo cáo 6 tháng")
    assert [d.value for d in (duty.deadline, duty.window_start, duty.window_end) if d] == [
        D(2020, 5, 20), D(2019, 11, 20), D(2020, 5, 19)]


@pytest.mark.parametrize(("text", "kind", "ordinal", "deadline"), [
    ("Báo cáo năm: trước ngày 15 tháng 11 năm 2020", "year", None, D(2020, 11, 15)),
    ("báo cáo quý (trước ngày 15 của tháng cuối quý)", "quarter", None, None),
    ("Báo cáo 9 tháng", "9-month", None, None),
    ("Báo cáo 6 tháng đầu năm: trước ngày 10/6/2020", "half-year", 1, D(2020, 6, 10)),
    ("Báo cáo 6 tháng cuối năm", "half-year", 2, None),
    ("Báo cáo quý IV", "quarter", 4, None),
    ("Báo cáo tháng: trước ngày 25 hằng tháng", "month", None, None),
])
def test_report_kinds(text: str, kind: str, ordinal: int | None, deadline: dt.date | None) -> None:
    [duty] = find_reporting_statements(text)
    assert (duty.kind, duty.ordinal) == (kind, ordinal)
    assert (duty.deadline.value if duty.deadline else None) == deadline


def test_report_list_of_kinds() -> None:
    duties = find_reporting_statements("Các đơn vị thực hiện báo cáo định kỳ hàng quý, 6 tháng, năm theo quy định.")
    assert [d.kind for d in duties] == ["quarter", "half-year", "year"]
    assert all(d.deadline is None for d in duties)


def test_several_reports_in_order() -> None:
    text = "Báo cáo quý I: trước ngày 10/3/2020\nBáo cáo 6 tháng: trước ngày 10/6/2020\nBáo cáo năm: trước ngày 10/12/2020"
    duties = find_reporting_statements(text)
    assert [(d.kind, d.deadline.value if d.deadline else None) for d in duties] == [
        ("quarter", D(2020, 3, 10)), ("half-year", D(2020, 6, 10)), ("year", D(2020, 12, 10))]


def test_no_report() -> None:
    assert find_reporting_statements("Báo cáo kết quả thực hiện về Sở Nội vụ") == []


# ---------------------------------------------------------------------------------------- property tests

_ADMIN = ["NQ", "QĐ", "CT", "QC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "BC", "BB", "TTr", "CĐ", "GM", "GGT"]
_STATE_ISSUERS = ["UBND", "SKHĐT", "BNV", "SNV", "CP", "TTg", "HĐND", "STC", "BTNMT", "VPCP", "BNNPTNT"]
_UNITS = ["VP", "VX", "KT", "TH", "TCCB"]
_NORMATIVE = ["NĐ", "QĐ", "TT", "TTLT", "NQ", "CT"]
_PARTY = ["NQ", "QĐ", "CT", "HD", "KL", "TB", "QĐi"]
_PARTY_ISSUERS = ["TW", "VPTW", "BTGTW", "TU", "HU", "ĐU"]

_numbers = st.integers(min_value=1, max_value=9999)


def _written(n: int, padded: bool) -> str:
    return f"{n:02d}" if padded else str(n)


@st.composite
def admin_numbers(draw: st.DrawFn) -> tuple[str, dict]:
    n, padded = draw(_numbers), draw(st.booleans())
    letter = draw(st.sampled_from(["", "", "a", "c"]))
    type_abbr, issuer = draw(st.sampled_from(_ADMIN)), draw(st.sampled_from(_STATE_ISSUERS))
    unit = draw(st.sampled_from(["", *_UNITS]))
    issuer = f"{issuer}-{unit}" if unit else issuer
    text = f"{_written(n, padded)}{letter}/{type_abbr}-{issuer}"
    expected = dict(number=f"{_written(n, padded)}{letter}", type_abbr=type_abbr, issuer=issuer, kind="admin",
                    year=None, canonical=f"{n:02d}{letter}/{type_abbr}-{issuer}")
    return text, expected


@st.composite
def normative_numbers(draw: st.DrawFn) -> tuple[str, dict]:
    n, year = draw(_numbers), draw(st.integers(min_value=1990, max_value=2099))
    type_abbr, issuer = draw(st.sampled_from(_NORMATIVE)), draw(st.sampled_from(_STATE_ISSUERS))
    text = f"{n:02d}/{year}/{type_abbr}-{issuer}"
    return text, dict(number=f"{n:02d}", type_abbr=type_abbr, issuer=issuer, kind="normative", year=year,
                      canonical=text)


@st.composite
def party_numbers(draw: st.DrawFn) -> tuple[str, dict]:
    n = draw(_numbers)
    type_abbr, issuer = draw(st.sampled_from(_PARTY)), draw(st.sampled_from(_PARTY_ISSUERS))
    text = f"{n}-{type_abbr}/{issuer}"
    return text, dict(number=str(n), type_abbr=type_abbr, issuer=issuer, kind="party", year=None, canonical=text)


@PROPERTY
@given(st.one_of(admin_numbers(), normative_numbers(), party_numbers()), st.booleans())
def test_doc_numbers_round_trip(case: tuple[str, dict], prefixed: bool) -> None:
    text, expected = case
    parsed = parse_doc_number(f"Số: {text}" if prefixed else text)
    assert parsed is not None and parsed.raw == text
    assert {key: getattr(parsed, key) for key in expected} == expected
    [found] = find_doc_numbers(f"theo văn bản số {text} của đơn vị")
    assert found.canonical == expected["canonical"]


_dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31))


@PROPERTY
@given(_dates, st.booleans(), st.booleans(), st.sampled_from(["words", "/", "-", "."]))
def test_dates_round_trip(value: dt.date, pad_day: bool, pad_month: bool, style: str) -> None:
    day, month = _written(value.day, pad_day), _written(value.month, pad_month)
    text = (f"ngày {day} tháng {month} năm {value.year}" if style == "words"
            else style.join([day, month, str(value.year)]))
    parsed = parse_date(text)
    assert parsed is not None and parsed.valid and parsed.value == value
    assert (parsed.day_text, parsed.month_text) == (day, month)
    [found] = find_dates(f"Hà Nội, {text}, lập")
    assert found.value == value


@PROPERTY
@given(st.integers(min_value=1990, max_value=2099), st.integers(min_value=1, max_value=99),
       st.integers(min_value=1, max_value=99), st.booleans())
def test_impossible_dates_are_invalid(year: int, month: int, day: int, words: bool) -> None:
    possible = month <= 12 and day <= calendar.monthrange(year, month)[1]
    text = f"ngày {day} tháng {month} năm {year}" if words else f"{day}/{month}/{year}"
    parsed = parse_date(text)
    assert parsed is not None and parsed.valid == possible
    assert (parsed.value is not None) == possible


_CITED_TYPES = ["Nghị định", "Nghị quyết", "Quyết định", "Thông tư", "Chỉ thị", "Kế hoạch", "Công văn",
                "Hướng dẫn", "Thông báo", "Chương trình", "Kết luận", "Công điện"]
_ISSUERS = ["Chính phủ", "Thủ tướng Chính phủ", "Ủy ban nhân dân tỉnh Quảng Nam", "Bộ Nội vụ",
            "Ủy ban nhân dân Thành phố", "Ban Chấp hành Trung ương Đảng", "Bộ trưởng Bộ Tài chính"]
_SUBJECTS = ["thực hiện cơ chế một cửa, một cửa liên thông", "công tác văn thư", "cải cách hành chính giai đoạn 2021 - 2030",
             "tổ chức Hội nghị của tỉnh", "kiểm soát thủ tục hành chính năm 2020"]


@PROPERTY
@given(st.sampled_from(_CITED_TYPES), st.one_of(admin_numbers(), normative_numbers(), party_numbers()), _dates,
       st.sampled_from(_ISSUERS), st.sampled_from(_SUBJECTS), st.sampled_from(["Căn cứ ", "Thực hiện ", ""]))
def test_citations_round_trip(type_word: str, number: tuple[str, dict], date: dt.date, issuer: str, subject: str,
                              lead: str) -> None:
    text = (f"{lead}{type_word} số {number[0]} ngày {date.day:02d} tháng {date.month} năm {date.year} "
            f"của {issuer} về {subject};")
    [c] = find_citations(text)
    assert c.type_word == type_word
    assert c.number is not None and c.number.canonical == number[1]["canonical"]
    assert c.date is not None and c.date.value == date
    assert (c.issuer, c.subject) == (issuer, subject)


_ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụ"
                                 "ừứửữựỳýỷỹỵAĂÂĐÊÔƠƯQHNDKTÐ0123456789 /-–:;,.…_()\n\t\ue000\ue001"))
_WORDS = st.sampled_from(["ngày", "tháng", "năm", "Số:", "số", "Nghị định", "Luật", "của", "về", "ban hành",
                          "Quý", "II", "IV", "Báo cáo", "quý", "6 tháng", "trước", "từ", "đến", "Thường xuyên",
                          "hàng", "05/3/2020", "30/2020/NĐ-CP", "19-NQ/TW", "KH-UBND", "2020", "31", "Trong"])
_TEXTS = st.one_of(st.text(), st.text(_ALPHABET), st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=3)))
                   .map(" ".join))


@PROPERTY
@given(_TEXTS, st.one_of(st.none(), st.integers(min_value=-5, max_value=10_000)))
def test_never_raises(text: str, default_year: int | None) -> None:
    parse_date(text)
    parse_doc_number(text)
    parse_time_expr(text, default_year)
    for found in (find_dates(text), find_doc_numbers(text), find_citations(text), find_reporting_statements(text)):
        for item in found:
            assert text[item.start:item.end] == item.raw
