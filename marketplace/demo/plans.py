"""Deterministic plans for the generated demo records: centres, artisans, products.

Pure functions, no database: a plan depends only on its number (and, for products, the
seed and the artisans and motifs it can draw on), so the same seed gives the same
titles, prices, stock and sizes on every run and machine. Generated centres and
artisans do not depend on the seed at all: their slugs are what makes a rerun find
them again.
"""

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify

from marketplace.core.choices import Dye, Fabric, MakerRole, Technique

from . import data, recipes
from .data import ArtisanSpec, CentreSpec

DEFAULT_PRODUCT_COUNT = 72
DEFAULT_SEED = 2026
DEMO_CODE_PREFIX = "DEMO-"
# A large catalogue keeps these ratios: 10,000 products -> 50 centres, 500 artisans.
PRODUCTS_PER_CENTRE = 200
PRODUCTS_PER_ARTISAN = 20
# The first piece in the demo was made the day Maja Barama Wastra opened.
FIRST_MADE_ON = date(2024, 2, 7)
MADE_ON_SPREAD_DAYS = 600

PRODUCT_NOTE = "Produk dan perajinnya fiktif (data demo)."
PRODUCT_NOTE_EN = "This product and its maker are fictional (demo data)."


@dataclass(frozen=True)
class ArtisanRef:
    """What a product plan needs to know about an artisan already in the database."""

    id: int
    name: str
    centre_id: int
    centre_name: str
    partner_id: int
    techniques: tuple[str, ...]
    batikmark_prefix: str
    # Another artisan of the same centre, who tailors this artisan's clothing.
    tailor_id: int | None


@dataclass(frozen=True)
class MotifRef:
    id: int
    name: str
    region: str


@dataclass(frozen=True)
class ProductPlan:
    code: str
    kind: str
    title: str
    description: str
    description_en: str
    artisan: ArtisanRef
    technique: str
    dye: str
    fabric: str
    motif: MotifRef | None
    made_on: date
    batikmark_number: str
    tkdn_percent: Decimal | None
    bmp_percent: Decimal | None
    hs_code: str
    net_weight_grams: int
    gross_weight_grams: int
    size_cm: tuple[Decimal, Decimal, Decimal | None]
    price: Decimal
    num_in_stock: int
    option_attribute: tuple[str, str] | None
    text_attribute: tuple[str, str] | None
    makers: tuple[tuple[int, str], ...]


def product_code(number: int) -> str:
    return f"{DEMO_CODE_PREFIX}{number:05d}"


def centre_count_for(product_count: int) -> int:
    return max(len(data.CENTRES), math.ceil(product_count / PRODUCTS_PER_CENTRE))


def artisan_count_for(product_count: int) -> int:
    return max(len(data.ARTISANS), math.ceil(product_count / PRODUCTS_PER_ARTISAN))


def centre_specs(product_count: int) -> list[CentreSpec]:
    """The real centres, then fictional ones in real batik regions for large catalogues."""
    specs = list(data.CENTRES)
    for number in range(len(specs) + 1, centre_count_for(product_count) + 1):
        province, city, latitude, longitude = data.FICTIONAL_PLACES[
            (number - 1) % len(data.FICTIONAL_PLACES)
        ]
        # Spread same-town centres a little so their map pins do not sit on each other.
        rng = random.Random(f"centre:{number}")
        name = f"Sentra Batik Demo {number} (fiktif)"
        specs.append(
            CentreSpec(
                slug=f"sentra-batik-demo-{number}",
                name=name,
                province=province,
                city=city,
                latitude=_coordinate(latitude, rng),
                longitude=_coordinate(longitude, rng),
                description=(
                    f"{name} adalah sentra rekaan di {city}, {province}, untuk katalog demo "
                    f"besar. {data.DEMO_NOTE}"
                ),
                description_en=(
                    f"{name} is an invented centre in {city}, {province}, for the large demo "
                    f"catalogue. {data.DEMO_NOTE_EN}"
                ),
                is_fictional=True,
            )
        )
    return specs


