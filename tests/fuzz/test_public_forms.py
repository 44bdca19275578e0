"""Every public form on the shop, fuzzed: no server error, no partial write."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from hypothesis import strategies as st
from oscar.core.loading import get_model

from tests.factories import ProductFactory, UserFactory
from tests.fuzzing import form_fields, fuzz, nasty_text

User = get_user_model()
Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
ProductReview = get_model("reviews", "ProductReview")
ProductAlert = get_model("customer", "ProductAlert")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"


@pytest.fixture
def product():
    return ProductFactory()


@pytest.fixture
def buyer_client():
    UserFactory(email="fuzz@example.com")
    client = Client()
    assert client.login(username="fuzz@example.com", password=PASSWORD)
    return client


@pytest.fixture
def indonesia():
    return Country.objects.create(
        iso_3166_1_a2="ID", iso_3166_1_a3="IDN", iso_3166_1_numeric="360", name="Indonesia",
        printable_name="Indonesia", is_shipping_country=True,
    )  # fmt: skip


def at_most_one_new(model_label):
    def allowed(response, delta):
        return delta == {} or delta == {model_label: 1}

    return allowed


def test_registration(client):
    fields = form_fields(["email", "password1", "password2", "redirect_url"])
    fuzz(
        "registration",
        fields,
        send=lambda data: client.post("/accounts/register/", data),
        watch=[User],
        allowed_writes=lambda response, delta: (
            delta == {} or (delta == {"auth.User": 1} and response.status_code == 302)
        ),
    )


def test_login(client):
    UserFactory(email="known@example.com")
    fields = form_fields(["login-username", "login-password"], login_submit="1")
    fuzz(
        "login",
        fields,
        send=lambda data: client.post("/accounts/login/", data),
        watch=[User, Basket],
    )


def test_password_reset(client):
    UserFactory(email="reset@example.com")
    mail.outbox.clear()
    fuzz(
        "password-reset",
        form_fields(["email"]),
        send=lambda data: client.post("/password-reset/", data),
        watch=[User],
    )


def test_search(client, product):
    fuzz(
        "search",
        form_fields(["q", "sort_by", "page", "technique", "centre"]),
        send=lambda params: client.get("/search/", params),
        watch=[User, Basket, BasketLine],
    )


def test_basket_add(client, product):
    fields = form_fields(["quantity", "action", "next"])
    fuzz(
        "basket-add",
        fields,
        send=lambda data: client.post(f"/basket/add/{product.pk}/", data),
        watch=[BasketLine],
        allowed_writes=lambda response, delta: delta in ({}, {"basket.Line": 1}),
    )


def test_voucher_code(client, product):
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    fuzz(
        "basket-voucher",
        form_fields(["code"]),
        send=lambda data: client.post("/basket/vouchers/add/", data),
        watch=[BasketLine, Basket],
    )


def test_address_book_form(buyer_client, indonesia):
    fields = form_fields(
        ["title", "first_name", "last_name", "line1", "line2", "line4", "state", "postcode",
         "phone_number", "notes", "country"],
    )  # fmt: skip
    fuzz(
        "address-create",
        st.one_of(fields, fields.map(lambda d: {**d, "country": "ID"})),
        send=lambda data: buyer_client.post("/accounts/addresses/add/", data),
        watch=[UserAddress],
        allowed_writes=at_most_one_new("address.UserAddress"),
    )


def test_checkout_shipping_address_form(buyer_client, product, indonesia):
    buyer_client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    fields = form_fields(
        ["first_name", "last_name", "line1", "line4", "state", "postcode", "phone_number",
         "notes", "country"],
    )  # fmt: skip
    fuzz(
        "checkout-shipping-address",
        st.one_of(fields, fields.map(lambda d: {**d, "country": "ID"})),
        send=lambda data: buyer_client.post("/checkout/shipping-address/", data),
        watch=[Order, UserAddress],
    )


def test_profile_and_password_forms(buyer_client):
    fuzz(
        "profile-update",
        form_fields(["first_name", "last_name", "email"]),
        send=lambda data: buyer_client.post("/accounts/profile/edit/", data),
        watch=[User],
    )
    fuzz(
        "change-password",
        form_fields(["old_password", "new_password1", "new_password2"]),
        send=lambda data: buyer_client.post("/accounts/change-password/", data),
        watch=[User],
    )


def test_review_form(buyer_client, product):
    url = f"/catalogue/{product.slug}_{product.pk}/reviews/add/"
    fuzz(
        "review",
        form_fields(["title", "body", "score", "name", "email"]),
        send=lambda data: buyer_client.post(url, data),
        watch=[ProductReview],
        allowed_writes=at_most_one_new("reviews.ProductReview"),
    )


def test_product_alert_form(client):
    product = ProductFactory(stock__num_in_stock=0)
    fuzz(
        "product-alert",
        form_fields(["email"]),
        send=lambda data: client.post(f"/accounts/alerts/create/{product.pk}/", data),
        watch=[ProductAlert],
        allowed_writes=at_most_one_new("customer.ProductAlert"),
    )


def test_account_deletion_form_never_deletes_without_the_password(buyer_client):
    fuzz(
        "account-delete",
        form_fields(["password", "confirm"]),
        send=lambda data: buyer_client.post("/accounts/my-data/delete/", data),
        watch=[User, UserAddress],
    )
    assert User.objects.get(email="fuzz@example.com").is_active


def test_second_factor_code_form(buyer_client):
    fuzz(
        "otp-verify",
        form_fields(["token", "next"]),
        send=lambda data: buyer_client.post("/accounts/two-factor/verify/", data),
        watch=[User],
    )


def test_raw_bodies_of_any_content_type(client):
    bodies = st.tuples(
        st.binary(max_size=2000),
        st.sampled_from(
            ["application/json", "application/x-www-form-urlencoded", "text/plain",
             "multipart/form-data; boundary=xyz", "application/octet-stream"]
        ),
        st.sampled_from(["/accounts/login/", "/accounts/register/", "/search/", "/basket/"]),
    )  # fmt: skip
    fuzz(
        "raw-bodies",
        bodies,
        send=lambda b: client.generic("POST", b[2], b[0], content_type=b[1]),
        watch=[User, BasketLine],
    )


def test_query_strings_on_public_pages(client, product):
    pages = ["/", "/catalogue/", "/sentra/", "/basket/", "/search/"]
    fuzz(
        "query-strings",
        st.tuples(
            st.sampled_from(pages), st.dictionaries(nasty_text(20), nasty_text(), max_size=4)
        ),
        send=lambda p: client.get(p[0], p[1]),
        watch=[User, BasketLine],
    )
