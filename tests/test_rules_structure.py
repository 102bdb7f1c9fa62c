"""BC rules (bố cục): required sections, reform areas, numbering, duplicates, parser observations.

Each rule is shown on a small plain-text draft that fails and on the same draft corrected; automatic numbering
on .docx drafts written by the fixture builder; the seed fixtures against a snapshot; the clean fixtures give
no BC finding in either numbering mode.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import codes, lint_path, lint_text
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
Thanh Hóa, ngày 05 tháng 01 năm 2024
KẾ HOẠCH
{subject}
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
"""

AREAS = """1. Cải cách thể chế
Rà soát văn bản quy phạm pháp luật của tỉnh.
2. Cải cách thủ tục hành chính
Đơn giản hóa thủ tục hành chính.
3. Cải cách tổ chức bộ máy hành chính nhà nước
Sắp xếp tổ chức bộ máy.
4. Cải cách chế độ công vụ
Quản lý công chức theo vị trí việc làm.
5. Cải cách tài chính công
Giao tự chủ tài chính cho đơn vị sự nghiệp.
6. Xây dựng, phát triển Chính quyền điện tử, Chính quyền số
Cung cấp dịch vụ công trực tuyến toàn trình.
"""

TAIL = """Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, NC.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def kh(body: str, subject: str = "Cải cách hành chính năm 2024") -> str:
    return HEAD.format(subject=subject) + body + TAIL


GOOD_BODY = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao hiệu quả.\n2. Yêu cầu\nBám sát nhiệm vụ.\n"
             "II. NHIỆM VỤ TRỌNG TÂM\n" + AREAS + "III. TỔ CHỨC THỰC HIỆN\nCác sở tổ chức thực hiện./.\n")
GOOD_KH = kh(GOOD_BODY)


def found(text: str, code: str, doc_type: str | None = None) -> list:
    return [f for f in lint_text(text, select=(code,), doc_type=doc_type).findings if f.code == code]


def test_good_text_plan_has_no_bc_finding():
    assert codes(lint_text(GOOD_KH, select=("BC",))) == []


# --- BC001 / BC002 -------------------------------------------------------------------------------------------

def test_bc001_missing_organisation_section_names_its_place():
    text = kh(GOOD_BODY.split("III. TỔ CHỨC THỰC HIỆN")[0] + "Các sở thực hiện./.\n")
    hits = found(text, "BC001")
    assert len(hits) == 1 and hits[0].severity.label == "error"
    assert "«TỔ CHỨC THỰC HIỆN»" in hits[0].message
    assert "sau mục «NHIỆM VỤ TRỌNG TÂM» (II), trước phần ký" in hits[0].message


def test_bc001_requirements_missing_is_a_warning_pointing_into_the_purpose_section():
    text = GOOD_KH.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC TIÊU").replace("2. Yêu cầu\nBám sát nhiệm vụ.\n", "")
    hits = found(text, "BC001")
    assert len(hits) == 1 and hits[0].severity.label == "warning"
    assert "«YÊU CẦU»" in hits[0].message and "trong mục «MỤC TIÊU» (I)" in hits[0].message


def test_bc001_heading_synonyms_of_real_plans():
    text = GOOD_KH.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC TIÊU, YÊU CẦU").replace(
        "II. NHIỆM VỤ TRỌNG TÂM", "II. NỘI DUNG, NHIỆM VỤ").replace("III. TỔ CHỨC THỰC HIỆN", "III. TRIỂN KHAI THỰC HIỆN")
    assert found(text, "BC001") == []


def test_bc001_qd_missing_proposal_and_decides():
    qd = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 20/QĐ-UBND
Thanh Hóa, ngày 05 tháng 01 năm 2024
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác cải cách thủ tục hành chính
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Theo đề nghị của Giám đốc Sở Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác cải cách thủ tục hành chính của tỉnh.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, NC.
CHỦ TỊCH
Nguyễn Văn An
"""
    assert found(qd, "BC001") == []
    broken = qd.replace("Theo đề nghị của Giám đốc Sở Nội vụ.\n", "")
    hits = found(broken, "BC001")
    assert len(hits) == 1 and "«Theo đề nghị của … .»" in hits[0].message


