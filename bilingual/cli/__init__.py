"""The `bilingual` command: a click group whose subcommands load lazily.

Only this package prints or exits. ``main(argv) -> int`` turns input errors
into one located line (exit 2) and never shows a traceback.
"""
from __future__ import annotations

import importlib
import sys

import click

from ..io.errors import InputError

# command name -> "module:attribute", imported only when the command runs
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
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bilingual")
def cli() -> None:
    """Checked EN–JA documents for the US–Japan fusion partnership.

    Exit codes: 0 success (warnings allowed), 1 error findings, 2 bad usage or input.
    """


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    import gc

    # A command is a short batch job that makes millions of small acyclic objects (positions, hits,
    # findings) on large inputs; the cyclic collector would keep re-scanning them (a third of the
    # time on 5 MiB of text), so it is off while the command runs.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        code = cli.main(args=argv, prog_name="bilingual", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except InputError as exc:
        click.echo(str(exc), err=True)
        return 2
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except (click.Abort, KeyboardInterrupt):
        click.echo("bilingual: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: report it in one line, keep the details in a file
        from ..io.errors import one_line
        from .crash import save_crash_report

        report = save_crash_report(exc, argv if argv is not None else sys.argv[1:])
        where = f"crash report: {report}" if report else "no crash report could be written"
        click.echo(one_line(f"bilingual: internal error: {type(exc).__name__}: {exc} ({where})"), err=True)
        return 2
    finally:
        if gc_was_enabled:
            gc.enable()
