"""`python -m datasette_micropython` = `datasette micropython`."""

from .cli import micropython

micropython()