def test_bc001_applies_to_the_plan_attached_to_a_qd():
    from tests.test_parse import QD

    hits = found(QD, "BC001")
    assert len(hits) == 1 and hits[0].message.startswith("Kế hoạch ban hành kèm theo Quyết định thiếu mục «NHIỆM VỤ»")


def test_bc001_tb_without_subject():
    tb = """SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 20/TB-SNV
Thanh Hóa, ngày 10 tháng 01 năm 2024
THÔNG BÁO
Kết luận của Giám đốc Sở tại cuộc họp giao ban
1. Các phòng hoàn thành báo cáo trước ngày 20 tháng 01 năm 2024./.
Nơi nhận:
- Các phòng;
- Lưu: VT.
GIÁM ĐỐC
Nguyễn Văn An
"""
    assert found(tb, "BC001") == []
    assert len(found(tb.replace("Kết luận của Giám đốc Sở tại cuộc họp giao ban\n", ""), "BC001", "TB")) <= 1


def test_bc002_organisation_before_tasks():
    body = ("I. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả.\nII. TỔ CHỨC THỰC HIỆN\nCác sở tổ chức thực hiện.\n"
            "III. NHIỆM VỤ TRỌNG TÂM\n" + AREAS.replace("Cung cấp dịch vụ công trực tuyến toàn trình.",
                                                      "Cung cấp dịch vụ công trực tuyến toàn trình./."))
    hits = found(kh(body), "BC002")
    assert len(hits) == 1 and "«TỔ CHỨC THỰC HIỆN» (II) đứng trước mục «NHIỆM VỤ TRỌNG TÂM» (III)" in hits[0].message
    assert found(GOOD_KH, "BC002") == []


# --- BC003 / BC004 -------------------------------------------------------------------------------------------

def test_bc003_each_missing_area_of_nq76():
    body = GOOD_BODY.replace("5. Cải cách tài chính công\nGiao tự chủ tài chính cho đơn vị sự nghiệp.\n", "")
    body = body.replace("4. Cải cách chế độ công vụ", "4. Công tác chỉ đạo, điều hành")
    hits = found(kh(body), "BC003")
    assert sorted(h.message.split("«")[1].split("»")[0] for h in hits) == ["Cải cách chế độ công vụ",
                                                                           "Cải cách tài chính công"]
    assert all("76/NQ-CP" in h.message for h in hits)


def test_bc003_programme_by_plan_year_and_draft_date():
    # a 2020 plan follows 30c/NQ-CP: «hiện đại hóa hành chính» and «đội ngũ cán bộ, công chức» are its areas
    body = GOOD_BODY.replace("4. Cải cách chế độ công vụ", "4. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, "
                             "công chức, viên chức").replace(
        "6. Xây dựng, phát triển Chính quyền điện tử, Chính quyền số", "6. Hiện đại hóa hành chính")
    text = kh(body, "Cải cách hành chính năm 2020").replace("năm 2024", "năm 2019").replace("76/NQ-CP ngày 15 tháng 7 "
                                                                                         "năm 2021", "30c/NQ-CP "
                                                                                         "ngày 08 tháng 11 năm 2011")
    assert found(text, "BC003") == []
    without = text.replace("6. Hiện đại hóa hành chính\nCung cấp", "6. Công tác tuyên truyền\nCung cấp")
    hits = found(without, "BC003")
    assert len(hits) == 1 and "«Hiện đại hóa hành chính»" in hits[0].message and "30c/NQ-CP" in hits[0].message


def test_bc003_areas_in_appendix_groups_count():
    body = GOOD_BODY.replace("5. Cải cách tài chính công\nGiao tự chủ tài chính cho đơn vị sự nghiệp.\n", "")
    text = kh(body) + ("PHỤ LỤC\nNHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024\n(Kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng "
                       "01 năm 2024 của UBND tỉnh)\nV. Cải cách tài chính công\n")
    assert found(text, "BC003") == []


