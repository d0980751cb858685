"""The `spacereader` command line, over the same core as the app.

`spacereader` alone opens the app; `spacereader FILE…` opens the app with those
files; `spacereader COMMAND …` works without a window. Each command group lives
in its own module and registers itself from COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from spacereader import __version__
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
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("spacereader: interrupted", file=sys.stderr)
        return 130
