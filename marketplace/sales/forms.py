"""Forms: the dashboard's period picker, payouts and payout reversals."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf
from .periods import Period, PeriodKind


class ReportForm(forms.Form):
    """Which period, currency and (optionally) which of the user's centres to report on.

    ``centre`` is checked against the user's scope by the view, never trusted.
    """

    period = forms.ChoiceField(
        label=_("Period"), choices=PeriodKind.choices, required=False, initial=PeriodKind.MONTH
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    centre = forms.IntegerField(label=_("Centre"), required=False, min_value=1)

    def __init__(self, *args, centres=(), **kwargs):
        super().__init__(*args, **kwargs)
        currencies = conf.report_currencies()
        self.fields["currency"].choices = [(code, code) for code in currencies]
        self.fields["centre"].widget = forms.Select(
            choices=[("", _("All my centres"))] + [(c.pk, c.name) for c in centres]
        )

    def clean(self):
        data = super().clean()
        kind = data.get("period") or PeriodKind.MONTH
        today = timezone.localdate()
        if kind == PeriodKind.CUSTOM:
            first, last = data.get("start"), data.get("end")
            if not first or not last:
                raise forms.ValidationError(_("A custom range needs a start and an end date."))
            try:
                data["period_obj"] = Period.custom(first, last)
            except ValueError as error:
                raise forms.ValidationError(
                    _("Choose a range that ends after it starts and spans at most three years.")
                ) from error
        else:
            data["period_obj"] = Period.containing(kind, data.get("date") or today)
        data["currency"] = data.get("currency") or conf.report_currencies()[0]
        return data


def default_period() -> Period:
    return Period.containing(PeriodKind.MONTH, timezone.localdate())


class PayoutForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=14, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("Currency"))
    paid_on = forms.DateField(
        label=_("Transfer date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    bank_reference = forms.CharField(label=_("Bank transfer reference"), max_length=128)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, currencies=("IDR",), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [(code, code) for code in currencies]
        self.fields["paid_on"].initial = timezone.localdate


class ReverseEntryForm(forms.Form):
    reason = forms.CharField(label=_("Why is this payout reversed?"), max_length=500)
