"""Real servers on loopback for the tests that need them: Redis and an S3-compatible object store.

Each is started once per test session as a separate process on a free port (never the machine's
own Redis on 6379, whose data is not ours) and stopped at the end. Where the program is missing
the tests that need it are skipped with the reason, except under CI (CI=true), where a missing
server fails the run: CI must prove these paths.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required under CI")
    pytest.skip(f"{what} is not installed on this machine")


def _wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{name} did not listen on 127.0.0.1:{port} within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def redis_url():
    """A Redis server of our own (no persistence) for the session: its URL."""
    program = shutil.which("redis-server")
    if program is None:
        _missing("redis-server (Debian package redis-server)")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 — a fixed program on loopback
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process, "redis-server")
        yield f"redis://127.0.0.1:{port}"
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3-compatible server (its own process, real HTTP) for the session: its URL."""
    try:
        import moto.server  # noqa: F401
    except ImportError:
        _missing("moto[server] (the dev extra)")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 — our own interpreter, a fixed module
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process, "moto S3 server", timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


@pytest.fixture
def object_storage(settings, s3_endpoint):
    """Make the default storage an S3 bucket on the loopback server (a fresh bucket per test),
    configured as production configures it (`config.settings.base`, S3_* variables)."""
    import boto3

    bucket = f"test-{uuid.uuid4().hex[:12]}"
    credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", **credentials
    ).create_bucket(Bucket=bucket)
    from localcompacts.config.settings.base import s3_storage

    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(
            bucket=bucket,
            endpoint_url=s3_endpoint,
            region="us-east-1",
            access_key="test",
            secret_key="test",
            prefix="media",
        ),
    }
    yield bucket
