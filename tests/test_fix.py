"""``cchc-lint fix``: round trip on every seed fixture, clean drafts untouched, the corrections one by one."""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import cchc_lint
from cchc_lint.cli import cli
from cchc_lint.draft.fix import CORRECTION_CODES, content_key, fix_draft
from cchc_lint.draft.render import basis_lines, date_text, letter, number_line, recipient_lines, with_ending
from cchc_lint.parse import parse_document
from cchc_lint.read import read_document
from tests.conftest import lint_path
from tests.fixtures.seeds import SEEDS, build_clean_kh, build_clean_qd, build_clean_tb, build_seed

LAYOUTS = (("manual", "table"), ("auto", "paragraphs"))
# the header elements the fix rewrites from their parsed values: compared through their facts, not their text
REWRITTEN = ("COUNTRY", "MOTTO", "NUMBER", "PLACE_DATE", "ATTACH_REF", "TYPE_NAME", "RECIPIENTS_TITLE")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def fixed(tmp_path_factory) -> dict:
    """Every seed in two layouts, fixed once: (input path, input hash, output path, result)."""
    out = {}
    root = tmp_path_factory.mktemp("fix")
    for name in SEEDS:
        for numbering, header in LAYOUTS:
            key = f"{name}-{numbering}-{header}"
            source = root / f"{key}.docx"
            build_seed(name, source, numbering=numbering, header=header)
            digest = _sha(source)
            target = root / f"{key}.fixed.docx"
            out[key] = (source, digest, target, fix_draft(source, target))
    return out


KEYS = [f"{n}-{a}-{b}" for n in SEEDS for a, b in LAYOUTS]


@pytest.mark.parametrize("key", KEYS)
def test_fix_settles_every_rule_it_claims(fixed, key):
    _, _, target, result = fixed[key]
    assert result.changes, "a seed has real mistakes: the fix must correct some"
    claimed = result.codes
    report = lint_path(target)
    assert report.error is None and report.doc_type == result.doc_type
    left = sorted({f.code for f in report.findings} & claimed)
    assert left == [], [(f.code, f.message) for f in report.findings if f.code in claimed]


def _words(text: str) -> str:
    """Compared content: labels stripped (content_key), then only the words (NFC, case-folded), numbers
    without leading zeros: punctuation and zeros are what the fix corrects."""
    words = re.sub(r"[^\w]+", " ", content_key(text)).casefold()
    return " ".join(re.sub(r"^0+(\d)", r"\1", w) for w in words.split())


@pytest.mark.parametrize("key", KEYS)
def test_every_paragraph_and_cell_survives(fixed, key):
    source, _, target, _ = fixed[key]
    before = read_document(source)
    after = read_document(target)
    kinds = {id(line.para): line.kind for line in parse_document(before).lines if line.para is not None}
    out_text = " ¶ ".join(_words(p.display_text) for p in after.iter_paragraphs())
    missing = []
    for para in before.iter_paragraphs():  # body paragraphs and every paragraph of every table cell
        if kinds.get(id(para)) in REWRITTEN or re.match(r"^\W*Lưu\b|^\(\s*(Ban hành\s+)?[Kk]èm theo", para.text):
            continue
        words = _words(para.text)
        if len(words) > 2 and words not in out_text:
            missing.append(para.text)
    assert missing == []


@pytest.mark.parametrize("key", KEYS)
def test_input_is_untouched_and_output_opens(fixed, key):
    source, digest, target, result = fixed[key]
    assert _sha(source) == digest
    assert docx.Document(str(target)).paragraphs
    with zipfile.ZipFile(target) as z:
        names = set(z.namelist())
        assert ("word/comments.xml" in names) == bool(result.comments or result.kept_comments)


