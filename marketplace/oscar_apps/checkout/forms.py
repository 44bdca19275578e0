"""Checkout forms: the shipping address must suit the buyer's market; how to pay."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms

from marketplace.payments.models import Currency

DOMESTIC_COUNTRY = "ID"

CARD = "card"
BANK_TRANSFER = "bank-transfer"
PAYMENT_METHOD_LABELS = {
    CARD: _("Credit or debit card"),
    BANK_TRANSFER: _("Bank transfer (Indonesian banks, rupiah only)"),
}


def payment_methods_for(currency: str) -> list[str]:
    """Card for everybody; bank transfer for domestic (rupiah) buyers only."""
    return [CARD, BANK_TRANSFER] if currency == Currency.IDR else [CARD]


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """Rupiah orders ship within Indonesia (PPN); dollar orders are exports abroad."""

    def __init__(self, *args, currency: str = Currency.IDR, **kwargs):
        self.currency = currency
        super().__init__(*args, **kwargs)
        country = self.fields.get("country")
        if country is not None and not self.initial.get("country") and currency == Currency.IDR:
            self.initial["country"] = DOMESTIC_COUNTRY

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        if country is None:
            return cleaned
        domestic = country.pk == DOMESTIC_COUNTRY
        if self.currency == Currency.IDR and not domestic:
            self.add_error(
                "country",
                _(
                    "Orders paid in rupiah ship within Indonesia. To ship abroad, switch "
                    "the currency to USD at the top of the page."
                ),
            )
        elif self.currency != Currency.IDR and domestic:
            self.add_error(
                "country",
                _(
                    "Orders to Indonesian addresses are paid in rupiah. Switch the "
                    "currency to IDR at the top of the page."
                ),
            )
        return cleaned


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("How would you like to pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, methods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(m, PAYMENT_METHOD_LABELS[m]) for m in methods]
        self.fields["method"].initial = methods[0]
