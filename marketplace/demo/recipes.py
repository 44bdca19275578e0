"""What each kind of demo product is made of: items, sizes, weights, HS codes, prices.

Price ranges are whole rupiah for synthetic-dye pieces; natural dye roughly doubles a
batik price (``DYE_PRICE_FACTOR``). HS codes are sensible defaults per item (no
batik-specific code exists) and stay editable on each product.
"""

from dataclasses import dataclass

from marketplace.core.choices import Dye, Fabric, Technique

T, C, K, P, E = (
    Technique.TULIS.value,
    Technique.CAP.value,
    Technique.KOMBINASI.value,
    Technique.PRINTED.value,
    Technique.ECOPRINT.value,
)


@dataclass(frozen=True)
class ItemRecipe:
    name: str
    name_en: str
    hs_code: str
    # Net weight range and what the packaging adds, in grams.
    net_grams: tuple[int, int]
    packaging_grams: int
    # Measured size in cm (length, width, height); height None for flat cloth.
    size_cm: tuple[int, int, int | None]
    price_factor: float = 1.0
    # Free-text attribute of the product class (cut, bag_type, item_type), if any.
    text_attribute: tuple[str, str] | None = None
    # Required option attribute: (code, choices).
    option_attribute: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class KindRecipe:
    """One product class / top-level category (slugs from catalogue_ext.structure)."""

    slug: str
    items: tuple[ItemRecipe, ...]
    # technique -> (low, high) price in rupiah for synthetic dye
    prices: dict[str, tuple[int, int]]
    fabrics: tuple[str, ...]


GARMENT_SIZES = ("S", "M", "L", "L", "XL", "XXL", "All size")
SHOE_SIZES = tuple(str(size) for size in range(36, 45))

