"""`spacereader set-date`: set or correct a document's publication date."""

from __future__ import annotations

import argparse
from typing import Any

from spacereader.core.errors import Error


class DateError(Error):
    """What was typed is not a date."""


def register(subparsers: Any) -> None:
    """Add the set-date command."""
    command = subparsers.add_parser(
        "set-date",
        help="set or correct a document's publication date",
        description="Set a document's publication date; it is kept when the document is "
        "imported again. DATE is 2021-03-09, 2024-08, 2024, 'March 9, 2021' or '9 mars 2021'. "
        "--auto goes back to the date the document gives.",
    )
    command.add_argument("id", help="document id (a unique prefix is enough)")
    command.add_argument("date", nargs="?", metavar="DATE", help="the publication date")
    command.add_argument(
        "--auto", action="store_true", help="forget the date set, use the document's own"
    )
    command.set_defaults(handler=run_set_date)


def run_set_date(args: argparse.Namespace) -> int:
    """Set the date, then print the document's id, title and date."""
    from spacereader.core.dates import date_label, parse_date
    from spacereader.core.library import Library

    if args.auto == (args.date is not None):
        raise DateError("give either a DATE or --auto")
    published = None
    if args.date is not None:
        published = parse_date(args.date)
        if published is None or published.startswith("--"):
            raise DateError(
                f"not a date with a year: {args.date!r} (e.g. 2021-03-09, 2024-08, 'March 9, 2021')"
            )
    library = Library()
    try:
        info = library.set_published(args.id, published)
    finally:
        library.close()
    how = "set by you" if info.published_by_user else "from the document"
    print(f"{info.id}  {info.title}: {date_label(info.published)} ({how})")
    return 0
