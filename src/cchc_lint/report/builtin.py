"""The built-in output formats, registered through the same hook a third-party formatter would use."""

from __future__ import annotations

from cchc_lint.hookspecs import hookimpl


@hookimpl
def cchc_lint_formatters():
    from cchc_lint.report.formats import FORMATTERS

    return dict(FORMATTERS)
