"""Checkout pages: Oscar's steps, with card (Stripe) and bank-transfer payment.

address → shipping method → payment method → preview. On the preview page a card
buyer pays with the card Element (Stripe.js: createToken, then 3-D Secure through
``confirmCardPayment`` when the bank asks for it) and the JSON views below do the
rest; a bank-transfer buyer places the order and gets the transfer instructions.
"""

from django import http
from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class, get_model

from marketplace.core.money import to_minor_units
from marketplace.core.redirects import safe_next_url
from marketplace.oscar_apps.shipping.repository import zone_for
from marketplace.payments import gateway
from marketplace.payments.currency import SUPPORTED_CURRENCIES

from .forms import BANK_TRANSFER, CARD, PaymentMethodForm, payment_methods_for
from .services.bank_transfer import place_bank_transfer_order
from .services.card import PaymentRefused, settle_card_payment, start_card_payment
from .services.currency import CurrencyUnavailable, switch_currency
from .services.placement import CheckoutData, address_fields

OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
SoldOut = get_class("order.exceptions", "SoldOut")
PriceChanged = get_class("order.exceptions", "PriceChanged")
OrderLine = get_model("order", "Line")

# The card payment waiting for 3-D Secure in this browser session.
CARD_PAYMENT_SESSION_KEY = "checkout_card_payment_id"


