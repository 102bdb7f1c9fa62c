"""report: findings → text, JSON, SARIF, HTML and annotated .docx. Formatters are plugins too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def formatters() -> dict[str, Callable[..., str]]:
    from cchc_lint.plugins_manager import get_manager

    found: dict[str, Callable[..., str]] = {}
    for provided in get_manager().hook.cchc_lint_formatters():
        for name, formatter in (provided or {}).items():
            found.setdefault(name, formatter)
    return found


def get_formatter(name: str) -> Callable[..., str] | None:
    return formatters().get(name)


def rule_docs() -> dict[str, dict[str, Any]]:
    from cchc_lint.check.registry import all_rules

    return {code: rule.doc() for code, rule in all_rules().items()}
