"""``cchc-lint new KH|QD|TB --data FILE.yaml -o OUT.docx`` and ``cchc_lint.render``: drafts from structured data."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

import cchc_lint
from cchc_lint.cli import cli
from cchc_lint.findings import Severity
from tests.conftest import lint_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TYPES = ("KH", "QD", "TB")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def outline(path: Path) -> dict:
    """What a person sees, without zip or XML noise: (style, text) per paragraph, cell texts per table row,
    page size and orientation per section."""
    document = docx.Document(str(path))
    blocks: list = []
    for el in document.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = DocxParagraph(el, document._body)
            if para.text.strip():
                blocks.append((para.style.name, para.text))
        elif tag == "tbl":
            blocks.append([[cell.text for cell in row.cells] for row in DocxTable(el, document._body).rows])
    sections = [(s.page_width.mm.__round__(), s.page_height.mm.__round__(), str(s.orientation)) for s in
                document.sections]
    return {"sections": sections, "blocks": blocks}


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("new")
    paths = {}
    for doc_type in TYPES:
        path = out / f"{doc_type}.docx"
        result = run("new", doc_type, "--data", str(EXAMPLES / f"{doc_type.lower()}.yaml"), "-o", str(path))
        assert result.exit_code == 0, result.output
        paths[doc_type] = path
    return paths


@pytest.mark.parametrize("doc_type", TYPES)
def test_example_drafts_lint_without_error(drafts, doc_type):
    report = lint_path(drafts[doc_type])
    assert report.error is None and report.doc_type == doc_type
    problems = [(f.code, f.message) for f in report.findings if f.severity >= Severity.WARNING]
    assert problems == []


@pytest.mark.parametrize("doc_type", TYPES)
def test_rendered_outline_snapshot(drafts, doc_type, snapshot):
    assert outline(drafts[doc_type]) == snapshot


def test_qd_issues_the_plan_with_its_reference(drafts):
    texts = [b[1] for b in outline(drafts["QD"])["blocks"] if isinstance(b, tuple)]
    assert "QUYẾT ĐỊNH:" in texts and "KẾ HOẠCH" in texts
    assert "(Kèm theo Quyết định số 312/QĐ-SNV ngày 20 tháng 12 năm 2024 của Giám đốc Sở Nội vụ)" in texts
    assert texts[texts.index("QUYẾT ĐỊNH:") + 3].startswith("Điều 3.") and texts[texts.index("QUYẾT ĐỊNH:") + 3] \
        .endswith("./.")


def test_example_option_prints_the_documented_example():
    for doc_type in TYPES:
        result = run("new", doc_type, "--example")
        assert result.exit_code == 0
        assert result.output == (EXAMPLES / f"{doc_type.lower()}.yaml").read_text(encoding="utf-8")
        assert isinstance(yaml.safe_load(result.output), dict)
    assert run("new", "qđ", "--example").exit_code == 0


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d["header"].update(date="20/12/2024"), "trường 'header.date' phải là ngày dạng YYYY-MM-DD"),
    (lambda d: d["header"].update(date="2024-02-30"), "trường 'header.date' không phải ngày có thật"),
    (lambda d: d["header"].pop("agency"), "trường 'header.agency' là bắt buộc"),
    (lambda d: d["header"].update(symbol="QĐ-SNV"), "trường 'header.symbol' phải có dạng 'KH-"),
    (lambda d: d["header"].update(number="mười"), "trường 'header.number' phải là số văn bản"),
    (lambda d: d["sections"][0].update(title=""), "trường 'sections[0].title' là bắt buộc"),
    (lambda d: d["tasks"][0]["items"][0].pop("lead"), "trường 'tasks[0].items[0].lead' là bắt buộc"),
    (lambda d: d["signature"].pop("signer"), "trường 'signature.signer' là bắt buộc"),
    (lambda d: d.update(recipient=["x"]), "khoá không hợp lệ ở cấp cao nhất: recipient"),
    (lambda d: d.update(intro=[{"như sau": None}]), "trường 'intro[0]' phải là một chuỗi văn bản"),
])
def test_bad_data_names_the_field_and_exits_2(tmp_path, edit, message):
    data = yaml.safe_load((EXAMPLES / "kh.yaml").read_text(encoding="utf-8"))
    edit(data)
    source = tmp_path / "kh.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run("new", "KH", "--data", str(source), "-o", str(out))
    assert result.exit_code == 2
    assert f"{source}: {message}" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_usage_errors_exit_2(tmp_path):
    assert run("new", "KH", "--data", str(EXAMPLES / "kh.yaml")).exit_code == 2  # no -o
    broken = tmp_path / "broken.yaml"
    broken.write_text("header: [unclosed\n", encoding="utf-8")
    result = run("new", "KH", "--data", str(broken), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2 and "tệp YAML không hợp lệ" in result.output
    missing = run("new", "KH", "--data", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.docx"))
    assert missing.exit_code == 2 and "không tìm thấy tệp dữ liệu" in missing.output
    assert run("new", "BC", "--example").exit_code == 2


def test_render_api_and_formatting_rules(tmp_path):
    data = yaml.safe_load((EXAMPLES / "tb.yaml").read_text(encoding="utf-8"))
    data["header"].update(number=5, date="2025-02-07")
    data["recipients"] = ["- Các phòng, đơn vị thuộc Sở;", "+ Văn phòng Sở,"]
    out = cchc_lint.render("TB", data, tmp_path / "tb.docx")
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    cells = [c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells]
    assert "Số: 05/TB-SNV" in cells  # a number below 10 takes a zero
    assert "Bình Dương, ngày 07 tháng 02 năm 2025" in cells  # so do a day below 10 and months 1, 2
    joined = "\n".join(cells)
    assert "- Các phòng, đơn vị thuộc Sở;\n- Văn phòng Sở;\n- Lưu: VT, VP." in joined
    assert texts[-1].endswith("./.") or any(t.endswith("./.") for t in texts)


def test_blank_day_and_number_stay_blank(tmp_path):
    data = yaml.safe_load((EXAMPLES / "kh.yaml").read_text(encoding="utf-8"))
    data["header"].pop("number")
    data["header"]["date"] = "2024-03"
    out = cchc_lint.render("KH", data, tmp_path / "kh.docx")
    cells = [c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells]
    assert any(c.startswith("Số:") and c.endswith("/KH-SNV") and c[3:-7].strip() == "" for c in cells)
    assert any("ngày" in c and c.endswith("tháng 3 năm 2024") for c in cells)


def test_output_is_written_atomically_and_never_over_the_data(tmp_path):
    source = tmp_path / "kh.yaml"
    source.write_text((EXAMPLES / "kh.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "kh.docx"
    out.write_bytes(b"old")
    assert run("new", "KH", "--data", str(source), "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"PK")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kh.docx")]
