"""Rules: small functions over a checked document, with the metadata that ``cchc-lint rule CODE`` prints.

A rule yields ``Hit``s (where and what); the engine turns them into ``Finding``s with the rule's code,
name, severity and legal basis, the excerpt and the structural path. That keeps each rule a few lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cchc_lint.findings import Fix, Severity

CODE_RE = re.compile(r"^[A-Z]{2}\d{3}$")
FIX_SAFETY = ("safe", "unsafe", "none")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found: ``target`` is a Line, TableRef, Paragraph, Table, Location, (Table, row, col) or None."""

    target: Any
    message: str
    fix: Fix | None = None
    severity: Severity | None = None  # overrides the rule's default for this hit (e.g. low-confidence data)
    legal_basis: str | None = None  # overrides the rule's basis (e.g. the registry entry's source)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    legal_basis: str
    check: Callable[[Any], Iterable[Hit]] = field(repr=False)
    doc_types: tuple[str, ...] = ("KH", "QD", "TB", None)  # None: documents of another or unknown type
    what: str = ""
    why: str = ""
    wrong: str = ""
    right: str = ""
    fix_safety: str = "none"
    options: dict[str, Any] = field(default_factory=dict)  # per-rule options with defaults
    plugin: str = ""

    def applies_to(self, doc_type: str | None) -> bool:
        return doc_type in self.doc_types

    def doc(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "severity": self.severity.label,
            "doc_types": [d or "khác" for d in self.doc_types], "legal_basis": self.legal_basis,
            "what": self.what, "why": self.why, "wrong": self.wrong, "right": self.right,
            "fix_safety": self.fix_safety, "plugin": self.plugin,
        }


def rule(code: str, name: str, severity: str, legal_basis: str, *, doc_types: Iterable[str | None] | None = None,
         what: str = "", why: str = "", wrong: str = "", right: str = "", fix_safety: str = "none",
         options: dict[str, Any] | None = None) -> Callable[[Callable[[Any], Iterable[Hit]]], Rule]:
    """Declare a rule: ``@rule("BC001", "thieu-muc-bat-buoc", "error", "Nghị định …", what=…)``."""
    if not CODE_RE.match(code):
        raise ValueError(f"mã quy tắc không hợp lệ: {code!r} (hai chữ hoa + ba chữ số)")
    if fix_safety not in FIX_SAFETY:
        raise ValueError(f"fix_safety phải là một trong {FIX_SAFETY}")

    def wrap(check: Callable[[Any], Iterable[Hit]]) -> Rule:
        return Rule(
            code=code, name=name, severity=Severity.parse(severity), legal_basis=legal_basis, check=check,
            doc_types=tuple(doc_types) if doc_types is not None else ("KH", "QD", "TB", None),
            what=what or (check.__doc__ or "").strip(), why=why, wrong=wrong, right=right, fix_safety=fix_safety,
            options=dict(options or {}), plugin=check.__module__,
        )

    return wrap