def artisan_specs(product_count: int, centres: Sequence[CentreSpec]) -> list[ArtisanSpec]:
    """The fixed artisans, then generated ones spread over all centres in turn."""
    specs = list(data.ARTISANS)
    for number in range(len(specs) + 1, artisan_count_for(product_count) + 1):
        given = data.GIVEN_NAMES[(number * 7) % len(data.GIVEN_NAMES)]
        family = data.FAMILY_NAMES[(number * 11) % len(data.FAMILY_NAMES)]
        name = f"{given} {family}"
        centre = centres[(number - 1) % len(centres)]
        workshop = data.WORKSHOP_WORDS[number % len(data.WORKSHOP_WORDS)]
        specs.append(
            ArtisanSpec(
                slug=f"{slugify(name)}-{number:04d}",
                name=name,
                workshop_name=f"{workshop} {name} #{number}",
                centre_slug=centre.slug,
                techniques=data.GENERATED_TECHNIQUE_MIXES[
                    number % len(data.GENERATED_TECHNIQUE_MIXES)
                ],
                bio=f"Perajin fiktif untuk data demo, tercatat di {centre.name}.",
                bio_en=f"A fictional artisan for demo data, listed at {centre.name}.",
                has_batikmark=number % 4 == 0,
            )
        )
    return specs


def plan_product(
    number: int,
    *,
    seed: int,
    artisans: Sequence[ArtisanRef],
    motifs_by_centre: Mapping[int, Sequence[MotifRef]],
    classic_motifs: Sequence[MotifRef],
) -> ProductPlan:
    """Everything about demo product ``number`` (1-based) except its database ids.

    Artisans take turns; each artisan's products cycle through their techniques, and
    the kind shifts every round so that every artisan makes more than one kind.
    """
    rng = random.Random(f"{seed}:{number}")
    turn, round_ = (number - 1) % len(artisans), (number - 1) // len(artisans)
    artisan = artisans[turn]
    technique = artisan.techniques[round_ % len(artisan.techniques)]
    kind = recipes.KINDS[recipes.KIND_CYCLE[(number - 1 + round_) % len(recipes.KIND_CYCLE)]]
    item = rng.choice(kind.items)
    dye = _weighted(rng, recipes.DYE_WEIGHTS[technique])
    fabric = Fabric.PRIMA if technique == Technique.PRINTED else rng.choice(kind.fabrics)
    motif = None
    if technique != Technique.ECOPRINT:
        motif = rng.choice(motifs_by_centre.get(artisan.centre_id) or classic_motifs)
    is_batik = technique in Technique.batik_values()

    low, high = kind.prices[technique]
    amount = rng.uniform(low, high) * item.price_factor
    if is_batik:
        amount *= recipes.DYE_PRICE_FACTOR[dye]
    net = rng.randint(*item.net_grams)
    length, width, height = item.size_cm
    title = _title(item, technique, motif, dye, rng)
    hs_code = item.hs_code
    if kind.slug == "kain-batik" and fabric == Fabric.SUTRA:
        hs_code = recipes.SILK_CLOTH_HS_CODE
    option = None
    if item.option_attribute:
        code, choices = item.option_attribute
        option = (code, rng.choice(choices))
    description, description_en = _descriptions(item, title, technique, dye, fabric, motif, artisan)
    return ProductPlan(
        code=product_code(number),
        kind=kind.slug,
        title=title,
        description=description,
        description_en=description_en,
        artisan=artisan,
        technique=technique,
        dye=dye,
        fabric=fabric,
        motif=motif,
        made_on=FIRST_MADE_ON + timedelta(days=rng.randint(0, MADE_ON_SPREAD_DAYS)),
        batikmark_number=(
            f"{artisan.batikmark_prefix}-{technique[0].upper()}"
            if is_batik and artisan.batikmark_prefix
            else ""
        ),
        tkdn_percent=_percent(rng, 40, 95) if rng.random() < 0.6 else None,
        bmp_percent=_percent(rng, 0, 15) if rng.random() < 0.4 else None,
        hs_code=hs_code,
        net_weight_grams=net,
        gross_weight_grams=net + item.packaging_grams,
        size_cm=(Decimal(length), Decimal(width), None if height is None else Decimal(height)),
        price=whole_rupiah(amount),
        num_in_stock=1 if technique == Technique.TULIS else rng.randint(3, 40),
        option_attribute=option,
        text_attribute=item.text_attribute,
        makers=_makers(kind.slug, technique, artisan),
    )