@pytest.mark.slow
def test_outputs_convert_with_libreoffice(fixed, tmp_path, soffice):
    targets = [str(v[2]) for k, v in fixed.items() if k.endswith("-manual-table")]
    assert targets
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: another soffice running must not block us
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *targets], capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    for target in targets:
        pdf = tmp_path / (Path(target).stem + ".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("builder", [build_clean_kh, build_clean_qd, build_clean_tb])
def test_clean_draft_stays_clean(builder, tmp_path):
    source = tmp_path / "clean.docx"
    builder(source)
    result = fix_draft(source, tmp_path / "out.docx")
    wording = [c for c in result.changes if c.kind not in ("layout",)]
    assert wording == [] and result.placeholders == []
    assert [(f.code, f.message) for f in lint_path(tmp_path / "out.docx").findings] == []


# -- the corrections one by one ---------------------------------------------------------------------------------
MESSY = """UBND TỈNH BÌNH DƯƠNG
SỞ NỘI VỤ
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
Số: 5/QĐ-SNV
Bình Dương, ngày 5 tháng 03 năm 2024
KẾ HOẠCH
Cải cách hành chính năm 2024
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ,
Căn cứ Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh
I. MỤC ĐÍCH, YÊU CẦU
1) Mục đích
Nâng cao hiệu quả cải cách hành chính.
3. Yêu cầu
Bám sát chỉ đạo của tỉnh.
III. NHIỆM VỤ
a. Cải cách thể chế
b) Cải cách thủ tục hành chính
c) Hiện đại hóa hành chính
V. TỔ CHỨC THỰC HIỆN
Các phòng tổ chức thực hiện
Nơi nhận
+ UBND tỉnh,
- Các phòng thuộc Sở
Lưu VT, VP
GIÁM ĐỐC
Nguyễn Văn An
"""


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    root = tmp_path_factory.mktemp("messy")
    source = root / "messy.txt"
    source.write_text(MESSY, encoding="utf-8")
    target = root / "messy.docx"
    return fix_draft(source, target), target


def _texts(path: Path) -> list[str]:
    return [p.display_text for p in read_document(path).iter_paragraphs()]


def test_header_is_corrected(messy):
    result, target = messy
    texts = _texts(target)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and "Độc lập - Tự do - Hạnh phúc" in texts
    assert "Số: 05/KH-SNV" in texts  # zero, and the type abbreviation of a Kế hoạch
    assert "Bình Dương, ngày 05 tháng 3 năm 2024" in texts
    kinds = {c.kind for c in result.changes}
    assert {"country", "motto", "symbol", "date"} <= kinds


def test_basis_numbering_recipients_and_ending(messy):
    result, target = messy
    texts = _texts(target)
    assert "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;" in texts
    assert "Căn cứ Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh." in texts
    for label in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NHIỆM VỤ", "a) Cải cách thể chế",
                  "b) Cải cách thủ tục hành chính", "c) Hiện đại hóa hành chính", "III. TỔ CHỨC THỰC HIỆN"):
        assert label in texts
    assert "Các phòng tổ chức thực hiện./." in texts
    assert texts[texts.index("Nơi nhận:") + 1:texts.index("Nơi nhận:") + 4] == [
        "- UBND tỉnh;", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."]
    numbering = [(c.before, c.after) for c in result.changes if c.kind == "numbering"]
    assert ("1)", "1.") in numbering and ("3.", "2.") in numbering and ("a.", "a)") in numbering


def test_wording_is_never_changed(messy):
    _, target = messy
    body = " ".join(_texts(target))
    for phrase in ("Nâng cao hiệu quả cải cách hành chính.", "Bám sát chỉ đạo của tỉnh.", "Cải cách hành chính năm 2024"):
        assert phrase in body


def test_changes_map_to_existing_rule_codes():
    from cchc_lint.check.registry import all_rules

    known = set(all_rules())
    for kind, codes in CORRECTION_CODES.items():
        assert set(codes) <= known, (kind, set(codes) - known)


def test_missing_required_section_becomes_a_placeholder(tmp_path):
    source = tmp_path / "short.txt"
    source.write_text(MESSY.replace("V. TỔ CHỨC THỰC HIỆN\nCác phòng tổ chức thực hiện\n", ""), encoding="utf-8")
    result = fix_draft(source, tmp_path / "short.docx")
    placeholders = [t for t in _texts(tmp_path / "short.docx") if "[Cần bổ sung:" in t]
    assert any("tổ chức thực hiện" in p.lower() for p in result.placeholders), result.placeholders
    assert any("tổ chức thực hiện" in t.lower() for t in placeholders)


def test_remaining_suggestions_become_word_comments(messy):
    result, target = messy
    assert result.comments, "the messy draft keeps suggestions that are not safe to apply"
    comments = list(docx.Document(str(target)).comments)
    assert len(comments) == len(result.comments) + result.kept_comments
    assert {c.text.split()[0] for c in comments if c.author == "cchc-lint"} == {f.code for f in result.comments}


def test_review_comments_kept_and_tracked_changes_accepted(tmp_path):
    source = tmp_path / "review.docx"
    build_seed("qd_5409_2019", source, review=True)
    result = fix_draft(source, tmp_path / "out.docx")
    assert result.changes[0].kind == "tracked" and result.changes[0].codes == ("RD002",)
    comments = [c for c in docx.Document(str(tmp_path / "out.docx")).comments if c.author != "cchc-lint"]
    assert result.kept_comments == len(comments) >= 1
    assert read_document(tmp_path / "out.docx").has_tracked_changes is False


# -- command line ------------------------------------------------------------------------------------------------
def test_cli_fix_with_diff(tmp_path):
    source = tmp_path / "messy.txt"
    source.write_text(MESSY, encoding="utf-8")
    before = source.read_bytes()
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["fix", str(source), "-o", str(out), "--diff"])
    assert result.exit_code == 0, result.output
    assert "sửa" in result.output and f"--- {source}" in result.output and f"+++ {out}" in result.output
    assert "\n-Số: 5/QĐ-SNV\n" in result.output  # block by block: paragraphs, and a line per table row
    assert "\n+| Số: 05/KH-SNV | Bình Dương, ngày 05 tháng 3 năm 2024 |\n" in result.output
    assert "\n-1) Mục đích\n+1. Mục đích\n" in result.output
    assert source.read_bytes() == before and out.read_bytes().startswith(b"PK")


