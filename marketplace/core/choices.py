"""Closed lists of the batik trade, as ``TextChoices``.

Stored values are stable English-ish slugs; labels are what shoppers read, and are
translated (Indonesian is the source language of the trade terms themselves).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Technique(models.TextChoices):
    """How the cloth was coloured. Only tulis, cap and kombinasi are batik.

    Printed cloth with batik motifs is legally *not* batik, and ecoprint is its own
    craft: both may be sold, but are always labelled as not batik.
    """

    TULIS = "tulis", _("Batik tulis (hand-drawn)")
    CAP = "cap", _("Batik cap (stamped)")
    KOMBINASI = "kombinasi", _("Batik kombinasi (drawn and stamped)")
    PRINTED = "printed", _("Printed batik motif (not batik)")
    ECOPRINT = "ecoprint", _("Ecoprint (not batik)")

    @classmethod
    def batik_values(cls) -> tuple[str, ...]:
        return (cls.TULIS, cls.CAP, cls.KOMBINASI)


# Indonesian national standard per batik technique (SNI).
SNI_BY_TECHNIQUE = {
    Technique.TULIS: "SNI 8302",
    Technique.CAP: "SNI 8303",
    Technique.KOMBINASI: "SNI 8304",
}

# What each technique means, in plain words for a shopper.
TECHNIQUE_EXPLANATIONS = {
    Technique.TULIS: _(
        "Drawn by hand: the maker traces the pattern in hot wax with a canting, a small "
        "copper pen, and the wax keeps the dye out. Every piece is unique and takes days "
        "or weeks."
    ),
    Technique.CAP: _(
        "Stamped: hot wax is printed onto the cloth with a copper stamp (cap) before "
        "dyeing. Quicker than drawing, so the pattern repeats across the cloth."
    ),
    Technique.KOMBINASI: _(
        "Stamped with a copper cap and finished by hand with a canting, on the same piece."
    ),
    Technique.PRINTED: _(
        "Printed by machine with a batik pattern, without wax resist. This is textile "
        "with a batik motif, not batik."
    ),
    Technique.ECOPRINT: _(
        "Leaves and flowers are pressed onto the cloth and steamed so that their own "
        "colours print it. A craft of its own, not batik."
    ),
}

# Batikmark label colour follows the certified technique.
BATIKMARK_COLOUR_BY_TECHNIQUE = {
    Technique.TULIS: _("gold"),
    Technique.CAP: _("white"),
    Technique.KOMBINASI: _("silver"),
}


class Dye(models.TextChoices):
    ALAM = "alam", _("Natural dye (pewarna alam)")
    SINTETIS = "sintetis", _("Synthetic dye (pewarna sintetis)")
    CAMPURAN = "campuran", _("Mixed natural and synthetic (campuran)")


class Fabric(models.TextChoices):
    """Base cloth, ordered from the cheapest to the finest cotton, then the rest."""

    BLACU = "blacu", _("Blacu (unbleached cotton)")
    MORI_BIRU = "mori_biru", _("Mori biru")
    PRIMA = "prima", _("Prima cotton")
    PRIMISSIMA = "primissima", _("Primissima cotton")
    SUTRA = "sutra", _("Silk (sutra)")
    DOBBY = "dobby", _("Dobby")
    PARIS = "paris", _("Paris")
    SHANTUNG = "shantung", _("Shantung")
    PINEAPPLE = "serat_nanas", _("Pineapple fibre (serat nanas)")
    OTHER = "lainnya", _("Other")


class MakerRole(models.TextChoices):
    """What one person did to make a piece."""

    PEMBATIK = "pembatik", _("Drawer (pembatik)")
    TUKANG_CAP = "tukang_cap", _("Stamper (tukang cap)")
    PEWARNA = "pewarna", _("Dyer (pewarna)")
    PENJAHIT = "penjahit", _("Tailor (penjahit)")


# Indonesia's 38 provinces (2022 onwards). Stored by name: they are proper nouns.
PROVINCES = [
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Bengkulu",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Lampung",
    "Banten",
    "DKI Jakarta",
    "Jawa Barat",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Tengah",
    "Papua Pegunungan",
    "Papua Selatan",
]
PROVINCE_CHOICES = [(name, name) for name in PROVINCES]
