"""A small catalogue whose every filter answer is known by heart.

Three centres in two provinces, four artisans, nine public products and one hidden
one. "Batik tulis, natural dye, from Mojokerto" is exactly ``surya_tulis`` and
``mrico_selendang``.
"""

from decimal import Decimal

from tests.factories import (
    ArtisanFactory,
    CentreFactory,
    MotifFactory,
    ProductFactory,
    kind_category,
)

# key: (title, artisan, technique, dye, motif, category, price, stock)
PRODUCTS = {
    "surya_tulis": (
        "Kain Surya Majapahit tulis",
        "sri",
        "tulis",
        "alam",
        "surya",
        "kain-batik",
        1_500_000,
        1,
    ),
    "mrico_selendang": (
        "Selendang Mrico Bolong",
        "sri",
        "tulis",
        "alam",
        "mrico",
        "busana",
        750_000,
        0,
    ),
    "surya_cap": (
        "Kain Surya Majapahit cap",
        "dwi",
        "cap",
        "alam",
        "surya",
        "kain-batik",
        350_000,
        10,
    ),
    "mrico_tas": ("Tas Mrico Bolong", "dwi", "tulis", "sintetis", "mrico", "tas", 450_000, 3),
    "ecoprint": (
        "Kemeja ecoprint daun jati",
        "dwi",
        "ecoprint",
        "alam",
        None,
        "busana",
        300_000,
        2,
    ),
    "parang_tulis": (
        "Kain Parang tulis",
        "sulastri",
        "tulis",
        "alam",
        "parang",
        "kain-batik",
        2_000_000,
        1,
    ),
    "parang_cap": (
        "Kain Parang cap",
        "sulastri",
        "cap",
        "sintetis",
        "parang",
        "kain-batik",
        250_000,
        8,
    ),
    "gentongan": (
        "Kain Gentongan tulis",
        "halimah",
        "tulis",
        "alam",
        "gentongan",
        "kain-batik",
        3_000_000,
        1,
    ),
    "printed_shoes": (
        "Sepatu motif batik print",
        "halimah",
        "printed",
        "sintetis",
        None,
        "sepatu",
        200_000,
        5,
    ),
}


def build_known_catalogue() -> dict:
    """Create the catalogue; returns products (by key), centres, artisans and motifs."""
    centres = {
        "maja": CentreFactory(
            name="Sentra IKM Batik Maja Barama Wastra",
            slug="maja-barama-wastra",
            province="Jawa Timur",
            city="Kota Mojokerto",
        ),
        "laweyan": CentreFactory(
            name="Kampung Batik Laweyan",
            slug="kampung-batik-laweyan",
            province="Jawa Tengah",
            city="Kota Surakarta",
        ),
        "tanjung": CentreFactory(
            name="Sentra Batik Tanjung Bumi",
            slug="sentra-batik-tanjung-bumi",
            province="Jawa Timur",
            city="Kabupaten Bangkalan",
        ),
    }
    artisans = {
        "sri": ArtisanFactory(name="Ibu Sri Wahyuni", slug="sri-wahyuni", centre=centres["maja"]),
        "dwi": ArtisanFactory(name="Dwi Prasetyo", slug="dwi-prasetyo", centre=centres["maja"]),
        "sulastri": ArtisanFactory(name="Ibu Sulastri", slug="sulastri", centre=centres["laweyan"]),
        "halimah": ArtisanFactory(name="Ibu Halimah", slug="halimah", centre=centres["tanjung"]),
    }
    motifs = {
        "surya": MotifFactory(
            name="Surya Majapahit", slug="surya-majapahit", centre=centres["maja"]
        ),
        "mrico": MotifFactory(name="Mrico Bolong", slug="mrico-bolong", centre=centres["maja"]),
        "parang": MotifFactory(
            name="Parang", slug="parang", region="Surakarta", centre=centres["laweyan"]
        ),
        "gentongan": MotifFactory(
            name="Gentongan", slug="gentongan", region="Madura", centre=centres["tanjung"]
        ),
    }
    products = {}
    for key, (title, artisan, technique, dye, motif, category, price, stock) in PRODUCTS.items():
        products[key] = ProductFactory(
            title=title,
            artisan=artisans[artisan],
            technique=technique,
            dye=dye,
            motif=motifs[motif] if motif else None,
            category=kind_category(category),
            stock__price=Decimal(price),
            stock__num_in_stock=stock,
        )
    products["hidden"] = ProductFactory(
        title="Kain tulis alam (draft)",
        artisan=artisans["sri"],
        technique="tulis",
        dye="alam",
        motif=motifs["surya"],
        is_public=False,
    )
    return {"products": products, "centres": centres, "artisans": artisans, "motifs": motifs}
