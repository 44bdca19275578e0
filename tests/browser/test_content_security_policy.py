"""The pages work under the Content-Security-Policy: no violation, no script error."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import CentreFactory, ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collect every violation the browser reports, from the first byte of each page on.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')
        + ' ' + (e.sample || ''));
});
"""


@pytest.fixture
def watched(page):
    problems = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" or "Content Security Policy" in msg.text
            else None
        ),
    )

    def visit(url):
        response = page.goto(url)
        assert response.status == 200, url
        assert "'nonce-" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        problems.extend(page.evaluate("window.__cspViolations"))
        return response

    visit.problems = problems
    return visit


def test_storefront_pages_load_without_csp_violations(live_server, page, watched):
    centre = CentreFactory(slug="sentra-uji")
    product = ProductFactory(title="Kain Sekar Jagad", artisan__centre=centre)
    base = live_server.url
    for path in [
        "/",
        "/catalogue/",
        product.get_absolute_url(),
        "/search/?q=sekar",
        "/sentra/",
        "/sentra/sentra-uji/",
        "/accounts/login/",
        "/password-reset/",
    ]:
        watched(base + path)
    # Add to basket through the page's own form, then the mini-basket's inline
    # handler (allowed by its hash) must take the shopper to the basket.
    watched(base + product.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state("load")
    watched(base + "/basket/")
    watched(base + "/")
    page.locator(".basket-mini .dropdown-toggle").first.click()
    page.locator(".basket-mini button[onclick]").first.click()
    page.wait_for_url("**/basket/")
    assert watched.problems == []


def test_account_and_dashboard_pages_load_without_csp_violations(live_server, page, watched):
    get_user_model().objects.create_superuser("boss", "boss@example.com", "secret-pass-123")
    ProductFactory()
    base = live_server.url
    watched(base + "/accounts/login/")
    page.fill("#id_login-username", "boss@example.com")
    page.fill("#id_login-password", "secret-pass-123")
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state("load")
    for path in [
        "/accounts/profile/",
        "/accounts/my-data/",
        "/accounts/two-factor/",
        "/dashboard/",
        "/dashboard/catalogue/",
        "/dashboard/orders/",
        "/dashboard/audit/",
    ]:
        watched(base + path)
    assert watched.problems == []


def test_an_injected_inline_script_is_blocked_and_reported(live_server, page, watched):
    """The watcher above can fail: a script without the nonce is refused and seen."""
    watched(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.injected === undefined")
    assert page.evaluate("window.__cspViolations")[0].startswith("script-src")
