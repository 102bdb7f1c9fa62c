"""CC rules (căn cứ, viện dẫn) and the ``cchc-lint registry`` command.

Each rule is shown on a small plain-text decision that fails and on the same decision corrected; the registry
rules also with a temporary extra registry entry; the seed fixtures against a snapshot; the clean fixtures give
no CC finding.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import codes, lint_path, lint_text
from tests.fixtures.seeds import SEEDS, build_clean_kh, build_clean_qd, build_clean_tb, build_seed

QD = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 20/QĐ-UBND
Thanh Hóa, ngày {day} tháng 01 năm {year}
QUYẾT ĐỊNH
Ban hành Kế hoạch cải cách hành chính năm {year}
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
{basis}
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm {year}.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này./.
{body}Nơi nhận:
- Như Điều 3;
- Lưu: VT, NC.
CHỦ TỊCH
Nguyễn Văn An
"""

BASIS = """Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;
Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 05/TTr-SNV ngày 03 tháng 01 năm 2024."""


def qd(basis: str = BASIS, *, extra: str = "", body: str = "", year: int = 2024, day: str = "05") -> str:
    """The decision with ``extra`` lines put first in its legal basis and ``body`` lines after the articles."""
    return QD.format(basis=extra + basis, body=body, year=year, day=day)


def found(text: str, code: str) -> list:
    return [f for f in lint_text(text, select=(code,)).findings if f.code == code]


def test_good_decision_has_no_cc_finding():
    assert codes(lint_text(qd(), select=("CC",))) == []


# --- CC101 ---------------------------------------------------------------------------------------------------

def test_cc101_type_word_against_symbol():
    hits = found(qd(extra="Căn cứ Nghị định số 09/2015/QĐ-TTg ngày 25 tháng 3 năm 2015 của Thủ tướng Chính phủ;\n"),
                 "CC101")
    assert len(hits) == 1 and "tên loại «Nghị định» không khớp ký hiệu «QĐ»" in hits[0].message
    body = "Triển khai Quyết định số 1234/KH-UBND ngày 02 tháng 01 năm 2024 của UBND tỉnh về cải cách hành chính.\n"
    assert "«Quyết định» không khớp ký hiệu «KH»" in found(qd(body=body), "CC101")[0].message
    right = ("Triển khai Kế hoạch số 1234/KH-UBND ngày 02 tháng 01 năm 2024 của UBND tỉnh; Nghị quyết số 54/2017/QH14 "
             "ngày 24 tháng 11 năm 2017 của Quốc hội; Chương trình số 02-CTr/TU ngày 31 tháng 12 năm 2020 của Tỉnh ủy; "
             "Công văn số 383/BNV-CCHC ngày 28 tháng 01 năm 2021 của Bộ Nội vụ.\n")
    assert found(qd(body=right), "CC101") == []


# --- CC102 / CC103 -------------------------------------------------------------------------------------------

def test_cc102_year_of_number_against_date():
    wrong = "Căn cứ Quyết định số 45/2018/QĐ-TTg ngày 09 tháng 11 năm 2019 của Thủ tướng Chính phủ;\n"
    hits = found(qd(extra=wrong), "CC102")
    assert len(hits) == 1 and "năm trong số hiệu (2018) khác năm ban hành (2019)" in hits[0].message
    assert "ban hành ngày 09/11/2018" in hits[0].message  # the registry knows the right date
    assert found(qd(extra=wrong.replace("năm 2019", "năm 2018")), "CC102") == []
    assert found(qd(extra="Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng;\n"), "CC102") == []


def test_cc103_cited_after_the_draft():
    late = "Căn cứ Quyết định số 12/QĐ-UBND ngày 15 tháng 01 năm 2024 của UBND tỉnh;\n"
    hits = found(qd(extra=late), "CC103")
    assert len(hits) == 1 and "sau ngày ban hành dự thảo 05/01/2024" in hits[0].message
    assert found(qd(extra=late, day="20"), "CC103") == []
    # a draft whose day is still blank: judged against the end of its month
    assert found(qd(extra=late, day="     "), "CC103") == []
    later = late.replace("tháng 01 năm 2024", "tháng 02 năm 2024")
    assert "sau tháng ghi trên dự thảo (1/2024)" in found(qd(extra=later, day="     "), "CC103")[0].message


