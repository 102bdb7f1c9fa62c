"""CT rules: doubled words, impossible syllables, misspellings, NFC, tone-mark styles, brackets, placeholders."""

from __future__ import annotations

import unicodedata

import pytest
from cchc_lint.plugins.spelling import bracket_balance, doubled, placeholders

from tests.conftest import codes, lint_text

CLEAN = """UBND TỈNH THANH HÓA
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-SNV
Thanh Hóa, ngày 05 tháng 01 năm 2021
KẾ HOẠCH
Cải cách hành chính năm 2021
Căn cứ Quyết định số 5409/QĐ-UBND ngày 20 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh (sau đây gọi là Quyết định 5409);
I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao chất lượng phục vụ người dân, doanh nghiệp; ứng dụng Zalo, Facebook… trong tuyên truyền.
Các cơ quan luôn luôn bảo đảm hòa nhập, các điểm a), b) khoản 1 được thực hiện ngày ngày.
II. TỔ CHỨC THỰC HIỆN
Các phòng chuyên môn tổ chức thực hiện Kế hoạch này; gửi báo cáo qua email và website của Sở./.
Nơi nhận:
- UBND tỉnh;
- Sở Nội vụ;
- Lưu: VT, CCHC.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn An
"""


def ct(text: str, code: str) -> list:
    return [f for f in lint_text(text, select=(code,)).findings if f.code == code]


def test_clean_text_has_no_ct_finding():
    assert [c for c in codes(lint_text(CLEAN, select=("CT",))) if c.startswith("CT")] == []


# --- CT001 ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,found", [
    ("cải cách thủ tục hành hành chính", "hành hành"),
    ("Các các cơ quan", "Các các"),
    ("triển khai cải cách cải cách hành chính", "cải cách cải cách"),
])
def test_doubled_found(text, found):
    assert [d[2] for d in doubled(text)] == [found]


@pytest.mark.parametrize("text", [
    "luôn luôn bảo đảm", "ngày ngày", "người người thi đua", "dần dần", "v.v. v.v.", "năm 2020 2020",
    "Phụ lục I I", "hành, hành", "mục a) a)",
])
def test_doubled_not_found(text):
    assert doubled(text) == []


def test_ct001_rule_with_fix():
    found = ct(CLEAN.replace("Nâng cao chất lượng", "Nâng cao chất chất lượng"), "CT001")
    assert len(found) == 1
    assert found[0].fix.old == "chất chất" and found[0].fix.new == "chất"
    assert "chất" in found[0].message


# --- CT002 ---------------------------------------------------------------------------------------------------

def test_ct002_impossible_syllable():
    found = ct(CLEAN.replace("Nâng cao chất lượng", "Nâng cao chất lượng thyanh phố"), "CT002")
    assert len(found) == 1 and "thyanh" in found[0].message


@pytest.mark.parametrize("extra", [
    "theo ISO 9001:2015 và mã QR", "tại https://dichvucong.gov.vn", "hệ thống iDesk, Microsoft Teams",
    "CBCCVC, TTHC, HĐND", "dùng email, website, online", "COVID-19",
])
def test_ct002_exempt_tokens(extra):
    assert ct(CLEAN.replace("Nâng cao chất lượng", f"Nâng cao chất lượng {extra}"), "CT002") == []


# --- CT003 ---------------------------------------------------------------------------------------------------

def test_ct003_known_misspelling():
    from cchc_lint.plugins.spelling import misspellings

    entries = misspellings()
    if not entries:
        pytest.skip("rules/spelling.yaml has no misspelling yet")
    entry = entries[0]
    found = ct(CLEAN.replace("Nâng cao chất lượng", f"Nâng cao {entry.wrong} chất lượng"), "CT003")
    assert found and found[0].fix is not None and found[0].fix.new.lower() == entry.right.lower()
    assert ct(CLEAN.replace("Nâng cao chất lượng", f"Nâng cao {entry.right} chất lượng"), "CT003") == []


# --- CT004 ---------------------------------------------------------------------------------------------------

def test_ct004_nfd_text():
    nfd = unicodedata.normalize("NFD", "Nâng cao chất lượng")
    found = ct(CLEAN.replace("Nâng cao chất lượng", nfd), "CT004")
    assert len(found) == 1 and "NFC" in found[0].message


def test_ct004_grouped_when_whole_draft_is_nfd():
    found = ct(unicodedata.normalize("NFD", CLEAN), "CT004")
    assert len(found) == 1 and "/" in found[0].message  # "N/M đoạn …"


# --- CT005 ---------------------------------------------------------------------------------------------------

def test_ct005_mixed_tone_marks():
    text = CLEAN.replace("Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân tỉnh")
    found = ct(text, "CT005")
    assert len(found) == 1
    message = found[0].message
    assert "uỷ" in message and "hòa" in message
    assert "thống nhất theo kiểu cũ" in message  # «hòa», «Ủy» (tone on the first vowel) dominate


def test_ct005_one_style_passes():
    assert ct(CLEAN, "CT005") == []


