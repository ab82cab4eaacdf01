"""Compile every committed .po catalogue under src/ into its .mo file (`make messages`).

Pure Python (polib), so a fresh machine needs no GNU gettext tools; only stale .mo files are
rewritten. The same function compiles them into the wheel at build time (setup.py).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from localcompacts.core.catalogues import main  # noqa: E402

if __name__ == "__main__":
    main(["compile_messages", "compile"])
