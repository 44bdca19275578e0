"""Serve the demo shop with its offline Stripe: localstripe on 127.0.0.1, then runserver.

localstripe (a fake, stateful Stripe with a fake Stripe.js) runs in a subprocess on a
free loopback port; the shop's runserver gets its address through LOCALSTRIPE_URL
and receives its signed webhooks. Pay with card 4242 4242 4242 4242 (any future
date, any CVC); 4000 0025 0000 3155 asks for 3-D Secure, 4000 0000 0000 0341 is
declined. With real Stripe keys set, this is plain runserver.
"""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.payments import fake_stripe


class Command(BaseCommand):
    help = "Start localstripe on 127.0.0.1 and serve the shop with runserver."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--stripe-port", type=int, default=0, help="default: a free port")

    def handle(self, *args, addrport, stripe_port, **options):
        if ":" not in addrport:
            addrport = f"127.0.0.1:{addrport}"
        runserver = [sys.executable, str(settings.BASE_DIR / "manage.py"), "runserver", addrport]
        if not settings.STRIPE_OFFLINE:
            self.stdout.write("Stripe keys are set: serving with real Stripe.")
            subprocess.run(runserver, check=False)
            return

        port = stripe_port or fake_stripe.free_port()
        url = f"http://{fake_stripe.HOST}:{port}"
        # Ctrl-C and SIGTERM stop both servers (runserver's reloader child included).
        signal.signal(signal.SIGTERM, _interrupt)
        fake = subprocess.Popen(
            [sys.executable, "-m", "marketplace.payments.fake_stripe", "--port", str(port)],
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )
        server = None
        try:
            fake_stripe.wait_until_up(url)
            fake_stripe.register_webhook(url, f"http://{addrport}/checkout/stripe/webhook/")
            self.stdout.write(
                f"Offline Stripe (localstripe) on {url}. Test cards: 4242 4242 4242 4242 "
                "(paid), 4000 0025 0000 3155 (3-D Secure), 4000 0000 0000 0341 (declined).",
            )
            self.stdout.flush()
            server = subprocess.Popen(
                runserver,
                env={**os.environ, "LOCALSTRIPE_URL": url},
                start_new_session=True,
            )
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in (server, fake):
                if process is not None and process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=10)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
