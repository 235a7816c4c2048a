"""One module per command: each takes its typed options and returns what it did; the CLI prints it."""
