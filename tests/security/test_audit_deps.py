"""The dependency audit script: skips loudly, never passes silently, when offline."""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_without_the_vulnerability_database_the_audit_says_it_skipped_and_exits_0():
    result = subprocess.run(
        ["bash", "scripts/audit-deps"],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHON": sys.executable,
            "AUDIT_PROBE_URL": f"http://127.0.0.1:{closed_port()}/pypi/django/5.2.19/json",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "audit-deps: SKIPPED" in result.stdout
    assert "nothing was audited" in result.stdout
