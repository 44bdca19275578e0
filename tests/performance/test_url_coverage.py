"""Every URL name has a query budget, or is excluded here with its reason.

A new page without a budget fails this test (and CI): add it to ``BUDGETS`` with a test
proving it flat, or, if it is not a page (an action, a redirect), to ``EXCLUDED``.
Django's admin (namespace ``admin``) is left out as a whole: Django's own staff pages.
"""

from django.urls import URLResolver, get_resolver

from tests.performance.test_query_budgets import BUDGETS

EXCLUDED = {
    # Actions: POST only (a GET is refused or only redirects), no page of their own.
    "actions": (
        "set_language",
        "basket:add",
        "basket:vouchers-add",
        "basket:vouchers-remove",
        "catalogue:reviews-vote",
        "checkout:set-currency",
        "checkout:card-pay",
        "checkout:card-confirm",
        "checkout:stripe-webhook",
        "checkout:bank-transfer-confirm",
        "checkout:user-address-delete",
        "customer:logout",
        # Re-orders one line of an order (the order page's form); a GET only redirects
        # to the order's page.
        "customer:order-line",
        "customer:address-change-status",
        "customer:notifications-update",
        "customer:alert-create",
        "customer:alerts-cancel-by-key",
        "customer:alerts-cancel-by-pk",
        "customer:alerts-confirm",
        "customer:wishlists-add-product",
        "customer:wishlists-create-with-product",
        "customer:wishlists-remove-product",
        "customer:wishlists-move-product-to-another",
        "dashboard:logout",
        "dashboard:catalogue-product-bulk-action",
        "dashboard:partner-user-link",
        "dashboard:partner-user-unlink",
        "dashboard:range-reorder",
        "dashboard:listing-review-approve",
        "dashboard:listing-review-reject",
        "dashboard:workshop-product-submit",
        "dashboard:workshop-product-image-add",
        "dashboard:workshop-product-image-delete",
        "dashboard:workshop-stock-change",
        "dashboard:workshop-stock-threshold",
        "sales:reverse-entry",
        "backoffice:refund-line",
        # GET ?number=… only redirects to the order page (or back to the hub).
        "backoffice:order-lookup",
        "trace:certificate-verify",
    ),
    # Aliases and redirects: Oscar's "home" is our storefront home (same path).
    "aliases": ("home",),
    # Forms with no rows: sign-in, registration, password and account forms, confirm-
    # deletion pages. Their cost does not depend on data.
    "forms": (
        "customer:login",
        "customer:register",
        "customer:change-password",
        "customer:profile-update",
        "customer:profile-delete",
        "accounts:delete",
        "accounts:otp-verify",
        "dashboard:login",
        "password-reset",
        "password-reset-done",
        "password-reset-confirm",
        "password-reset-complete",
        "checkout:user-address-update",
        "customer:address-create",
        "customer:address-detail",
        "customer:address-delete",
        "customer:wishlists-create",
        "customer:wishlists-update",
        "customer:wishlists-delete",
        "catalogue:reviews-add",
    ),
    # Oscar's staff configuration screens (offers, vouchers, ranges, pages, e-mails,
    # reviews, users, partners, shipping bands, product types, options, categories,
    # reports): unchanged from Oscar, used by administrators only, not budgeted.
    "oscar staff configuration": (
        "dashboard:catalogue-attribute-option-group-create",
        "dashboard:catalogue-attribute-option-group-delete",
        "dashboard:catalogue-attribute-option-group-list",
        "dashboard:catalogue-attribute-option-group-update",
        "dashboard:catalogue-category-create",
        "dashboard:catalogue-category-create-child",
        "dashboard:catalogue-category-delete",
        "dashboard:catalogue-category-detail-list",
        "dashboard:catalogue-category-list",
        "dashboard:catalogue-category-update",
        "dashboard:catalogue-class-create",
        "dashboard:catalogue-class-delete",
        "dashboard:catalogue-class-list",
        "dashboard:catalogue-class-update",
        "dashboard:catalogue-option-create",
        "dashboard:catalogue-option-delete",
        "dashboard:catalogue-option-list",
        "dashboard:catalogue-option-update",
        "dashboard:catalogue-product-create",
        "dashboard:catalogue-product-create-child",
        "dashboard:catalogue-product-delete",
        "dashboard:catalogue-product-lookup",
        "dashboard:comms-list",
        "dashboard:comms-update",
        "dashboard:offer-benefit",
        "dashboard:offer-condition",
        "dashboard:offer-delete",
        "dashboard:offer-detail",
        "dashboard:offer-list",
        "dashboard:offer-metadata",
        "dashboard:offer-restrictions",
        "dashboard:order-detail-note",
        "dashboard:order-line-detail",
        "dashboard:order-shipping-address",
        "dashboard:order-stats",
        "dashboard:page-create",
        "dashboard:page-delete",
        "dashboard:page-list",
        "dashboard:page-update",
        "dashboard:partner-create",
        "dashboard:partner-delete",
        "dashboard:partner-list",
        "dashboard:partner-manage",
        "dashboard:partner-user-create",
        "dashboard:partner-user-select",
        "dashboard:partner-user-update",
        "dashboard:range-create",
        "dashboard:range-delete",
        "dashboard:range-list",
        "dashboard:range-products",
        "dashboard:range-update",
        "dashboard:reports-index",
        "dashboard:reviews-delete",
        "dashboard:reviews-list",
        "dashboard:reviews-update",
        "dashboard:shipping-method-band-delete",
        "dashboard:shipping-method-band-edit",
        "dashboard:shipping-method-create",
        "dashboard:shipping-method-delete",
        "dashboard:shipping-method-detail",
        "dashboard:shipping-method-edit",
        "dashboard:shipping-method-list",
        "dashboard:user-alert-delete",
        "dashboard:user-alert-list",
        "dashboard:user-alert-update",
        "dashboard:user-detail",
        "dashboard:user-password-reset",
        "dashboard:users-index",
        "dashboard:voucher-create",
        "dashboard:voucher-delete",
        "dashboard:voucher-list",
        "dashboard:voucher-set-create",
        "dashboard:voucher-set-delete",
        "dashboard:voucher-set-detail",
        "dashboard:voucher-set-download",
        "dashboard:voucher-set-list",
        "dashboard:voucher-set-update",
        "dashboard:voucher-stats",
        "dashboard:voucher-update",
    ),
    # Budgeted elsewhere: the hang-tag sheet renders the tags chosen on trace:tags
    # (tests/trace/test_hang_tags.py keeps it flat).
    "covered by their own tests": ("trace:tags-print",),
}


def url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_name_is_budgeted_or_excluded_with_a_reason():
    excluded = {name for names in EXCLUDED.values() for name in names}

    assert url_names() - set(BUDGETS) - excluded == set()


def test_no_budget_or_exclusion_names_a_url_that_is_gone():
    excluded = {name for names in EXCLUDED.values() for name in names}

    assert (set(BUDGETS) | excluded) - url_names() == set()


def test_a_page_is_budgeted_or_excluded_never_both():
    listed = [name for names in EXCLUDED.values() for name in names]

    assert (sorted(set(listed) & set(BUDGETS)), len(listed)) == ([], len(set(listed)))
