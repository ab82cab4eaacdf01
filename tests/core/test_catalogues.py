"""Every shipped message catalogue is complete and agrees with core/languages.py (read with polib).

Fails on: a header Plural-Forms or Language that differs from the declaration; a plural entry
without as many forms as the header declares (Arabic 6, Russian and Spanish 3, Chinese 1); an
untranslated or fuzzy entry; placeholders (`%(count)s`, `%s`, `{name}`) that differ from the
English source. Every language in core/languages.py is shipped.
"""

import re
from pathlib import Path

import polib
import pytest

from localcompacts.core import languages
from localcompacts.core.catalogues import catalogue_paths, nplurals

PACKAGE = Path(languages.__file__).resolve().parent.parent
# Every app keeps its own catalogues; the site layout's live with config (no apps.py).
APPS = sorted({path.parent.name for path in PACKAGE.glob("*/apps.py")} | {"config"})

PLACEHOLDER = re.compile(r"%\([a-zA-Z_]\w*\)[sdifr]|%[sdif]|\{[a-zA-Z_]\w*\}")


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text or ""))


def _catalogue_path(app: str, language: languages.Language) -> Path:
    return PACKAGE / app / "locale" / language.locale / "LC_MESSAGES" / "django.po"


def _problems(path: Path, language: languages.Language) -> list[str]:
    catalogue = polib.pofile(str(path))
    problems = []
    if catalogue.metadata.get("Plural-Forms", "").strip() != language.plural_forms:
        problems.append(f"Plural-Forms {catalogue.metadata.get('Plural-Forms')!r}")
    if catalogue.metadata.get("Language") != language.locale:
        problems.append(f"Language {catalogue.metadata.get('Language')!r}")
    count = nplurals(language.plural_forms)
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {where}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(index, "") for index in range(count)]
            if len(entry.msgstr_plural) != count or not all(forms):
                problems.append(f"{count} plural forms wanted: {where}")
            source = _placeholders(entry.msgid_plural)
            for form in filter(None, forms):
                # A form may leave out the count when the language says "one" without it.
                if set(_placeholders(form)) - set(source + _placeholders(entry.msgid)):
                    problems.append(f"placeholders differ: {where}")
        else:
            if not entry.msgstr:
                problems.append(f"untranslated: {where}")
            elif _placeholders(entry.msgstr) != _placeholders(entry.msgid):
                problems.append(f"placeholders differ: {where}")
    return problems


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(language.code)
        for language in languages.LANGUAGES
        if language.code != languages.DEFAULT_LANGUAGE
    ],
)
def test_every_catalogue_of_a_shipped_language_is_complete(code):
    language = languages.by_code(code)
    problems = {}
    for app in APPS:
        path = _catalogue_path(app, language)
        if not path.exists():
            problems[app] = ["catalogue missing (run make makemessages)"]
            continue
        found = _problems(path, language)
        if found:
            problems[app] = found
    assert not problems, problems


def test_every_catalogue_on_disk_belongs_to_a_declared_language():
    locales = {language.locale for language in languages.LANGUAGES}
    strays = [path for path in catalogue_paths() if path.parent.parent.name not in locales]
    assert not strays


def test_headers_follow_the_declaration_even_before_translation():
    """The header is checked on its own, so a wrong Plural-Forms shows up at once."""
    for language in languages.LANGUAGES:
        if language.code == languages.DEFAULT_LANGUAGE:
            continue
        for app in APPS:
            catalogue = polib.pofile(str(_catalogue_path(app, language)))
            assert catalogue.metadata["Plural-Forms"] == language.plural_forms, (app, language)
            assert catalogue.metadata["Language"] == language.locale, (app, language)


def test_the_checker_finds_what_it_must(tmp_path):
    spanish = languages.by_code("es")
    path = tmp_path / "django.po"
    catalogue = polib.POFile()
    catalogue.metadata = {"Language": "es", "Plural-Forms": spanish.plural_forms}
    catalogue.append(
        polib.POEntry(
            msgid="%(counter)s pledge",
            msgid_plural="%(counter)s pledges",
            msgstr_plural={0: "%(counter)s compromiso", 1: "%(counter)s compromisos"},
        )
    )
    catalogue.append(polib.POEntry(msgid="Hello {name}", msgstr="Hola {nombre}"))
    catalogue.append(polib.POEntry(msgid="Untranslated", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Fuzzy", msgstr="Borroso", flags=["fuzzy"]))
    catalogue.save(str(path))
    problems = " | ".join(_problems(path, spanish))
    assert "3 plural forms wanted" in problems
    assert "placeholders differ: 'Hello {name}'" in problems
    assert "untranslated: 'Untranslated'" in problems
    assert "fuzzy: 'Fuzzy'" in problems
