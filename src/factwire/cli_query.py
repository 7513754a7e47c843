"""Query and export commands over the store (events, entities, claims, quotes, export)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
