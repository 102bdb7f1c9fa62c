"""The built-in output formats: text for the drafting officer, JSON (contract v1) and SARIF 2.1.0 for host tools,
HTML for the legal unit's pre-signing review.

Every formatter has the same shape, ``formatter(report, *, rules, color) -> str``, so a third-party formatter
registered through ``cchc_lint_formatters`` is called exactly like these.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from html import escape
from typing import Any

from cchc_lint.findings import FileReport, Finding, Report, Severity

FAMILIES: dict[str, str] = {
    "RD": "Đọc tệp",
    "KT": "Kỹ thuật tệp Word",
    "TT": "Thể thức trình bày",
    "BC": "Bố cục",
    "CC": "Căn cứ pháp lý",
    "HB": "Hạn báo cáo, thời hạn",
    "PL": "Phụ lục",
    "SN": "Số, ký hiệu và ngày tháng",
    "CT": "Chính tả",
}
SEVERITY_VI = {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "thông tin"}
_ANSI = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
EXCERPT_WIDTH = 160

Rules = Mapping[str, Mapping[str, Any]]


# --- shared helpers --------------------------------------------------------------------------------------------

def where(finding: Finding) -> str:
    """Human location: ``khối 17``, ``khối 4, hàng 2, cột 3`` (0-based like the JSON), ``dòng 9``, ``toàn văn bản``."""
    loc = finding.location
    if loc.line is not None:
        return f"dòng {loc.line}"
    if loc.block is None:
        return "toàn văn bản"
    cell = f", hàng {loc.row}, cột {loc.col}" if loc.row is not None else ""
    return f"khối {loc.block}{cell}"


def _short(text: str, width: int = EXCERPT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _counts(findings: list[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def verdict(file: FileReport) -> tuple[bool, str]:
    """The pre-signing verdict: a draft with any error-level finding (or unreadable) is not ready to sign."""
    if file.error:
        return False, "Không đọc được tệp — chưa thể xét trình ký"
    blocking = file.count(Severity.ERROR)
    if blocking:
        return False, f"Chưa đủ điều kiện trình ký: {blocking} lỗi chặn"
    warnings = file.count(Severity.WARNING)
    tail = f" (còn {warnings} cảnh báo nên xem lại)" if warnings else ""
    return True, "Đủ điều kiện trình ký" + tail


def _summary_line(report: Report) -> str:
    s = report.summary()
    return (f"{s['files']} tệp: {s['errors']} lỗi, {s['warnings']} cảnh báo, {s['infos']} thông tin"
            + (f"; {len(report.errors)} tệp không đọc được" if report.errors else ""))


# --- text ------------------------------------------------------------------------------------------------------

def format_text(report: Report, *, rules: Rules | None = None, color: bool = False) -> str:
    """``path:where: CODE severity message`` then the excerpt, the structural path, the fix and the basis."""
    paint = (lambda code, text: f"{code}{text}{_RESET}") if color else (lambda _code, text: text)
    lines: list[str] = []
    for file in report.files:
        if file.error:
            lines.append(f"{file.path}: {paint(_ANSI[Severity.ERROR], 'không đọc được')}: {file.error}")
            continue
        for finding in file.findings:
            level = paint(_ANSI[finding.severity], SEVERITY_VI[finding.severity])
            lines.append(f"{file.path}:{where(finding)}: {paint(_BOLD, finding.code)} {level} {finding.message}")
            if finding.excerpt:
                lines.append(paint(_DIM, f"    | {_short(finding.excerpt)}"))
            if finding.path:
                lines.append(f"    ở: {finding.path}")
            if finding.fix:
                lines.append(f"    sửa: «{finding.fix.old}» → «{finding.fix.new}» ({finding.fix.description})")
            if finding.legal_basis:
                lines.append(paint(_DIM, f"    căn cứ: {finding.legal_basis}"))
        if len(report.files) > 1 or file.findings:
            lines.append(f"{file.path}: {verdict(file)[1]}")
    lines.append(_summary_line(report))
    return "\n".join(lines)


# --- JSON ------------------------------------------------------------------------------------------------------

def format_json(report: Report, *, rules: Rules | None = None, color: bool = False) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


# --- SARIF 2.1.0 -----------------------------------------------------------------------------------------------

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_sarif(report: Report, *, rules: Rules | None = None, color: bool = False) -> str:
    from cchc_lint import __version__

    rules = rules or {}
    used = sorted({f.code for f in report.findings} | set(rules))
    index = {code: i for i, code in enumerate(used)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "cchc-lint", "version": __version__, "semanticVersion": __version__,
            "informationUri": "https://github.com/cchc-lint/cchc-lint",
            "rules": [_sarif_rule(code, rules.get(code), report) for code in used],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_sarif_result(file, f, index) for file in report.files for f in file.findings],
        "invocations": [{
            "executionSuccessful": not report.errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": file.error},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(file.path)}}}]}
                for file in report.errors
            ],
        }],
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _sarif_rule(code: str, doc: Mapping[str, Any] | None, report: Report) -> dict[str, Any]:
    if doc is None:  # a finding whose rule is not in the registry (a post-processing plugin's own code)
        sample = next(f for f in report.findings if f.code == code)
        doc = {"name": sample.name, "severity": sample.severity.label, "legal_basis": sample.legal_basis}
    help_text = "\n".join(part for part in (
        doc.get("what"), doc.get("why") and f"Vì sao: {doc['why']}", doc.get("wrong") and f"Sai: {doc['wrong']}",
        doc.get("right") and f"Đúng: {doc['right']}", doc.get("legal_basis") and f"Căn cứ: {doc['legal_basis']}",
    ) if part)
    entry: dict[str, Any] = {
        "id": code,
        "name": doc.get("name") or code,
        "shortDescription": {"text": doc.get("what") or doc.get("name") or code},
        "defaultConfiguration": {"level": _SARIF_LEVEL[Severity.parse(doc.get("severity", "warning"))]},
        "properties": {"legalBasis": doc.get("legal_basis", ""), "family": FAMILIES.get(code[:2], code[:2]),
                       "fixSafety": doc.get("fix_safety", "none")},
    }
    if help_text:
        entry["help"] = {"text": help_text}
    return entry


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:-._~")


def _sarif_result(file: FileReport, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file.path)}}
    if loc.line is not None:
        physical["region"] = {"startLine": loc.line, "snippet": {"text": finding.excerpt}}
    elif finding.excerpt:
        # A .docx has no lines; the block index travels as a logical location, the text as a snippet.
        physical["region"] = {"snippet": {"text": finding.excerpt}}
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.block is not None:
        name = f"block[{loc.block}]" + (f"/row[{loc.row}]/col[{loc.col}]" if loc.row is not None else "")
        location["logicalLocations"] = [{"fullyQualifiedName": name, "kind": "element"}]
    if finding.path:
        location["message"] = {"text": finding.path}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "properties": {"legalBasis": finding.legal_basis, "location": loc.to_dict()},
    }
    if finding.fix:
        result["properties"]["fix"] = finding.fix.to_dict()
    return result


# --- HTML ------------------------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: "Times New Roman", serif; font-size: 13pt; color: #111; max-width: 60em; margin: 2em auto; }
h1 { font-size: 16pt; text-transform: uppercase; text-align: center; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.6em; }
h3 { font-size: 13pt; margin-bottom: .3em; }
.verdict { padding: .6em 1em; border: 2px solid; font-weight: bold; margin: .8em 0; }
.ok { border-color: #1b7f3b; color: #1b7f3b; } .blocked { border-color: #b00020; color: #b00020; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #999; padding: .25em .45em; vertical-align: top; text-align: left; }
th { background: #eee; } .error { color: #b00020; } .warning { color: #8a5a00; } .info { color: #155e75; }
.excerpt { font-style: italic; color: #444; } .basis { font-size: 11pt; color: #555; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def format_html(report: Report, *, rules: Rules | None = None, color: bool = False) -> str:
    """A self-contained page (no scripts, no external assets) that prints on A4: one verdict per draft, the
    findings grouped by rule family."""
    parts = ["<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
             "<title>Báo cáo kiểm tra dự thảo — cchc-lint</title>", f"<style>{_CSS}</style></head><body>",
             "<h1>Báo cáo kiểm tra dự thảo văn bản</h1>", f"<p>{escape(_summary_line(report))}</p>"]
    for file in report.files:
        parts.extend(_html_file(file))
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_file(file: FileReport) -> list[str]:
    ready, text = verdict(file)
    meta = ", ".join(part for part in (
        file.doc_type and f"loại: {file.doc_type}", file.number and f"số: {file.number}",
        file.date and f"ngày: {file.date}") if part)
    out = [f"<h2>{escape(file.path)}</h2>", f"<p>{escape(meta)}</p>" if meta else "",
           f'<div class="verdict {"ok" if ready else "blocked"}">{escape(text)}</div>']
    if file.error:
        out.append(f"<p>{escape(file.error)}</p>")
        return out
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in file.findings:
        groups[finding.family].append(finding)
    order = [*FAMILIES, *sorted(set(groups) - set(FAMILIES))]
    for family in (f for f in order if f in groups):
        found = groups[family]
        counts = _counts(found)
        tally = ", ".join(f"{n} {SEVERITY_VI[s]}" for s, n in sorted(counts.items(), reverse=True) if n)
        out.append(f"<h3>{escape(family)} — {escape(FAMILIES.get(family, 'Quy tắc bổ sung'))} ({tally})</h3>")
        out.append("<table><thead><tr><th>Mã</th><th>Mức</th><th>Vị trí</th><th>Nội dung</th></tr></thead><tbody>")
        out.extend(_html_row(f) for f in found)
        out.append("</tbody></table>")
    return out


def _html_row(finding: Finding) -> str:
    details = [escape(finding.message)]
    if finding.excerpt:
        details.append(f'<div class="excerpt">«{escape(_short(finding.excerpt, 300))}»</div>')
    if finding.fix:
        details.append(f"<div>Sửa: «{escape(finding.fix.old)}» → «{escape(finding.fix.new)}»</div>")
    if finding.legal_basis:
        details.append(f'<div class="basis">Căn cứ: {escape(finding.legal_basis)}</div>')
    place = escape(where(finding)) + (f"<br>{escape(finding.path)}" if finding.path else "")
    level = finding.severity.label
    return (f'<tr><td>{escape(finding.code)}</td><td class="{level}">{SEVERITY_VI[finding.severity]}</td>'
            f"<td>{place}</td><td>{''.join(details)}</td></tr>")


FORMATTERS = {"text": format_text, "json": format_json, "sarif": format_sarif, "html": format_html}
