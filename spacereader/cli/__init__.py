"""The `spacereader` command line, over the same core as the app.

`spacereader` alone opens the app; `spacereader FILE…` opens the app with those
files; `spacereader COMMAND …` works without a window. Each command group lives
in its own module and registers itself from COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from spacereader import __version__
from spacereader.cli.output import escaped_output
from spacereader.core.errors import Error

# Modules with register(subparsers) -> None, each adding its commands.
COMMAND_MODULES = (
    "spacereader.cli.library_commands",
    "spacereader.cli.import_commands",
    "spacereader.cli.search_commands",
    "spacereader.cli.extract_commands",
    "spacereader.cli.date_commands",
    "spacereader.cli.dossier_commands",
    "spacereader.cli.bookmark_commands",
    "spacereader.cli.desktop_commands",
)

EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser for every command, and the command names."""
    parser = argparse.ArgumentParser(
        prog="spacereader",
        description="A reader for space-policy documents. Without a command, opens the app.",
        epilog="spacereader FILE… opens the app with those files.",
    )
    parser.add_argument("--version", action="version", version=f"SpaceReader {__version__}")
    subparsers = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser, set(subparsers.choices)


def main(argv: Sequence[str]) -> int:
    """Run one command line and return the process exit code."""
    parser, commands = build_parser()
    # Arguments that are neither a command nor an option are files to open in the app.
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")):
        missing = [arg for arg in argv if not Path(arg).exists()]
        if missing:
            parser.print_usage(sys.stderr)
            print(
                f"spacereader: error: no such command or file: {missing[0]!r}",
                file=sys.stderr,
            )
            return EXIT_USAGE
        from spacereader.app import run_app

        exit_code: int = run_app([Path(arg) for arg in argv])
        return exit_code
    try:
        with escaped_output():
            code = _run_command(parser, argv)
        # Flushed here, not at exit: a reader gone by then is still heard of.
        sys.stdout.flush()
    except BrokenPipeError:
        return _stop_writing()
    return code


def _stop_writing() -> int:
    """End quietly when the reader of stdout has gone (`spacereader list | head`).

    As Python's documentation advises for SIGPIPE: stdout now goes to the null
    device, so the final flush at exit cannot fail again and print a traceback.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no file behind stdout (a test's capture)
        pass
    return EXIT_ERROR


def _run_command(parser: argparse.ArgumentParser, argv: Sequence[str]) -> int:
    # What the core logs (a repaired index, a damaged catalogue kept aside) is
    # not printed as it comes: the command says what matters in one line.
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args))
    except Error as error:
        print(f"spacereader: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        raise  # the reader of stdout has gone: main ends quietly
    except OSError as error:  # a data folder that cannot be made or written
        where = f" ({error.filename})" if error.filename else ""
        print(f"spacereader: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("spacereader: interrupted", file=sys.stderr)
        return 130
    finally:
        _report_recovery(args.command)


def _report_recovery(command: str) -> None:
    """Say, after any command, that a damaged catalogue awaits the user's answer."""
    if command == "restore-library":
        return
    from spacereader.core import library_recovery, paths

    try:
        recovery = library_recovery.pending(paths.data_dir())
    except OSError:
        return
    if recovery is not None:
        print(
            f"spacereader: {recovery.message}; `spacereader restore-library` restores it,"
            " `spacereader restore-library --keep` keeps the recovered library",
            file=sys.stderr,
        )