# --- CT006 ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,bad", [
    ("chỉ số PCI (chỉ số gia nhập thị trường", True),
    ("chỉ số gia nhập thị trường trong chỉ số PCI)", True),
    ("gọi là “Kế hoạch", True),
    ('gọi là "Kế hoạch', True),
    ("(Quý I) và các điểm a), b) khoản 1", False),
    ("a) Mục tiêu (chung)", False),
    ("«Kế hoạch» (sau đây gọi tắt)", False),
])
def test_bracket_balance(text, bad):
    opened, closed = bracket_balance(text)
    assert bool(opened or closed) is bad


def test_ct006_rule():
    assert len(ct(CLEAN.replace("doanh nghiệp;", "doanh nghiệp (PCI;"), "CT006")) == 1
    assert ct(CLEAN, "CT006") == []


def test_ct006_paragraph_wrapped_over_two_lines_is_balanced():
    text = CLEAN.replace("Nâng cao chất lượng", "(Kèm theo Kế hoạch số 15/KH-SNV\nngày 05 tháng 01 năm 2021)")
    assert ct(text, "CT006") == []


# --- CT007 ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Giao Sở …… chủ trì", ["……"]),
    ("theo Quyết định số XXX/QĐ-UBND", ["XXX"]),
    ("đơn vị [ ] thực hiện", ["[ ]"]),
    ("Sở (…) chủ trì", ["(…)"]),
    ("trước ngày … tháng 3", ["…"]),
    ("Quyết định số …/QĐ-UBND", ["…"]),
    ("ứng dụng Zalo, Facebook… trong tuyên truyền", []),
    ("các cơ quan, đơn vị, … phối hợp", []),
    ("các nội dung khác v.v...", []),
])
def test_placeholders(text, expected):
    assert placeholders(text) == expected


def test_ct007_warning_in_signed_draft():
    found = ct(CLEAN.replace("Nâng cao chất lượng", "Giao Sở …… chủ trì nâng cao chất lượng"), "CT007")
    assert len(found) == 1 and found[0].severity.label == "warning"


def test_ct007_info_in_unsigned_draft_and_expected_blanks_ignored():
    draft = CLEAN.replace("Số: 15/KH-SNV", "Số:      /KH-SNV").replace("ngày 05 tháng 01", "ngày …. tháng 01")
    assert ct(draft, "CT007") == []  # the blanks Decree 30 expects
    found = ct(draft.replace("Nâng cao chất lượng", "Giao Sở …… chủ trì"), "CT007")
    assert len(found) == 1 and found[0].severity.label == "info"


def test_ct007_appendix_reference_of_unsigned_draft_ignored():
    draft = CLEAN.replace("Số: 15/KH-SNV", "Số:      /KH-SNV") + (
        "Phụ lục I\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số …/KH-SNV ngày … tháng … năm 2021)\n"
        "Nội dung phụ lục.\n")
    assert ct(draft, "CT007") == []


@pytest.mark.parametrize("text", ["xử lý nghiêm các hành vi vi phạm", "thực hiện hiện đại hóa nền hành chính",
                                  "thu hút đầu tư tư nhân", "các cơ quan quan tâm"])
def test_doubled_syllable_bridging_two_words_is_not_an_error(text):
    assert doubled(text) == []


def test_doubled_syllable_not_bridging_is_an_error():
    assert [d[2] for d in doubled("thủ tục hành hành chính")] == ["hành hành"]
    assert [d[2] for d in doubled("tiêu chí phần phần trong Bộ chỉ số")] == ["phần phần"]


@pytest.mark.parametrize("text", ["các hội nghị, lớp đào tạo, bồi dưỡng....", "hệ thống quản lý (document management "
                                  "systems)"])
def test_etc_and_foreign_phrase_are_not_flagged(text):
    from cchc_lint.plugins.spelling import bad_syllables

    assert placeholders(text) == []
    assert bad_syllables(text) == []


def test_dotted_leader_is_a_placeholder():
    assert placeholders("Giao ................ chủ trì") == ["................"]


@pytest.mark.parametrize("name", ["kh_1355_2020", "qd_1191_2021", "tb_2021_draft", "qd_5409_2019"])
def test_seed_fixtures_snapshot(tmp_path, snapshot, name):
    from tests.conftest import lint_path
    from tests.fixtures.seeds import build_seed

    path = tmp_path / f"{name}.docx"
    build_seed(name, path)
    report = lint_path(path, select=("CT",))
    assert [f.to_dict() for f in report.findings if f.code.startswith("CT")] == snapshot


@pytest.mark.parametrize("build", ["build_clean_kh", "build_clean_qd", "build_clean_tb"])
def test_clean_fixtures_have_no_ct_finding(tmp_path, build):
    from tests.conftest import lint_path
    from tests.fixtures import seeds

    path = tmp_path / "clean.docx"
    getattr(seeds, build)(path)
    assert [(f.code, f.message) for f in lint_path(path, select=("CT",)).findings] == []
