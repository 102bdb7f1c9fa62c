"""The fixture builders write real Word packages: styles, numbering, merged tables, sections, review marks."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.fixtures.builder import Cell, DraftBuilder, Group, accept_revisions, split_revisions
from tests.fixtures.seeds import (
    SEED_FILES,
    SEEDS,
    build_clean_kh,
    build_clean_qd,
    build_clean_tb,
    build_seed,
    load_seed,
)

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def body_blocks(path: Path) -> list[etree._Element]:
    return [el for el in xml(path).find(f"{W}body") if el.tag in (f"{W}p", f"{W}tbl", f"{W}sdt")]


def text(p: etree._Element) -> str:
    """Paragraph text with tracked changes accepted."""
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(f"{W}{attr}")


def vmerge(tc: etree._Element | None) -> str | None:
    """"restart", "continue" (also written as a bare <w:vMerge/>) or None."""
    el = None if tc is None else tc.find(f"{W}tcPr/{W}vMerge")
    return None if el is None else val(el) or "continue"


# ----------------------------------------------------------------- a small, independent numbering renderer


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def numbered_texts(path: Path) -> list[str]:
    """Every body paragraph as displayed: the label Word's numbering shows, then the text."""
    numbering = xml(path, "word/numbering.xml")
    levels = {a.get(f"{W}abstractNumId"): {int(lv.get(f"{W}ilvl")): (val(lv.find(f"{W}numFmt")),
                                                                    val(lv.find(f"{W}lvlText")))
                                           for lv in a.iter(f"{W}lvl")}
              for a in numbering.iter(f"{W}abstractNum")}
    nums = {n.get(f"{W}numId"): (val(n.find(f"{W}abstractNumId")),
                                 {int(o.get(f"{W}ilvl")): int(val(o.find(f"{W}startOverride")))
                                  for o in n.iter(f"{W}lvlOverride")})
            for n in numbering.iter(f"{W}num")}
    counters: dict[str, dict[int, int]] = {}
    used: set[str] = set()
    out = []
    for p in xml(path).find(f"{W}body").iter(f"{W}p"):
        if any(a.tag == f"{W}tc" for a in p.iterancestors()):
            continue
        num_pr = p.find(f"{W}pPr/{W}numPr")
        label = ""
        if num_pr is not None:
            num_id, ilvl = val(num_pr.find(f"{W}numId")), int(val(num_pr.find(f"{W}ilvl")))
            abstract, overrides = nums[num_id]
            c = counters.setdefault(abstract, {})
            if num_id not in used:
                used.add(num_id)
                c.update({lvl: start - 1 for lvl, start in overrides.items()})
            c[ilvl] = c.get(ilvl, 0) + 1
            for deeper in [k for k in c if k > ilvl]:
                del c[deeper]
            fmt, label = levels[abstract][ilvl]
            if fmt != "bullet":
                for i in range(ilvl, -1, -1):
                    f = levels[abstract][i][0]
                    n = c.get(i, 1)
                    shown = _roman(n) if f == "upperRoman" else chr(96 + n) if f == "lowerLetter" else str(n)
                    label = label.replace(f"%{i + 1}", shown)
            label += " "
        out.append(label + text(p))
    return out


# ------------------------------------------------------------------------------------------------ seeds


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("seeds")
    return {(name, mode): build_seed(name, out / f"{name}.{mode}.docx", numbering=mode)
            for name in SEEDS for mode in ("manual", "auto")}


@pytest.mark.parametrize("mode", ["manual", "auto"])
@pytest.mark.parametrize("name", SEEDS)
def test_every_seed_builds_and_opens(built, name, mode):
    path = built[name, mode]
    document = docx.Document(path)
    assert document.core_properties.title
    assert len(document.paragraphs) > 20
    assert "./." in "\n".join(numbered_texts(path))
    assert load_seed(name)["seed"] == SEED_FILES[name]


@pytest.mark.parametrize("name", SEEDS)
def test_auto_numbering_shows_exactly_the_typed_labels(built, name):
    manual, auto = numbered_texts(built[name, "manual"]), numbered_texts(built[name, "auto"])
    assert manual == auto
    numbered = [p for p in xml(built[name, "auto"]).iter(f"{W}p") if p.find(f"{W}pPr/{W}numPr") is not None]
    assert numbered, "auto mode must use w:numPr"
    for p in numbered:
        assert not re.match(r"^([IVX]+\.|\d+\.|[a-z]\)|- )\s", text(p)), text(p)


