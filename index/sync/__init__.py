"""The team archive: desktops that stay offline and sync through a PostgreSQL server.

Nothing here is imported unless a sync or a team search runs (psycopg loads only then).
"""

ENV_REMOTE = "VEILLE_REMOTE"  # the team server when none is given or configured