# --- CC104 ---------------------------------------------------------------------------------------------------

def test_cc104_first_citation_needs_date_and_issuer():
    body = "Tiếp tục thực hiện Nghị định số 130/2005/NĐ-CP của Chính phủ quy định chế độ tự chủ.\n"
    hits = found(qd(body=body), "CC104")
    assert len(hits) == 1 and "«Nghị định số 130/2005/NĐ-CP» thiếu ngày ban hành" in hits[0].message
    full = ("Thực hiện Nghị định số 130/2005/NĐ-CP ngày 17 tháng 10 năm 2005 của Chính phủ quy định chế độ tự chủ; "
            "tiếp tục thực hiện Nghị định số 130/2005/NĐ-CP trong năm.\n")  # later mentions may be short
    assert found(qd(body=full), "CC104") == []
    no_issuer = "Theo Quyết định số 3241/QĐ-BNV ngày 26/10/2020.\n"  # not the drafting body's own «…-UBND»
    assert "thiếu cơ quan ban hành" in found(qd(body=no_issuer), "CC104")[0].message


def test_cc104_issuer_given_otherwise():
    # the drafting body's own document, an issuer named before the number, one «của …» shared by two numbers
    body = ("Thực hiện Kế hoạch số 08/KH-UBND ngày 02 tháng 01 năm 2024 về cải cách hành chính.\n"
            "Nghị quyết số 18-NQ/TW ngày 25 tháng 10 năm 2017 và Nghị quyết số 19-NQ/TW ngày 25 tháng 10 năm 2017 của "
            "Ban Chấp hành Trung ương Đảng.\n")
    assert found(qd(body=body), "CC104") == []
    assert found(qd(), "CC104") == []  # «Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …»


# --- CC105 ---------------------------------------------------------------------------------------------------

def test_cc105_same_document_two_dates():
    body = ("Thực hiện Quyết định số 3241/QĐ-UBND ngày 26/10/2020 của UBND tỉnh.\n"
            "Theo Quyết định số 3241/QĐ-UBND ngày 27/10/2020 về chỉ số cải cách hành chính.\n")
    hits = found(qd(body=body), "CC105")
    assert len(hits) == 1 and "ngày 27/10/2020" in hits[0].message and "26/10/2020" in hits[0].message
    assert found(qd(body=body.replace("27/10/2020", "26/10/2020")), "CC105") == []
    # administrative numbers restart each year: 552/QĐ-UBND of 2019 and of 2020 may be two documents
    other_year = body.replace("27/10/2020", "27/10/2019")
    assert found(qd(body=other_year), "CC105") == []


# --- CC106 ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "how"), [("18/NQ-TW", "theo kiểu văn bản nhà nước"),
                                               ("18-NQ-TW", "lẫn lộn gạch nối và gạch chéo")])
def test_cc106_party_number(written: str, how: str):
    body = f"Thực hiện Nghị quyết số {written} ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương Đảng.\n"
    hits = found(qd(body=body), "CC106")
    assert len(hits) == 1 and how in hits[0].message
    assert (hits[0].fix.old, hits[0].fix.new) == (written, "18-NQ/TW")
    assert found(qd(body=body.replace(written, "18-NQ/TW")), "CC106") == []


# --- CC107 ---------------------------------------------------------------------------------------------------

def test_cc107_comma_is_the_old_habit_with_a_safe_fix():
    hits = found(qd(BASIS.replace("năm 2024.", "năm 2024,")), "CC107")
    assert len(hits) == 1 and hits[0].severity.label == "warning"
    assert hits[0].fix.new.endswith("ngày 03 tháng 01 năm 2024.")


