"""Fill empty msgstrs of the translated languages from a translation memory file.

Usage: python scripts/apply_translations.py MEMORY.tsv
Each line: msgid<TAB>french<TAB>spanish (one column per `core.languages.TRANSLATED` code, in order). For plural entries the msgid is `singular||plural` and
each translation is `singular||plural`. Entries already translated are left alone.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(ROOT))

from localcompacts.core.languages import TRANSLATED  # noqa: E402


def load_memory(path: str) -> dict[str, dict[str, str]]:
    memory: dict[str, dict[str, str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        msgid, *texts = line.split("\t")  # one column per translated language, in list order
        memory[msgid] = dict(zip(TRANSLATED, texts, strict=True))
    return memory


def main(path: str) -> None:
    memory = load_memory(path)
    missing: set[str] = set()
    for language in TRANSLATED:
        for po_path in ROOT.rglob(f"locale/{language}/LC_MESSAGES/django.po"):
            catalogue = polib.pofile(str(po_path))
            for entry in catalogue:
                key = f"{entry.msgid}||{entry.msgid_plural}" if entry.msgid_plural else entry.msgid
                if entry.translated() and "fuzzy" not in entry.flags:
                    continue
                if key not in memory:
                    missing.add(key)
                    continue
                text = memory[key][language]
                if entry.msgid_plural:
                    singular, plural = text.split("||")
                    entry.msgstr_plural = {0: singular, 1: plural}
                else:
                    entry.msgstr = text
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            catalogue.save()
    for key in sorted(missing):
        print(f"untranslated: {key!r}")


if __name__ == "__main__":
    main(sys.argv[1])