def test_bc003_only_for_general_cchc_plans():
    body = "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nII. NỘI DUNG\n1. Tuyên truyền trên báo\nĐăng tin.\n" \
           "III. TỔ CHỨC THỰC HIỆN\nThực hiện./.\n"
    assert found(kh(body, "Tuyên truyền cải cách hành chính năm 2024"), "BC003") == []
    assert len(found(kh(body), "BC003")) == 1  # nothing recognisable: one finding listing the six areas


def test_bc004_one_area_under_two_headings():
    body = GOOD_BODY.replace("6. Xây dựng, phát triển", "7. Hoàn thiện thể chế hành chính\nRà soát.\n6. Xây dựng, "
                             "phát triển")
    hits = found(kh(body), "BC004")
    assert len(hits) == 1 and "«Cải cách thể chế»" in hits[0].message
    # communication about procedures is communication, not a second «thủ tục hành chính» heading
    body = GOOD_BODY.replace("III. TỔ CHỨC", "7. Truyền thông hỗ trợ cải cách thủ tục hành chính\nĐăng tin.\n"
                             "III. TỔ CHỨC")
    assert found(kh(body), "BC004") == []


# --- BC005 / BC006 / BC014: numbering ------------------------------------------------------------------------

def test_bc005_roman_gap():
    hits = found(GOOD_KH.replace("III. TỔ CHỨC", "IV. TỔ CHỨC"), "BC005")
    assert [h.message for h in hits] == ["Số thứ tự bị nhảy: sau «II.» là «IV.», thiếu «III.»"]


def test_bc005_repeat_backwards_and_start():
    repeated = GOOD_KH.replace("3. Cải cách tổ chức", "2. Cải cách tổ chức")
    assert "lặp lại" in found(repeated, "BC005")[0].message
    starts = GOOD_KH.replace("1. Mục đích", "2. Mục đích").replace("2. Yêu cầu", "3. Yêu cầu")
    assert "phải bắt đầu từ «1.»" in found(starts, "BC005")[0].message
    # Arabic numbering restarts under each Roman heading: not a repeat
    assert found(GOOD_KH, "BC005") == []


def test_bc005_vietnamese_letters():
    items = "a) Việc một.\nb) Việc hai.\nc) Việc ba.\nd) Việc bốn.\n{x}) Việc năm.\ne) Việc sáu.\n"
    good = GOOD_KH.replace("Bám sát nhiệm vụ.\n", items.format(x="đ"))
    assert found(good, "BC005") == []
    bad = GOOD_KH.replace("Bám sát nhiệm vụ.\n", "a) Việc một.\nb) Việc hai.\nc) Việc ba.\nd) Việc bốn.\n"
                          "e) Việc năm.\n")
    assert [h.message for h in found(bad, "BC005")] == ["Số thứ tự bị nhảy: sau «d)» là «e)», thiếu «đ)»"]
    latin = GOOD_KH.replace("Bám sát nhiệm vụ.\n", items.format(x="f"))
    assert "không thuộc bảng chữ cái tiếng Việt" in found(latin, "BC005")[0].message


def test_bc005_articles():
    from tests.test_parse import QD

    assert found(QD, "BC005") == []
    hits = found(QD.replace("Điều 3.", "Điều 4."), "BC005")
    assert [h.message for h in hits] == ["Số điều bị nhảy: sau «Điều 2» là «Điều 4», thiếu «Điều 3»"]


def test_bc006_decimal_under_wrong_parent_and_skipped_level():
    wrong = GOOD_KH.replace("Rà soát văn bản quy phạm pháp luật của tỉnh.\n",
                            "Rà soát văn bản.\n2.1. Rà soát văn bản của tỉnh\nNội dung rà soát.\n")
    hits = found(wrong, "BC006")
    assert len(hits) == 1 and "phải đánh «1.1.»" in hits[0].message
    skipped = GOOD_KH.replace("1. Mục đích\n", "1.1. Mục đích\n").replace("2. Yêu cầu\n", "1.2. Yêu cầu\n")
    hits = found(skipped, "BC006")
    assert len(hits) == 2 and "bỏ qua một cấp đánh số" in hits[0].message
    right = GOOD_KH.replace("Rà soát văn bản quy phạm pháp luật của tỉnh.\n",
                            "Rà soát văn bản.\n1.1. Rà soát văn bản của tỉnh\nNội dung rà soát.\n")
    assert found(right, "BC006") == []