def test_cli_refuses_to_write_the_input_and_unknown_types(tmp_path):
    source = tmp_path / "messy.docx"
    fix_draft_input = tmp_path / "messy.txt"
    fix_draft_input.write_text(MESSY, encoding="utf-8")
    cchc_lint.fix(fix_draft_input, source)
    digest = _sha(source)
    same = CliRunner().invoke(cli, ["fix", str(source), "-o", str(source)])
    assert same.exit_code == 2 and "không ghi đè" in same.output and _sha(source) == digest
    other = tmp_path / "cv.txt"
    other.write_text("CÔNG VĂN\nVề việc chấm công\nNội dung.\n", encoding="utf-8")
    unknown = CliRunner().invoke(cli, ["fix", str(other), "-o", str(tmp_path / "x.docx")])
    assert unknown.exit_code == 2 and "--doc-type" in unknown.output


# -- the formatting functions ------------------------------------------------------------------------------------
def test_date_and_number_zeros():
    assert date_text(5, 3, 2020) == "ngày 05 tháng 3 năm 2020"
    assert date_text(15, 1, 2021) == "ngày 15 tháng 01 năm 2021"
    assert date_text(28, 2, 2020) == "ngày 28 tháng 02 năm 2020"
    assert date_text(1, 12, 2024) == "ngày 01 tháng 12 năm 2024"
    assert number_line("5", "KH", "SNV") == "Số: 05/KH-SNV"
    assert number_line(1355, "KH", "SKHĐT") == "Số: 1355/KH-SKHĐT"
    assert number_line(None, "TB", "UBND").startswith("Số: ") and number_line(None, "TB", "UBND").endswith("/TB-UBND")


def test_basis_recipients_ending_letters():
    assert basis_lines(["Căn cứ A,", "Căn cứ B;", "Theo đề nghị của C"]) == [
        "Căn cứ A;", "Căn cứ B;", "Theo đề nghị của C."]
    assert basis_lines(["Căn cứ A, Sở xây dựng Kế hoạch như sau:"]) == ["Căn cứ A, Sở xây dựng Kế hoạch như sau:"]
    assert recipient_lines(["Bộ Nội vụ", "+ UBND tỉnh.", "Lưu VT"], "VP") == ["- Bộ Nội vụ;", "- UBND tỉnh;",
                                                                            "- Lưu: VT, VP."]
    assert recipient_lines(["Bộ Nội vụ"]) == ["- Bộ Nội vụ;", "- Lưu: VT, [Cần bổ sung: đơn vị soạn thảo]."]
    assert recipient_lines(["- Sở Tư pháp;"], "VP") == ["- Sở Tư pháp;", "- Lưu: VT, VP."]
    assert with_ending("Tổ chức thực hiện.") == "Tổ chức thực hiện./."
    assert with_ending("Tổ chức thực hiện./.") == "Tổ chức thực hiện./."
    assert [letter(i) for i in range(1, 9)] == ["a", "b", "c", "d", "đ", "e", "g", "h"]


