from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the artisan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectionForm(DecisionForm):
    note = forms.CharField(
        label=_("Why is it rejected? (the artisan reads this)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
