"""Package data of Veille (``reader_app.resources`` once installed): style, icons,
translations, sample articles, help pages and the desktop entry. No code."""
