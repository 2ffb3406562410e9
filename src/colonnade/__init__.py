"""Colonnade: gather, understand and serve opinion columns."""

__version__ = "0.1.0"
