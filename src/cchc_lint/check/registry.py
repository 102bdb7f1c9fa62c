"""The rule registry: every rule of every loaded plugin, by code."""

from __future__ import annotations

import warnings
from functools import cache

from cchc_lint.check.rules import Rule
from cchc_lint.plugins_manager import get_manager


@cache
def all_rules() -> dict[str, Rule]:
    """Rules by code; each plugin's hook is called on its own so one that fails is skipped, not fatal."""
    rules: dict[str, Rule] = {}
    for impl in get_manager().hook.cchc_lint_rules.get_hookimpls():
        try:
            provided = list(impl.function() or ())
        except Exception as err:
            warnings.warn(f"cchc-lint: plugin {impl.plugin_name} lỗi khi khai báo quy tắc: {err}", RuntimeWarning,
                          stacklevel=2)
            continue
        for rule in provided:
            if rule.code in rules:
                warnings.warn(f"cchc-lint: mã {rule.code} trùng, bỏ qua bản của {impl.plugin_name}", RuntimeWarning,
                              stacklevel=2)
                continue
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


def matches(code: str, patterns: list[str] | tuple[str, ...]) -> bool:
    """A code matches a pattern equal to it or a prefix of it (``CC`` or ``CC1``)."""
    return any(code.startswith(p) for p in patterns)


def known_pattern(pattern: str) -> bool:
    return any(code.startswith(pattern) for code in all_rules())
