"""Structure parser: classifier tokens, grammars per type, recovery on broken drafts, type detection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_lint.parse import parse_document
from cchc_lint.read import read_bytes

KH = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-UBND
Thanh Hóa, ngày 05 tháng 01 năm 2024
KẾ HOẠCH
Cải cách hành chính năm 2024
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiệu quả.
2. Yêu cầu
a) Bám sát nhiệm vụ.
b) Phân công rõ.
II. NHIỆM VỤ TRỌNG TÂM
1. Cải cách thể chế
1.1. Rà soát văn bản
Nội dung rà soát.
III. TỔ CHỨC THỰC HIỆN
Các sở tổ chức thực hiện./.
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, NC.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
PHỤ LỤC
NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024
(Kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng 01 năm 2024 của UBND tỉnh)
"""

QD = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
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
KẾ HOẠCH
Cải cách hành chính năm 2024
(Ban hành kèm theo Quyết định số 20/QĐ-UBND ngày 05 tháng 01 năm 2024 của Chủ tịch UBND tỉnh)
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả.
II. TỔ CHỨC THỰC HIỆN
Các sở thực hiện./.
"""


def parse_text(text: str, doc_type: str | None = None):
    return parse_document(read_bytes(text.encode(), "d.txt"), doc_type)


def test_kh_header_title_preamble_sections_closing_appendix():
    tree = parse_text(KH)
    assert tree.doc_type == "KH"
    assert tree.header.number.canonical == "15/KH-UBND" and tree.date.isoformat() == "2024-01-05"
    assert tree.header.place == "Thanh Hóa" and tree.header.country and tree.header.motto
    assert tree.title.type_name == "KẾ HOẠCH" and tree.title.subject_text == "Cải cách hành chính năm 2024"
    assert [line.text[:7] for line in tree.preamble] == ["Căn cứ "]
    assert [s.label for s in tree.sections] == ["I.", "II.", "III."]
    first = tree.sections[0]
    assert [c.label for c in first.children] == ["1.", "2."]
    assert [c.label for c in first.children[1].children] == ["a)", "b)"]
    assert tree.sections[1].children[0].children[0].path == "II › 1 › 1.1"
    assert tree.ending is not None and tree.ending.text.endswith("./.")
    assert tree.closing.recipients_title and len(tree.closing.recipients) == 2
    assert [a.text for a in tree.closing.authority] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert tree.closing.signer.text == "Nguyễn Văn An"
    appendix = tree.appendices[0]
    assert appendix.reference is not None and "15/KH-UBND" in appendix.reference.text
    assert tree.plan_years == (2024, 2024)
    assert not [o for o in tree.observations if o.kind == "unexpected"]


def test_qd_articles_and_attached_plan():
    tree = parse_text(QD)
    assert tree.doc_type == "QD" and tree.decides is not None
    assert [a.number for a in tree.articles] == [1, 2, 3]
    assert tree.title.issuer_title.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    assert [p.text[:12] for p in tree.proposal] == ["Theo đề nghị"]
    plan = tree.attachments[0]
    assert plan.doc_type == "KH" and plan.reference is not None
    assert [s.label for s in plan.sections] == ["I.", "II."]
    assert tree.plan_years == (2024, 2024)


def test_type_detection_from_symbol_and_override():
    no_name = KH.replace("KẾ HOẠCH\n", "")
    assert parse_text(no_name).doc_type == "KH"  # from the symbol of "Số: 15/KH-UBND"
    assert parse_text(KH, "TB").doc_type == "TB"


@pytest.mark.parametrize("mutate", [
    lambda t: t.replace("Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, NC.\n", ""),  # missing Nơi nhận
    lambda t: t.split("KẾ HOẠCH\n", 1)[1],  # no header
    lambda t: t.replace("1.1. Rà soát văn bản", "a) Rà soát văn bản"),  # a level skipped
    lambda t: t.replace("III. TỔ CHỨC THỰC HIỆN", "Căn cứ Quyết định số 1/QĐ-UBND;\nIII. TỔ CHỨC THỰC HIỆN"),
    lambda t: "\n".join(reversed(t.splitlines())),  # everything out of order
])
def test_broken_drafts_parse_with_observations(mutate):
    tree = parse_text(mutate(KH))
    assert tree is not None
    assert tree.observations or tree.sections


def test_missing_parts_are_observations():
    tree = parse_text(KH.replace("Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, NC.\n", ""))
    assert "RECIPIENTS_TITLE" in {o.token for o in tree.observations}


LINES = st.sampled_from(KH.splitlines() + QD.splitlines() + ["", "|", "./.", "- gạch", "a) điểm", "2.1. mục",
                                                          "Điều 9. Điều khoản", "QUYẾT ĐỊNH:", "(Kèm theo …)"])


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=60), st.sampled_from([None, "KH", "QD", "TB"]))
def test_arbitrary_line_orders_never_raise(lines, doc_type):
    tree = parse_text("\n".join(lines), doc_type)
    list(tree.walk_sections())
    list(tree.tables())


# --- drafts that leave out a type name or a «Phụ lục» line ---------------------------------------------------

def test_attached_plan_without_type_name_is_opened_by_its_reference_line():
    tree = parse_text(QD.replace("KẾ HOẠCH\nCải cách hành chính năm 2024\n(Ban", "CẢI CÁCH HÀNH CHÍNH NĂM 2024\n(Ban"))
    [plan] = tree.attachments
    assert plan.title.type_line is None and plan.title.subject_text == "CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    assert plan.reference is not None and plan.doc_type == "KH"  # from «Ban hành … Kế hoạch» in the decision
    assert [s.label for s in plan.sections] == ["I.", "II."]
    assert tree.closing.signer is not None and tree.closing.signer.text == "Nguyễn Văn An"


def test_office_line_after_authority_is_not_taken_for_a_title():
    text = QD.replace("CHỦ TỊCH\nNguyễn Văn An\nKẾ HOẠCH\nCải cách hành chính năm 2024\n",
                      "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
    tree = parse_text(text)
    assert [line.text for line in tree.closing.authority] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert tree.attachments and tree.attachments[0].title.subject == []


def test_appendix_title_without_phu_luc_line_is_an_appendix():
    tree = parse_text(KH.replace("PHỤ LỤC\n", ""))
    [appendix] = tree.appendices
    assert appendix.label == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024" and appendix.number is None
    assert appendix.reference is not None and appendix.reference.text.startswith("(Kèm theo Kế hoạch số 15")
    assert [t.text for t in appendix.titles] == ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024"]


def test_numbered_appendix_caption_of_any_length_is_an_appendix():
    caption = "Phụ lục số 01: Cải cách thể chế - Sở Tư pháp chịu trách nhiệm chủ trì, phối hợp với các sở, ngành"
    tree = parse_text(KH.replace("PHỤ LỤC\n", caption + "\n"))
    assert [a.number for a in tree.appendices] == ["01"]


def test_title_without_type_name_follows_the_header():
    text = QD.replace("QUYẾT ĐỊNH\nBan hành Kế hoạch cải cách hành chính năm 2024\n",
                      "BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024\n")
    tree = parse_text(text)
    assert tree.title.type_line is None
    assert tree.title.subject_text == "BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024"  # not an agency line
    assert [a.text for a in tree.header.agencies] == ["ỦY BAN NHÂN DÂN TỈNH THANH HÓA"]
    assert any(o.token == "TYPE_NAME" for o in tree.observations)
    assert [a.number for a in tree.articles] == [1, 2, 3]
