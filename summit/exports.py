"""Exports of the filtered view (CSV, Excel) and of the whole dataset (zip)."""

import argparse


def add_cli(commands: argparse._SubParsersAction) -> None:
    """Register the export sub-command."""