def test_cc107_semicolons_and_final_full_stop():
    text = qd(BASIS.replace("năm 2015;", "năm 2015").replace("2021 - 2030;", "2021 - 2030."))
    hits = found(text, "CC107")
    assert [h.severity.label for h in hits] == ["error", "error"]
    assert [h.fix.new[-6:] for h in hits] == [" 2015;", " 2030;"]
    proposal_semicolon = qd(BASIS.replace("năm 2024.", "năm 2024;"))
    assert "phải kết thúc bằng «.»" in found(proposal_semicolon, "CC107")[0].message


KH = """ỦY BAN NHÂN DÂN TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-UBND
Thanh Hóa, ngày 05 tháng 01 năm 2024
KẾ HOẠCH
Cải cách hành chính năm 2024
{basis}
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả./.
"""


def test_cc107_plan_forms():
    single = "Căn cứ Kế hoạch số 08/KH-UBND ngày 02 tháng 01 năm 2024 của UBND tỉnh, Sở xây dựng Kế hoạch như sau:"
    assert found(KH.format(basis=single), "CC107") == []
    introduced = ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;\n"
                  "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:")
    assert found(KH.format(basis=introduced), "CC107") == []
    bare = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;"
    hits = found(KH.format(basis=bare), "CC107")
    assert len(hits) == 1 and "«.»" in hits[0].message


# --- CC108 / CC109 / CC110 (registry) --------------------------------------------------------------------

