"""Planted mistakes: one error at a time in a correct plan, laid out in several ways (typed or Word numbering,
header in a table or in plain paragraphs). Each must give its finding, and nothing else may change."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cchc_lint.api import check_file
from tests.fixtures.seeds import clean_kh_spec, render

Spec = dict[str, Any]

LAYOUTS = [("manual", "table"), ("auto", "table"), ("auto", "paragraphs")]


def _replace(old: str, new: str) -> Callable[[Spec], Spec]:
    """Replace text everywhere in the spec (the mistake a drafter types)."""

    def walk(node: Any) -> Any:
        if isinstance(node, str):
            return node.replace(old, new)
        if isinstance(node, list):
            return [walk(n) for n in node]
        if isinstance(node, tuple):
            return tuple(walk(n) for n in node)
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        return node

    def mutate(spec: Spec) -> Spec:
        changed = walk(copy.deepcopy(spec))
        assert changed != spec, f"{old!r} is not in the clean plan"
        return changed

    return mutate


def _drop_body(text: str) -> Callable[[Spec], Spec]:
    def mutate(spec: Spec) -> Spec:
        spec = copy.deepcopy(spec)
        body = spec["parts"][0]["body"]
        kept = [b for b in body if text not in str(b)]
        assert len(kept) < len(body)
        spec["parts"][0]["body"] = kept
        return spec

    return mutate


PLANTED: dict[str, tuple[Callable[[Spec], Spec], set[str]]] = {
    # the mistakes the mission names
    "citation-year": (_replace("Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019",
                               "Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2020"), {"CC102"}),
    "expired-basis": (_replace("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
                               "văn thư.",
                               "Căn cứ Nghị định số 110/2004/NĐ-CP ngày 08 tháng 4 năm 2004 của Chính phủ về công tác "
                               "văn thư."), {"CC109"}),
    "appendix-number": (_replace("(Kèm theo Kế hoạch số 15/KH-UBND", "(Kèm theo Kế hoạch số 51/KH-UBND"), {"PL009"}),
    "deadline-before-date": (_replace("Báo cáo quý I: gửi trước ngày 20 tháng 3 năm 2024",
                                      "Báo cáo quý I: gửi trước ngày 02 tháng 01 năm 2024"), {"HB001"}),
    "missing-section": (_drop_body("III. TỔ CHỨC THỰC HIỆN"), {"BC001"}),
    "skipped-number": (_replace("III. TỔ CHỨC THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN"), {"BC005"}),
    "doubled-word": (_replace("Rà soát, đơn giản hóa thủ tục hành chính; thực hiện",
                              "Rà soát, đơn giản hóa thủ tục hành hành chính; thực hiện"), {"CT001"}),
    "misspelling": (_replace("Phát triển hạ tầng số", "Phát triển hạ tầng sốs"), {"CT002"}),
    # layout texts
    "country-name": (_replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), {"SN001"}),
    "motto": (_replace("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"), {"SN002"}),
    "date-zero": (_replace("ngày 05 tháng 01 năm 2024", "ngày 5 tháng 01 năm 2024"), {"SN006"}),
    "type-abbreviation": (_replace("Số: 15/KH-UBND", "Số: 15/QĐ-UBND"), {"SN004"}),
    "recipients-storage": (_replace("- Lưu: VT, NC.", "- Lưu VT."), {"SN013"}),
}


def _codes(path: Path) -> set[str]:
    return {f.code for f in check_file(path).findings}


@pytest.fixture(scope="module")
def baselines(tmp_path_factory) -> dict[tuple[str, str], set[str]]:
    folder = tmp_path_factory.mktemp("clean")
    out = {}
    for numbering, header in LAYOUTS:
        path = render(clean_kh_spec(), folder / f"{numbering}-{header}.docx", numbering=numbering, header=header)
        out[numbering, header] = _codes(path)
    return out


def test_the_clean_plan_is_clean_in_every_layout(baselines):
    for layout, codes in baselines.items():
        assert codes == set(), layout


@pytest.mark.parametrize(("numbering", "header"), LAYOUTS)
@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_mistake_is_found_and_alone(name, numbering, header, baselines, tmp_path):
    mutate, expected = PLANTED[name]
    path = render(mutate(clean_kh_spec()), tmp_path / f"{name}.docx", numbering=numbering, header=header)
    found = _codes(path) - baselines[numbering, header]
    assert expected <= found, f"{name}: expected {expected}, found {found}"
    assert found - expected <= _ALSO_ALLOWED.get(name, set()), f"{name}: noise {found - expected}"


# A mistake may rightly show in a second rule: these pairs are the same defect seen from two sides.
_ALSO_ALLOWED: dict[str, set[str]] = {
    "missing-section": {"BC005"},  # its items «1.», «2.» now follow the items of «II.»
    "deadline-before-date": {"HB003"},  # the data window now ends after the deadline
    "type-abbreviation": {"PL009"},  # the appendix's «Kế hoạch số 15/KH-UBND» no longer matches «15/QĐ-UBND»
}


QD_PLANTED: dict[str, tuple[Callable[[Spec], Spec], set[str]]] = {
    "attached-plan-reference": (_replace("(Ban hành kèm theo Quyết định số 10/QĐ-UBND",
                                         "(Ban hành kèm theo Quyết định số 11/QĐ-UBND"), {"PL009"}),
    "article-skipped": (_replace("Điều 3. Chánh", "Điều 4. Chánh"), {"BC005"}),
    "basis-punctuation": (_replace("Tờ trình số 05/TTr-SNV ngày 03 tháng 01 năm 2024.",
                                   "Tờ trình số 05/TTr-SNV ngày 03 tháng 01 năm 2024;"), {"CC107"}),
    "cited-after-draft": (_replace("Tờ trình số 05/TTr-SNV ngày 03 tháng 01 năm 2024",
                                   "Tờ trình số 05/TTr-SNV ngày 03 tháng 02 năm 2024"), {"CC103"}),
    "type-word-vs-symbol": (_replace("Nghị quyết số 76/NQ-CP", "Nghị định số 76/NQ-CP"), {"CC101"}),
}


@pytest.mark.parametrize("numbering", ["manual", "auto"])
@pytest.mark.parametrize("name", sorted(QD_PLANTED))
def test_planted_mistake_in_a_decision_issuing_a_plan(name, numbering, tmp_path):
    from tests.fixtures.seeds import clean_qd_spec

    mutate, expected = QD_PLANTED[name]
    clean = _codes(render(clean_qd_spec(), tmp_path / "clean.docx", numbering=numbering))
    assert clean == set()
    found = _codes(render(mutate(clean_qd_spec()), tmp_path / f"{name}.docx", numbering=numbering))
    assert found == expected, name
