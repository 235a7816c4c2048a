"""Declare what every schema model shares: immutability, unknown keys refused, non-empty text.

Its own module so that the indicators' options (which the schema's data declarations are made of)
and the schema itself can both build on it without importing each other.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Model(BaseModel):
    """Immutable, and strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)
