"""The ground floor: hardened input and output that every reader and writer goes through.

``xmlsafe`` (the only XML parser), ``zipsafe`` (DOCX archives), ``yamlpos`` (YAML with positions),
``fsutil`` (atomic writes, bounded reads) and ``errors`` (``InputError``). Nothing here imports
another ``bilingual`` package.
"""
