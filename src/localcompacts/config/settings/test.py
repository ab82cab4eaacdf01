"""Test profile: fast hashing, a fixed secret, e-mail kept in memory unless a test starts an SMTP server."""

from .base import *  # noqa: F403

DEBUG = False
PROFILE = "test"
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405 — on disk unless S3_BUCKET is set (as in production)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Tasks go to the database queue as in production; tests run the real worker with the
# `task_worker` fixture (tests/conftest.py).
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
# A figure over the catalogue that is out of date is computed in the request: tests see a change
# at once. tests/core/test_figures.py turns this on and runs the worker.
PUBLIC_FIGURES_ON_WORKER = False
