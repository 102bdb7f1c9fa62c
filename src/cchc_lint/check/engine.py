"""check: run the selected rules over one parsed draft and turn their hits into findings.

Order of work per file: parse → rules (each isolated: a rule that raises becomes a KT001 finding) →
suppressions written in the draft's own Word comments → plugins' post-processing → severity overrides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cchc_lint.check.context import Context
from cchc_lint.check.registry import all_rules, matches
from cchc_lint.check.rules import Hit, Rule
from cchc_lint.config import Config
from cchc_lint.findings import FileReport, Finding, Severity
from cchc_lint.model import Cell, DocModel, Location, Paragraph, Table
from cchc_lint.parse import parse_document
from cchc_lint.parse.tree import Line, TableRef
from cchc_lint.plugins_manager import get_manager

SUPPRESS_RE = re.compile(r"cchc-lint:\s*(ignore|ignore-file)\s*\[([^\]]*)\]\s*(.*)", re.IGNORECASE | re.DOTALL)


def selected_rules(config: Config, path: str, doc_type: str | None) -> list[Rule]:
    ignored = (*config.ignore, *config.ignored_for(path))
    out = []
    for code, rule in all_rules().items():
        if config.select and not matches(code, config.select):
            continue
        if matches(code, ignored) or not rule.applies_to(doc_type):
            continue
        out.append(rule)
    return out


def check_model(model: DocModel, config: Config | None = None) -> FileReport:
    config = config or Config()
    tree = parse_document(model, config.doc_type)
    context = Context(model=model, tree=tree, config=config)
    findings: list[Finding] = []
    for rule in selected_rules(config, model.path, tree.doc_type):
        context.rule_code = rule.code
        findings.extend(_run_rule(rule, context))
    context.rule_code = ""
    findings = apply_suppressions(context, findings, config)
    findings = _post_process(context, findings)
    findings = [f.with_severity(config.severity[f.code]) if f.code in config.severity else f for f in findings]
    findings.sort(key=Finding.sort_key)
    number = tree.number
    return FileReport(
        path=model.path,
        doc_type=tree.doc_type,
        date=tree.date.isoformat() if tree.date else None,
        number=number.canonical if number and not number.is_blank else (number.raw.strip() if number else None),
        findings=findings,
    )


def _run_rule(rule: Rule, context: Context) -> list[Finding]:
    try:
        return [to_finding(rule, hit, context) for hit in rule.check(context) or ()]
    except Exception as err:
        internal = all_rules().get("KT001")
        message = f"Quy tắc {rule.code} ({rule.name}) gặp lỗi nội bộ và đã bị bỏ qua: {err.__class__.__name__}: {err}"
        if internal is None:
            return []
        return [to_finding(internal, Hit(None, message), context)]


def to_finding(rule: Rule, hit: Hit, context: Context) -> Finding:
    loc, excerpt = resolve(hit.target)
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=hit.severity or rule.severity,
        message=hit.message,
        legal_basis=hit.legal_basis or rule.legal_basis,
        location=loc,
        excerpt=_short(excerpt),
        fix=hit.fix,
        path=context.path_of(loc) if loc.block is not None or loc.line is not None else "",
    )


def resolve(target: object) -> tuple[Location, str]:
    """The contract location and excerpt of whatever a rule pointed at."""
    if target is None:
        return Location(), ""
    if isinstance(target, Line):
        return target.loc, target.para.text if target.para is not None else target.text
    if isinstance(target, TableRef):
        target = target.table
    if isinstance(target, Paragraph):
        return target.loc, target.text
    if isinstance(target, Table):
        first = next(target.iter_paragraphs(), None)
        return target.loc, first.text if first else ""
    if isinstance(target, tuple) and len(target) == 3 and isinstance(target[0], Table):
        table, row, col = target
        cell = table.cell_at(row, col)
        loc = Location(block=table.loc.block, row=row, col=col)
        return loc, cell.text if isinstance(cell, Cell) else ""
    if isinstance(target, Location):
        return target, ""
    return Location(), ""


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- suppressions written in the draft ----------------------------------------------------------------------

def _suppressions(context: Context) -> list[tuple[tuple[str, ...], tuple[Location, ...] | None, object, str]]:
    """(codes, anchored locations or None for the whole file, the comment, the reason) per suppression."""
    out = []
    for comment in context.model.comments:
        m = SUPPRESS_RE.search(comment.text)
        if not m:
            continue
        codes = tuple(c.strip().upper() for c in m.group(2).split(",") if c.strip())
        scope = None if m.group(1).lower() == "ignore-file" else comment.locations
        out.append((codes, scope, comment, m.group(3).strip()))
    return out


def _covers(scope: tuple[Location, ...] | None, loc: Location) -> bool:
    if scope is None:
        return True
    return any(s.block == loc.block and (s.row is None or (s.row, s.col) == (loc.row, loc.col)) for s in scope)


def apply_suppressions(context: Context, findings: list[Finding], config: Config) -> list[Finding]:
    kept = list(findings)
    extra: list[Finding] = []
    for codes, scope, comment, reason in _suppressions(context):
        anchor = comment.locations[0] if comment.locations else Location()
        if not reason:
            extra.extend(_meta("KT002", anchor, context, config,
                               f"Chú thích tắt kiểm tra «{comment.text[:80]}» thiếu lý do; cần ghi lý do sau "
                               f"[{', '.join(codes)}] — chú thích này không có hiệu lực"))
            continue
        silenced = [f for f in kept if matches(f.code, codes) and _covers(scope, f.location)]
        if not silenced:
            extra.extend(_meta("KT003", anchor, context, config,
                               f"Chú thích tắt kiểm tra [{', '.join(codes)}] không tắt phát hiện nào; hãy xoá nó"))
        kept = [f for f in kept if f not in silenced]
    return kept + extra


def _meta(code: str, loc: Location, context: Context, config: Config, message: str) -> Iterable[Finding]:
    rule = all_rules().get(code)
    if rule is None or matches(code, config.ignore) or (config.select and not matches(code, config.select)):
        return []
    return [to_finding(rule, Hit(loc, message), context)]


def _post_process(context: Context, findings: list[Finding]) -> list[Finding]:
    result = get_manager().hook.cchc_lint_process_findings(context=context, findings=findings)
    return findings if result is None else list(result)


def worst_severity(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)