def test_bc006_letters_straight_under_roman_before_the_first_khoan():
    body = GOOD_BODY.replace("1. Cải cách thể chế\nRà soát văn bản quy phạm pháp luật của tỉnh.\n",
                             "a) Rà soát văn bản quy phạm pháp luật của tỉnh.\nb) Theo dõi thi hành pháp luật.\n")
    hits = found(kh(body), "BC006")
    assert len(hits) == 1 and "thiếu khoản «1.»" in hits[0].message
    assert found(kh(body), "BC005") == []  # the «2.» that follows is the same mistake, reported once


def _letters_spec(n: int = 5) -> dict:
    spec = clean_kh_spec()
    body = spec["parts"][0]["body"]
    i = body.index({"h2": "1. Cải cách thể chế"})
    body[i + 2:i + 2] = [f"{c}) Nhiệm vụ số {k} về thể chế: rà soát văn bản quy phạm pháp luật của Thành phố."
                         for k, c in enumerate("abcdefg"[:n], 1)]
    return spec


def test_bc014_word_latin_letters_warn_once_and_are_no_gap(tmp_path: Path):
    auto = lint_path(render(_letters_spec(), tmp_path / "auto.docx", numbering="auto"), select=("BC",))
    assert codes(auto) == ["BC014"] and auto.findings[0].severity.label == "warning"
    manual = lint_path(render(_letters_spec(), tmp_path / "manual.docx"), select=("BC",))
    assert codes(manual) == ["BC005"]
    short = lint_path(render(_letters_spec(4), tmp_path / "short.docx", numbering="auto"), select=("BC",))
    assert codes(short) == []


def test_bc005_automatic_numbering_gap_is_judged_like_typed(tmp_path: Path):
    spec = clean_kh_spec()
    body = spec["parts"][0]["body"]
    body[body.index({"h1": "III. TỔ CHỨC THỰC HIỆN"})] = {"h1": "IV. TỔ CHỨC THỰC HIỆN"}
    report = lint_path(render(spec, tmp_path / "gap.docx", numbering="auto"), select=("BC",))
    assert [f.message for f in report.findings] == ["Số thứ tự bị nhảy: sau «II.» là «IV.», thiếu «III.»"]


# --- BC007 / BC008 / BC009 -----------------------------------------------------------------------------------

def test_bc007_same_title_twice_at_one_level():
    text = GOOD_KH.replace("2. Yêu cầu", "2. Mục đích")
    hits = found(text, "BC007")
    assert len(hits) == 1 and "trùng với tiêu đề cùng cấp «1.»" in hits[0].message
    assert found(GOOD_KH, "BC007") == []


def test_bc008_empty_heading():
    text = GOOD_KH.replace("Bám sát nhiệm vụ.\n", "")
    hits = found(text, "BC008")
    assert len(hits) == 1 and "«2. Yêu cầu»" in hits[0].message
    # a numbered paragraph among content paragraphs, a heading pointing to the appendix: not empty headings
    items = GOOD_KH.replace("1. Mục đích\nNâng cao hiệu quả.\n2. Yêu cầu\nBám sát nhiệm vụ.\n",
                            "1. Nâng cao chất lượng xây dựng, thẩm định văn bản quy phạm pháp luật của tỉnh.\n"
                            "2. Bám sát các nhiệm vụ trọng tâm của tỉnh, phân công rõ cơ quan chủ trì và thời hạn.\n"
                            "3. Thực hiện không tốt nhiệm vụ dẫn đến giảm điểm chỉ số\n")
    assert found(items, "BC008") == []
    appendix = GOOD_KH.replace("III. TỔ CHỨC", "III. CÁC NHIỆM VỤ CỤ THỂ (đính kèm phụ lục)\nIV. TỔ CHỨC")
    assert found(appendix, "BC008") == []


