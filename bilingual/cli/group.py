"""The command group: each subcommand's module is imported only when that subcommand runs.

click's documented pattern for lazily loaded subcommands (a ``Group`` whose ``list_commands`` names
every command and whose ``get_command`` imports the one asked for). `bilingual check` imports
``cli/check.py`` and nothing of ``build``, ``tm`` or ``align``; ``bilingual --help`` imports every
module to show each command's summary.
"""
from __future__ import annotations

import importlib

import click

# command name -> "module:attribute", imported only when the command runs (or --help lists it)
COMMANDS = {
    "align": "bilingual.cli.align:align",
    "check": "bilingual.cli.check:check",
    "fill": "bilingual.cli.fill:fill",
    "build": "bilingual.cli.build:build",
    "glossary": "bilingual.cli.glossary:glossary",
    "new": "bilingual.cli.new:new",
    "tm": "bilingual.cli.tm:tm",
    "xliff": "bilingual.cli.xliff:xliff",
    "score": "bilingual.cli.score:score",
}


class LazyGroup(click.Group):
    """A group whose commands are ``COMMANDS``, each imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command
