"""The core's exception family, caught and shown at the UI's and CLI's edge."""

from __future__ import annotations


class Error(Exception):
    """Base of every error the core reports to a user as one clear line."""


class DocumentNotFoundError(Error):
    """No document in the library has the requested id."""


class ImportRefusedError(Error):
    """A file cannot become a document; the message says why, in one line."""
