"""Getting articles out of Veille: CSV, a Markdown brief, JSON Lines that round-trips.

PDF and printing go through Qt (reader_app/pdf_export.py): the core never imports it.
Each writer takes the library and article ids in the order to write them, and writes
to a file atomically (a temporary file renamed at the end), so an interrupted export
never leaves half a file under the chosen name.
"""

from index.export.writers import FORMATS, export_articles, export_records

__all__ = ["FORMATS", "export_articles", "export_records"]
