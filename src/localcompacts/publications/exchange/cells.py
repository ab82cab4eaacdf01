"""Kept for the exchange modules' imports; the one implementation is `core.spreadsheets`."""

from localcompacts.core.spreadsheets import FORMULA_STARTS, neutralise_cell, restore_cell

__all__ = ["FORMULA_STARTS", "neutralise_cell", "restore_cell"]
