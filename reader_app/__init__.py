"""Veille's desktop application (PySide6). All Qt imports live in this package."""
