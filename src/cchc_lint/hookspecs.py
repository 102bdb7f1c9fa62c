"""The hooks a cchc-lint plugin can implement (pluggy project name and entry-point group: ``cchc_lint``).

Built-in rule plugins in ``plugins/`` use exactly these hooks, so a third-party package is a peer of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from cchc_lint.check.context import Context
    from cchc_lint.check.rules import Rule
    from cchc_lint.findings import Finding, Report

hookspec = pluggy.HookspecMarker("cchc_lint")
hookimpl = pluggy.HookimplMarker("cchc_lint")


@hookspec
def cchc_lint_rules() -> list[Rule]:
    """Return the rules this plugin provides (see ``cchc_lint.check.rules.rule``)."""


@hookspec
def cchc_lint_formatters() -> dict[str, Any]:
    """Return output formatters by name: ``callable(report, *, rules, color) -> str``."""


@hookspec
def cchc_lint_document_types() -> dict[str, dict[str, Any]]:
    """Return extra document types: code → {"type_name": "…", "grammar": "kh|qd|tb"}."""


@hookspec
def cchc_lint_register_commands(cli: click.Group) -> None:
    """Add click commands to the ``cchc-lint`` group."""


@hookspec
def cchc_lint_config_options() -> dict[str, Any]:
    """Return configuration keys this plugin accepts under ``[tool.cchc-lint.plugins.<name>]`` with defaults."""


@hookspec
def cchc_lint_suppressions(context: Context) -> list[tuple[str, Any]]:
    """Return extra suppressions as (code or prefix, Location or None for the whole file)."""


@hookspec(firstresult=True)
def cchc_lint_process_findings(context: Context, findings: list[Finding]) -> list[Finding] | None:
    """Post-process one file's findings: return a new list, or None to leave it.

    Implement as ``@hookimpl(wrapper=True)`` to see and change what the other implementations returned
    (``result = yield``; ``None`` means nobody changed the list)."""


@hookspec
def cchc_lint_after_check(report: Report) -> None:
    """Called once with the whole report after every file is checked (integrations, statistics)."""
