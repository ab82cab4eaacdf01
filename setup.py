"""Build hook: the wheel carries compiled message catalogues (.mo), made from the committed .po.

The .mo files are not committed (binary, and they would drift from the .po); `make messages`
compiles them in a checkout, and this step compiles them into every build (`pip install .`,
`pip wheel .`), with the same pure-Python compiler (`localcompacts/core/catalogues.py`, loaded by
path: the build environment has polib but not Django). Everything else is in pyproject.toml.
"""

from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

PACKAGE = Path(__file__).resolve().parent / "src" / "localcompacts"


def _catalogues():
    spec = spec_from_file_location("_localcompacts_catalogues", PACKAGE / "core" / "catalogues.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        compiled = _catalogues().compile_catalogues(
            PACKAGE, into=Path(self.build_lib) / "localcompacts"
        )
        self.announce(f"compiled {compiled} message catalogue(s) into the build", level=2)


setup(cmdclass={"build_py": BuildWithCatalogues})
