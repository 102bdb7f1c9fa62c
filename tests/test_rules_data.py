"""The rule data files (rules/*.yaml) and their typed loaders (cchc_lint.data)."""

from __future__ import annotations

from datetime import date

import pytest

from cchc_lint import data


def test_every_file_validates() -> None:
    data.validate_all()


def test_validation_names_the_file_and_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = {"documents": [{"number": "1/2020/NĐ-CP", "type": "Nghị định"}]}
    monkeypatch.setitem(data._CHECKS, "legal_registry", lambda raw: data._check_registry(broken))
    with pytest.raises(ValueError, match=r"legal_registry\.yaml: entry 0 \(1/2020/NĐ-CP\): missing key"):
        data.validate_all()


# --- registry ------------------------------------------------------------------------------------------------


def test_lookup_normalises_the_number() -> None:
    doc = data.lookup("5409 /qđ-ubnd")
    assert doc is not None and doc.number == "5409/QĐ-UBND" and doc.date == date(2019, 12, 20)
    assert data.lookup("30c/NQ-CP").period == (2011, 2020)
    assert data.lookup("61/2018/NÐ-CP") is not None  # Icelandic eth typed for Đ
    assert data.lookup("999/2099/NĐ-CP") is None


def test_both_76_nq_cp_are_told_apart_by_date() -> None:
    assert len(data.lookup_all("76/NQ-CP")) == 2
    assert data.lookup("76/NQ-CP") is None  # ambiguous without a date
    old = data.lookup("76/NQ-CP", date(2013, 6, 13))
    new = data.lookup("76/NQ-CP", date(2021, 7, 15))
    assert old is not None and "30c/NQ-CP" in old.subject and old.period == (2011, 2020)
    assert new is not None and "2021 - 2030" in new.subject and new.period == (2021, 2030)
    assert data.lookup("76/NQ-CP", date(2021, 1, 1)) is new  # nearest date wins when the cited date is off


def test_in_force_around_decree_30() -> None:
    nd110 = data.lookup("110/2004/NĐ-CP")
    nd30 = data.lookup("30/2020/NĐ-CP")
    assert nd110 is not None and nd30 is not None
    assert nd110.in_force_on(date(2020, 3, 4))
    assert not nd110.in_force_on(date(2020, 3, 5))
    assert not nd30.in_force_on(date(2020, 3, 4))
    assert nd30.in_force_on(date(2020, 3, 5))
    assert nd110.successor() is nd30
    assert nd30.title() == "Nghị định 30/2020/NĐ-CP ngày 05/3/2020"
    assert data.lookup("16/2015/NĐ-CP").title().endswith("ngày 14/02/2015")


def test_replacement_chains_resolve() -> None:
    nq30c = data.lookup("30c/NQ-CP")
    assert nq30c is not None and nq30c.successor() is data.lookup("76/NQ-CP", date(2021, 7, 15))
    nd108 = data.lookup("108/2014/NĐ-CP")
    assert nd108 is not None and nd108.partial_survival and "Điều 11" in nd108.partial_survival


def test_laws_are_found_by_name_and_date() -> None:
    law = data.find_law("Luật Tổ chức chính quyền địa phương", date(2015, 6, 19))
    assert law is not None and law.number == "77/2015/QH13"
    assert law.title() == "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"
    assert data.find_law("luật  tổ chức chính quyền địa phương", date(2025, 6, 16)).number == "72/2025/QH15"


def test_every_seed_citation_is_registered() -> None:
    for number in ("552/QĐ-UBND", "61/2018/NĐ-CP", "54/2017/QH14", "1111/NQ-UBTVQH14", "45/2018/QĐ-TTg",
                   "02-CTrHĐ/TU", "19-NQ/TW", "3241/QĐ-UBND", "26/2019/TT-BTC", "1291/QĐ-TTg", "TCVN ISO 9001:2008"):
        assert data.lookup_all(number), number


# --- document types, sections, programmes --------------------------------------------------------------------


def test_type_abbreviations() -> None:
    table = {t.name: t.abbreviation for t in data.doc_types()}
    assert len([t for t in data.doc_types() if t.kind == "admin"]) == 27
    assert table["Kế hoạch"] == "KH" and table["Quy định"] == "QyĐ" and table["Bản trích sao"] == "TrS"
    assert data.parsed_doc_types()["QD"].type_name == "QUYẾT ĐỊNH"
    assert data.type_word_for_abbr()["NĐ"] == ("Nghị định",)
    assert "Luật" in data.type_word_for_abbr()["QH"]
    assert data.abbrs_for_type_word()["Công văn"] == ()


