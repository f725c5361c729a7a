"""The command line's sub-commands, one module per area; each adds its parsers and
handlers through ``register(sub, common, handlers)``."""
