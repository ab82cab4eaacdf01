"""The fonts PDF reports embed, found on the machine, and the scripts they would print as boxes.

WeasyPrint draws text with the fonts fontconfig knows; a character no installed font covers comes
out as an empty box (tofu), silently. So the report declares the fonts it wants (`REPORT_FONTS`,
Noto from Debian's `fonts-noto-core` and `fonts-noto-cjk`), embeds the files found with
`@font-face` (`font_face_css`), `manage.py check` warns when one is missing (`checks.py`), and
each build lists the scripts of its text that no font covers (`uncovered_scripts`), which the
secretariat sees in the edition's status instead of boxes in the PDF.
"""

import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FC_TIMEOUT = 10  # seconds for one fontconfig listing


@dataclass(frozen=True)
class ReportFont:
    families: tuple[str, ...]  # fontconfig family names, the preferred first
    covers: "StrOrPromise"  # the scripts it is there for, as people name them
    package: str  # the Debian package that installs it


REPORT_FONTS: tuple[ReportFont, ...] = (
    ReportFont(("Noto Sans",), _("Latin, Greek and Cyrillic"), "fonts-noto-core"),
    ReportFont(("Noto Sans Arabic", "Noto Naskh Arabic"), _("Arabic"), "fonts-noto-core"),
    ReportFont(("Noto Sans Hebrew",), _("Hebrew"), "fonts-noto-core"),
    ReportFont(("Noto Sans CJK SC",), _("Chinese, Japanese and Korean"), "fonts-noto-cjk"),
)
WEIGHTS = {"Regular": 400, "Bold": 700}

# Script names as Unicode character names begin ("CJK UNIFIED IDEOGRAPH-79FB" → "CJK"), for the
# warning; others are shown as Unicode names them.
SCRIPT_NAMES = {
    "LATIN": _("Latin"),
    "CYRILLIC": _("Cyrillic"),
    "GREEK": _("Greek"),
    "ARABIC": _("Arabic"),
    "HEBREW": _("Hebrew"),
    "CJK": _("Chinese, Japanese and Korean (CJK)"),
    "HIRAGANA": _("Japanese (hiragana)"),
    "KATAKANA": _("Japanese (katakana)"),
    "HANGUL": _("Korean (hangul)"),
    "DEVANAGARI": _("Devanagari"),
    "BENGALI": _("Bengali"),
    "THAI": _("Thai"),
    "ETHIOPIC": _("Ethiopic"),
}


def _fc_list(pattern: str, fields: str) -> list[str]:
    """Lines of `fc-list` for `pattern`; none when fontconfig's tools are not installed."""
    try:
        result = subprocess.run(  # noqa: S603 — a fixed program, arguments are not a shell line
            ["fc-list", "--format", fields + "\n", pattern],  # noqa: S607 — found on PATH
            capture_output=True,
            text=True,
            timeout=FC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return [line for line in result.stdout.splitlines() if line.strip()]


@cache
def font_files(font: ReportFont) -> dict[int, Path]:
    """{weight: file} of the first of the font's families installed here (regular, bold)."""
    for family in font.families:
        files = {}
        for line in _fc_list(f":family={family}", "%{file}|%{style}"):
            path, _sep, styles = line.partition("|")
            for style in styles.split(","):
                weight = WEIGHTS.get(style.strip())
                if weight and weight not in files:
                    files[weight] = Path(path)
        if 400 in files:
            return files
    return {}


def missing_fonts() -> list[ReportFont]:
    return [font for font in REPORT_FONTS if not font_files(font)]


def font_face_css() -> str:
    """`@font-face` rules embedding the report fonts found here, under their own family names
    (the report's `font-family` lists them; a missing one falls back to what fontconfig has)."""
    rules = []
    for font in REPORT_FONTS:
        files = font_files(font)
        for weight, path in sorted(files.items()):
            rules.append(
                f'@font-face {{ font-family: "{font.families[0]}"; font-weight: {weight}; '
                f'src: url("{path.as_uri()}"); }}'
            )
        if files and 700 not in files:  # bold synthesised from the regular face
            rules.append(
                f'@font-face {{ font-family: "{font.families[0]}"; font-weight: 700; '
                f'src: url("{files[400].as_uri()}"); }}'
            )
    return "\n".join(rules)


def font_family_list() -> str:
    """The CSS `font-family` value naming every report font, then a generic fallback."""
    return ", ".join(f'"{font.families[0]}"' for font in REPORT_FONTS) + ", sans-serif"


@cache
def _characters_of(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = TTCollection(str(path), lazy=True).fonts[:1]
        else:
            fonts = [TTFont(str(path), lazy=True)]
        return frozenset(code for font in fonts for code in font.getBestCmap() or {})
    except Exception:  # an unreadable font file covers nothing
        return frozenset()


def _script(character: str) -> str:
    return unicodedata.name(character, "UNKNOWN").split(" ")[0]


def _covered_by_another_installed_font(characters: list[str]) -> bool:
    charset = " ".join(f"{ord(c):x}" for c in characters[:20])
    return bool(_fc_list(f":charset={charset}", "%{family}"))


def uncovered_scripts(text: str) -> list[dict]:
    """The scripts of `text` whose letters no report font covers, and that no other installed
    font covers either: [{"script": "CJK", "characters": 12, "sample": "移民…"}]. Their letters
    would print as empty boxes."""
    letters = {c for c in text if unicodedata.category(c)[0] in "LN"}
    covered: set[int] = set()
    for font in REPORT_FONTS:
        for path in font_files(font).values():
            covered |= _characters_of(path)
    by_script: dict[str, list[str]] = {}
    for character in sorted(letters):
        if ord(character) not in covered:
            by_script.setdefault(_script(character), []).append(character)
    problems = []
    for script, characters in sorted(by_script.items()):
        if _covered_by_another_installed_font(characters):
            continue
        problems.append(
            {"script": script, "characters": len(characters), "sample": "".join(characters[:8])}
        )
    return problems


def script_name(script: str) -> str:
    return str(SCRIPT_NAMES.get(script, script.title()))
