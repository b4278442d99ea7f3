"""Daily weather summaries."""

__version__ = "0.3.1"