def test_bc009_repeated_paragraph_and_sentence():
    duty = "- Thường xuyên rà soát cập nhật trên phần mềm chỉ đạo điều hành của UBND tỉnh nhằm xử lý công việc."
    text = GOOD_KH.replace("Sắp xếp tổ chức bộ máy.\n", f"Sắp xếp tổ chức bộ máy.\n{duty}\n").replace(
        "Giao tự chủ tài chính cho đơn vị sự nghiệp.\n", f"Giao tự chủ tài chính cho đơn vị sự nghiệp.\n{duty}\n")
    hits = found(text, "BC009")
    assert len(hits) == 1 and hits[0].message.startswith("Đoạn văn lặp lại nguyên văn đoạn ở mục II › 3")
    clause = ("đổi mới căn bản cơ chế sử dụng kinh phí nhà nước và cơ chế xây dựng, triển khai các nhiệm vụ khoa "
              "học, công nghệ")
    same = GOOD_KH.replace("Giao tự chủ tài chính cho đơn vị sự nghiệp.",
                           f"c) {clause[0].upper()}{clause[1:]}; {clause}.")
    hits = found(same, "BC009")
    assert len(hits) == 1 and "ngay trong đoạn này" in hits[0].message
    short = GOOD_KH.replace("Sắp xếp tổ chức bộ máy.", "Nâng cao hiệu quả.")  # short sentences may repeat
    assert found(short, "BC009") == []


# --- BC010 / BC011 / BC012 / BC013 ---------------------------------------------------------------------------

def test_bc010_decision_line_inside_a_plan():
    text = GOOD_KH.replace("Quản lý công chức theo vị trí việc làm.\n",
                           "Quản lý công chức theo vị trí việc làm.\nQUYẾT ĐỊNH:\n")
    assert found(GOOD_KH, "BC010") == []
    hits = found(text, "BC010")
    assert len(hits) == 1 and hits[0].severity.label == "warning" and hits[0].excerpt == "QUYẾT ĐỊNH:"
    assert "«QUYẾT ĐỊNH:» nằm sai vị trí" in hits[0].message


def test_bc011_missing_recipients_and_signature():
    no_recipients = GOOD_KH.replace("Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, NC.\n", "")
    hits = found(no_recipients, "BC011")
    assert len(hits) == 1 and "«Nơi nhận:»" in hits[0].message and "điểm i" in hits[0].message
    assert found(GOOD_KH, "BC011") == []


