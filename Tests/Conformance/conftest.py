"""Starts the real instant-local binary and hands tests an SDK client bound to it.

The binary path comes from INSTANT_LOCAL_BIN (Scripts/test sets it). The server is
started with --port 0 --json, so readiness is the JSON line it prints once it listens.
"""
import json
import os
import subprocess
import tempfile
import uuid

import pytest
from instantdb import Instant

BIN = os.environ.get("INSTANT_LOCAL_BIN", ".build/debug/instant-local")


class Server:
    """One running instant-local process."""

    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [BIN, "--port", "0", "--json", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("instant-local exited before listening: " + self.proc.stderr.read())
        info = json.loads(line)
        self.url = info["url"]
        self.app_id = info["appId"]
        self.admin_token = info["adminToken"]

    def client(self, app_id=None, admin_token=None):
        return Instant(
            app_id=app_id or self.app_id,
            admin_token=admin_token or self.admin_token,
            api_uri=self.url,
        )

    def stop(self):
        self.proc.terminate()
        code = self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code


@pytest.fixture(scope="module")
def server():
    s = Server("--in-memory")
    yield s
    s.stop()


@pytest.fixture
def db(server):
    """A fresh ephemeral app per test, so tests never see each other's data."""
    import httpx

    resp = httpx.post(server.url + "/dash/apps/ephemeral", json={"title": "test-" + uuid.uuid4().hex[:8]})
    resp.raise_for_status()
    app = resp.json()["app"]
    client = server.client(app_id=app["id"], admin_token=app["admin-token"])
    yield client
    client.close()


@pytest.fixture
def data_dir():
    with tempfile.TemporaryDirectory() as d:
        yield d
