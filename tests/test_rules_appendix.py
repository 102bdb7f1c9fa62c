"""PL rules (phụ lục): task tables (columns, empty cells, time cells, numbering, groups, duplicates) and the
appendices themselves (reference line, mentions in the body, numbering).

Tables are .docx drafts written by the fixture builder from the clean plan with one thing changed, so every
failing example has its passing twin (the clean plan); appendix labels and mentions also on plain text. The
seed fixtures are compared with a snapshot and the clean fixtures give no PL finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import lint_path, lint_text
from tests.fixtures.seeds import (
    SEEDS,
    build_clean_kh,
    build_clean_qd,
    build_clean_tb,
    build_seed,
    clean_kh_spec,
    clean_qd_spec,
    render,
)

COLUMNS = ["STT", "Nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def task(n: str, text: str, product: str = "Báo cáo kết quả", lead: str = "Sở Nội vụ",
         partner: str = "Các sở, ban, ngành", time: str = "Quý II/2024") -> list[str]:
    return [n, text, product, lead, partner, time]


def rows_ok() -> list[Any]:
    return [
        {"group": ["I", "CẢI CÁCH THỂ CHẾ"]},
        task("1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh"),
        task("2", "Theo dõi tình hình thi hành pháp luật năm 2024"),
        {"group": ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]},
        task("1", "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền của tỉnh"),
    ]


def kh_with(rows: list[Any] | None = None, *, columns: list[Any] | None = None,
            header_rows: list[list[Any]] | None = None, group_layout: str = "row",
            reference: str | None = None) -> dict[str, Any]:
    """The clean plan with its appendix table replaced."""
    spec = clean_kh_spec()
    table = spec["appendices"][0]["blocks"][0]["table"]
    table["rows"] = rows if rows is not None else rows_ok()
    table["group_layout"] = group_layout
    if header_rows is not None:
        del table["columns"]
        table["header_rows"] = header_rows
    elif columns is not None:
        table["columns"] = columns
    table.pop("widths", None)
    if reference is not None:
        spec["appendices"][0]["reference"] = reference
    return spec


@pytest.fixture
def lint_spec(tmp_path: Path):
    counter = iter(range(10_000))

    def run(spec: dict[str, Any], code: str) -> list:
        path = render(spec, tmp_path / f"draft-{next(counter)}.docx")
        return [f for f in lint_path(path, select=(code,)).findings if f.code == code]

    return run


# --- recognising task tables ---------------------------------------------------------------------------------


def test_two_row_header_with_merged_cells_is_read(lint_spec):
    header = [["TT", "Nội dung", "Kết quả", {"text": "Cơ quan", "span": 2}, "Thời hạn hoàn thành"],
              [None, None, None, "Chủ trì", "Phối hợp", None]]
    spec = kh_with(header_rows=header)
    assert lint_spec(spec, "PL001") == [] and lint_spec(spec, "PL002") == []
    rows = [*rows_ok(), task("2", "Công bố thủ tục hành chính mới ban hành", product="")]
    hits = lint_spec(kh_with(rows, header_rows=header), "PL003")
    assert len(hits) == 1 and "«Kết quả» (sản phẩm)" in hits[0].message


def test_layout_table_is_not_a_task_table(lint_spec):
    rows = [["Chỉ tiêu A", "95%", "Đạt"], ["Chỉ tiêu B", "90%", "Đạt"]]
    spec = kh_with(rows, columns=["Chỉ tiêu", "Kết quả", "Đánh giá"])
    assert lint_spec(spec, "PL001") == [] and lint_spec(spec, "PL003") == []


# --- PL001 / PL002 -------------------------------------------------------------------------------------------


def test_pl001_missing_product_column_is_named(lint_spec):
    columns = [c for c in COLUMNS if c != "Sản phẩm"]
    rows = [r if isinstance(r, dict) else r[:2] + r[3:] for r in rows_ok()]
    hits = lint_spec(kh_with(rows, columns=columns), "PL001")
    assert len(hits) == 1 and "thiếu cột «Sản phẩm»" in hits[0].message
    assert hits[0].severity.label == "warning"
    assert lint_spec(kh_with(), "PL001") == []


def test_pl002_missing_coordinating_column_is_information(lint_spec):
    columns = [c for c in COLUMNS if c != "Cơ quan phối hợp"]
    rows = [r if isinstance(r, dict) else r[:4] + r[5:] for r in rows_ok()]
    hits = lint_spec(kh_with(rows, columns=columns), "PL002")
    assert len(hits) == 1 and hits[0].severity.label == "info" and "Cơ quan phối hợp" in hits[0].message
    inline = [r if isinstance(r, dict) else [r[0], r[1], r[2], ["- Cơ quan chủ trì: Sở Nội vụ.",
                                                                 "- Cơ quan phối hợp: Sở Tư pháp."], r[5]]
              for r in rows_ok()]
    assert lint_spec(kh_with(inline, columns=["TT", "Nhiệm vụ cụ thể", "Sản phẩm", "Cơ quan thực hiện",
                                              "Thời gian thực hiện"]), "PL002") == []


# --- PL003 ---------------------------------------------------------------------------------------------------


def test_pl003_empty_required_cell_names_column_and_task(lint_spec):
    rows = [*rows_ok(), task("2", "Công bố danh mục thủ tục hành chính mới", lead="")]
    hits = lint_spec(kh_with(rows), "PL003")
    assert len(hits) == 1
    assert "«Công bố danh mục thủ tục hành chính mới»" in hits[0].message and "«Cơ quan chủ trì»" in hits[0].message
    assert "nhóm «II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH»" in hits[0].message
    assert hits[0].location.row is not None and hits[0].location.col == 3
    assert lint_spec(kh_with(), "PL003") == []
    merged = rows_ok()
    merged[2][3] = None  # «Sở Nội vụ» merged down over the second task: the cell is not empty
    assert lint_spec(kh_with(merged), "PL003") == []


def test_pl003_group_rows_and_headings_with_sub_items_are_not_tasks(lint_spec):
    rows = [
        {"group": "CẢI CÁCH THỂ CHẾ"},  # one cell over the whole width
        task("1", "Rà soát văn bản quy phạm pháp luật của tỉnh"),
        ["2", "Thực hiện tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích", "", "", "", ""],
        task("a", "Tỷ lệ hồ sơ tiếp nhận qua dịch vụ bưu chính công ích"),
        task("b", "Tỷ lệ kết quả trả qua dịch vụ bưu chính công ích"),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""],  # number and title only, Roman: a group
        task("1", "Rà soát, đơn giản hóa thủ tục hành chính của tỉnh"),
        ["", "Cải cách tổ chức bộ máy", "", "", "", ""],  # a title without a number: a group
        task("1", "Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn"),
    ]
    assert lint_spec(kh_with(rows), "PL003") == []
    rows[3:5] = [task("3", "Công khai kết quả giải quyết hồ sơ thủ tục hành chính")]  # now row 2 is a bare task
    hits = lint_spec(kh_with(rows), "PL003")
    assert len(hits) == 1 and "«Thực hiện tiếp nhận, trả kết quả qua dịch vụ bưu" in hits[0].message


def test_pl003_repeated_header_and_total_rows_are_not_tasks(lint_spec):
    rows = [*rows_ok(), list(COLUMNS), ["", "Tổng cộng", "", "", "", ""]]
    spec = kh_with(rows)
    assert lint_spec(spec, "PL003") == [] and lint_spec(spec, "PL004") == []


def test_pl003_group_column_layout(lint_spec):
    columns = ["Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Sản phẩm", "Phòng chủ trì", "Phòng phối hợp",
               "Thời gian thực hiện"]
    rows = [{"group": "I. Cải cách thể chế"},
            ["1. Kế hoạch rà soát văn bản năm 2024", "Kế hoạch", "Văn phòng", "Các phòng", "Quý I/2024"],
            ["2. Theo dõi thi hành pháp luật năm 2024", "Báo cáo", "Thanh tra", "Các phòng", "Quý IV/2024"],
            {"group": "II. Cải cách thủ tục hành chính"},
            ["1. Kiểm soát thủ tục hành chính năm 2024", "", "Văn phòng", "Các phòng", "Quý II/2024"]]
    spec = kh_with(rows, columns=columns, group_layout="column")
    hits = lint_spec(spec, "PL003")
    assert len(hits) == 1 and "«Kiểm soát thủ tục hành chính năm 2024»" in hits[0].message
    assert "nhóm «I. Cải cách thể chế" not in hits[0].message and "Cải cách thủ tục hành chính" in hits[0].message
    assert lint_spec(spec, "PL006") == []
    assert [h for h in lint_spec(spec, "PL007") if "đánh số" in h.message] == []


# --- PL004 / PL005 -------------------------------------------------------------------------------------------


def test_pl004_unreadable_time_is_information(lint_spec):
    rows = [*rows_ok(), task("2", "Công bố thủ tục hành chính mới ban hành", time="Khi xong")]
    hits = lint_spec(kh_with(rows), "PL004")
    assert len(hits) == 1 and hits[0].severity.label == "info" and "«Khi xong»" in hits[0].message
    readable = ["Thường xuyên trong năm", "Định kỳ hàng quý hoặc đột xuất theo quy định",
                ["- Kế hoạch: Quý I/2024.", "- Báo cáo kết quả: theo quy định của Bộ Nội vụ."]]
    rows = [*rows_ok(), *(task(str(i), f"Nhiệm vụ thứ {i} của nhóm cải cách", time=t)
                          for i, t in enumerate(readable, start=2))]
    assert lint_spec(kh_with(rows), "PL004") == []


def test_pl005_time_before_draft_or_outside_plan_year(lint_spec):
    rows = [*rows_ok(),
            task("2", "Công bố thủ tục hành chính mới ban hành", time="Tháng 12/2023"),
            task("3", "Số hóa hồ sơ thủ tục hành chính", time="Quý I/2025"),
            task("4", "Đánh giá kết quả thực hiện kế hoạch", time=["- Kế hoạch đánh giá: Quý I/2024.",
                                                                 "- Tổng hợp ý kiến: Trong năm 2023."])]
    hits = lint_spec(kh_with(rows), "PL005")
    messages = [h.message for h in hits]
    assert len(hits) == 3, messages
    assert "«Tháng 12/2023»" in messages[0] and "đã qua trước ngày ban hành văn bản (05/01/2024)" in messages[0]
    assert "«Quý I/2025»" in messages[1] and "nằm sau năm kế hoạch 2024" in messages[1]
    assert "mục «Tổng hợp ý kiến»" in messages[2]
    assert lint_spec(kh_with(), "PL005") == []


def test_pl005_report_early_next_year_is_accepted(lint_spec, tmp_path: Path):
    rows = [*rows_ok(), task("2", "Báo cáo kết quả thực hiện kế hoạch năm 2024", time="Tháng 01/2025")]
    spec = kh_with(rows)
    assert lint_spec(spec, "PL005") == []
    path = render(spec, tmp_path / "grace.docx")
    short = lint_path(path, select=("PL005",), reporting={"annual-grace-days": 15}).findings
    assert [f.code for f in short] == ["PL005"]


# --- PL006 / PL007 / PL008 -----------------------------------------------------------------------------------


def test_pl006_row_numbers_out_of_sequence(lint_spec):
    rows = rows_ok()
    rows[2][0] = "3"
    hits = lint_spec(kh_with(rows), "PL006")
    assert len(hits) == 1 and "«3»" in hits[0].message and "cần «2»" in hits[0].message
    letters = [*rows_ok(), task("a", "Tiếp nhận hồ sơ trực tuyến"), task("c", "Trả kết quả trực tuyến")]
    hits = lint_spec(kh_with(letters), "PL006")
    assert len(hits) == 1 and "«c»" in hits[0].message and "cần «b»" in hits[0].message
    continued = rows_ok()
    continued[4][0] = "3"  # numbering goes on across groups: a house style, not an error
    assert lint_spec(kh_with(continued), "PL006") == []
    assert lint_spec(kh_with(), "PL006") == []


def test_pl007_group_numbers_and_reform_areas(lint_spec):
    rows = rows_ok()
    rows[3] = {"group": ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]}
    hits = lint_spec(kh_with(rows), "PL007")
    assert any("đánh số «III» sau nhóm «I»" in h.message for h in hits)
    # the body has six reform areas; a table with only two of them misses four
    missing = [h for h in lint_spec(kh_with(), "PL007") if "không có nhóm nhiệm vụ tương ứng" in h.message]
    assert len(missing) == 4 and all(h.location.block is not None for h in missing)
    assert lint_spec(clean_kh_spec(), "PL007") == []


def test_pl008_duplicate_task(lint_spec):
    rows = [*rows_ok(), task("2", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh")]
    hits = lint_spec(kh_with(rows), "PL008")
    assert len(hits) == 1 and "trùng với nhiệm vụ ở số thứ tự 1" in hits[0].message
    assert lint_spec(kh_with(), "PL008") == []


# --- PL009 ---------------------------------------------------------------------------------------------------

REF = "(Kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân Thành phố Hà Nội)"


@pytest.mark.parametrize(("reference", "expected"), [
    (REF.replace("15/KH", "12/KH"), "số «12/KH-UBND» khác số của văn bản «15/KH-UBND»"),
    (REF.replace("năm 2024", "năm 2023"), "khác ngày ban hành văn bản"),
    (REF.replace("Thành phố Hà Nội", "tỉnh Thanh Hóa"), "khác cơ quan ban hành"),
    (REF.replace("Kế hoạch số", "Quyết định số"), "chỉ dẫn «Quyết định»"),
])
def test_pl009_reference_line_mismatch(reference, expected, lint_spec):
    hits = lint_spec(kh_with(reference=reference), "PL009")
    assert len(hits) == 1 and expected in hits[0].message and hits[0].severity.label == "error"


@pytest.mark.parametrize("reference", [
    REF,
    "(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 01 năm 2024 của UBND Thành phố)",  # blanks in a draft
])
def test_pl009_reference_line_matches(reference, lint_spec):
    assert lint_spec(kh_with(reference=reference), "PL009") == []


def test_pl009_attached_plan_may_reference_plan_or_decision(lint_spec):
    spec = clean_qd_spec()
    assert lint_spec(spec, "PL009") == []
    spec["appendices"][0]["reference"] = spec["appendices"][0]["reference"].replace("10/QĐ", "11/QĐ")
    hits = lint_spec(spec, "PL009")
    assert len(hits) == 1 and "«11/QĐ-UBND»" in hits[0].message


def test_pl009_missing_reference_line(lint_spec):
    spec = kh_with()
    del spec["appendices"][0]["reference"]
    hits = lint_spec(spec, "PL009")
    assert len(hits) == 1 and "thiếu dòng chỉ dẫn" in hits[0].message


# --- PL010 / PL011 on plain text -----------------------------------------------------------------------------

HEAD = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-UBND
Thanh Hóa, ngày {day} tháng 01 năm {year}
KẾ HOẠCH
Cải cách hành chính năm {year}
Căn cứ Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả công tác cải cách hành chính.
II. NHIỆM VỤ
{mention}
III. TỔ CHỨC THỰC HIỆN
Các sở tổ chức thực hiện./.
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, NC.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def appendix(label: str, year: int = 2024) -> str:
    return (f"{label}\nNHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year}\n(Kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng 01 "
            f"năm {year} của Ủy ban nhân dân tỉnh Thanh Hóa)\nNội dung phụ lục.\n")


def draft(mention: str, labels: list[str], year: int = 2024) -> str:
    return HEAD.format(day="05", year=year, mention=mention) + "".join(appendix(lb, year) for lb in labels)


def found(text: str, code: str) -> list:
    return [f for f in lint_text(text, select=(code,)).findings if f.code == code]


def test_pl010_mentions_must_match_appendices():
    hits = found(draft("Nhiệm vụ chi tiết tại Phụ lục I, II và III kèm theo.", ["Phụ lục I", "Phụ lục II"]), "PL010")
    assert len(hits) == 1 and "phụ lục III" in hits[0].message and hits[0].location.line == 13
    hits = found(draft("Nhiệm vụ chi tiết tại Phụ lục I kèm theo.", ["Phụ lục I", "Phụ lục II"]), "PL010")
    assert len(hits) == 1 and "Phụ lục II không được nhắc tới" in hits[0].message
    hits = found(draft("Các nhiệm vụ cụ thể do các sở xây dựng.", ["Phụ lục I", "Phụ lục II"]), "PL010")
    assert len(hits) == 1 and "không có chỉ dẫn nào về phụ lục" in hits[0].message
    ranged = draft("Nhiệm vụ chi tiết tại các Phụ lục số 01 đến 02 kèm theo.", ["Phụ lục I", "Phụ lục II"])
    assert found(ranged, "PL010") == []
    assert found(draft("Chi tiết tại Phụ lục I, II kèm theo Kế hoạch này.", ["Phụ lục I", "Phụ lục II"]),
                 "PL010") == []


def test_pl010_appendix_of_another_document_is_not_a_mention():
    text = draft("Trình bày theo Phụ lục I Nghị định số 30/2020/NĐ-CP; chi tiết tại Phụ lục kèm theo.", ["Phụ lục"])
    assert found(text, "PL010") == []
    hits = found(draft("Thực hiện theo phụ lục đính kèm.", []), "PL010")
    assert len(hits) == 1 and hits[0].severity.label == "info"


def test_pl011_two_appendices_need_roman_numbers():
    text = draft("Chi tiết tại Phụ lục số 01 và Phụ lục số 02 kèm theo.", ["Phụ lục số 01", "Phụ lục số 02"])
    hits = found(text, "PL011")
    assert len(hits) == 2 and "«Phụ lục II»" in hits[1].message
    assert hits[0].fix is not None and (hits[0].fix.old, hits[0].fix.new) == ("Phụ lục số 01", "Phụ lục I")
    assert found(draft("Chi tiết tại Phụ lục I và Phụ lục II kèm theo.", ["Phụ lục I", "Phụ lục II"]), "PL011") == []
    assert found(draft("Chi tiết tại Phụ lục kèm theo.", ["Phụ lục"]), "PL011") == []
    unnumbered = found(draft("Chi tiết tại các Phụ lục kèm theo.", ["Phụ lục", "Phụ lục"]), "PL011")
    assert len(unnumbered) == 2 and "chưa được đánh số" in unnumbered[0].message


def test_pl011_before_decree_30_is_softened():
    text = draft("Chi tiết tại Phụ lục số 01 và Phụ lục số 02 kèm theo.", ["Phụ lục số 01", "Phụ lục số 02"], 2019)
    hits = found(text, "PL011")
    assert hits and all(h.severity.label == "info" and "01/2011/TT-BNV" in h.legal_basis for h in hits)


# --- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pl")


@pytest.mark.parametrize("numbering", ["manual", "auto"])
@pytest.mark.parametrize("build", [build_clean_kh, build_clean_qd, build_clean_tb], ids=["kh", "qd", "tb"])
def test_clean_fixtures_give_no_pl_finding(build, numbering, fixture_dir: Path):
    path = build(fixture_dir / f"clean-{build.__name__}-{numbering}.docx", numbering=numbering)
    assert [(f.code, f.message) for f in lint_path(path, select=("PL",)).findings] == []


def test_clean_plan_with_two_row_header_gives_no_pl_finding(fixture_dir: Path):
    path = build_clean_kh(fixture_dir / "clean-two-row.docx", two_row_header=True)
    assert [(f.code, f.message) for f in lint_path(path, select=("PL",)).findings] == []


@pytest.mark.parametrize("name", SEEDS)
def test_seed_findings(name: str, fixture_dir: Path, snapshot):
    report = lint_path(build_seed(name, fixture_dir / f"{name}.docx"), select=("PL",))
    assert [f.to_dict() for f in report.findings] == snapshot


@pytest.mark.parametrize("name", SEEDS)
def test_seed_findings_do_not_depend_on_layout(name: str, fixture_dir: Path):
    def key(path):
        return sorted((f.code, f.message) for f in lint_path(path, select=("PL",)).findings)

    typed = key(build_seed(name, fixture_dir / f"{name}-typed.docx"))
    assert key(build_seed(name, fixture_dir / f"{name}-auto.docx", numbering="auto")) == typed
    assert key(build_seed(name, fixture_dir / f"{name}-para.docx", header="paragraphs")) == typed