KINDS: dict[str, KindRecipe] = {
    "kain-batik": KindRecipe(
        slug="kain-batik",
        items=(
            ItemRecipe(
                name="Kain Panjang",
                name_en="long cloth (kain panjang)",
                hs_code="5208.52",
                net_grams=(280, 380),
                packaging_grams=80,
                size_cm=(250, 105, None),
            ),
            ItemRecipe(
                name="Kain",
                name_en="cloth",
                hs_code="5208.52",
                net_grams=(240, 330),
                packaging_grams=80,
                size_cm=(200, 115, None),
            ),
            ItemRecipe(
                name="Selendang",
                name_en="shawl (selendang)",
                hs_code="5208.52",
                net_grams=(100, 150),
                packaging_grams=60,
                size_cm=(200, 50, None),
                price_factor=0.6,
            ),
        ),
        prices={
            T: (750_000, 1_750_000),
            C: (150_000, 400_000),
            K: (300_000, 700_000),
            P: (60_000, 120_000),
            E: (250_000, 600_000),
        },
        fabrics=(
            Fabric.PRIMISSIMA,
            Fabric.PRIMISSIMA,
            Fabric.PRIMA,
            Fabric.SUTRA,
            Fabric.DOBBY,
            Fabric.MORI_BIRU,
        ),
    ),
    "busana": KindRecipe(
        slug="busana",
        items=(
            ItemRecipe(
                name="Kemeja Lengan Panjang",
                name_en="long-sleeved shirt",
                hs_code="6205.20",
                net_grams=(220, 320),
                packaging_grams=100,
                size_cm=(35, 28, 4),
                text_attribute=("cut", "Lengan panjang"),
                option_attribute=("garment_size", GARMENT_SIZES),
            ),
            ItemRecipe(
                name="Kemeja Lengan Pendek",
                name_en="short-sleeved shirt",
                hs_code="6205.20",
                net_grams=(180, 260),
                packaging_grams=100,
                size_cm=(35, 28, 4),
                price_factor=0.85,
                text_attribute=("cut", "Lengan pendek"),
                option_attribute=("garment_size", GARMENT_SIZES),
            ),
            ItemRecipe(
                name="Blus",
                name_en="blouse",
                hs_code="6206.30",
                net_grams=(160, 240),
                packaging_grams=100,
                size_cm=(35, 28, 4),
                price_factor=0.9,
                text_attribute=("cut", "Blus"),
                option_attribute=("garment_size", GARMENT_SIZES),
            ),
            ItemRecipe(
                name="Dress",
                name_en="dress",
                hs_code="6204.42",
                net_grams=(260, 400),
                packaging_grams=120,
                size_cm=(40, 30, 5),
                price_factor=1.3,
                text_attribute=("cut", "Dress"),
                option_attribute=("garment_size", GARMENT_SIZES),
            ),
        ),
        prices={
            T: (600_000, 1_500_000),
            C: (200_000, 450_000),
            K: (300_000, 650_000),
            P: (90_000, 175_000),
            E: (250_000, 500_000),
        },
        fabrics=(Fabric.PRIMISSIMA, Fabric.PRIMA, Fabric.DOBBY, Fabric.SHANTUNG, Fabric.PARIS),
    ),
    "tas": KindRecipe(
        slug="tas",
        items=(
            ItemRecipe(
                name="Tas Tote",
                name_en="tote bag",
                hs_code="4202.22",
                net_grams=(300, 500),
                packaging_grams=120,
                size_cm=(40, 35, 12),
                text_attribute=("bag_type", "Tote"),
            ),
            ItemRecipe(
                name="Tas Selempang",
                name_en="sling bag",
                hs_code="4202.22",
                net_grams=(250, 400),
                packaging_grams=120,
                size_cm=(25, 20, 8),
                text_attribute=("bag_type", "Selempang"),
            ),
            ItemRecipe(
                name="Clutch",
                name_en="clutch",
                hs_code="4202.22",
                net_grams=(150, 250),
                packaging_grams=100,
                size_cm=(28, 16, 4),
                price_factor=0.8,
                text_attribute=("bag_type", "Clutch"),
            ),
            ItemRecipe(
                name="Pouch",
                name_en="pouch",
                hs_code="4202.32",
                net_grams=(60, 120),
                packaging_grams=60,
                size_cm=(20, 12, 3),
                price_factor=0.45,
                text_attribute=("bag_type", "Pouch"),
            ),
        ),
        prices={
            T: (350_000, 900_000),
            C: (150_000, 350_000),
            K: (250_000, 500_000),
            P: (60_000, 120_000),
            E: (150_000, 350_000),
        },
        fabrics=(Fabric.PRIMA, Fabric.BLACU, Fabric.PRIMISSIMA, Fabric.DOBBY),
    ),
    "sepatu": KindRecipe(
        slug="sepatu",
        items=(
            ItemRecipe(
                name="Sepatu Slip-on",
                name_en="slip-on shoes",
                hs_code="6404.19",
                net_grams=(500, 700),
                packaging_grams=250,
                size_cm=(30, 20, 11),
                option_attribute=("shoe_size", SHOE_SIZES),
            ),
            ItemRecipe(
                name="Sepatu Sneakers",
                name_en="sneakers",
                hs_code="6404.19",
                net_grams=(650, 900),
                packaging_grams=300,
                size_cm=(32, 22, 12),
                price_factor=1.2,
                option_attribute=("shoe_size", SHOE_SIZES),
            ),
            ItemRecipe(
                name="Flat Shoes",
                name_en="flat shoes",
                hs_code="6404.19",
                net_grams=(400, 600),
                packaging_grams=250,
                size_cm=(28, 18, 10),
                option_attribute=("shoe_size", SHOE_SIZES),
            ),
            ItemRecipe(
                name="Selop",
                name_en="slippers (selop)",
                hs_code="6404.19",
                net_grams=(300, 450),
                packaging_grams=200,
                size_cm=(28, 18, 9),
                price_factor=0.7,
                option_attribute=("shoe_size", SHOE_SIZES),
            ),
        ),
        prices={
            T: (400_000, 850_000),
            C: (200_000, 400_000),
            K: (300_000, 550_000),
            P: (120_000, 220_000),
            E: (250_000, 450_000),
        },
        fabrics=(Fabric.PRIMA, Fabric.BLACU, Fabric.PRIMISSIMA),
    ),
    "dekorasi-rumah": KindRecipe(
        slug="dekorasi-rumah",
        items=(
            ItemRecipe(
                name="Sarung Bantal",
                name_en="cushion cover",
                hs_code="6304.92",
                net_grams=(150, 250),
                packaging_grams=60,
                size_cm=(40, 40, 1),
                price_factor=0.6,
                text_attribute=("item_type", "Sarung bantal"),
            ),
            ItemRecipe(
                name="Taplak Meja",
                name_en="tablecloth",
                hs_code="6302.51",
                net_grams=(300, 450),
                packaging_grams=80,
                size_cm=(150, 90, None),
                text_attribute=("item_type", "Taplak meja"),
            ),
            ItemRecipe(
                name="Hiasan Dinding",
                name_en="wall hanging",
                hs_code="6304.92",
                net_grams=(250, 400),
                packaging_grams=150,
                size_cm=(100, 60, 2),
                price_factor=1.3,
                text_attribute=("item_type", "Hiasan dinding"),
            ),
            ItemRecipe(
                name="Runner Meja",
                name_en="table runner",
                hs_code="6302.51",
                net_grams=(120, 200),
                packaging_grams=60,
                size_cm=(180, 35, None),
                price_factor=0.8,
                text_attribute=("item_type", "Runner meja"),
            ),
        ),
        prices={
            T: (250_000, 1_200_000),
            C: (75_000, 250_000),
            K: (150_000, 450_000),
            P: (40_000, 100_000),
            E: (100_000, 300_000),
        },
        fabrics=(Fabric.PRIMA, Fabric.BLACU, Fabric.MORI_BIRU, Fabric.PRIMISSIMA),
    ),
}

