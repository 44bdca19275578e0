"""Benchmark, load side: one locust user class per scenario.

``scripts/bench.py`` runs locust headless once per scenario, naming the class, against
an app server on 127.0.0.1 only; the URLs come from the plan ``bench_pages.py`` wrote
(``BENCH_PLAN``). Users wait for nothing between requests, so requests/s is the most
the server gives and latencies include its queueing.

Adding a scenario: a class here, its name in ``SCENARIOS`` in bench.py, and, for the
query column, its page in bench_pages.py.
"""

import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
TARGETS = PLAN["targets"]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
AMOUNT_FIELD = re.compile(r'name="amount_minor" value="(\d+)"')
# A shopper's basket is this long before they leave and a new one starts.
ADDS_PER_SHOPPER = 10


class ShopUser(HttpUser):
    abstract = True

    def on_start(self):
        if urlsplit(self.host).hostname != "127.0.0.1":
            raise StopUser("the benchmark only loads 127.0.0.1")
        self.rng = random.Random()

    def send_secure_cookies(self):
        """Send ``Secure`` cookies to 127.0.0.1 over plain HTTP, as browsers do for loopback.

        The benchmark serves production settings (Secure session, CSRF and basket
        cookies) without TLS, on the loopback interface only.
        """
        for cookie in self.client.cookies:
            cookie.secure = False


class Home(ShopUser):
    @task
    def home(self):
        self.client.get("/", name="home")


class Catalogue(ShopUser):
    @task
    def catalogue(self):
        page = self.rng.choice(["", "?page=2", "?page=3"])
        self.client.get(f"/catalogue/{page}", name="catalogue")


class Category(ShopUser):
    @task
    def category(self):
        self.client.get(self.rng.choice(TARGETS["category_urls"]), name="category")


class Search(ShopUser):
    @task
    def search(self):
        term = self.rng.choice(TARGETS["search_terms"])
        self.client.get("/search/", params={"q": term}, name="search")


class Product(ShopUser):
    @task
    def product(self):
        self.client.get(self.rng.choice(TARGETS["product_urls"]), name="product")


class Centre(ShopUser):
    @task
    def centre(self):
        self.client.get(self.rng.choice(TARGETS["centre_urls"]), name="centre")


class Artisan(ShopUser):
    @task
    def artisan(self):
        self.client.get(self.rng.choice(TARGETS["artisan_urls"]), name="artisan")


class Facets(ShopUser):
    @task
    def facets(self):
        self.client.get(self.rng.choice(TARGETS["facet_urls"]), name="facets")


class Trace(ShopUser):
    @task
    def trace(self):
        self.client.get(self.rng.choice(TARGETS["trace_urls"]), name="trace")


class _Shopper(ShopUser):
    abstract = True

    def new_shopper(self):
        """Forget the previous basket and session; fetch a CSRF token from a product page."""
        self.client.cookies.clear()
        response = self.client.get(self.rng.choice(TARGETS["product_urls"]), name="(setup)")
        match = CSRF_FIELD.search(response.text)
        self.token = match.group(1) if match else ""
        self.adds = 0

    def add(self, product_id, name):
        self.send_secure_cookies()
        with self.client.post(
            f"/basket/add/{product_id}/",
            data={"quantity": 1, "csrfmiddlewaretoken": self.token},
            headers={"Referer": self.host + "/"},
            allow_redirects=False,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"add to basket answered {response.status_code}")
        self.adds += 1


class BasketAdd(_Shopper):
    def on_start(self):
        super().on_start()
        self.new_shopper()

    @task
    def add_to_basket(self):
        if self.adds >= ADDS_PER_SHOPPER:
            self.new_shopper()
        self.add(self.rng.choice(TARGETS["product_ids"]), "basket add")


class BasketPage(_Shopper):
    def on_start(self):
        super().on_start()
        self.new_shopper()
        for product_id in self.rng.sample(TARGETS["product_ids"], TARGETS["basket_lines"]):
            self.add(product_id, "(setup)")

    @task
    def basket(self):
        self.send_secure_cookies()
        self.client.get("/basket/", name="basket page")


class Checkout(_Shopper):
    """One guest checkout after another, paid by bank transfer (no card, no Stripe)."""

    STEP = "(checkout step)"

    def step(self, method, url, **kwargs):
        """One request of the flow; raises (ending this checkout) unless it answers as
        a browser walking the flow expects (200, or a redirect not followed)."""
        self.send_secure_cookies()
        data = kwargs.pop("data", None)
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.token}
        response = self.client.request(
            method,
            url,
            data=data,
            headers={"Referer": self.host + url},
            allow_redirects=False,
            name=self.STEP,
            **kwargs,
        )
        if response.status_code not in (200, 302):
            raise RuntimeError(f"{method} {url} answered {response.status_code}")
        token = CSRF_FIELD.search(response.text)
        if token:
            self.token = token.group(1)
        return response

    @task
    def checkout(self):
        self.new_shopper()
        started = time.perf_counter()
        exception = None
        try:
            self.add(self.rng.choice(TARGETS["checkout_product_ids"]), self.STEP)
            self.step("GET", "/checkout/")
            self.step("POST", "/checkout/", data={"username": self.email(), "options": "anonymous"})
            self.step("GET", "/checkout/shipping-address/")
            self.step("POST", "/checkout/shipping-address/", data=TARGETS["checkout_address"])
            self.step("GET", "/checkout/shipping-method/")
            self.step("GET", "/checkout/payment-method/")
            self.step("POST", "/checkout/payment-method/", data={"method": "bank-transfer"})
            preview = self.step("GET", "/checkout/preview/")
            amount = AMOUNT_FIELD.search(preview.text)
            if not amount:
                raise RuntimeError("the preview shows no amount to confirm")
            placed = self.step(
                "POST",
                "/checkout/preview/",
                data={"action": "place_order", "amount_minor": amount.group(1)},
            )
            if placed.status_code != 302 or "thank-you" not in placed.headers.get("Location", ""):
                raise RuntimeError("the order was not placed")
            self.step("GET", "/checkout/thank-you/")
        except Exception as exc:  # noqa: BLE001 - reported as this checkout's failure
            exception = exc
        self.environment.events.request.fire(
            request_type="FLOW",
            name="checkout",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=exception,
            context={},
        )

    def email(self) -> str:
        return f"bench.{self.rng.randrange(10**9)}@example.com"
