"""bilingual: checked EN–JA documents for the US–Japan fusion partnership."""

__version__ = "0.1.0"