def whole_rupiah(amount: float) -> Decimal:
    """A shop price: rounded to Rp 5.000 (Rp 1.000 below Rp 100.000), no decimals."""
    step = Decimal(1000) if amount < 100_000 else Decimal(5000)
    return (Decimal(str(amount)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def _coordinate(value: str, rng: random.Random) -> Decimal:
    return (Decimal(value) + Decimal(str(round(rng.uniform(-0.03, 0.03), 4)))).quantize(
        Decimal("0.000001")
    )


def _weighted(rng: random.Random, weights: Sequence[tuple[str, int]]) -> str:
    values, counts = zip(*weights, strict=True)
    return rng.choices(values, weights=counts)[0]


def _percent(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _title(
    item: recipes.ItemRecipe,
    technique: str,
    motif: MotifRef | None,
    dye: str,
    rng: random.Random,
) -> str:
    if technique == Technique.ECOPRINT or motif is None:
        return f"{item.name} Ecoprint {rng.choice(recipes.ECOPRINT_LEAVES)} (bukan batik)"
    if technique == Technique.PRINTED:
        return f"{item.name} Motif {motif.name} Printing (bukan batik)"
    title = f"{item.name} {recipes.TECHNIQUE_TITLE[technique]} {motif.name}"
    return f"{title} Pewarna Alam" if dye == Dye.ALAM else title


def _descriptions(
    item: recipes.ItemRecipe,
    title: str,
    technique: str,
    dye: str,
    fabric: str,
    motif: MotifRef | None,
    artisan: ArtisanRef,
) -> tuple[str, str]:
    technique_id, technique_en = recipes.TECHNIQUE_TEXT[technique]
    dye_id, dye_en = recipes.DYE_TEXT[dye]
    fabric_id, fabric_en = recipes.FABRIC_NAMES[fabric]
    motif_id = f" Motif {motif.name} dari {motif.region}." if motif else ""
    motif_en = f" {motif.name} motif from {motif.region}." if motif else ""
    description = (
        f"{title}.{motif_id} {technique_id} {dye_id} Bahan: {fabric_id}. Dibuat oleh "
        f"{artisan.name} di {artisan.centre_name}. {PRODUCT_NOTE}"
    )
    description_en = (
        f"{item.name_en.capitalize()}.{motif_en} {technique_en} {dye_en} Fabric: {fabric_en}. "
        f"Made by {artisan.name} at {artisan.centre_name}. {PRODUCT_NOTE_EN}"
    )
    return description, description_en


def _makers(kind: str, technique: str, artisan: ArtisanRef) -> tuple[tuple[int, str], ...]:
    """Who did what: the artisan's own part, plus a tailor for clothing."""
    sews_it = technique == Technique.PRINTED and kind != "kain-batik"
    role = {
        Technique.TULIS: MakerRole.PEMBATIK,
        Technique.CAP: MakerRole.TUKANG_CAP,
        Technique.KOMBINASI: MakerRole.PEMBATIK,
        # Printed cloth and ecoprint are coloured, not drawn: the closest role is dyer.
        Technique.PRINTED: MakerRole.PENJAHIT if sews_it else MakerRole.PEWARNA,
        Technique.ECOPRINT: MakerRole.PEWARNA,
    }[Technique(technique)]
    makers = [(artisan.id, role.value)]
    if kind == "busana" and role != MakerRole.PENJAHIT and artisan.tailor_id:
        makers.append((artisan.tailor_id, MakerRole.PENJAHIT.value))
    return tuple(makers)
