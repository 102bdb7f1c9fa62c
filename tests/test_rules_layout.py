"""TT (layout) and SN (numbers, dates, signature, recipients) rules.

Text rules are shown on plain-text drafts; layout rules on the clean KH fixture laid out exactly per Decree 30,
changing ONE property of its .docx at a time and checking that exactly the expected TT code appears.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import codes, lint_path, lint_text

CLEAN = """UBND TỈNH THANH HÓA
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-SNV
Thanh Hóa, ngày 05 tháng 01 năm 2021
KẾ HOẠCH
Cải cách hành chính năm 2021
Căn cứ Quyết định số 5409/QĐ-UBND ngày 20 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh;
I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao chất lượng phục vụ người dân và doanh nghiệp.
II. TỔ CHỨC THỰC HIỆN
Các phòng chuyên môn tổ chức thực hiện Kế hoạch này./.
Nơi nhận:
- UBND tỉnh;
- Sở Nội vụ;
- Lưu: VT, CCHC.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn An
"""


def sn(text: str, code: str) -> list:
    return [f for f in lint_text(text, select=(code,)).findings if f.code == code]


def test_clean_text_has_no_sn_or_tt_finding():
    assert [c for c in codes(lint_text(CLEAN, select=("SN", "TT"))) if c[:2] in ("SN", "TT")] == []


# --- SN001 / SN002 -------------------------------------------------------------------------------------------

def test_sn001_country_name_old_tone_mark():
    found = sn(CLEAN.replace("CỘNG HÒA", "CỘNG HOÀ"), "SN001")
    assert len(found) == 1
    assert found[0].fix.new == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_sn001_country_name_missing():
    found = sn(CLEAN.replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", ""), "SN001")
    assert len(found) == 1 and "thiếu Quốc hiệu" in found[0].message


@pytest.mark.parametrize("wrong", ["Độc lập – Tự do – Hạnh phúc", "Độc lập-Tự do-Hạnh phúc",
                                   "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"])
def test_sn002_motto(wrong):
    found = sn(CLEAN.replace("Độc lập - Tự do - Hạnh phúc", wrong), "SN002")
    assert len(found) == 1 and found[0].fix.new == "Độc lập - Tự do - Hạnh phúc"


# --- SN003 / SN004 / SN006 / SN008 (number) -----------------------------------------------------------------

@pytest.mark.parametrize("wrong,fixed", [
    ("Số 15/KH-SNV", "Số: 15/KH-SNV"),
    ("Số: 15 / KH - SNV", "Số: 15/KH-SNV"),
    ("Số: 15/KH–SNV", "Số: 15/KH-SNV"),
])
def test_sn003_number_format(wrong, fixed):
    found = sn(CLEAN.replace("Số: 15/KH-SNV", wrong), "SN003")
    assert len(found) == 1 and found[0].fix.new == fixed


def test_sn003_blank_number_is_not_a_format_error():
    assert sn(CLEAN.replace("Số: 15/KH-SNV", "Số:        /KH-SNV"), "SN003") == []
    assert sn(CLEAN.replace("Số: 15/KH-SNV", "Số: …/KH-SNV"), "SN003") == []


def test_sn004_symbol_type_mismatch():
    found = sn(CLEAN.replace("Số: 15/KH-SNV", "Số: 15/QĐ-SNV"), "SN004")
    assert len(found) == 1 and "«KH»" in found[0].message
    assert sn(CLEAN, "SN004") == []


def test_sn006_number_below_ten():
    found = sn(CLEAN.replace("Số: 15/KH-SNV", "Số: 5/KH-SNV"), "SN006")
    assert len(found) == 1 and found[0].fix.new == "Số: 05/KH-SNV"


@pytest.mark.parametrize("wrong,fixed", [
    ("ngày 5 tháng 01 năm 2021", "ngày 05 tháng 01 năm 2021"),
    ("ngày 05 tháng 1 năm 2021", "ngày 05 tháng 01 năm 2021"),
    ("ngày 15 tháng 03 năm 2021", "ngày 15 tháng 3 năm 2021"),
])
def test_sn006_date_zeros(wrong, fixed):
    found = sn(CLEAN.replace("ngày 05 tháng 01 năm 2021", wrong), "SN006")
    assert len(found) == 1 and found[0].fix.new == f"Thanh Hóa, {fixed}"


@pytest.mark.parametrize("right", ["ngày 15 tháng 3 năm 2021", "ngày 05 tháng 02 năm 2021",
                                   "ngày 31 tháng 12 năm 2020"])
def test_sn006_date_zeros_pass(right):
    assert sn(CLEAN.replace("ngày 05 tháng 01 năm 2021", right), "SN006") == []


def test_sn008_blank_number_and_day_are_info():
    draft = CLEAN.replace("Số: 15/KH-SNV", "Số:      /KH-SNV").replace("ngày 05 tháng 01", "ngày    tháng 01")
    found = sn(draft, "SN008")
    assert len(found) == 2 and {f.severity.label for f in found} == {"info"}
    assert sn(draft, "SN005") == [] and sn(draft, "SN006") == []
    assert sn(CLEAN, "SN008") == []


def test_blank_number_without_slash_in_draft_without_header_table():
    draft = "\nSố: TB-SKHĐT\nBà Rịa – Vũng Tàu, ngày tháng 04 năm 2021\nTHÔNG BÁO\nV/v Chấn chỉnh\nNội dung./.\n"
    report = lint_text(draft, select=("SN",))
    assert "SN008" in codes(report) and "SN003" in codes(report)  # blank number, no slash
    assert "SN006" in codes(report)  # month 04


# --- SN005 / SN007 -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("wrong", ["Thanh Hóa, ngày 05/01/2021", "Thanh Hóa ngày 05 tháng 01 năm 2021",
                                   "Thanh Hóa, ngày 30 tháng 02 năm 2021"])
def test_sn005_place_date_format(wrong):
    assert len(sn(CLEAN.replace("Thanh Hóa, ngày 05 tháng 01 năm 2021", wrong), "SN005")) == 1


def test_sn005_missing_comma_has_fix():
    found = sn(CLEAN.replace("Thanh Hóa, ngày", "Thanh Hóa ngày"), "SN005")
    assert found[0].fix.new == "Thanh Hóa, ngày 05 tháng 01 năm 2021"


def test_sn007_future_date():
    assert len(sn(CLEAN.replace("năm 2021\nKẾ HOẠCH", "năm 2099\nKẾ HOẠCH"), "SN007")) == 1
    assert sn(CLEAN, "SN007") == []


# --- SN009 ---------------------------------------------------------------------------------------------------

def test_sn009_type_name_in_capitals():
    found = sn(CLEAN.replace("KẾ HOẠCH\n", "Kế hoạch\n"), "SN009")
    assert len(found) == 1 and found[0].fix.new == "KẾ HOẠCH"


# --- SN010 / SN011 -------------------------------------------------------------------------------------------

def test_sn010_party_style_prefix():
    found = sn(CLEAN.replace("KT. GIÁM ĐỐC", "K/T GIÁM ĐỐC"), "SN010")
    assert len(found) == 1 and found[0].fix.new == "KT. GIÁM ĐỐC"


def test_sn010_kt_without_deputy_title():
    found = sn(CLEAN.replace("PHÓ GIÁM ĐỐC", "GIÁM ĐỐC SỞ"), "SN010")
    assert len(found) == 1 and "cấp phó" in found[0].message


@pytest.mark.parametrize("block", ["TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "GIÁM ĐỐC", "TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG",
                                   "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"])
def test_sn010_passes(block):
    assert sn(CLEAN.replace("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", block), "SN010") == []


def test_sn011_signer_missing():
    assert len(sn(CLEAN.replace("Nguyễn Văn An\n", ""), "SN011")) == 1
    assert sn(CLEAN, "SN011") == []


# --- SN012 / SN013 / SN014 -----------------------------------------------------------------------------------

def test_sn012_recipient_lines():
    found = sn(CLEAN.replace("- Sở Nội vụ;", "+ Sở Nội vụ,"), "SN012")
    assert len(found) == 1 and found[0].fix.new == "- Sở Nội vụ;"


def test_sn012_recipients_title_colon():
    found = sn(CLEAN.replace("Nơi nhận:", "Nơi nhận"), "SN012")
    assert len(found) == 1 and found[0].fix.new == "Nơi nhận:"


@pytest.mark.parametrize("wrong,fixed", [("- Lưu VT, CCHC.", "- Lưu: VT, CCHC."),
                                         ("- Lưu: VT, CCHC;", "- Lưu: VT, CCHC.")])
def test_sn013_archive_line(wrong, fixed):
    found = sn(CLEAN.replace("- Lưu: VT, CCHC.", wrong), "SN013")
    assert len(found) == 1 and found[0].fix.new == fixed


def test_sn013_archive_line_missing():
    found = sn(CLEAN.replace("- Lưu: VT, CCHC.\n", ""), "SN013")
    assert len(found) == 1 and "Lưu" in found[0].message


def test_sn014_ending():
    found = sn(CLEAN.replace("Kế hoạch này./.", "Kế hoạch này."), "SN014")
    assert len(found) == 1 and found[0].fix.new == "Các phòng chuyên môn tổ chức thực hiện Kế hoạch này./."
    assert found[0].severity.label == "warning"


# --- TT on .docx: the clean KH, one property changed at a time -----------------------------------------------

import docx  # noqa: E402


def _clean_kh(tmp_path: Path) -> Path:
    from tests.fixtures.seeds import build_clean_kh

    path = tmp_path / "clean_kh.docx"
    build_clean_kh(path)
    return path


def _paragraphs(document):
    """Every paragraph of the body, table cells included."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(document, predicate: Callable[[str], bool]):
    return next(p for p in _paragraphs(document) if p.text.strip() and predicate(p.text.strip()))


