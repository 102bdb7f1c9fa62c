"""Findings and reports: what the checks produce and every output format consumes (JSON contract v1)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Any

from cchc_lint.model import Location


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"mức độ không hợp lệ: {value!r} (error|warning|info)") from None


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe, mechanical correction: replace ``old`` by ``new`` in the located paragraph or cell."""

    description: str
    old: str
    new: str

    def to_dict(self) -> dict[str, str]:
        return {"description": self.description, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str  # Vietnamese; names the element, says what is wrong and what is expected
    legal_basis: str
    location: Location = field(default_factory=Location)
    excerpt: str = ""
    fix: Fix | None = None
    path: str = ""  # structural location, e.g. "III › 2 › a)"

    @property
    def family(self) -> str:
        return self.code[:2]

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "legal_basis": self.legal_basis,
            "location": self.location.to_dict(),
            "excerpt": self.excerpt,
            "fix": self.fix.to_dict() if self.fix else None,
        }

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            loc.block if loc.block is not None else (loc.line if loc.line is not None else -1),
            loc.row if loc.row is not None else -1,
            loc.col if loc.col is not None else -1,
            self.code,
        )


@dataclass(slots=True)
class FileReport:
    path: str
    doc_type: str | None = None
    date: str | None = None  # ISO
    number: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "doc_type": self.doc_type,
            "date": self.date,
            "number": self.number,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(slots=True)
class Report:
    files: list[FileReport] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    def summary(self) -> dict[str, int]:
        found = self.findings
        return {
            "files": len(self.files),
            "errors": sum(1 for f in found if f.severity == Severity.ERROR),
            "warnings": sum(1 for f in found if f.severity == Severity.WARNING),
            "infos": sum(1 for f in found if f.severity == Severity.INFO),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"version": 1, "files": [f.to_dict() for f in self.files], "summary": self.summary()}

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)