# The cycle of kinds over product numbers: cloth first, then clothing; every run of
# ten products has all five kinds.
KIND_CYCLE = (
    "kain-batik",
    "busana",
    "tas",
    "kain-batik",
    "sepatu",
    "busana",
    "kain-batik",
    "dekorasi-rumah",
    "busana",
    "kain-batik",
)

# Natural dye roughly doubles the price of batik; printed and ecoprint are priced as is.
DYE_PRICE_FACTOR = {Dye.ALAM: 2.0, Dye.CAMPURAN: 1.5, Dye.SINTETIS: 1.0}

# Dye weights per technique (printed is always synthetic, ecoprint always natural).
DYE_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    T: ((Dye.ALAM, 5), (Dye.SINTETIS, 4), (Dye.CAMPURAN, 2)),
    C: ((Dye.SINTETIS, 6), (Dye.ALAM, 2), (Dye.CAMPURAN, 2)),
    K: ((Dye.SINTETIS, 5), (Dye.ALAM, 3), (Dye.CAMPURAN, 2)),
    P: ((Dye.SINTETIS, 1),),
    E: ((Dye.ALAM, 1),),
}

# HS code for silk cloth (woven silk fabric) instead of cotton.
SILK_CLOTH_HS_CODE = "5007.20"

ECOPRINT_LEAVES = ("Daun Jati", "Daun Jarak Kepyar", "Daun Lanang", "Daun Kenikir")

TECHNIQUE_TITLE = {
    T: "Batik Tulis",
    C: "Batik Cap",
    K: "Batik Kombinasi",
}
TECHNIQUE_TEXT = {
    T: (
        "Batik tulis: setiap garis malam digambar dengan canting, sehingga tidak ada dua "
        "potong yang sama.",
        "Hand-drawn batik (tulis): every wax line is drawn with a canting, so no two pieces "
        "are alike.",
    ),
    C: (
        "Batik cap: pola malam dicapkan dengan cap tembaga.",
        "Stamped batik (cap): the wax pattern is applied with a copper stamp.",
    ),
    K: (
        "Batik kombinasi: pola dasar dicap, lalu detailnya digambar dengan canting.",
        "Combined batik (kombinasi): the base pattern is stamped, the details drawn with a "
        "canting.",
    ),
    P: (
        "BUKAN BATIK: tekstil bermotif batik yang dicetak (printing), tanpa perintang malam.",
        "NOT BATIK: textile printed with a batik motif, made without wax resist.",
    ),
    E: (
        "BUKAN BATIK: ecoprint, daun dan bunga dicetak langsung ke kain dengan pewarna alam.",
        "NOT BATIK: ecoprint — leaves and flowers printed straight onto the cloth with "
        "natural dyes.",
    ),
}
DYE_TEXT = {
    Dye.ALAM: (
        "Pewarna alam (seperti indigo, tingi, jalawe); warnanya tidak pernah persis sama. "
        "Cuci dengan lerak atau sampo lembut, tanpa deterjen.",
        "Natural dyes (such as indigo, tingi, jalawe); no two dye baths match exactly. Wash "
        "with lerak or a mild shampoo, no detergent.",
    ),
    Dye.SINTETIS: (
        "Pewarna sintetis: warna cerah dan tahan cuci.",
        "Synthetic dyes: bright, wash-fast colours.",
    ),
    Dye.CAMPURAN: (
        "Perpaduan pewarna alam dan sintetis.",
        "A mix of natural and synthetic dyes.",
    ),
}
FABRIC_NAMES = {
    Fabric.BLACU: ("katun blacu", "unbleached cotton (blacu)"),
    Fabric.MORI_BIRU: ("katun mori biru", "mori biru cotton"),
    Fabric.PRIMA: ("katun prima", "prima cotton"),
    Fabric.PRIMISSIMA: ("katun primissima", "primissima cotton"),
    Fabric.SUTRA: ("sutra", "silk"),
    Fabric.DOBBY: ("katun dobby", "dobby cotton"),
    Fabric.PARIS: ("kain paris", "paris voile"),
    Fabric.SHANTUNG: ("shantung", "shantung"),
    Fabric.PINEAPPLE: ("serat nanas", "pineapple fibre"),
    Fabric.OTHER: ("lainnya", "other"),
}