def test_auto_numbering_lists_and_restarts(built):
    numbering = xml(built["qd_5409_2019", "auto"], "word/numbering.xml")
    formats = {(val(lv.find(f"{W}numFmt")), val(lv.find(f"{W}lvlText"))) for lv in numbering.iter(f"{W}lvl")}
    assert {("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-")} <= formats
    by_abstract: dict[str, list[etree._Element]] = {}
    for num in numbering.iter(f"{W}num"):
        by_abstract.setdefault(val(num.find(f"{W}abstractNumId")), []).append(num)
    restarts = [n for nums in by_abstract.values() if len(nums) > 1 for n in nums
                if n.find(f"{W}lvlOverride/{W}startOverride") is not None]
    assert restarts  # e.g. "1. Giám đốc các sở…" restarting after III.2 (the IV. heading is missing)
    manual = numbered_texts(built["qd_5409_2019", "manual"])
    assert any(line.startswith("đ) ") for line in manual)  # "đ)" stays typed: Word's letters skip it


def test_decimal_sublevels(built):
    numbering = xml(built["qd_1191_2021", "auto"], "word/numbering.xml")
    texts = {val(lv.find(f"{W}lvlText")) for lv in numbering.iter(f"{W}lvl")}
    assert {"%1.%2.", "%1.%2.%3."} <= texts
    shown = numbered_texts(built["qd_1191_2021", "auto"])
    assert any(line.startswith("2.6.1. Đề án") for line in shown)
    assert any(line.startswith("4.1 Tăng cường") for line in shown)  # typed, no trailing dot: kept manual


