"""The message catalogues on disk: their headers follow `core.languages`, and they compile to .mo.

No Django here (only polib and the language list), so the package build (`setup.py`) can load
this file by path to compile the catalogues into the wheel, and `make` can run it:

    python -m localcompacts.core.catalogues headers   # after makemessages: Plural-Forms etc.
    python -m localcompacts.core.catalogues compile   # .po -> .mo, only the stale ones
"""

import sys
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/localcompacts


def catalogue_paths(root: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(root.rglob("locale/*/LC_MESSAGES/*.po"))


def locale_of(po_path: Path) -> str:
    """`zh_Hans` for …/locale/zh_Hans/LC_MESSAGES/django.po."""
    return po_path.parent.parent.name


def compile_catalogues(root: Path = PACKAGE_DIR, into: Path | None = None) -> int:
    """Write each catalogue's .mo next to it (or at the same relative place under `into`, for a
    build directory); only stale ones when writing in place. Returns how many were written."""
    compiled = 0
    for po_path in catalogue_paths(root):
        mo_path = (into / po_path.relative_to(root) if into else po_path).with_suffix(".mo")
        if into is None and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled += 1
    return compiled


def nplurals(plural_forms: str) -> int:
    """3 for "nplurals=3; plural=…"."""
    head = plural_forms.split(";")[0]
    return int(head.split("=")[1])


def set_headers(root: Path = PACKAGE_DIR) -> int:
    """Give every catalogue the Language and Plural-Forms of its declaration in `core.languages`
    (makemessages writes gettext's generic header into a new catalogue) and as many plural slots as
    it declares."""
    from localcompacts.core.languages import LANGUAGES

    by_locale = {language.locale: language for language in LANGUAGES}
    changed = 0
    for po_path in catalogue_paths(root):
        language = by_locale.get(locale_of(po_path))
        if language is None:
            continue
        catalogue = polib.pofile(str(po_path), wrapwidth=79)
        before = str(catalogue)
        catalogue.metadata_is_fuzzy = False
        catalogue.metadata["Language"] = language.locale
        catalogue.metadata["Plural-Forms"] = language.plural_forms
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        for entry in catalogue:
            if entry.msgid_plural:
                for index in range(nplurals(language.plural_forms)):
                    entry.msgstr_plural.setdefault(index, "")
        if str(catalogue) != before:
            catalogue.save()
            changed += 1
    return changed


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else "compile"
    if command == "headers":
        print(f"headers set in {set_headers()} catalogue(s)")
    elif command == "compile":
        compiled = compile_catalogues()
        if compiled:
            print(f"compiled {compiled} message catalogue(s)")
    else:
        raise SystemExit(f"unknown command {command!r}: use 'headers' or 'compile'")


if __name__ == "__main__":
    main(sys.argv)
