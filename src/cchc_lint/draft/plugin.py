"""Built-in plugin that adds the drafting commands ``fix`` and ``new`` to ``cchc-lint``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc_lint.hookspecs import hookimpl

if TYPE_CHECKING:
    import click


@hookimpl
def cchc_lint_register_commands(cli: click.Group) -> None:
    from cchc_lint.draft.commands import fix_command, new_command

    for command in (fix_command, new_command):
        if command.name not in cli.commands:
            cli.add_command(command)
