"""Checkout pre-conditions of our own, shared by every checkout view."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import session as oscar_session
from oscar.core.loading import get_class, get_model

from marketplace.payments.currency import currency_for_request

from .forms import payment_methods_for
from .services.currency import CurrencyUnavailable, switch_currency

Applicator = get_class("offer.applicator", "Applicator")
Basket = get_model("basket", "Basket")


class CheckoutSessionMixin(oscar_session.CheckoutSessionMixin):
    def check_basket_is_valid(self, request):
        # A basket keeps the currency its lines were added in; after signing in it
        # may hold lines of another currency (merged baskets): price them again.
        currency = currency_for_request(request)
        if any(line.price_currency != currency for line in request.basket.all_lines()):
            try:
                switch_currency(request=request, currency=currency)
            except CurrencyUnavailable as exc:
                raise exceptions.FailedPreCondition(
                    url=reverse("basket:summary"), message=str(exc)
                ) from exc
            request.basket = Basket._default_manager.get(pk=request.basket.pk)
            request.basket.strategy = request.strategy
            Applicator().apply(request.basket, request.user, request)
        super().check_basket_is_valid(request)

    def check_payment_method_is_chosen(self, request):
        if self.checkout_session.payment_method() not in payment_methods_for(
            request.strategy.currency
        ):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you would like to pay."),
            )
