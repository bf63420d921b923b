"""Sentence alignment of EN–JA document pairs (issue 17): features, the banded programme, files and output."""