def test_sections_per_type() -> None:
    kh = {s.id: s for s in data.sections("KH")}
    assert {"purpose", "requirements", "tasks", "organisation"} <= {i for i, s in kh.items() if s.required}
    assert "requirements" in kh["purpose"].merged_with
    assert [s.id for s in data.sections("QĐ")][:3] == ["legal_basis", "proposal", "decision_word"]
    with pytest.raises(ValueError):
        data.sections("BC")


def test_programme_in_force_for_the_plan_year() -> None:
    assert data.reform_programme(2020).number == "30c/NQ-CP"
    nq76 = data.reform_programme(2021)
    assert nq76.number == "76/NQ-CP" and nq76.date == date(2021, 7, 15)
    assert [a.id for a in nq76.areas][3] == "civil_service_2021"
    # A 2021 plan drafted before NQ 76/2021 was signed still follows the 2011–2020 programme.
    assert data.reform_programme(2021, on=date(2020, 12, 22)).number == "30c/NQ-CP"
    assert data.reform_programme(2040) is None


def test_reform_areas_match_real_headings() -> None:
    areas = data.reform_programme(2021).areas

    def area_of(heading: str) -> list[str]:
        return [a.id for a in areas if a.matches(heading)]

    assert area_of("8. Xây dựng và phát triển chính quyền điện tử, chính quyền số") == ["digital_government"]
    assert area_of("6. Cải cách chế độ công vụ") == ["civil_service_2021"]
    assert area_of("4. Công tác cải cách thủ tục hành chính") == ["procedures"]
    assert [a.id for a in data.reform_programme(2020).areas if a.matches("7. Hiện đại hoá nền hành chính")] == [
        "modernisation"]
    assert any(h.matches("2. Công tác chỉ đạo, điều hành và truyền thông CCHC") for h in data.other_headings())


# --- layout, tables, spelling --------------------------------------------------------------------------------


def test_layout_profile() -> None:
    profile = data.layout_profile()
    assert profile["page"]["margins"]["left"] == {"min": 30, "max": 35}
    assert profile["texts"]["country"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert profile["elements"]["recipients_title"]["size"] == {"min": 12, "max": 12}
    profile["page"]["margins"]["left"] = None  # a copy: the cache is untouched
    assert data.layout_profile()["page"]["margins"]["left"] == {"min": 30, "max": 35}


def test_table_profile() -> None:
    profile = data.table_profile()
    assert profile.required == ("task", "product", "lead", "time") and profile.confidence == "low"
    lead = next(c for c in profile.columns if c.id == "lead")
    assert "Phòng chủ trì" in lead.synonyms


def test_misspellings() -> None:
    pairs = {m.wrong: m.right for m in data.misspellings()}
    assert len(pairs) >= 40
    assert pairs["sử lý"] == "xử lý" and pairs["nghành"] == "ngành"
    assert ("ủy", "uỷ") in data.tone_placement_pairs()


# --- reporting and working days ------------------------------------------------------------------------------


def test_reporting_windows_of_decree_09() -> None:
    assert data.reporting_window("monthly", 2021, 1) == (date(2020, 12, 15), date(2021, 1, 14))
    assert data.reporting_window("quarterly", 2021, 2) == (date(2021, 3, 15), date(2021, 6, 14))
    assert data.reporting_window("half_year", 2021, 1) == (date(2020, 12, 15), date(2021, 6, 14))
    assert data.reporting_window("half_year", 2021, 2) == (date(2021, 6, 15), date(2021, 12, 14))
    assert data.reporting_window("yearly", 2021) == (date(2020, 12, 15), date(2021, 12, 14))
    assert data.reporting_window("nine_months", 2021) == (date(2020, 12, 15), date(2021, 9, 14))
    assert data.reporting_windows()["nine_months"].provincial
    assert data.reporting_window("yearly", 2021, start_day=20, end_day=19)[0] == date(2020, 12, 20)
    with pytest.raises(ValueError):
        data.reporting_window("quarterly", 2021, 5)
    assert data.annual_report_grace_days() == 31 and data.min_working_days_after_cutoff() == 1


def test_working_days() -> None:
    assert not data.is_working_day(date(2020, 1, 18))  # Saturday
    assert not data.is_working_day(date(2020, 1, 25))  # Tết Canh Tý
    assert not data.is_working_day(date(2020, 9, 2))  # Quốc khánh
    assert data.is_working_day(date(2020, 1, 22))
    assert data.working_days_between(date(2020, 1, 22), date(2020, 1, 31)) == 2  # Tết 23–29/01
    assert data.working_days_between(date(2020, 1, 31), date(2020, 1, 22)) == -2
    assert data.add_working_days(date(2020, 1, 22), 1) == date(2020, 1, 30)
    assert data.add_working_days(date(2020, 1, 30), -1) == date(2020, 1, 22)
    assert data.add_working_days(date(2020, 1, 25), 0) == date(2020, 1, 25)
