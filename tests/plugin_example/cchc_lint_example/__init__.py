"""A third-party plugin, installed like any package: the core knows it only through its entry point."""

from __future__ import annotations

import click

from cchc_lint.check.rules import Hit, rule
from cchc_lint.hookspecs import hookimpl


@rule("XA001", "khong-dung-tu-vv", "info", "Quy chế nội bộ của đơn vị (ví dụ)",
      what="Không viết tắt «v.v.» trong văn bản hành chính.", wrong="các sở, ban, ngành v.v.",
      right="các sở, ban, ngành và các cơ quan khác")
def no_etc(ctx):
    for para in ctx.model.iter_paragraphs():
        if "v.v" in para.text:
            yield Hit(para, "Không dùng «v.v.»; cần liệt kê đầy đủ")


@hookimpl
def cchc_lint_rules():
    return [no_etc]


@hookimpl
def cchc_lint_formatters():
    return {"count": lambda report, **_: str(len(report.findings))}


@hookimpl
def cchc_lint_register_commands(cli):
    @cli.command("hello")
    def hello():
        """Lệnh ví dụ của plugin."""
        click.echo("xin chào từ plugin")
