"""SpaceReader: a desktop reader for space-policy documents."""

__version__ = "0.1.0"
