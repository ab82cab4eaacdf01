"""Spreadsheet cells that a spreadsheet program could run as a formula are made inert.

A value starting with = + - @ tab or carriage return is written with a leading apostrophe (the
OWASP "CSV injection" advice); imports remove that apostrophe again, so a round trip is lossless.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """The one function every CSV and XLSX export passes each text value through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_cell(value):
    """Undo `neutralise_cell` on imported text."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def csv_text(value) -> str:
    """A cell for a plain CSV writer: text, empty for None, neutralised."""
    return neutralise_cell("" if value is None else str(value))