def _draft_with_appendix_table(path: Path) -> None:
    """A Word draft whose appendix table has a group row across the width and a cell merged down two rows."""
    document = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số: 07/KH-SNV", "Bình Dương, ngày 05 tháng 3 năm 2024",
                 "KẾ HOẠCH", "Cải cách hành chính năm 2024", "I. NHIỆM VỤ",
                 "Các nhiệm vụ tại Phụ lục kèm theo.", "Nơi nhận:", "- Lưu: VT, VP.", "GIÁM ĐỐC", "Nguyễn Văn An",
                 "PHỤ LỤC", "DANH MỤC NHIỆM VỤ", "(Kèm theo Kế hoạch số 7/KH-SNV ngày 5/3/2024 của Sở Nội vụ)"):
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for i, head in enumerate(("STT", "Nhiệm vụ", "Chủ trì", "Thời gian")):
        table.cell(0, i).text = head
    table.cell(1, 0).merge(table.cell(1, 3)).text = "I. Cải cách thể chế"
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 3).text = "1", "Rà soát văn bản", "Quý II/2024"
    table.cell(3, 0).text, table.cell(3, 1).text, table.cell(3, 3).text = "2", "Công khai TTHC", "Thường xuyên"
    table.cell(2, 2).merge(table.cell(3, 2)).text = "Văn phòng Sở"
    document.save(str(path))


def test_tables_keep_their_merges_and_repeat_the_header_row(tmp_path):
    source = tmp_path / "kh.docx"
    _draft_with_appendix_table(source)
    result = fix_draft(source, tmp_path / "out.docx")
    model = read_document(tmp_path / "out.docx")
    tables = [b for b in model.blocks if getattr(b, "kind", "") == "table" and b.n_cols == 4]
    assert len(tables) == 1
    grid = tables[0].grid()
    assert [c.text for c in grid[0]] == ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    assert grid[1][0] is grid[1][3] and grid[1][0].text == "I. Cải cách thể chế"  # across the width
    assert grid[2][2] is grid[3][2] and grid[2][2].text == "Văn phòng Sở"  # merged down
    section = model.section_of(tables[0].loc.block)
    assert section.orientation == "landscape" and section.page_width == 16838
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert "<w:tblHeader/>" in z.read("word/document.xml").decode()
    reference = [c for c in result.changes if c.kind == "reference"]
    assert reference and reference[0].after == \
        "(Kèm theo Kế hoạch số 07/KH-SNV ngày 05 tháng 3 năm 2024 của Sở Nội vụ)"


def test_appendices_numbered_in_roman_and_referenced_to_the_draft(tmp_path):
    appendix = "PHỤ LỤC\nDANH MỤC NHIỆM VỤ {n}\n(Kèm theo Thông báo số 3/TB-SNV ngày 1/3/2023 của Sở Nội vụ)\n" \
               "Nội dung phụ lục {n}.\n"
    text = MESSY + appendix.format(n=1) + appendix.format(n=2)
    source = tmp_path / "two.txt"
    source.write_text(text, encoding="utf-8")
    result = fix_draft(source, tmp_path / "two.docx")
    texts = _texts(tmp_path / "two.docx")
    assert "Phụ lục I" in texts and "Phụ lục II" in texts
    ref = "(Kèm theo Kế hoạch số 05/KH-SNV ngày 05 tháng 3 năm 2024 của Sở Nội vụ)"
    assert texts.count(ref) == 2  # the draft's own type, number and date
    assert {c.codes for c in result.changes if c.kind == "appendix-label"} == {("PL011",)}
    assert {"PL009", "PL011"} & {f.code for f in lint_path(tmp_path / "two.docx").findings} == set()
