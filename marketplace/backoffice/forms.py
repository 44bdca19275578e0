from django import forms
from django.utils.translation import gettext_lazy as _


class RefundForm(forms.Form):
    """One line's refund. ``request_key`` is fresh per form shown (see ``refunds``)."""

    quantity = forms.IntegerField(label=_("Units to refund"), min_value=1)
    bank_reference = forms.CharField(
        label=_("Reference of your transfer to the buyer"), required=False, max_length=100
    )
    restock = forms.BooleanField(label=_("Put the pieces back on sale"), required=False)
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class OrderLookupForm(forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=128)