def _body_paragraphs(document):
    return [p for p in document.paragraphs if len(p.text) > 80 and not p.text.startswith(("Căn cứ", "("))]


def _mutate(path: Path, change: Callable) -> Path:
    document = docx.Document(str(path))
    change(document)
    out = path.with_name("mutated.docx")
    document.save(str(out))
    return out


def tt_codes(path: Path) -> set[str]:
    return {c for c in codes(lint_path(path, select=("TT",))) if c.startswith("TT")}


def test_clean_kh_has_no_tt_or_sn_finding(tmp_path):
    report = lint_path(_clean_kh(tmp_path), select=("TT", "SN"))
    assert [(f.code, f.message) for f in report.findings] == []


def _margin(document):
    from docx.shared import Mm

    document.sections[0].left_margin = Mm(20)


def _paper(document):
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(216), Mm(279)


def _font(document):
    for run in _body_paragraphs(document)[0].runs:
        run.font.name = "Arial"


def _colour(document):
    from docx.shared import RGBColor

    for run in _body_paragraphs(document)[0].runs:
        run.font.color.rgb = RGBColor(0xFF, 0, 0)


def _country_size(document):
    from docx.shared import Pt

    for run in _find(document, lambda t: t.startswith("CỘNG HÒA")).runs:
        run.font.size = Pt(15)


