"""Output formats (text, JSON, SARIF, HTML) and the annotated .docx for pre-signing review."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from docx.oxml.ns import qn

from cchc_lint.findings import FileReport, Finding, Fix, Report, Severity
from cchc_lint.model import Location
from cchc_lint.report import rule_docs
from cchc_lint.report.annotate import annotate_docx, grid_cell
from cchc_lint.report.formats import format_html, format_json, format_sarif, format_text, verdict
from tests.fixtures.seeds import build_clean_kh, build_seed

EXAMPLES = Path(__file__).parents[1] / "examples"

# SARIF 2.1.0, transcribed from the OASIS schema (sarif-schema-2.1.0.json, errata01) for every object cchc-lint
# emits: the same property names, required properties, enumerations and minimums, and — as in the official
# schema — ``additionalProperties: false`` on each object, so a misspelt or invented property fails here. (The
# official file is not on the package index, and third-party repository files stay out of this repository.)
def _obj(properties: dict, required: tuple[str, ...] = (), **extra) -> dict:
    return {"type": "object", "additionalProperties": False, "properties": {"properties": {"type": "object"},
                                                                             **properties},
            "required": list(required), **extra}


_MESSAGE = _obj({"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"},
                 "arguments": {"type": "array"}}, anyOf=[{"required": ["text"]}, {"required": ["id"]}])
_MULTIFORMAT = _obj({"text": {"type": "string"}, "markdown": {"type": "string"}}, ("text",))
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_ARTIFACT_LOCATION = _obj({"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"},
                           "index": {"type": "integer", "minimum": -1}, "description": _MESSAGE})
_REGION = _obj({"startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
                "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1},
                "snippet": _obj({"text": {"type": "string"}, "binary": {"type": "string"}}),
                "message": _MESSAGE})
_LOCATION = _obj({
    "id": {"type": "integer", "minimum": -1},
    "physicalLocation": _obj({"artifactLocation": _ARTIFACT_LOCATION, "region": _REGION},
                             anyOf=[{"required": ["address"]}, {"required": ["artifactLocation"]}]),
    "logicalLocations": {"type": "array", "items": _obj({
        "name": {"type": "string"}, "index": {"type": "integer", "minimum": -1},
        "fullyQualifiedName": {"type": "string"}, "decoratedName": {"type": "string"},
        "parentIndex": {"type": "integer", "minimum": -1}, "kind": {"type": "string"}})},
    "message": _MESSAGE,
})
_RESULT = _obj({"ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1}, "level": _LEVEL,
                "message": _MESSAGE, "locations": {"type": "array", "items": _LOCATION}}, ("message",))
_RULE = _obj({"id": {"type": "string"}, "name": {"type": "string"}, "shortDescription": _MULTIFORMAT,
              "fullDescription": _MULTIFORMAT, "help": _MULTIFORMAT, "helpUri": {"type": "string"},
              "defaultConfiguration": _obj({"enabled": {"type": "boolean"}, "level": _LEVEL,
                                            "rank": {"type": "number"}, "parameters": {"type": "object"}})}, ("id",))
_DRIVER = _obj({"name": {"type": "string"}, "version": {"type": "string"}, "semanticVersion": {"type": "string"},
                "informationUri": {"type": "string", "format": "uri"},
                "rules": {"type": "array", "items": _RULE}}, ("name",))
_NOTIFICATION = _obj({"level": _LEVEL, "message": _MESSAGE, "locations": {"type": "array", "items": _LOCATION}},
                     ("message",))
_RUN = _obj({
    "tool": _obj({"driver": _DRIVER}, ("driver",)),
    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
    "results": {"type": "array", "items": _RESULT},
    "invocations": {"type": "array", "items": _obj({
        "executionSuccessful": {"type": "boolean"},
        "toolExecutionNotifications": {"type": "array", "items": _NOTIFICATION}}, ("executionSuccessful",))},
}, ("tool",))
SARIF_SUBSET = _obj({"$schema": {"type": "string", "format": "uri"}, "version": {"enum": ["2.1.0"]},
                     "runs": {"type": "array", "items": _RUN}}, ("version", "runs"))


def _finding(code: str, severity: Severity, block: int | None, *, row: int | None = None, col: int | None = None,
             line: int | None = None, message: str = "Thiếu mục «TỔ CHỨC THỰC HIỆN».", fix: Fix | None = None):
    return Finding(code=code, name="vi-du", severity=severity, message=message, legal_basis="Nghị định 30/2020/NĐ-CP",
                   location=Location(block=block, row=row, col=col, line=line), excerpt="Căn cứ <Luật> & \"x\"",
                   fix=fix, path="II › 1")


def _report() -> Report:
    draft = FileReport(path="du thao.docx", doc_type="KH", date="2024-03-01", number="12/KH-UBND", findings=[
        _finding("BC001", Severity.ERROR, None),
        _finding("SN003", Severity.WARNING, 4, fix=Fix("thêm số 0", "5/3", "05/3")),
        _finding("PL004", Severity.INFO, 20, row=2, col=3, message="Cột «Thời gian» trống."),
    ])
    text = FileReport(path="nhap.txt", doc_type="TB", findings=[_finding("CT001", Severity.WARNING, None, line=9)])
    broken = FileReport(path="hong.docx", error="hong.docx: không phải tệp .docx hợp lệ")
    return Report(files=[draft, text, broken])


# --- text ------------------------------------------------------------------------------------------------------

def test_text_lines_name_file_location_code_and_severity():
    out = format_text(_report())
    assert "du thao.docx:toàn văn bản: BC001 lỗi Thiếu mục «TỔ CHỨC THỰC HIỆN»." in out
    assert "du thao.docx:khối 20, hàng 2, cột 3: PL004 thông tin Cột «Thời gian» trống." in out
    assert "nhap.txt:dòng 9: CT001 cảnh báo" in out
    assert "    ở: II › 1" in out and "    sửa: «5/3» → «05/3» (thêm số 0)" in out
    assert "du thao.docx: Chưa đủ điều kiện trình ký: 1 lỗi chặn" in out
    assert "hong.docx: không đọc được: hong.docx: không phải tệp .docx hợp lệ" in out
    assert out.splitlines()[-1] == "3 tệp: 1 lỗi, 2 cảnh báo, 1 thông tin; 1 tệp không đọc được"
    assert "\x1b[" not in out


def test_text_colours_only_when_asked():
    assert "\x1b[31m" in format_text(_report(), color=True)


def test_text_excerpt_is_shortened_to_one_line():
    long = FileReport(path="a.docx", findings=[_finding("CT001", Severity.INFO, 1)])
    object.__setattr__(long.findings[0], "excerpt", "chữ  \n" * 200)
    excerpt = next(line for line in format_text(Report([long])).splitlines() if line.startswith("    |"))
    assert len(excerpt) < 200 and excerpt.endswith("…")


# --- JSON ------------------------------------------------------------------------------------------------------

def test_json_is_the_version_1_contract():
    payload = json.loads(format_json(_report()))
    assert payload["version"] == 1 and payload["summary"] == {"files": 3, "errors": 1, "warnings": 2, "infos": 1}
    cell = payload["files"][0]["findings"][2]
    assert cell["location"] == {"block": 20, "row": 2, "col": 3, "line": None}
    assert payload["files"][0]["findings"][1]["fix"] == {"description": "thêm số 0", "old": "5/3", "new": "05/3"}
    assert payload["files"][2]["error"] and payload["files"][2]["findings"] == []


# --- SARIF -----------------------------------------------------------------------------------------------------

def test_sarif_is_valid_and_maps_levels_and_locations():
    log = json.loads(format_sarif(_report(), rules=rule_docs()))
    jsonschema.validate(log, SARIF_SUBSET)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "warning"]
    for result in results:  # ruleIndex points at the rule with the same id
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "du%20thao.docx"
    assert results[2]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "block[20]/row[2]/col[3]"
    assert results[3]["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    assert run["invocations"][0]["executionSuccessful"] is False
    registered = {r["id"]: r for r in rules}
    assert "BC001" in registered and registered["BC001"]["help"]["text"]


def test_sarif_of_a_real_draft_validates(tmp_path):
    from tests.conftest import lint_path

    report = Report([lint_path(EXAMPLES / "kh_1355_2020.docx")])
    log = json.loads(format_sarif(report, rules=rule_docs()))
    jsonschema.validate(log, SARIF_SUBSET)
    assert len(log["runs"][0]["results"]) == len(report.findings) > 0


# --- HTML ------------------------------------------------------------------------------------------------------

def test_html_gives_a_verdict_per_draft_and_groups_by_family():
    page = format_html(_report())
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "Chưa đủ điều kiện trình ký: 1 lỗi chặn" in page
    assert "Không đọc được tệp" in page
    assert "BC — Bố cục" in page and "PL — Phụ lục" in page and "SN — Số, ký hiệu và ngày tháng" in page
    assert page.index("BC — Bố cục") < page.index("PL — Phụ lục")  # families in a fixed order
    assert "Căn cứ &lt;Luật&gt; &amp; &quot;x&quot;" in page  # escaped
    assert "@page { size: A4" in page


def test_verdict_is_ready_when_only_warnings_remain():
    ready, text = verdict(FileReport(path="a.docx", findings=[_finding("SN003", Severity.WARNING, 2)]))
    assert ready and text == "Đủ điều kiện trình ký (còn 1 cảnh báo nên xem lại)"
    assert verdict(FileReport(path="a.docx")) == (True, "Đủ điều kiện trình ký")


# --- snapshots of real reports ---------------------------------------------------------------------------------

FORMATS = {"text": format_text, "json": format_json, "sarif": format_sarif, "html": format_html}


@pytest.mark.parametrize("example", ["tb_2021_draft.docx", "kh_1355_2020.docx"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_report_snapshots(example, fmt, snapshot):
    from tests.conftest import lint_bytes

    draft = lint_bytes((EXAMPLES / example).read_bytes(), example)
    assert FORMATS[fmt](Report([draft]), rules={}) == snapshot


def test_html_parses_and_holds_every_finding():
    from html.parser import HTMLParser

    from tests.conftest import lint_path

    report = Report([lint_path(EXAMPLES / "kh_1355_2020.docx")])
    cells: list[str] = []

    class Cells(HTMLParser):
        def handle_data(self, data: str) -> None:
            cells.append(data)

    Cells().feed(format_html(report))
    text = "".join(cells)
    assert report.findings
    for finding in report.findings:
        assert finding.code in text and finding.message in text


def test_sarif_validator_refuses_invented_properties():
    log = json.loads(format_sarif(_report(), rules=rule_docs()))
    log["runs"][0]["results"][0]["severity"] = "error"  # not a SARIF property (it is "level")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, SARIF_SUBSET)


# --- annotated docx --------------------------------------------------------------------------------------------

def _comments(path: Path) -> list:
    return list(docx.Document(str(path)).comments)


def _anchored_text(path: Path) -> dict[str, str]:
    """comment id → text of the paragraph holding its commentRangeStart."""
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = {}
    for start in root.iterfind(".//w:commentRangeStart", ns):
        para = start.getparent()
        out[start.get(f"{{{ns['w']}}}id")] = "".join(para.itertext())
    return out


def test_annotated_copy_has_a_comment_at_each_finding(tmp_path):
    from tests.conftest import lint_path

    source = build_seed("kh_1355_2020", tmp_path / "kh.docx")
    before = source.read_bytes()
    report = lint_path(source)
    out = annotate_docx(before, report.findings, tmp_path / "kh.annotated.docx")
    assert source.read_bytes() == before  # the draft itself is untouched
    comments = _comments(out)
    mine = [c for c in comments if c.author == "cchc-lint"]
    assert len(mine) == len(report.findings) > 0
    assert {c.text.split()[0] for c in mine} == {f.code for f in report.findings}
    anchored = _anchored_text(out)
    for comment, finding in zip(mine, report.findings, strict=True):
        if finding.location.block is not None and finding.excerpt.strip():
            assert " ".join(anchored[str(comment.comment_id)].split())[:20] in " ".join(finding.excerpt.split()), (
                finding.code, finding.excerpt)


def test_annotation_in_a_table_cell_lands_in_that_cell(tmp_path):
    source = build_clean_kh(tmp_path / "kh.docx")
    document = docx.Document(str(source))
    body = [el for el in document.element.body if el.tag.rsplit("}", 1)[-1] in ("p", "tbl", "sdt")]
    block = max(i for i, el in enumerate(body) if el.tag.endswith("}tbl"))  # the appendix task table
    cell = grid_cell(body[block], 2, 1)
    assert cell is not None
    finding = _finding("PL004", Severity.WARNING, block, row=2, col=1, message="Cột «Sản phẩm» trống.")
    out = annotate_docx(source.read_bytes(), [finding], tmp_path / "out.docx")
    [text] = _anchored_text(out).values()
    expected = "".join(t.text for t in cell.iter(qn("w:t")))
    assert text and text in expected


def test_grid_cell_follows_spans_and_vertical_merges(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "nhóm"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "gộp dọc"
    table.cell(2, 2).text = "cuối"
    tbl = table._tbl

    def text(tc) -> str:
        return "".join(t.text for t in tc.iter(qn("w:t")))

    assert text(grid_cell(tbl, 0, 2)) == "nhóm"
    assert text(grid_cell(tbl, 2, 0)) == "gộp dọc"
    assert text(grid_cell(tbl, 2, 2)) == "cuối"
    assert grid_cell(tbl, 5, 0) is None


def test_annotated_copy_opens_in_libreoffice(tmp_path, soffice):
    source = EXAMPLES / "qd_5409_2019.docx"
    from tests.conftest import lint_path

    out = annotate_docx(source.read_bytes(), lint_path(source).findings, tmp_path / "qd.annotated.docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "qd.annotated.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
