"""Compile every committed .po catalogue under src/ into its .mo file.

Pure Python (polib), so a fresh machine needs no GNU gettext tools; only stale
.mo files are rewritten.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src"


def main() -> None:
    compiled = 0
    for po_path in ROOT.rglob("locale/*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled += 1
    if compiled:
        print(f"compiled {compiled} message catalogue(s)")


if __name__ == "__main__":
    main()