def test_header_table_is_borderless_with_two_columns(built):
    first = body_blocks(built["kh_1355_2020", "manual"])[0]
    assert first.tag == f"{W}tbl"
    assert len(first.findall(f"{W}tblGrid/{W}gridCol")) == 2
    borders = first.find(f"{W}tblPr/{W}tblBorders")
    assert {val(b) for b in borders} == {"nil"}
    for tc in first.iter(f"{W}tc"):
        assert {val(b) for b in tc.find(f"{W}tcPr/{W}tcBorders")} == {"nil"}
    cells = ["\n".join(text(p) for p in tc.iter(f"{W}p")) for tc in first.iter(f"{W}tc")]
    assert "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" in cells[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells[1]
    assert cells[2] == "Số: 1355/KH-SKHĐT" and cells[3].endswith("ngày 28 tháng 02 năm 2020")


def test_header_layouts(tmp_path):
    paragraphs = build_seed("kh_1355_2020", tmp_path / "p.docx", header="paragraphs")
    blocks = body_blocks(paragraphs)
    assert [text(b) for b in blocks[:2]] == ["UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"]
    assert blocks[0].find(f"{W}pPr/{W}jc") is None  # centred by its style
    none = build_seed("kh_1355_2020", tmp_path / "n.docx", header=None)
    assert "CỘNG HÒA" not in " ".join(text(b) for b in body_blocks(none)[:5])
    tb = body_blocks(build_seed("tb_2021_draft", tmp_path / "tb.docx"))
    assert tb[0].tag == f"{W}p" and text(tb[0]).startswith("Số:") and "/TB-SKHĐT" in text(tb[0])
    assert re.search(r"ngày\s{2,}tháng 04 năm 2021", text(tb[1]))


def test_appendix_is_a_landscape_section(built):
    path = built["kh_1355_2020", "manual"]
    sections = docx.Document(path).sections
    assert len(sections) == 2
    body, appendix = sections
    assert (body.page_width.twips, body.page_height.twips) == (11906, 16838)
    margins = (body.top_margin, body.bottom_margin, body.left_margin, body.right_margin)
    assert [m.twips for m in margins] == [1134, 1134, 1701, 851]
    assert (appendix.page_width.twips, appendix.page_height.twips) == (16838, 11906)
    assert val(appendix._sectPr.find(f"{W}pgSz"), "orient") == "landscape"
    inner = [p for p in xml(path).iter(f"{W}p") if p.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(inner) == 1  # the body section's sectPr sits in its last paragraph
    shown = numbered_texts(path)
    ref = "(Kèm theo Kế hoạch số 1355/KH-SKHĐT ngày 28 tháng 02 năm 2020 của Sở Kế hoạch và Đầu tư)"
    assert ref in shown


def test_page_number_field_not_on_first_page(built):
    path = built["qd_1191_2021", "manual"]
    section = docx.Document(path).sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    header = section.header._element
    assert " PAGE " in "".join(header.itertext())
    assert header.find(f".//{W}fldChar") is not None
    assert val(header.find(f".//{W}jc")) == "center"
    assert not "".join(section.first_page_header._element.itertext()).strip()
    simple = DraftBuilder(page_numbers="simple")
    assert simple.doc.sections[0].header._element.find(f".//{W}fldSimple") is not None


def test_styles_and_document_defaults(built):
    path = built["kh_1355_2020", "manual"]
    styles = xml(path, "word/styles.xml")
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert {val(fonts, k) for k in ("ascii", "hAnsi", "cs")} == {"Times New Roman"}
    assert val(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")) == "28"
    by_name = {val(s.find(f"{W}name")): s for s in styles.iter(f"{W}style")}
    body = by_name["CCHC Body"]
    assert val(body.find(f"{W}basedOn")) == "Normal"
    assert val(body.find(f"{W}pPr/{W}jc")) == "both"
    assert val(body.find(f"{W}pPr/{W}ind"), "firstLine") == "567"
    assert body.find(f"{W}rPr/{W}sz") is None  # 14 pt comes from docDefaults
    assert by_name["CCHC Heading1"].find(f"{W}rPr/{W}b") is not None
    assert by_name["CCHC Basis"].find(f"{W}rPr/{W}i") is not None
    assert val(by_name["CCHC Recipients"].find(f"{W}rPr/{W}sz")) == "22"
    runs = [r for p in xml(path).find(f"{W}body").findall(f"{W}p") for r in p.iter(f"{W}r")]
    assert runs and all(r.find(f"{W}rPr") is None for r in runs)  # body text inherits all its formatting


def test_run_formatting_and_nfd_options(tmp_path):
    path = build_seed("tb_2021_draft", tmp_path / "t.docx", run_formatting=True, unicode_form="NFD")
    runs = [r for r in xml(path).iter(f"{W}r") if r.find(f"{W}t") is not None and text(r).strip()]
    assert all(r.find(f"{W}rPr/{W}sz") is not None for r in runs)
    joined = "".join(text(r) for r in runs)
    assert "THÔNG BÁO" not in joined and "THO\u0302NG BA\u0301O" in joined  # decomposed Vietnamese


def test_task_tables(tmp_path, built):
    path = build_clean_kh(tmp_path / "kh.docx", two_row_header=True)
    table = body_blocks(path)[-1]
    rows = table.findall(f"{W}tr")
    assert all(r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows[:2])
    assert rows[2].find(f"{W}trPr/{W}tblHeader") is None
    assert val(table.find(f"{W}tblPr/{W}tblBorders/{W}top")) == "single"
    head = [[(text(tc), val(tc.find(f"{W}tcPr/{W}gridSpan")), vmerge(tc))
             for tc in r.findall(f"{W}tc")] for r in rows[:2]]
    assert ("Cơ quan thực hiện", "2", None) in head[0] and ("STT", None, "restart") in head[0]
    assert ("", None, "continue") in head[1] and ("Cơ quan chủ trì", None, None) in head[1]
    group = [(text(tc), val(tc.find(f"{W}tcPr/{W}gridSpan"))) for tc in rows[2].findall(f"{W}tc")]
    assert group == [("I", None), ("CẢI CÁCH THỂ CHẾ", "5")]
    # seed 000: the group text fills the first column, merged down over its task rows
    kh = body_blocks(built["kh_1355_2020", "manual"])[-1]
    merges = [vmerge(tr.find(f"{W}tc")) for tr in kh.findall(f"{W}tr")[1:6]]
    assert merges == ["restart", "continue", "continue", "continue", "restart"]
    # seed 004: a cell holding several paragraphs ("- …" lines)
    cells = [tc for tc in xml(built["qd_5409_2019", "manual"]).iter(f"{W}tc")]
    assert any(len(tc.findall(f"{W}p")) >= 3 and text(tc.find(f"{W}p")).startswith("- ") for tc in cells)


def test_builder_groups_and_cells(tmp_path):
    b = DraftBuilder()
    b.add_task_table([["STT", "Nhiệm vụ", "Thời gian"]],
                     [Group("CẢI CÁCH THỂ CHẾ"), ["1", Cell(["Dòng một", "- Dòng hai"]), "Quý I/2024"]])
    b.add_task_table([["A", "B"]], [["x", "y"]])
    path = b.save(tmp_path / "t.docx")
    blocks = body_blocks(path)
    assert [el.tag for el in blocks] == [f"{W}tbl", f"{W}p", f"{W}tbl"]  # Word keeps a paragraph between tables
    group = blocks[0].findall(f"{W}tr")[1].findall(f"{W}tc")
    assert len(group) == 1 and val(group[0].find(f"{W}tcPr/{W}gridSpan")) == "3"


def test_signature_block_and_ending(built):
    blocks = body_blocks(built["kh_1355_2020", "manual"])
    signature = next(b for b in blocks if b.tag == f"{W}tbl" and "Nơi nhận:" in "".join(b.itertext()))
    assert {val(b) for b in signature.find(f"{W}tblPr/{W}tblBorders")} == {"nil"}
    left, right = signature.iter(f"{W}tc")
    assert [text(p) for p in left.findall(f"{W}p")][-1] == "- Lưu: VT, VP (Nga.14b)."
    assert [text(p) for p in right.findall(f"{W}p") if text(p)] == ["GIÁM ĐỐC", "Lê Thị Huỳnh Mai"]
    last_body = signature.getprevious()
    assert text(last_body).endswith("của Sở Kế hoạch và Đầu tư./.")


def test_tracked_changes_comments_and_content_control(tmp_path):
    path = build_seed("kh_1355_2020", tmp_path / "review.docx", review=True, content_control=True)
    doc = xml(path)
    ins, dele = doc.find(f".//{W}ins"), doc.find(f".//{W}del")
    assert ins is not None and dele is not None
    assert val(ins, "author") == "Phòng Pháp chế" and val(dele, "date").startswith("2020-02-27")
    assert dele.find(f".//{W}delText").text == "15" and text(ins) == "22"
    assert doc.find(f".//{W}commentRangeStart") is not None and doc.find(f".//{W}commentReference") is not None
    with zipfile.ZipFile(path) as z:
        assert "word/comments.xml" in z.namelist()
        assert b"comments+xml" in z.read("[Content_Types].xml")
        assert b"relationships/comments" in z.read("word/_rels/document.xml.rels")
    comment = xml(path, "word/comments.xml").find(f"{W}comment")
    assert "09/2019/NĐ-CP" in "".join(comment.itertext())
    assert xml(path, "word/settings.xml").find(f"{W}trackRevisions") is not None
    sdt = doc.find(f".//{W}sdt")
    assert val(sdt.find(f"{W}sdtPr/{W}tag")) == "cchc-preamble"
    assert text(sdt.find(f"{W}sdtContent/{W}p")).startswith("Căn cứ Quyết định số 552/QĐ-UBND")
    # without review=True the same seed reads as the accepted text and carries no marks
    plain = xml(build_seed("kh_1355_2020", tmp_path / "plain.docx"))
    assert plain.find(f".//{W}ins") is None and plain.find(f".//{W}commentRangeStart") is None


def test_builder_insert_delete_keywords(tmp_path):
    b = DraftBuilder()
    b.add_paragraph("Thời hạn: ", delete="Quý II", insert="Quý I/2024.")
    doc = xml(b.save(tmp_path / "r.docx"))
    assert doc.find(f".//{W}del//{W}delText").text == "Quý II"
    assert text(doc.find(f".//{W}ins")) == "Quý I/2024."
    assert split_revisions("a [-b-]{+c+}") == [("t", "a "), ("del", "b"), ("ins", "c")]
    assert accept_revisions("a [-b-]{+c+} d") == "a c d"


@pytest.mark.parametrize("name", SEEDS)
def test_seed_texts_are_clean_of_scraping_artefacts(built, name):
    shown = "\n".join(numbered_texts(built[name, "manual"]))
    tables = "\n".join("".join(tc.itertext()) for tc in xml(built[name, "manual"]).iter(f"{W}tc"))
    for artefact in ("**", "##", "<b>", " |", "[1]", "<http"):
        assert artefact not in shown + tables, artefact
    assert not re.search(r"\n[a-zđ](?!\) )", shown)  # no paragraph starts mid-sentence


def test_seeds_keep_their_real_mistakes(built):
    kh = "\n".join(numbered_texts(built["kh_1355_2020", "manual"]))
    assert "Báo cáo quý I: Gửi trước ngày 22 tháng 02 năm 2020" in kh
    assert "Từ ngày 20 tháng 11 năm 2018 đến ngày 20 tháng 11 năm 2020" in kh
    qd = numbered_texts(built["qd_1191_2021", "manual"])
    assert "IV. " not in [line[:4] for line in qd] and any(line.startswith("V. TỔ CHỨC") for line in qd)
    assert any("45/2018/QĐ-TTg ngày 09 tháng 11 năm 2019" in line for line in qd)
    tb = load_seed("tb_2021_draft")
    assert tb["parts"][0]["subject"][0].startswith("V/v ")
    qd4 = numbered_texts(built["qd_5409_2019", "manual"])
    assert "Số: 5409 /QĐ-UBND" in "".join(xml(built["qd_5409_2019", "manual"]).itertext())
    assert qd4.count("1. Mục tiêu") == 1 and not any(line.startswith("I. ") for line in qd4)
    assert any(line.endswith("ngày 14/11/2019,") for line in qd4)


@pytest.mark.parametrize("builder", [build_clean_kh, build_clean_qd, build_clean_tb])
def test_clean_drafts(tmp_path, builder):
    path = builder(tmp_path / "clean.docx")
    shown = numbered_texts(path)
    cells = ["".join(tc.itertext()) for tc in xml(path).iter(f"{W}tc")]
    assert any(c.startswith("Số: ") and re.fullmatch(r"Số: \d{2}/(KH|QĐ|TB)-UBND", c) for c in cells)
    assert any(re.fullmatch(r"Hà Nội, ngày \d{2} tháng 01 năm 2024", c) for c in cells)
    assert any(c.endswith("- Lưu: VT, NC.") for c in cells)
    assert sum(line.endswith("./.") for line in shown) >= 1
    basis = [line for line in shown if line.startswith(("Căn cứ", "Theo đề nghị"))]
    if basis:
        assert all(line.endswith(";") for line in basis[:-1]) and basis[-1].endswith(".")
    styles = {val(s.find(f"{W}name")): s for s in xml(path, "word/styles.xml").iter(f"{W}style")}
    spacing = styles["CCHC Body"].find(f"{W}pPr/{W}spacing")
    assert (val(spacing, "after"), val(spacing, "line")) == ("120", "276")
    assert val(styles["CCHC Body"].find(f"{W}pPr/{W}ind"), "firstLine") == "720"


def test_clean_kh_reporting_and_appendix(tmp_path):
    path = build_clean_kh(tmp_path / "kh.docx", numbering="auto")
    shown = numbered_texts(path)
    assert "- Báo cáo quý I: gửi trước ngày 20 tháng 3 năm 2024; thời gian chốt số liệu từ ngày 15 tháng 12 năm " \
           "2023 đến ngày 14 tháng 3 năm 2024;" in shown
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ TRỌNG TÂM", "III. TỔ CHỨC THỰC HIỆN",
                    "6. Xây dựng, phát triển Chính quyền điện tử, Chính quyền số"):
        assert heading in shown
    assert "(Kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng 01 năm 2024 của Ủy ban nhân dân Thành phố Hà Nội)" in shown
    times = [text(tr.findall(f"{W}tc")[-1]) for tr in body_blocks(path)[-1].findall(f"{W}tr")[1:]]
    assert all(t.endswith("/2024") for t in times if "/" in t)


def test_builds_are_deterministic(tmp_path):
    a = build_seed("qd_5409_2019", tmp_path / "a.docx", numbering="auto", review=True)
    b = build_seed("qd_5409_2019", tmp_path / "b.docx", numbering="auto", review=True)
    assert a.read_bytes() == b.read_bytes()


def test_bundled_examples_match_the_builders(tmp_path):
    from scripts.make_examples import examples

    for name, make in examples().items():
        bundled = ROOT / "examples" / name
        assert bundled.exists(), f"run scripts/make_examples.py ({name} is missing)"
        assert numbered_texts(bundled) == numbered_texts(make(tmp_path / name)), name
        assert bundled.stat().st_size < 64 * 1024


@pytest.mark.slow
def test_libreoffice_converts_a_fixture(tmp_path, soffice):
    source = build_seed("qd_5409_2019", tmp_path / "in.docx", numbering="auto", review=True)
    out = tmp_path / "out"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "docx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    converted = docx.Document(out / "in.docx")
    assert [s.orientation for s in converted.sections][-1] == 1  # landscape appendix survives
    assert len(converted.tables) == len(docx.Document(source).tables)
