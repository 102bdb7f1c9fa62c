"""HB rules (hạn báo cáo): deadlines and data windows of reporting duties (Nghị định 09/2019/NĐ-CP).

Each rule is shown on a small plain-text plan (one line per paragraph) that fails and on the same plan
corrected; statements spread over several paragraphs, task-table time cells (.docx), configuration and the
date the law came into force are covered too; the seed fixtures against a snapshot; the clean fixtures give no
HB finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import lint_path, lint_text
from tests.fixtures.seeds import (
    SEEDS,
    build_clean_kh,
    build_clean_qd,
    build_clean_tb,
    build_seed,
    clean_kh_spec,
    render,
)

HEAD = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-UBND
Thanh Hóa, ngày {day} tháng 01 năm {year}
KẾ HOẠCH
Cải cách hành chính năm {year}
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả công tác cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Chế độ báo cáo
"""
TAIL = """2. Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch./.
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, NC.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""
FIRST_BODY_LINE = 14  # the line number of the first body line below

# The ND 09 windows, written three ways: one line, label then bullets, one clause per line.
GOOD = """Các sở, ngành gửi báo cáo về Sở Nội vụ như sau:
- Báo cáo quý I: gửi trước ngày 20 tháng 3 năm 2024; thời gian chốt số liệu từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 3 năm 2024;
a) Báo cáo 6 tháng:
- Gửi trước ngày 20 tháng 6 năm 2024;
- Thời gian tính số liệu: từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 6 năm 2024.
b) Báo cáo năm: gửi trước ngày 20 tháng 12 năm 2024.
- Thời gian chốt số liệu: từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024.
"""


def kh(body: str, *, day: str = "05", year: int = 2024) -> str:
    return HEAD.format(day=day, year=year) + body + TAIL


def found(text: str, code: str, **config) -> list:
    return [f for f in lint_text(text, select=(code,), **config).findings if f.code == code]


def test_good_schedule_gives_no_hb_finding():
    assert [(f.code, f.message) for f in lint_text(kh(GOOD), select=("HB",)).findings] == []


def test_statement_over_several_paragraphs_points_at_the_date():
    text = kh(GOOD.replace("Gửi trước ngày 20 tháng 6 năm 2024", "Gửi trước ngày 10 tháng 6 năm 2024"))
    hits = found(text, "HB003")
    assert len(hits) == 1 and "báo cáo 6 tháng" in hits[0].message
    assert hits[0].location.line == FIRST_BODY_LINE + 4  # the «- Thời gian tính số liệu» line holding the end


# --- HB001 / HB002 -------------------------------------------------------------------------------------------


def test_hb001_deadline_before_the_draft():
    text = kh("- Báo cáo năm 2023: gửi trước ngày 02 tháng 01 năm 2024.\n")
    hits = found(text, "HB001")
    assert len(hits) == 1 and "(05/01/2024)" in hits[0].message and hits[0].severity.label == "error"
    assert found(kh("- Báo cáo quý I: gửi trước ngày 20 tháng 3 năm 2024.\n"), "HB001") == []


def test_hb001_blank_day_compares_by_month():
    late = "- Báo cáo quý I: gửi trước ngày 20 tháng 01 năm 2024.\n"
    early = "- Báo cáo năm 2023: gửi trước ngày 02 tháng 12 năm 2023.\n"
    assert found(kh(late, day="    "), "HB001") == []
    hits = found(kh(early, day="    "), "HB001")
    assert len(hits) == 1 and "tháng ban hành văn bản (01/2024)" in hits[0].message


def test_hb002_deadline_outside_the_plan_year_with_grace_for_the_annual_report():
    hits = found(kh("- Báo cáo 6 tháng: gửi trước ngày 20 tháng 6 năm 2025.\n"), "HB002")
    assert len(hits) == 1 and "năm kế hoạch 2024" in hits[0].message
    annual = kh("- Báo cáo năm: gửi trước ngày 15 tháng 01 năm 2025.\n")
    assert found(annual, "HB002") == []
    hits = found(annual, "HB002", reporting={"annual-grace-days": 10})
    assert len(hits) == 1 and "10/01/2025" in hits[0].message


# --- HB003 / HB004 -------------------------------------------------------------------------------------------


def test_hb003_window_ends_after_deadline():
    bad = "- Báo cáo quý I: gửi trước ngày 10 tháng 3 năm 2024; số liệu tính từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 3 năm 2024.\n"
    hits = found(kh(bad), "HB003")
    assert len(hits) == 1 and "«ngày 14 tháng 3 năm 2024»" in hits[0].message
    assert found(kh(bad.replace("ngày 10 tháng 3", "ngày 20 tháng 3")), "HB003") == []
    only_end = "- Báo cáo quý I: số liệu tính đến ngày 14 tháng 3 năm 2024, gửi trước ngày 10 tháng 3 năm 2024.\n"
    assert len(found(kh(only_end), "HB003")) == 1


def test_hb004_one_working_day_after_cut_off_weekend_and_tet():
    weekend = "- Báo cáo 6 tháng: gửi trước ngày 16 tháng 6 năm 2024; số liệu từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 6 năm 2024.\n"
    hits = found(kh(weekend), "HB004")
    assert len(hits) == 1 and "0 ngày làm việc" in hits[0].message and "15/6/2024, 16/6/2024" in hits[0].message
    assert found(kh(weekend.replace("ngày 16 tháng 6", "ngày 17 tháng 6")), "HB004") == []
    # Tết Giáp Thìn: 08/02–14/02/2024 are public holidays (holidays.Vietnam)
    tet = "- Báo cáo tháng 01: gửi trước ngày 14 tháng 02 năm 2024; số liệu từ ngày 15 tháng 01 năm 2024 đến ngày 07 tháng 02 năm 2024.\n"
    assert len(found(kh(tet), "HB004")) == 1
    assert found(kh(tet.replace("ngày 14 tháng 02", "ngày 15 tháng 02")), "HB004") == []


def test_hb004_and_hb007_only_from_decree_09():
    weekend = "- Báo cáo 6 tháng: gửi trước ngày 16 tháng 6 năm 2018; số liệu từ ngày 01 tháng 01 năm 2018 đến ngày 14 tháng 6 năm 2018.\n"
    text = kh(weekend, year=2018)
    assert found(text, "HB004") == [] and found(text, "HB007") == []


# --- HB005 / HB006 / HB007 -----------------------------------------------------------------------------------


def test_hb005_window_length_does_not_fit_period():
    two_years = "- Báo cáo năm: gửi trước ngày 23 tháng 11 năm 2024. Thời gian chốt số liệu: Từ ngày 20 tháng 11 năm 2022 đến ngày 20 tháng 11 năm 2024.\n"
    hits = found(kh(two_years), "HB005")
    assert len(hits) == 1 and "khoảng 24 tháng" in hits[0].message and "(12 tháng)" in hits[0].message
    assert found(kh(two_years.replace("năm 2022", "năm 2023")), "HB005") == []
    cumulative = "- Báo cáo quý III: gửi trước ngày 20 tháng 9 năm 2024; số liệu từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 9 năm 2024.\n"
    assert found(kh(cumulative), "HB005") == []  # a quarter counted from the start of the year


def test_hb006_cumulative_windows_start_on_the_same_day():
    calendar = GOOD.replace("từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 6 năm 2024",
                            "từ ngày 01 tháng 01 năm 2024 đến ngày 30 tháng 6 năm 2024")
    hits = found(kh(calendar), "HB006")
    assert len(hits) == 1 and "báo cáo 6 tháng" in hits[0].message and "(15/12/2023)" in hits[0].message
    assert found(kh(GOOD), "HB006") == []


def test_windows_that_do_not_nest_show_in_length_or_start():
    body = ("- Báo cáo 6 tháng: gửi trước ngày 20 tháng 6 năm 2024; số liệu từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 6 năm 2024.\n"
            "- Báo cáo 9 tháng: gửi trước ngày 20 tháng 9 năm 2024; số liệu từ ngày 15 tháng 12 năm 2023 đến ngày 10 tháng 6 năm 2024.\n")
    assert [f.code for f in lint_text(kh(body), select=("HB",)).findings] == ["HB005"]
    shifted = body.replace("từ ngày 15 tháng 12 năm 2023 đến ngày 10 tháng 6", "từ ngày 01 tháng 9 năm 2023 đến ngày 31 tháng 5")
    assert [f.code for f in lint_text(kh(shifted), select=("HB",)).findings] == ["HB006"]


def test_hb007_other_windows_are_information_and_config_silences_them():
    body = GOOD.replace("15 tháng 12 năm 2023", "20 tháng 12 năm 2023").replace("ngày 14 tháng", "ngày 19 tháng")
    hits = found(kh(body), "HB007")
    assert len(hits) == 1 and hits[0].severity.label == "info" and "(mặc định 15/12/2023–14/3/2024)" in hits[0].message
    assert found(kh(body), "HB007", reporting={"window-start-day": 20, "window-end-day": 19}) == []
    assert found(kh(GOOD), "HB007") == []
    nine = "- Báo cáo 9 tháng: gửi trước ngày 20 tháng 9 năm 2024; số liệu từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 9 năm 2024.\n"
    assert found(kh(nine), "HB007") == []  # no national 9-month window: compared only when configured
    assert found(kh(nine), "HB007", reporting={"nine-month-window": "15/12-14/9"}) == []
    assert len(found(kh(nine), "HB007", reporting={"nine-month-window": "01/01-30/9"})) == 1


# --- HB008 / HB009 / HB010 -----------------------------------------------------------------------------------


def test_hb008_impossible_date():
    hits = found(kh("- Báo cáo 6 tháng: gửi trước ngày 31 tháng 6 năm 2024.\n"), "HB008")
    assert len(hits) == 1 and "«ngày 31 tháng 6 năm 2024»" in hits[0].message
    assert found(kh("- Báo cáo 6 tháng: gửi trước ngày 30 tháng 6 năm 2024.\n"), "HB008") == []


def test_hb009_periodic_report_without_deadline():
    body = GOOD.replace("b) Báo cáo năm: gửi trước ngày 20 tháng 12 năm 2024.", "b) Báo cáo năm.")
    hits = found(kh(body), "HB009")
    assert len(hits) == 1 and "báo cáo năm" in hits[0].message
    general = "Định kỳ hằng quý, 6 tháng, năm báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.\n"
    hits = found(kh(general), "HB009")
    assert len(hits) == 1 and hits[0].location.line == FIRST_BODY_LINE
    assert found(kh(general.replace("thực hiện.", "thực hiện theo quy định.")), "HB009") == []
    assert found(kh("Xây dựng kế hoạch công tác hằng năm, báo cáo kết quả kiểm tra định kỳ.\n"), "HB009") == []
    assert found(kh(GOOD), "HB009") == []
    words = ("- Báo cáo quý: gửi trước ngày 20 của tháng cuối quý;\n"
             "- Báo cáo năm: gửi trước ngày 15 tháng 12 năm 2024.\n")
    assert found(kh(words), "HB009") == []
    inside = "- Báo cáo năm: gửi trước ngày 15 tháng 12 năm 2024 (kèm theo số liệu của báo cáo quý IV).\n"
    assert found(kh(inside), "HB009") == []


def test_hb010_two_deadlines_for_one_report():
    twice = ("- Báo cáo quý I: gửi trước ngày 15 tháng 3 năm 2024;\n"
             "- Báo cáo 6 tháng: gửi trước ngày 20 tháng 6 năm 2024;\n"
             "- Báo cáo quý I: gửi trước ngày 20 tháng 3 năm 2024.\n")
    hits = found(kh(twice), "HB010")
    assert len(hits) == 1 and hits[0].location.line == FIRST_BODY_LINE + 2
    one = "- Báo cáo năm: gửi trước ngày 10 tháng 12 năm 2024, chậm nhất ngày 15 tháng 12 năm 2024.\n"
    assert len(found(kh(one), "HB010")) == 1
    stages = ("- Báo cáo năm: báo cáo ước thực hiện gửi trước ngày 10 tháng 12 năm 2024, báo cáo chính thức gửi "
              "trước ngày 15 tháng 01 năm 2025.\n")
    assert found(kh(stages), "HB010") == []
    assert found(kh(GOOD), "HB010") == []


# --- appendix time cells (.docx) -----------------------------------------------------------------------------


def test_time_cell_with_label_value_pairs(tmp_path: Path):
    spec = clean_kh_spec()
    rows = spec["appendices"][0]["blocks"][0]["table"]["rows"]
    rows[1][-1] = ["- Báo cáo quý I: gửi trước ngày 10/3/2024, số liệu từ ngày 15/12/2023 đến ngày 14/3/2024.",
                   "- Báo cáo năm: gửi trước ngày 20/12/2024."]
    rows[2][-1] = "Báo cáo 6 tháng: ngày 31/6/2024"
    report = lint_path(render(spec, tmp_path / "cells.docx"), select=("HB",))
    assert sorted((f.code, f.location.row) for f in report.findings) == [("HB003", 2), ("HB008", 3)]


# --- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hb")


@pytest.mark.parametrize("numbering", ["manual", "auto"])
@pytest.mark.parametrize("build", [build_clean_kh, build_clean_qd, build_clean_tb], ids=["kh", "qd", "tb"])
def test_clean_fixtures_give_no_hb_finding(build, numbering, fixture_dir: Path):
    path = build(fixture_dir / f"clean-{build.__name__}-{numbering}.docx", numbering=numbering)
    assert [(f.code, f.message) for f in lint_path(path, select=("HB",)).findings] == []


@pytest.mark.parametrize("name", SEEDS)
def test_seed_findings(name: str, fixture_dir: Path, snapshot):
    report = lint_path(build_seed(name, fixture_dir / f"{name}.docx"), select=("HB",))
    assert [f.to_dict() for f in report.findings] == snapshot


@pytest.mark.parametrize("name", SEEDS)
def test_seed_findings_do_not_depend_on_layout(name: str, fixture_dir: Path):
    def key(path):
        return sorted((f.code, f.message) for f in lint_path(path, select=("HB",)).findings)

    typed = key(build_seed(name, fixture_dir / f"{name}-typed.docx"))
    assert key(build_seed(name, fixture_dir / f"{name}-auto.docx", numbering="auto")) == typed
    assert key(build_seed(name, fixture_dir / f"{name}-para.docx", header="paragraphs")) == typed
