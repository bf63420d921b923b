"""Exchange formats, one module per format, listed in ``registry.py``; readers raise InputError for bad input."""
