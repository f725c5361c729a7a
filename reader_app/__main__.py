"""``python -m reader_app``: same as ``reader-app``."""

from reader_app.cli import main

# Guarded: the import worker processes (spawn) re-import the main module.
if __name__ == "__main__":
    raise SystemExit(main())
