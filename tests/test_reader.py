"""Reader: numbering labels, effective formatting, tables, sections, tracked changes, comments, other inputs."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from cchc_lint.model import ContentControl, Table
from cchc_lint.read import ReadError, read_bytes, read_document

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/></Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
<Relationship Id="rH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
</Relationships>"""
STYLES = f"""<w:styles {W_NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>
<w:sz w:val="28"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="CCHC Body"/><w:basedOn w:val="Normal"/>
<w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="CCHC Heading 1"/><w:basedOn w:val="Body"/>
<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Em"><w:name w:val="Emph"/><w:rPr><w:i/></w:rPr></w:style>
</w:styles>"""
NUMBERING = f"""<w:numbering {W_NS}>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""
COMMENTS = f"""<w:comments {W_NS}><w:comment w:id="7" w:author="Pháp chế"><w:p><w:r><w:t>Xem lại</w:t></w:r></w:p>
</w:comment></w:comments>"""
HEADER = f"""<w:hdr {W_NS}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE ">
<w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:hdr>"""


def para(text: str, *, style: str | None = None, num: tuple[int, int] | None = None, rpr: str = "") -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def make_docx(body: str, *, sect: str = "", extra: dict[str, str] | None = None) -> bytes:
    sect = sect or ('<w:sectPr><w:headerReference w:type="default" r:id="rH" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
                    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" w:left="1701" '
                    'w:right="851"/><w:titlePg/></w:sectPr>')
    document = f'<w:document {W_NS}><w:body>{body}{sect}</w:body></w:document>'
    parts = {"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/_rels/document.xml.rels": DOC_RELS,
             "word/document.xml": document, "word/styles.xml": STYLES, "word/numbering.xml": NUMBERING,
             "word/comments.xml": COMMENTS, "word/header1.xml": HEADER, **(extra or {})}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buffer.getvalue()


def test_automatic_numbering_labels_and_restarts():
    body = "".join([
        para("MỤC ĐÍCH", num=(1, 0)), para("Mục đích", num=(1, 1)), para("Yêu cầu", num=(1, 1)),
        para("Chung", num=(1, 2)), para("Riêng", num=(1, 2)),
        para("NHIỆM VỤ", num=(1, 0)), para("Thể chế", num=(1, 1)), para("Chi tiết", num=(1, 3)),
        para("Nối tiếp, bắt đầu lại", num=(2, 1)), para("gạch đầu dòng", num=(3, 0)),
    ])
    model = read_bytes(make_docx(body), "t.docx")
    labels = [p.numbering.label if p.numbering else None for p in model.iter_paragraphs()]
    assert labels == ["I.", "1.", "2.", "a)", "b)", "II.", "1.", "1.1.", "1.", "-"]
    first = model.blocks[0]
    assert first.text == "MỤC ĐÍCH" and first.display_text == "I. MỤC ĐÍCH"  # label kept apart from the text


def test_numbering_from_paragraph_style():
    model = read_bytes(make_docx(para("MỤC TIÊU", style="H1") + para("TỔ CHỨC", style="H1")), "t.docx")
    assert [p.label for p in model.iter_paragraphs()] == ["I.", "II."]


def test_effective_formatting_from_styles_and_doc_defaults():
    body = para("Nội dung", style="Body") + para("Tiêu đề", style="H1") + para("nghiêng", rpr='<w:rStyle w:val="Em"/>')
    model = read_bytes(make_docx(body), "t.docx")
    body_p, heading, emph = model.blocks
    run = body_p.runs[0].fmt
    assert (run.font, run.size, run.bold) == ("Times New Roman", 14.0, False)  # docDefaults
    assert body_p.fmt.alignment == "both" and body_p.fmt.indent_first_line == 720 and body_p.fmt.space_after == 6
    assert heading.runs[0].fmt.bold and heading.runs[0].fmt.size == 13.0  # style over basedOn over defaults
    assert heading.fmt.alignment == "both"  # inherited through basedOn
    assert emph.runs[0].fmt.italic  # character style


def test_tables_merged_cells_and_nested_tables():
    tbl = """<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>
    <w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
    <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>I. CẢI CÁCH THỂ CHẾ</w:t></w:r></w:p></w:tc></w:tr>
    <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>
      <w:tc><w:p><w:r><w:t>Rà soát</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Quý II/2024</w:t></w:r></w:p></w:tc></w:tr>
    <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>
      <w:tr><w:tc><w:p><w:r><w:t>lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>
      <w:tc><w:p><w:r><w:t>Sở Tư pháp</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"""
    model = read_bytes(make_docx(para("trước") + tbl), "t.docx")
    table = model.blocks[1]
    assert isinstance(table, Table) and table.loc.block == 1 and table.n_cols == 3 and not table.borderless
    assert table.rows[0][0].span == 3 and table.rows[1][0].rowspan == 2
    assert table.cell_at(2, 0).text == "1"  # the vertical merge resolves to the cell that starts it
    assert "lồng" in table.cell_at(2, 1).text
    para_in_cell = table.rows[1][1].paragraphs[0]
    assert (para_in_cell.loc.block, para_in_cell.loc.row, para_in_cell.loc.col) == (1, 1, 1)


def test_tracked_changes_comments_fields_and_content_controls():
    body = (
        '<w:p><w:commentRangeStart w:id="7"/><w:r><w:t xml:space="preserve">Giữ </w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t>mới</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>cũ</w:delText></w:r></w:del>'
        '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:sdt><w:sdtPr><w:tag w:val="so"/></w:sdtPr><w:sdtContent>' + para("Số: 15/KH-UBND") + '</w:sdtContent></w:sdt>'
        + para("cuối")
    )
    model = read_bytes(make_docx(body), "t.docx")
    changed, field, control, last = model.blocks
    assert changed.text == "Giữ mới" and changed.has_changes and model.has_tracked_changes
    assert field.text == "Trang 3" and not field.has_changes
    assert isinstance(control, ContentControl) and control.blocks[0].text == "Số: 15/KH-UBND" and last.loc.block == 3
    comment = model.comments[0]
    assert comment.author == "Pháp chế" and [loc.block for loc in comment.locations] == [0]


def test_sections_page_numbers_and_landscape_appendix():
    landscape = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" '
                 'w:left="1701" w:right="851"/></w:sectPr></w:pPr><w:r><w:t>hết thân</w:t></w:r></w:p>')
    sect = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
    model = read_bytes(make_docx(para("a") + landscape + para("PHỤ LỤC"), sect=sect), "t.docx")
    body, appendix = model.sections
    assert (body.first_block, body.last_block, body.orientation, body.margin_left) == (0, 1, "portrait", 1701)
    assert (appendix.first_block, appendix.orientation) == (2, "landscape")
    assert model.blocks[2].section == 1
    default = read_bytes(make_docx(para("a")), "t.docx").sections[0]
    assert default.header_page_number and default.header_page_number_alignment == "center" and default.title_page


def test_text_is_nfc_and_raw_kept():
    decomposed = "Hòa".replace("ò", "o\u0300")
    model = read_bytes(make_docx(para(decomposed)), "t.docx")
    assert model.blocks[0].text == "Hòa" and model.blocks[0].raw_text == decomposed


def test_text_input_lines():
    model = read_bytes("KẾ HOẠCH\n\n## I. MỤC TIÊU\n".encode(), "a.md")
    assert [(p.loc.line, p.text) for p in model.blocks] == [(1, "KẾ HOẠCH"), (2, ""), (3, "I. MỤC TIÊU")]


@pytest.mark.parametrize(("data", "needle"), [
    (b"not a zip at all", "không phải tệp .docx"),
    (b"PK\x03\x04broken", "không phải tệp .docx"),
    (b"", "rỗng"),
])
def test_unreadable_inputs_are_one_line_errors(data, needle):
    with pytest.raises(ReadError) as err:
        read_bytes(data, "x.docx")
    assert needle in str(err.value) and "\n" not in str(err.value) and "x.docx" in str(err.value)


def test_missing_file_and_missing_document_part(tmp_path):
    with pytest.raises(ReadError, match="không tìm thấy"):
        read_document(tmp_path / "none.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "x")
    with pytest.raises(ReadError, match=r"word/document\.xml"):
        read_bytes(buffer.getvalue(), "x.docx")


@pytest.mark.slow
def test_libreoffice_roundtrip_reads_same_text_and_labels(tmp_path, soffice):
    body = "".join([para("MỤC ĐÍCH", num=(1, 0)), para("Mục đích", num=(1, 1)), para("NHIỆM VỤ", num=(1, 0)),
                    para("Thể chế", num=(1, 1)), para("Chi tiết", num=(1, 2))])
    source = tmp_path / "word.docx"
    source.write_bytes(make_docx(body))
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--convert-to",
                    "odt", "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    converted = read_document(out / "word.odt")  # back to .docx through LibreOffice: a different producer
    original = read_document(source)

    def seen(model):
        return [(p.text, p.label) for p in model.iter_paragraphs() if p.text]

    assert seen(converted) == seen(original)
    assert converted.converted_from == ".odt"


def test_doc_without_libreoffice_is_a_clear_error(monkeypatch):
    import cchc_lint.read.convert as convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    with pytest.raises(ReadError, match="LibreOffice"):
        read_bytes(b"{\\rtf1 hello}", "x.rtf")


def test_reader_handles_reference_files_from_government():
    folder = Path(__file__).parent / "data" / "nd30"  # the decree's own Word files, as published
    model = read_document(folder / "Phuluc3.docx")
    texts = " ".join(p.text for p in model.iter_paragraphs())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts and model.sections


@pytest.mark.slow
def test_reader_converts_the_decree_doc_original_through_libreoffice(soffice):
    folder = Path(__file__).parent / "data" / "nd30"
    converted = read_document(folder / "Phuluc3.doc")
    assert converted.converted_from == ".doc"
    texts = " ".join(p.text for p in converted.iter_paragraphs())
    assert "Mẫu 1.4" in texts and "KẾ HOẠCH" in texts.upper()


@pytest.mark.parametrize("name", ["kh_1355_2020", "tb_2021_draft"])
def test_dump_snapshot(name, tmp_path, snapshot):
    from cchc_lint.dump import dump_blocks
    from tests.fixtures.seeds import build_seed

    path = build_seed(name, tmp_path / f"{name}.docx", numbering="auto", review=name == "tb_2021_draft")
    lines = dump_blocks(read_document(path)).splitlines()
    assert "\n".join(lines[1:]) == snapshot  # the first line names the temporary path


@pytest.mark.slow
def test_seed_converted_by_libreoffice_reads_to_the_same_text_and_labels(tmp_path, soffice):
    """LibreOffice writes its own package (styles, numbering, no w:rsid …): a second producer for the reader."""
    from tests.fixtures.seeds import build_seed

    source = build_seed("kh_1355_2020", tmp_path / "word.docx", numbering="auto")
    out = tmp_path / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)

    def seen(model):
        return [(" ".join(p.text.split()), p.label) for p in model.iter_paragraphs() if p.text.strip()]

    original, converted = seen(read_document(source)), seen(read_document(out / "word.docx"))
    assert converted == original
    assert any(label == "III." for _, label in converted)


def test_symbol_font_bullets_read_as_the_character_shown():
    from cchc_lint.read.numbering import symbol_font_text

    assert symbol_font_text("\uf02b") == "+" and symbol_font_text("\uf02d") == "-" and symbol_font_text("a)") == "a)"


WRAPPED = """KẾ HOẠCH
Cải cách hành chính năm 2024
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7
năm 2021 của Chính phủ ban hành Chương trình tổng thể
cải cách hành chính nhà nước giai đoạn 2021 - 2030;
I. MỤC ĐÍCH
a) Bám sát các nhiệm vụ
của Chương trình tổng thể.
b) Phân công rõ ràng
trách nhiệm.
- Rà soát văn bản
quy phạm pháp luật.
"""


def test_text_wrapped_at_a_fixed_width_is_joined_into_paragraphs():
    model = read_bytes(WRAPPED.encode(), "wrapped.txt")
    lines = [(p.loc.line, p.text) for p in model.iter_paragraphs()]
    assert lines[2] == (3, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương "
                           "trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;")
    assert [text for _, text in lines[3:]] == ["I. MỤC ĐÍCH", "a) Bám sát các nhiệm vụ của Chương trình tổng thể.",
                                               "b) Phân công rõ ràng trách nhiệm.",
                                               "- Rà soát văn bản quy phạm pháp luật."]


def test_text_with_one_paragraph_per_line_is_kept_line_by_line():
    text = "KẾ HOẠCH\nCải cách hành chính\nI. MỤC ĐÍCH\na) Bám sát\nb) rõ ràng\n"
    model = read_bytes(text.encode(), "plain.txt")
    assert [p.loc.line for p in model.iter_paragraphs()] == [1, 2, 3, 4, 5]


def test_seed_text_copied_from_the_web_parses():
    from cchc_lint.parse import parse_document

    seed = Path(__file__).parent / "data" / "seed_001_wrapped.txt"
    tree = parse_document(read_document(seed))
    assert tree.doc_type == "QD" and tree.number.canonical == "1191/QĐ-UBND"
    assert tree.date.isoformat() == "2021-04-07" and len(tree.preamble) == 3
    assert [a.number for a in tree.articles] == [1, 2, 3, 4] and tree.attachments
