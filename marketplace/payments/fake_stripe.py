"""The offline Stripe: localstripe, served on 127.0.0.1 only.

localstripe's own command line listens on every interface and pickles its state to
/tmp after every request; here it binds the loopback address and keeps its state in
memory. Used by the test fixtures (in a thread) and by ``manage.py run_demo`` (in a
subprocess: ``python -m marketplace.payments.fake_stripe --port N``). The fake also
serves its Stripe.js at ``<url>/js.stripe.com/v3/``, so a real browser can pay.

localstripe is a development dependency (requirements-dev.txt): it is imported only
when a fake is started.
"""

import argparse
import asyncio
import base64
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HOST = "127.0.0.1"
# Any sk_test… key authenticates against the fake.
FAKE_SECRET_KEY = "sk_test_localstripe"
FAKE_PUBLISHABLE_KEY = "pk_test_localstripe"
FAKE_WEBHOOK_SECRET = "whsec_localstripe"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _app():
    from localstripe import resources
    from localstripe.server import app

    # Keep state in memory only: no pickle in /tmp shared with other processes.
    resources.Store.dump_to_disk = lambda self: None
    return app


def _request(url: str, method: str = "GET", data: bytes | None = None) -> int:
    auth = base64.b64encode(f"{FAKE_SECRET_KEY}:".encode()).decode()
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Authorization": f"Basic {auth}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def wait_until_up(url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            _request(f"{url}/v1/balance")
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def reset(url: str) -> None:
    """Forget every object and webhook the fake holds."""
    _request(f"{url}/_config/data", method="DELETE")
    from localstripe import webhooks

    webhooks._webhooks.clear()  # in-process fakes only; a subprocess keeps its own


def register_webhook(url: str, endpoint_url: str, secret: str = FAKE_WEBHOOK_SECRET) -> None:
    """Ask the fake to POST signed events to ``endpoint_url``."""
    data = urllib.parse.urlencode({"url": endpoint_url, "secret": secret}).encode()
    _request(f"{url}/_config/webhooks/shop", method="POST", data=data)


class ThreadedFakeStripe:
    """localstripe on its own event loop in a daemon thread of this process."""

    def __init__(self, port: int = 0):
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self._loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-stripe", daemon=True)

    def _run(self) -> None:
        from aiohttp import web

        asyncio.set_event_loop(self._loop)
        self._runner = web.AppRunner(_app(), access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, HOST, self.port)
        self._loop.run_until_complete(site.start())
        self._started.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())

    def start(self) -> "ThreadedFakeStripe":
        self._thread.start()
        self._started.wait(timeout=10)
        wait_until_up(self.url)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve localstripe on 127.0.0.1.")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    from aiohttp import web

    web.run_app(_app(), host=HOST, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
