"""``python -m reader_app``: same as ``reader-app``."""

from reader_app.cli import main

raise SystemExit(main())
