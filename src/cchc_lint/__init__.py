"""cchc-lint: a drafting and compliance linter for Vietnamese administrative documents."""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc_lint.api import annotate, check, fix, render
    from cchc_lint.findings import Finding, Report

__all__ = ["Finding", "Report", "__version__", "annotate", "check", "fix", "render"]


def __getattr__(name: str):  # lazy: `cchc-lint --version` must not import lxml, lark and the rules
    if name in ("check", "annotate", "fix", "render"):
        from cchc_lint import api

        return getattr(api, name)
    if name in ("Finding", "Report"):
        from cchc_lint import findings

        return getattr(findings, name)
    raise AttributeError(name)
