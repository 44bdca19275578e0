"""The dependency audit script: audits for real against whichever advisory service
answers, and skips loudly - naming each service and its error - never passing
silently, when none does."""

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fake_osv():
    """A local OSV API: no advisories, or one for the pinned Django when asked."""
    state = {"vulnerable": False, "queries": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state["queries"] += 1
            answer = {}
            if state["vulnerable"] and query["package"]["name"].lower() == "django":
                affected = {"package": {"name": "django", "ecosystem": "PyPI"}, "ranges": [
                    {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}
                ]}  # fmt: skip
                answer = {"vulns": [{"id": "GHSA-test-0000-0000", "summary": "test advisory",
                                     "details": "test", "affected": [affected]}]}  # fmt: skip
            body = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_port}/v1/query"
    yield state
    server.shutdown()
    server.server_close()


def audit(*, pypi_url: str, osv_url: str):
    return subprocess.run(
        ["bash", "scripts/audit-deps"],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHON": sys.executable,
            "AUDIT_PROBE_URL": pypi_url,
            "AUDIT_OSV_URL": osv_url,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_any_service_the_audit_names_each_failure_skips_and_exits_0():
    pypi = f"http://127.0.0.1:{closed_port()}/pypi/django/5.2.19/json"
    osv = f"http://127.0.0.1:{closed_port()}/v1/query"
    result = audit(pypi_url=pypi, osv_url=osv)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "audit-deps: SKIPPED - no vulnerability service answered from this machine;"
    assert "audit-deps: nothing was audited. Tried:" in lines
    assert f"audit-deps:   PyPI JSON API: GET {pypi} -> ConnectionRefusedError: " in (result.stdout)
    assert f"audit-deps:   OSV API: POST {osv} -> ConnectionRefusedError: " in result.stdout
    assert "No known vulnerabilities" not in result.stdout


def test_a_mirror_without_per_release_documents_is_named_with_its_http_error(fake_osv):
    """What a package mirror serving only project pages answers: 404 per release."""
    missing = f"{fake_osv['url'].rsplit('/v1/', 1)[0]}/pypi/django/5.2.19/json"  # GET: 501
    result = audit(pypi_url=missing, osv_url=f"http://127.0.0.1:{closed_port()}/v1/query")
    assert result.returncode == 0
    assert f"PyPI JSON API: GET {missing} -> HTTP 501 " in result.stdout


def test_when_osv_answers_the_pinned_packages_are_audited_for_real(fake_osv):
    result = audit(pypi_url=f"http://127.0.0.1:{closed_port()}/x", osv_url=fake_osv["url"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "against the osv service" in result.stdout
    assert "No known vulnerabilities found" in result.stderr  # pip-audit writes it there
    pins = [line for line in (ROOT / "constraints.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip
    assert fake_osv["queries"] >= len(pins)  # one probe, then every pin


def test_a_known_vulnerability_fails_the_audit(fake_osv):
    fake_osv["vulnerable"] = True
    result = audit(pypi_url=f"http://127.0.0.1:{closed_port()}/x", osv_url=fake_osv["url"])
    assert result.returncode == 1
    assert "GHSA-test-0000-0000" in result.stdout
