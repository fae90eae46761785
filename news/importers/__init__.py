"""Bring articles in from the old satker sites (WordPress exports, saved text) and out again.

The commands `import_wordpress`, `import_text` and `export_articles` are thin wrappers over
the modules here; each module has one job (see docs/importing.md).
"""
