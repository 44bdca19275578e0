"""Forms of the workshop pages. They validate; services write."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from marketplace.listings.services import PROVENANCE_FIELDS
from marketplace.stock.models import StockChangeReason

OscarProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
Motif = get_model("catalogue", "Motif")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

MAX_STOCK = 1_000_000
DETAIL_FIELDS = (
    "title",
    "description",
    "description_en",
    "hs_code",
    "net_weight_grams",
    "gross_weight_grams",
    "length_cm",
    "width_cm",
    "height_cm",
)
# Model fields of the provenance (the form's ``motif`` is the listing's ``motif_id``).
PROVENANCE_FORM_FIELDS = tuple(name.removesuffix("_id") for name in PROVENANCE_FIELDS)
REQUIRED_PROVENANCE_FORM_FIELDS = ("technique", "dye", "fabric", "motif")


class ArtisanProductForm(OscarProductForm):
    """Oscar's product form (with its per-class attribute fields), for an artisan.

    No ``is_public``, slug or SEO fields: visibility is decided by listing approval.
    Price (whole rupiah) is the artisan's stock-record price. The form is never saved
    directly: the view hands ``details()``, ``provenance()`` and ``attributes()`` to
    the workshop services.
    """

    price = forms.DecimalField(
        label=_("Price (Rp)"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(Decimal("1"))],
    )

    class Meta(OscarProductForm.Meta):
        fields = [*DETAIL_FIELDS[:3], *PROVENANCE_FORM_FIELDS, *DETAIL_FIELDS[3:]]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "made_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, product_class, *args, centre=None, **kwargs):
        super().__init__(product_class, *args, **kwargs)
        for name in ("title", *REQUIRED_PROVENANCE_FORM_FIELDS):
            self.fields[name].required = True
        motifs = Motif.objects.filter(Q(centre__isnull=True) | Q(centre=centre)).order_by("name")
        self.fields["motif"].queryset = motifs
        self.fields["title"].widget.attrs.pop("autocomplete", None)

    def set_initial_attribute_values(self, product_class, kwargs):
        # A new product has no attribute values to read yet.
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            super().set_initial_attribute_values(product_class, kwargs)

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in DETAIL_FIELDS}

    def provenance(self) -> dict:
        values = {name: self.cleaned_data[name] for name in PROVENANCE_FORM_FIELDS}
        motif = values.pop("motif")
        values["motif_id"] = motif.pk if motif else None
        return values

    def attributes(self) -> dict:
        return {
            name.removeprefix("attr_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("attr_")
        }

    def attribute_fields(self):
        return [self[name] for name in self.fields if name.startswith("attr_")]


class ArtisanProductCreateForm(ArtisanProductForm):
    """A new product also gets its SKU and the stock the artisan has made so far."""

    sku = forms.CharField(
        label=_("SKU (your own code)"),
        max_length=128,
        required=False,
        help_text=_("Leave empty to have one made for you."),
    )
    initial_stock = forms.IntegerField(
        label=_("Pieces in stock now"),
        initial=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_STOCK)],
    )

    image = forms.ImageField(label=_("Photo"), required=False)

    def __init__(self, product_class, *args, partner_id=None, **kwargs):
        self.partner_id = partner_id
        super().__init__(product_class, *args, **kwargs)

    def clean_sku(self):
        sku = self.cleaned_data["sku"].strip()
        if sku and StockRecord.objects.filter(partner_id=self.partner_id, partner_sku=sku).exists():
            raise forms.ValidationError(_("You already use this SKU for another product."))
        return sku


class StockChangeForm(forms.Form):
    """+/−/set on a stock level. Without a reason: + is produced, − sold, set a correction."""

    ADD, REMOVE, SET = "add", "remove", "set"
    DEFAULT_REASON = {
        ADD: StockChangeReason.PRODUCED,
        REMOVE: StockChangeReason.SOLD,
        SET: StockChangeReason.CORRECTION,
    }

    action = forms.ChoiceField(
        choices=[(ADD, _("Add")), (REMOVE, _("Take away")), (SET, _("Set to"))]
    )
    quantity = forms.IntegerField(
        label=_("How many"),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_STOCK)],
    )
    set_to = forms.IntegerField(
        label=_("New level"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_STOCK)],
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("Usual for this change")), *StockChangeReason.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.SET:
            if data.get("set_to") is None:
                raise forms.ValidationError(_("Give the new stock level."))
        elif action in (self.ADD, self.REMOVE) and not data.get("quantity"):
            data["quantity"] = 1
        if action:
            data["reason"] = data.get("reason") or self.DEFAULT_REASON[action]
        return data

    def change_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {"reason": data["reason"], "note": data.get("note", "")}
        if data["action"] == self.SET:
            kwargs["set_to"] = data["set_to"]
        else:
            sign = 1 if data["action"] == self.ADD else -1
            kwargs["change"] = sign * data["quantity"]
        return kwargs


class ThresholdForm(forms.Form):
    low_stock_threshold = forms.IntegerField(
        label=_("Alert me when fewer than this many can be sold"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_STOCK)],
        help_text=_("Leave empty for no alert."),
    )


class ProductImageForm(forms.Form):
    image = forms.ImageField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class StockImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns sku and in_stock (the new level); optional reason and note."),
    )
    reason = forms.ChoiceField(
        label=_("Reason for rows without one"),
        choices=StockChangeReason.choices,
        initial=StockChangeReason.CORRECTION,
    )
    dry_run = forms.BooleanField(label=_("Only check the file, change nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is larger than 2 MB. Split it, or ask the marketplace team to "
                    "import it with the import_stock_csv command."
                )
            )
        return upload


class ShipLinesForm(forms.Form):
    """Which of the artisan's lines leave in one parcel, with which courier and tracking."""

    lines = forms.MultipleChoiceField(
        label=_("Pieces in this parcel"), widget=forms.CheckboxSelectMultiple
    )
    courier = forms.ChoiceField(label=_("Courier"))
    other_courier = forms.CharField(label=_("Other courier"), max_length=40, required=False)
    tracking_number = forms.RegexField(
        label=_("Tracking number (resi)"),
        regex=r"^[A-Za-z0-9][A-Za-z0-9 -]{3,39}$",
        error_messages={
            "invalid": _("Use the courier's tracking number: 4 to 40 letters, digits or dashes.")
        },
        strip=True,
    )

    OTHER = "other"

    def __init__(self, *args, lines, **kwargs):
        from .fulfilment import COURIERS

        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(str(line.pk), line.title) for line in lines]
        self.fields["lines"].initial = [str(line.pk) for line in lines]
        self.fields["courier"].choices = [*COURIERS, (self.OTHER, _("Other"))]

    def clean(self):
        data = super().clean()
        if data.get("courier") == self.OTHER:
            if not data.get("other_courier"):
                self.add_error("other_courier", _("Name the courier."))
            else:
                data["courier"] = data["other_courier"]
        return data
