"""Why a file cannot become a document: one class per kind of refusal.

Every class derives from ImportRefusedError, so callers catch one name. A
loader raises with the reason alone ("the file is empty"); `load_file` puts the
file's name in front, so the message a user sees is one line naming the file.
"""

from __future__ import annotations

from spacereader.core.errors import ImportRefusedError


class UnsupportedFormatError(ImportRefusedError):
    """The file's type is not one SpaceReader reads (.docx, .epub, …)."""


class UnreadableFileError(ImportRefusedError):
    """The path is missing, a folder, not a regular file, or cannot be read."""


class EmptyFileError(ImportRefusedError):
    """The file holds nothing, or only white space."""


class TooLargeError(ImportRefusedError):
    """The file is larger than SpaceReader imports."""


class BinaryFileError(ImportRefusedError):
    """The bytes are not text in any encoding SpaceReader accepts."""


class DamagedFileError(ImportRefusedError):
    """A PDF or other structured file is truncated, fake or corrupt."""


class EncryptedFileError(ImportRefusedError):
    """A PDF needs a password, or uses encryption that cannot be opened."""


class NoTextError(ImportRefusedError):
    """The file decodes, but holds no readable text (a scanned PDF, an empty page)."""
