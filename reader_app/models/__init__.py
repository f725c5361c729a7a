"""Qt item models over the library's results and entities."""
