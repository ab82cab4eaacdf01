"""A wheel built from the checkout carries the compiled message catalogues (setup.py's build step),
so an installed site (`pip install .`) is translated without `make`."""

import gettext
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_wheel_built_from_the_checkout_holds_every_compiled_catalogue(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    # The source as committed: no .mo (they are git-ignored), no caches.
    shutil.copytree(
        ROOT / "src",
        source / "src",
        ignore=shutil.ignore_patterns("*.mo", "__pycache__", "*.egg-info"),
    )
    catalogues = sorted(
        str(path.relative_to(source / "src").with_suffix(".mo"))
        for path in (source / "src").rglob("locale/*/LC_MESSAGES/*.po")
    )
    assert len(catalogues) >= 14 * 5
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", tmp_path],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [wheel] = tmp_path.glob("localcompacts-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.endswith(".mo")}
        assert shipped == set(catalogues)
        french = gettext.GNUTranslations(
            io.BytesIO(archive.read("localcompacts/config/locale/fr/LC_MESSAGES/django.mo"))
        )
        arabic = gettext.GNUTranslations(
            io.BytesIO(archive.read("localcompacts/config/locale/ar/LC_MESSAGES/django.mo"))
        )
    assert french.gettext("Language") == "Langue"
    assert french.pgettext("language switcher button", "Change") == "Changer"
    # The Arabic header's six-form rule compiled in: 0, 1, 2, 3–10, 11–99, 100…
    assert [arabic.plural(n) for n in (0, 1, 2, 3, 11, 100)] == [0, 1, 2, 3, 4, 5]