def _motto_bold(document):
    for run in _find(document, lambda t: t.startswith("Độc lập")).runs:
        run.font.bold = False


def _date_italic(document):
    for run in _find(document, lambda t: ", ngày" in t and "tháng" in t).runs:
        run.font.italic = False


def _indent(document):
    from docx.shared import Cm

    _body_paragraphs(document)[0].paragraph_format.first_line_indent = Cm(0)


def _align(document):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _body_paragraphs(document)[0].alignment = WD_ALIGN_PARAGRAPH.LEFT


def _spacing(document):
    from docx.shared import Pt

    fmt = _body_paragraphs(document)[0].paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)


def _line_spacing(document):
    _body_paragraphs(document)[0].paragraph_format.line_spacing = 2.0


def _type_name_left(document):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _find(document, lambda t: t == "KẾ HOẠCH").alignment = WD_ALIGN_PARAGRAPH.LEFT


@pytest.mark.parametrize("change,expected", [
    (_paper, {"TT001"}), (_margin, {"TT002"}), (_font, {"TT004"}), (_colour, {"TT005"}),
    (_country_size, {"TT006"}), (_motto_bold, {"TT007"}), (_date_italic, {"TT007"}), (_align, {"TT008"}),
    (_indent, {"TT009"}), (_spacing, {"TT010"}), (_line_spacing, {"TT011"}), (_type_name_left, {"TT012"}),
], ids=lambda v: v.__name__.strip("_") if callable(v) else "")
def test_one_property_changed_gives_exactly_one_code(tmp_path, change, expected):
    assert tt_codes(_mutate(_clean_kh(tmp_path), change)) == expected


def test_body_defect_shared_by_most_paragraphs_is_one_finding(tmp_path):
    from docx.shared import Pt

    def all_small(document):
        for para in _body_paragraphs(document):
            for run in para.runs:
                run.font.size = Pt(12)

    report = lint_path(_mutate(_clean_kh(tmp_path), all_small), select=("TT006",))
    assert len(report.findings) == 1 and "12 pt" in report.findings[0].message


def test_first_page_number_shown(tmp_path):
    def first_page(document):
        for section in document.sections:
            section.different_first_page_header_footer = False

    found = lint_path(_mutate(_clean_kh(tmp_path), first_page), select=("TT003",)).findings
    assert [f.code for f in found] == ["TT003"] and "trang thứ nhất" in found[0].message


def test_layout_rules_skip_text_input():
    assert [c for c in codes(lint_text(CLEAN, select=("TT",))) if c.startswith("TT")] == []


# --- the seed fixtures: every TT/SN finding, read and checked by hand ---------------------------------------

@pytest.mark.parametrize("name", ["kh_1355_2020", "qd_1191_2021", "tb_2021_draft", "qd_5409_2019"])
def test_seed_fixtures_snapshot(tmp_path, snapshot, name):
    from tests.fixtures.seeds import build_seed

    path = tmp_path / f"{name}.docx"
    build_seed(name, path)
    report = lint_path(path, select=("TT", "SN"))
    assert [f.to_dict() for f in report.findings if f.code[:2] in ("TT", "SN")] == snapshot


@pytest.mark.parametrize("build", ["build_clean_kh", "build_clean_qd", "build_clean_tb"])
@pytest.mark.parametrize("options", [{}, {"numbering": "auto"}, {"header": "paragraphs"}])
def test_clean_fixtures_have_no_tt_sn_finding(tmp_path, build, options):
    from tests.fixtures import seeds

    path = tmp_path / "clean.docx"
    getattr(seeds, build)(path, **options)
    assert [(f.code, f.message) for f in lint_path(path, select=("TT", "SN")).findings] == []


def test_page_numbers_absent_is_info(tmp_path):
    def no_numbers(document):
        for section in document.sections:
            for header in (section.header, section.first_page_header):
                header.is_linked_to_previous = True

    found = lint_path(_mutate(_clean_kh(tmp_path), no_numbers), select=("TT003",)).findings
    assert [(f.code, f.severity.label) for f in found] == [("TT003", "info")]
