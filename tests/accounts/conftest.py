import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded letters go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
