"""The `bilingual` command: a click group whose subcommands load lazily.

Only this package prints or exits. ``main(argv) -> int`` turns input errors
into one located line (exit 2) and never shows a traceback.
"""
from __future__ import annotations

import os
import sys

import click

from ..io.errors import InputError
from .group import COMMANDS, LazyGroup

__all__ = ["COMMANDS", "cli", "main", "run"]

#: set by a command that has finished cleanly and left nothing to tidy up (every output written,
#: the session closed): ``run`` may then end the process at once, without the interpreter's teardown
_DONE_CLEANLY = False


def done_cleanly() -> None:
    """Called by a command at its normal end: its outputs are complete and closed."""
    global _DONE_CLEANLY
    _DONE_CLEANLY = True


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
    global _DONE_CLEANLY
    _DONE_CLEANLY = False
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


def run() -> None:
    """``main()`` and exit with its code: what the ``bilingual`` console script and ``python -m bilingual``
    run (through ``bilingual.__main__.run``).

    After a command that has finished cleanly (see ``done_cleanly``; `check` does), standard output
    and error are flushed and the process ends with ``os._exit``: the interpreter's teardown (freeing
    every module, the glossary and the term index one object at a time) would add a tenth of the
    start-up of `bilingual check` for nothing. Any other way out (an error, an interrupt, a
    command that does not say so) exits normally, with every cleanup.
    """
    code = main()
    if _DONE_CLEANLY:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):      # a closed pipe: the normal exit reports it as before
            pass
        else:
            os._exit(code)
    sys.exit(code)
