"""SpaceReader's core: documents, structure, library, index, extraction, bookmarks.

Pure Python. Nothing under this package may import Qt, so the command line and
the tests can use it without a display.
"""