def checkout_data(request, submission) -> CheckoutData:
    """The buyer's checkout choices, as the placement services store them."""
    user = request.user if request.user.is_authenticated else None
    return CheckoutData(
        user=user,
        guest_email=submission["order_kwargs"].get("guest_email") or "",
        shipping_address=address_fields(submission["shipping_address"]),
        shipping_method_code=submission["shipping_method"].code,
        currency=request.strategy.currency,
        exchange_rate=getattr(request.strategy, "rate", None),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


class ShippingAddressView(oscar_views.ShippingAddressView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["currency"] = self.request.strategy.currency
        return kwargs


class ShippingMethodView(oscar_views.ShippingMethodView):
    def get(self, request, *args, **kwargs):
        address = self.get_shipping_address(request.basket)
        if address is not None and zone_for(request.basket, address) is None:
            messages.warning(
                request,
                _(
                    "Orders paid in rupiah ship within Indonesia, orders paid in US dollars "
                    "ship abroad. Choose another address or switch the currency."
                ),
            )
            return redirect("checkout:shipping-address")
        return super().get(request, *args, **kwargs)


class PaymentMethodView(oscar_views.PaymentMethodView):
    template_name = "oscar/checkout/payment_method.html"

    def get_form(self, data=None):
        return PaymentMethodForm(data, methods=payment_methods_for(self.request.strategy.currency))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_transfer"] = BANK_TRANSFER in payment_methods_for(
            self.request.strategy.currency
        )
        context["hold_hours"] = settings.BANK_TRANSFER_HOLD_HOURS
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:preview")


class PaymentFlowMixin:
    """What the card and bank-transfer views share."""

    def send_order_placed_email(self, order):
        """The placement services send it (in the buyer's language) once committed."""

    def complete_order(self, order) -> str:
        """Oscar's after-order steps, without the redirect: return the thank-you URL."""
        self.request.session.pop(CARD_PAYMENT_SESSION_KEY, None)
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.id
        url = reverse("checkout:thank-you")
        self.send_signal(self.request, http.HttpResponseRedirect(url), order)
        return url


class PaymentDetailsView(PaymentFlowMixin, oscar_views.PaymentDetailsView):
    """The preview page: check everything, then pay by card or place a transfer order."""

    def get_pre_conditions(self, request):
        conditions = super().get_pre_conditions(request)
        if self.preview:
            conditions = conditions + ["check_payment_method_is_chosen"]
        return conditions

    def get(self, request, *args, **kwargs):
        if not self.preview:  # payment details are entered on the preview page
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        method = self.checkout_session.payment_method()
        context["payment_method"] = method
        total = context.get("order_total")
        if total is not None:
            # The total the buyer sees; paying checks it is still the total.
            context["amount_minor"] = to_minor_units(total.incl_tax, total.currency)
        if method == CARD:
            context["stripe_js_url"] = settings.STRIPE_JS_URL
            context["stripe_publishable_key"] = settings.STRIPE_PUBLISHABLE_KEY
        elif method == BANK_TRANSFER:
            context["bank_transfer_hold_hours"] = settings.BANK_TRANSFER_HOLD_HOURS
        return context

    def handle_place_order_submission(self, request):
        if self.checkout_session.payment_method() != BANK_TRANSFER:
            return http.HttpResponseBadRequest()
        expected = request.POST.get("amount_minor", "")
        if not expected.isdigit():
            return http.HttpResponseBadRequest()
        data = checkout_data(request, self.build_submission())
        try:
            order = place_bank_transfer_order(
                basket_id=request.basket.pk, data=data, expected_total_minor=int(expected)
            )
        except SoldOut as exc:
            messages.error(request, str(exc))
            return redirect("basket:summary")
        except UnableToPlaceOrder as exc:
            return self.render_preview(request, error=str(exc))
        return redirect(self.complete_order(order))


class JsonCheckoutMixin(PaymentFlowMixin):
    """Answers the payment page's script in JSON, redirects included."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if isinstance(response, http.HttpResponseRedirect):
            return http.JsonResponse({"redirect": response.url}, status=409)
        return response

    def outcome_response(self, outcome):
        if outcome.order is not None:
            return http.JsonResponse({"redirect": self.complete_order(outcome.order)})
        if outcome.requires_action:
            self.request.session[CARD_PAYMENT_SESSION_KEY] = outcome.card_payment.pk
            return http.JsonResponse(
                {
                    "requires_action": True,
                    "client_secret": outcome.client_secret,
                    "confirm_url": reverse("checkout:card-confirm"),
                }
            )
        self.request.session.pop(CARD_PAYMENT_SESSION_KEY, None)
        if outcome.back_to_basket:
            return self.back_to_basket(outcome.error)
        return http.JsonResponse({"error": outcome.error}, status=402)

    def back_to_basket(self, message: str):
        messages.error(self.request, message)
        return http.JsonResponse(
            {"error": message, "redirect": reverse("basket:summary")}, status=409
        )

    def gateway_unavailable(self):
        return http.JsonResponse(
            {"error": _("The card service could not be reached. Please try again shortly.")},
            status=502,
        )


class CardPaymentView(JsonCheckoutMixin, OrderPlacementMixin, generic.View):
    """POST token → authorise → place the order → capture (or ask for 3-D Secure)."""

    http_method_names = ["post"]
    pre_conditions = oscar_views.PaymentDetailsView.pre_conditions + [
        "check_payment_method_is_chosen"
    ]

    def post(self, request, *args, **kwargs):
        token = request.POST.get("token", "")
        expected = request.POST.get("amount_minor", "")
        if self.checkout_session.payment_method() != CARD or not token or not expected.isdigit():
            return http.JsonResponse({"error": _("Payment details are missing.")}, status=400)
        data = checkout_data(request, self.build_submission())
        try:
            outcome = start_card_payment(
                basket_id=request.basket.pk,
                data=data,
                card_token=token,
                expected_total_minor=int(expected),
            )
        except PriceChanged as exc:
            messages.warning(request, str(exc))
            return http.JsonResponse(
                {"error": str(exc), "redirect": reverse("checkout:preview")}, status=409
            )
        except (SoldOut, PaymentRefused) as exc:
            return self.back_to_basket(str(exc))
        except gateway.GatewayError:
            return self.gateway_unavailable()
        return self.outcome_response(outcome)


class CardPaymentConfirmView(JsonCheckoutMixin, OrderPlacementMixin, generic.View):
    """After 3-D Secure in the browser: settle this session's card payment."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        card_payment_id = request.session.get(CARD_PAYMENT_SESSION_KEY)
        if card_payment_id is None:
            return self.back_to_basket(_("There is no card payment to confirm."))
        try:
            outcome = settle_card_payment(card_payment_id=card_payment_id)
        except gateway.GatewayError:
            return self.gateway_unavailable()
        if outcome.requires_action:  # the buyer closed the bank's window
            return http.JsonResponse(
                {"error": _("The payment was not authenticated. Please try again.")},
                status=402,
            )
        return self.outcome_response(outcome)


class SetCurrencyView(generic.View):
    """The currency switcher: remember the choice, re-price the basket, go back."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        currency = request.POST.get("currency", "")
        if currency not in SUPPORTED_CURRENCIES:
            return http.HttpResponseBadRequest()
        try:
            switch_currency(request=request, currency=currency)
        except CurrencyUnavailable as exc:
            messages.error(request, str(exc))
        return redirect(safe_next_url(request, "/"))


class ThankYouView(oscar_views.ThankYouView):
    """Oscar's thank-you page, its order's lines read in a fixed number of queries."""

    def get_object(self, queryset=None):
        order = super().get_object(queryset)
        if order is not None:
            # Each line shows its product (link, photo), options, artisan and centre.
            lines = OrderLine.objects.select_related("product", "artisan", "centre")
            prefetch_related_objects(
                [order],
                Prefetch(
                    "lines",
                    queryset=lines.prefetch_related("attributes__option", "product__images"),
                ),
            )
        return order