def test_cc108_date_against_registry_and_the_two_76_nq_cp():
    wrong = "Căn cứ Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2012 của Chính phủ;\n"
    hits = found(qd(extra=wrong, year=2019), "CC108")
    assert len(hits) == 1 and "ban hành ngày 08/11/2011" in hits[0].message
    assert found(qd(extra=wrong.replace("2012", "2011"), year=2019), "CC108") == []
    both = ("Căn cứ Nghị quyết số 76/NQ-CP ngày 13 tháng 6 năm 2013 của Chính phủ;\n"
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;\n")
    assert found(qd(extra=both), "CC108") == []
    off = "Căn cứ Nghị quyết số 76/NQ-CP ngày 16 tháng 7 năm 2021 của Chính phủ;\n"
    hits = found(qd(off), "CC108")
    assert len(hits) == 1 and "ban hành ngày 15/07/2021" in hits[0].message


def test_cc108_other_provinces_reuse_local_numbers():
    # 552/QĐ-UBND is in the registry as a decision of Hồ Chí Minh City; Thanh Hóa's own 552/QĐ-UBND is another
    body = "Thực hiện Quyết định số 552/QĐ-UBND ngày 20 tháng 02 năm 2019 của UBND tỉnh Thanh Hóa.\n"
    assert found(qd(body=body), "CC108") == []


def test_cc109_expired_basis_error_body_warning():
    old = "Căn cứ Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác văn thư;\n"
    hits = found(qd(extra=old), "CC109")
    assert len(hits) == 1 and hits[0].severity.label == "error"
    assert "hết hiệu lực từ ngày 05/03/2020" in hits[0].message and "Nghị định 30/2020/NĐ-CP" in hits[0].message
    # judged by the law of the draft's own date
    assert found(qd(extra=old, year=2019), "CC109") == []
    body = "Thực hiện Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ trong giai đoạn trước.\n"
    assert [h.severity.label for h in found(qd(body=body), "CC109")] == ["warning"]


def test_cc109_low_confidence_entry_is_only_a_warning():
    law = BASIS.replace("2024.", "2026.")
    hits = found(qd(law, year=2026), "CC109")  # Luật 77/2015/QH13: replaced in 2025, confidence low
    assert hits and all(h.severity.label == "warning" for h in hits)
    assert "72/2025/QH15" in hits[0].message  # the successor in force, following the chain


def test_cc110_programme_period_ended():
    old = BASIS.replace("76/NQ-CP ngày 15 tháng 7 năm 2021", "30c/NQ-CP ngày 08 tháng 11 năm 2011").replace(
        "2021 - 2030", "2011 - 2020")
    hits = found(qd(old), "CC110")
    assert len(hits) == 1 and "giai đoạn 2011–2020" in hits[0].message and "76/NQ-CP" in hits[0].message
    assert found(qd(old, year=2020), "CC110") == []  # a 2020 plan is still in the 2011–2020 period
    history = "Kết quả thực hiện Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ đạt nhiều mặt.\n"
    assert found(qd(body=history), "CC110") == []


def test_cc111_party_document_as_basis():
    party = "Căn cứ Chương trình hành động số 02-CTrHĐ/TU ngày 31 tháng 12 năm 2020 của Tỉnh ủy;\n"
    hits = found(qd(extra=party), "CC111")
    assert len(hits) == 1 and "«02-CTrHĐ/TU»" in hits[0].message
    assert found(qd(extra=party.replace("Căn cứ", "Thực hiện")), "CC111") == []


# --- the registry: extending it is a YAML edit ----------------------------------------------------------------

@pytest.fixture
def extra_registry_entry(monkeypatch):
    """Load the registry with one extra document, as if it had been added at the end of legal_registry.yaml."""
    from cchc_lint import data

    original = data.load
    raw = dict(original("legal_registry"))
    raw["documents"] = [*raw["documents"], {
        "number": "15/2023/QĐ-UBND", "type": "Quyết định", "issuer": "Ủy ban nhân dân tỉnh Thanh Hóa",
        "date": date(2023, 5, 10), "subject": "ban hành Quy chế làm việc (mục thử nghiệm)",
        "valid_from": date(2023, 5, 20), "valid_to": date(2023, 12, 31), "replaced_by": None,
        "kind": "normative", "source": "tests", "confidence": "high"}]

    def load(name: str):
        return raw if name == "legal_registry" else original(name)

    def clear():
        data.registry.cache_clear()
        data._by_key.cache_clear()

    monkeypatch.setattr(data, "load", load)
    clear()
    yield
    monkeypatch.undo()
    clear()


def test_registry_extra_entry_is_used_by_the_rules(extra_registry_entry):
    basis = "Căn cứ Quyết định số 15/2023/QĐ-UBND ngày 10 tháng 5 năm 2023 của UBND tỉnh Thanh Hóa;\n"
    hits = found(qd(extra=basis), "CC109")
    assert len(hits) == 1 and "hết hiệu lực từ ngày 31/12/2023" in hits[0].message
    assert found(qd(extra=basis.replace("10 tháng 5", "11 tháng 5")), "CC108")


def test_registry_without_the_entry_says_nothing():
    basis = "Căn cứ Quyết định số 15/2023/QĐ-UBND ngày 10 tháng 5 năm 2023 của UBND tỉnh Thanh Hóa;\n"
    assert found(qd(extra=basis), "CC109") == []


def test_registry_command_lists_entries():
    from cchc_lint.cli import cli

    result = CliRunner().invoke(cli, ["registry", "--number", "76/NQ-CP", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["date"] for r in rows] == ["2013-06-13", "2021-07-15"]
    assert set(rows[0]) >= {"number", "type", "date", "valid_from", "valid_to", "replaced_by", "confidence"}
    text = CliRunner().invoke(cli, ["registry"])
    assert text.exit_code == 0 and "30/2020/NĐ-CP" in text.output and "Thay thế bởi" in text.output


# --- fixtures ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cc")


@pytest.mark.parametrize("numbering", ["manual", "auto"])
@pytest.mark.parametrize("build", [build_clean_kh, build_clean_qd, build_clean_tb], ids=["kh", "qd", "tb"])
def test_clean_fixtures_give_no_cc_finding(build, numbering, fixture_dir: Path):
    path = build(fixture_dir / f"clean-{build.__name__}-{numbering}.docx", numbering=numbering)
    assert [(f.code, f.message) for f in lint_path(path, select=("CC",)).findings] == []


@pytest.mark.parametrize("name", SEEDS)
def test_seed_findings(name: str, fixture_dir: Path, snapshot):
    report = lint_path(build_seed(name, fixture_dir / f"{name}.docx"), select=("CC",))
    assert [f.to_dict() for f in report.findings] == snapshot