def test_bc011_header_without_agency_and_country():
    text = GOOD_KH.replace("ỦY BAN NHÂN DÂN TỈNH THANH HÓA\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                           "Độc lập - Tự do - Hạnh phúc\n", "")
    messages = [h.message for h in found(text, "BC011")]
    assert any("tên cơ quan, tổ chức ban hành" in m for m in messages)
    assert any("Quốc hiệu" in m for m in messages)


QD_ISSUING = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 20/QĐ-UBND
Thanh Hóa, ngày 05 tháng 01 năm 2024
QUYẾT ĐỊNH
Ban hành Kế hoạch cải cách hành chính năm 2024
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Theo đề nghị của Giám đốc Sở Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2024.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, NC.
CHỦ TỊCH
Nguyễn Văn An
"""


def test_bc012_missing_effect_and_execution_articles():
    assert found(QD_ISSUING, "BC012") == []
    text = QD_ISSUING.replace("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n", "").replace(
        "Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.",
        "Điều 2. Giao Sở Nội vụ theo dõi, đôn đốc./.")
    messages = [h.message for h in found(text, "BC012")]
    assert len(messages) == 2 and "hiệu lực" in messages[0] and "trách nhiệm thi hành" in messages[1]


def test_bc013_decision_issues_a_plan_that_is_not_there():
    hits = found(QD_ISSUING, "BC013")
    assert len(hits) == 1 and "không tìm thấy Kế hoạch kèm theo" in hits[0].message
    plan = QD_ISSUING + ("KẾ HOẠCH\nCải cách hành chính năm 2024\n(Ban hành kèm theo Quyết định số 20/QĐ-UBND ngày "
                         "05 tháng 01 năm 2024 của Chủ tịch UBND tỉnh)\n" + GOOD_BODY)
    assert found(plan, "BC013") == []


# --- fixtures ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bc")


@pytest.mark.parametrize("numbering", ["manual", "auto"])
@pytest.mark.parametrize("build", [build_clean_kh, build_clean_qd, build_clean_tb], ids=["kh", "qd", "tb"])
def test_clean_fixtures_give_no_bc_finding(build, numbering, fixture_dir: Path):
    path = build(fixture_dir / f"clean-{build.__name__}-{numbering}.docx", numbering=numbering)
    assert [(f.code, f.message) for f in lint_path(path, select=("BC",)).findings] == []


@pytest.mark.parametrize("name", SEEDS)
def test_seed_findings(name: str, fixture_dir: Path, snapshot):
    report = lint_path(build_seed(name, fixture_dir / f"{name}.docx"), select=("BC",))
    assert [f.to_dict() for f in report.findings] == snapshot


@pytest.mark.parametrize("name", SEEDS)
def test_seed_findings_do_not_depend_on_layout(name: str, fixture_dir: Path):
    """Automatic numbering and a header of plain paragraphs give the same BC findings as the typed draft."""
    def key(path):
        return sorted((f.code, f.message) for f in lint_path(path, select=("BC",)).findings)

    typed = key(build_seed(name, fixture_dir / f"{name}-typed.docx"))
    assert key(build_seed(name, fixture_dir / f"{name}-auto.docx", numbering="auto")) == typed
    assert key(build_seed(name, fixture_dir / f"{name}-para.docx", header="paragraphs")) == typed


def test_bc015_label_written_two_ways_at_one_level():
    text = GOOD_KH.replace("III. TỔ CHỨC THỰC HIỆN\n", "III. TỔ CHỨC THỰC HIỆN\n1. Phân công\nCác sở.\n2) Kinh phí\n"
                           "Ngân sách.\n")
    hits = found(text, "BC015")
    assert len(hits) == 1 and "Nhãn «2)» kết thúc bằng dấu ngoặc đơn" in hits[0].message
    assert found(GOOD_KH, "BC015") == []


def test_bc005_numbering_that_goes_on_across_headings_is_a_house_style():
    text = GOOD_KH.replace("1. Cải cách thể chế", "3. Cải cách thể chế")
    for old, new in (("2. Cải cách thủ tục", "4. Cải cách thủ tục"), ("3. Cải cách tổ chức", "5. Cải cách tổ chức"),
                     ("4. Cải cách chế độ", "6. Cải cách chế độ"), ("5. Cải cách tài chính", "7. Cải cách tài chính"),
                     ("6. Xây dựng, phát triển", "8. Xây dựng, phát triển")):
        text = text.replace(old, new)
    assert found(text, "BC005") == []  # I: 1, 2 — II: 3 … 8
    assert len(found(text.replace("3. Cải cách thể chế", "4. Cải cách thể chế"), "BC005")) == 2


def test_bc003_nothing_recognisable_is_one_finding():
    body = "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nII. NHIỆM VỤ\nCác sở thực hiện nhiệm vụ được giao.\n" \
           "III. TỔ CHỨC THỰC HIỆN\nThực hiện./.\n"
    hits = found(kh(body), "BC003")
    assert len(hits) == 1 and "«Cải cách thể chế»" in hits[0].message and "«Cải cách tài chính công»" in hits[0].message


def test_missing_required_sections_for_the_fixer():
    from cchc_lint.plugins.structure import missing_required_sections

    from cchc_lint.parse import parse_document
    from cchc_lint.read import read_bytes

    text = kh(GOOD_BODY.split("III. TỔ CHỨC THỰC HIỆN")[0].replace("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n"
                                                                     "Nâng cao hiệu quả.\n2. Yêu cầu\nBám sát "
                                                                     "nhiệm vụ.\n", ""))
    tree = parse_document(read_bytes(text.encode(), "d.txt"))
    assert list(missing_required_sections(tree, "KH")) == [("MỤC ĐÍCH", 0), ("YÊU CẦU", 1),
                                                           ("TỔ CHỨC THỰC HIỆN", 3)]
