"""Batik-like pictures for the demo, drawn locally with Pillow (nothing is downloaded).

Pure drawing: every function takes a seed and returns JPEG bytes, so the same
arguments always give the same picture. Storing the files is the services' job.

The patterns are loose sketches of real batik structure — kawung ovals, parang
diagonal bands, ceplok grids with isen-isen dots, the eight-pointed Surya Majapahit,
Mega Mendung cloud layers, pesisir bouquets — plus leaf prints for ecoprint. They are
illustrations, not photographs of the demo products.
"""

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

Colour = tuple[int, int, int]
Point = tuple[float, float]

PATTERNS = ("kawung", "parang", "ceplok", "surya", "mega_mendung", "buketan", "ecoprint")

# Cloth colour first, then the dye colours from lightest to darkest.
PALETTES: dict[str, list[list[Colour]]] = {
    # Natural dyes: indigo, soga (tingi, tegeran, jambal) browns, mahoni red-brown.
    "alam": [
        [(238, 226, 200), (176, 122, 64), (120, 72, 36), (46, 52, 82)],
        [(232, 220, 190), (150, 96, 52), (88, 52, 30), (30, 40, 70)],
        [(226, 214, 186), (186, 140, 82), (110, 60, 40), (58, 44, 36)],
        [(240, 232, 210), (98, 112, 140), (44, 60, 100), (24, 30, 56)],
    ],
    # Synthetic dyes: the bright pesisir colours.
    "sintetis": [
        [(250, 246, 236), (232, 64, 80), (28, 120, 190), (20, 40, 90)],
        [(252, 240, 220), (246, 160, 30), (200, 40, 60), (60, 20, 80)],
        [(236, 248, 242), (40, 170, 120), (230, 90, 40), (20, 70, 60)],
        [(246, 240, 252), (150, 80, 200), (240, 120, 160), (40, 30, 90)],
    ],
}
# Mixed dye pieces look like natural-dye ones with one bright colour.
PALETTES["campuran"] = [
    [(236, 224, 198), (196, 60, 60), (110, 70, 40), (34, 44, 80)],
    [(238, 230, 206), (40, 140, 150), (130, 80, 40), (40, 36, 60)],
]

JPEG_QUALITY = 82


def _to_jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=False)
    return buffer.getvalue()


def _shade(colour: Colour, factor: float) -> Colour:
    """Lighter (factor > 1) or darker (factor < 1) version of ``colour``."""
    if factor >= 1:
        return _blend(colour, (255, 255, 255), factor - 1)
    return _blend(colour, (0, 0, 0), 1 - factor)


def _blend(colour: Colour, other: Colour, share: float) -> Colour:
    """``colour`` with ``share`` (0..1) of ``other`` mixed in."""
    r, g, b = (round(c + (o - c) * share) for c, o in zip(colour, other, strict=True))
    return (r, g, b)


def _oval(centre: Point, half_length: float, half_width: float, angle: float) -> list[Point]:
    """Polygon of an ellipse turned by ``angle`` radians (Pillow only draws upright ones)."""
    cx, cy = centre
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    points = []
    for step in range(24):
        t = 2 * math.pi * step / 24
        x, y = half_length * math.cos(t), half_width * math.sin(t)
        points.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
    return points


def _leaf(centre: Point, length: float, angle: float) -> list[Point]:
    """A pointed leaf outline along ``angle``."""
    cx, cy = centre
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    points = []
    for step in range(21):
        t = -1 + step / 10
        x, y = t * length / 2, math.cos(t * math.pi / 2) ** 1.5 * length / 5
        points.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
    for step in range(19, 0, -1):
        t = -1 + step / 10
        x, y = t * length / 2, -(math.cos(t * math.pi / 2) ** 1.5) * length / 5
        points.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
    return points


def _crackle(draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colour: Colour) -> None:
    """Thin wax-crackle veins (remukan): the hairlines where dye seeped into cracked wax."""
    for _ in range(size // 20):
        x, y = rng.uniform(0, size), rng.uniform(0, size)
        points = [(x, y)]
        for _ in range(rng.randint(3, 6)):
            x += rng.uniform(-25, 25)
            y += rng.uniform(-25, 25)
            points.append((x, y))
        draw.line(points, fill=colour, width=1)


def _isen_dots(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colour: Colour, count: int
) -> None:
    """Cecek: the scattered single dots that fill empty ground."""
    for _ in range(count):
        x, y = rng.uniform(0, size), rng.uniform(0, size)
        draw.ellipse((x - 1.5, y - 1.5, x + 1.5, y + 1.5), fill=colour)


def _kawung(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colours: list[Colour]
) -> None:
    _, light, mid, dark = colours
    cell = rng.choice((80, 100, 120))
    reach = cell * 0.27
    for row in range(-1, size // cell + 2):
        for col in range(-1, size // cell + 2):
            cx, cy = col * cell, row * cell
            for k in range(4):
                angle = math.pi / 4 + k * math.pi / 2
                centre = (cx + reach * math.cos(angle), cy + reach * math.sin(angle))
                draw.polygon(_oval(centre, cell * 0.26, cell * 0.16, angle), fill=dark)
                draw.polygon(_oval(centre, cell * 0.19, cell * 0.10, angle), fill=light)
                draw.ellipse(
                    (centre[0] - 3, centre[1] - 3, centre[0] + 3, centre[1] + 3), fill=dark
                )
            draw.ellipse((cx - 5, cy - 5, cx + 5, cy + 5), fill=mid)


def _parang(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colours: list[Colour]
) -> None:
    _, light, mid, dark = colours
    band = rng.choice((90, 110, 130))
    for offset in range(-size, 2 * size, band):
        # One diagonal band, then the chain of blade shapes (mlinjon) along it.
        draw.polygon(
            [
                (offset, 0),
                (offset + band * 0.55, 0),
                (offset + band * 0.55 - size, size),
                (offset - size, size),
            ],
            fill=mid,
        )
        step = band * 0.7
        for k in range(int(size * 1.5 / step) + 2):
            x, y = offset - k * step * 0.707, k * step * 0.707
            draw.polygon(
                _oval((x + band * 0.27, y), band * 0.30, band * 0.12, -math.pi / 4), fill=dark
            )
            draw.polygon(
                _oval((x + band * 0.27, y), band * 0.18, band * 0.05, -math.pi / 4), fill=light
            )
        # Mata gareng: the small diamonds between bands.
        for k in range(int(size * 1.5 / band) + 2):
            x, y = offset + band * 0.78 - k * band * 0.707, k * band * 0.707
            r = band * 0.09
            draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=dark)


def _ceplok(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colours: list[Colour]
) -> None:
    _, light, mid, dark = colours
    cell = rng.choice((70, 90, 110))
    for row in range(size // cell + 2):
        for col in range(size // cell + 2):
            cx, cy = col * cell, row * cell
            r = cell * 0.38
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=dark, width=3, fill=light)
            for k in range(8):
                angle = k * math.pi / 4
                px, py = cx + r * 0.6 * math.cos(angle), cy + r * 0.6 * math.sin(angle)
                draw.ellipse((px - 4, py - 4, px + 4, py + 4), fill=dark)
            draw.ellipse((cx - 6, cy - 6, cx + 6, cy + 6), fill=mid)
            draw.line(
                (cx + cell / 2 - 8, cy + cell / 2, cx + cell / 2 + 8, cy + cell / 2),
                fill=mid,
                width=2,
            )
            draw.line(
                (cx + cell / 2, cy + cell / 2 - 8, cx + cell / 2, cy + cell / 2 + 8),
                fill=mid,
                width=2,
            )
    _isen_dots(draw, rng, size, mid, 300)


def _surya(draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colours: list[Colour]) -> None:
    _, light, mid, dark = colours
    cell = rng.choice((130, 160))
    for row in range(size // cell + 2):
        for col in range(size // cell + 2):
            cx = col * cell + (cell / 2 if row % 2 else 0)
            cy = row * cell
            outer, inner = cell * 0.42, cell * 0.2
            star = []
            for k in range(16):
                radius = outer if k % 2 == 0 else inner
                angle = k * math.pi / 8
                star.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
            draw.polygon(star, fill=dark)
            draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=mid)
            draw.ellipse(
                (cx - inner / 2, cy - inner / 2, cx + inner / 2, cy + inner / 2), fill=light
            )
    _isen_dots(draw, rng, size, mid, 400)


def _mega_mendung(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colours: list[Colour]
) -> None:
    _, light, mid, dark = colours
    layers = [_shade(dark, 1 + k * 0.14) for k in range(6)]
    for _ in range(rng.randint(7, 10)):
        cx, cy = rng.uniform(0, size), rng.uniform(0, size)
        width = rng.uniform(140, 240)
        for k, colour in enumerate(layers):
            shrink = k * width / 14
            for lobe in (-0.45, 0.0, 0.45):
                lx = cx + lobe * width
                ly = cy - (0.18 * width if lobe == 0 else 0)
                r = width * 0.32 - shrink
                if r > 4:
                    draw.ellipse((lx - r, ly - r, lx + r, ly + r), fill=colour)


def _buketan(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colours: list[Colour]
) -> None:
    _, light, mid, dark = colours
    for _ in range(rng.randint(9, 14)):
        cx, cy = rng.uniform(0, size), rng.uniform(0, size)
        for _ in range(rng.randint(3, 5)):
            angle = rng.uniform(0, 2 * math.pi)
            leaf_centre = (cx + 48 * math.cos(angle), cy + 48 * math.sin(angle))
            draw.polygon(_leaf(leaf_centre, rng.uniform(70, 110), angle), fill=mid)
        petal = rng.uniform(14, 22)
        for k in range(6):
            angle = k * math.pi / 3
            px, py = cx + petal * math.cos(angle), cy + petal * math.sin(angle)
            draw.ellipse((px - petal, py - petal, px + petal, py + petal), fill=dark)
        draw.ellipse(
            (cx - petal * 0.8, cy - petal * 0.8, cx + petal * 0.8, cy + petal * 0.8), fill=light
        )
    _isen_dots(draw, rng, size, mid, 500)


def _ecoprint(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: int, colours: list[Colour]
) -> None:
    _, light, mid, dark = colours
    for _ in range(rng.randint(18, 26)):
        centre = (rng.uniform(0, size), rng.uniform(0, size))
        angle = rng.uniform(0, 2 * math.pi)
        length = rng.uniform(90, 170)
        colour = rng.choice((light, mid, _shade(mid, 1.3)))
        draw.polygon(_leaf(centre, length, angle), fill=colour)
        end = (centre[0] + math.cos(angle) * length / 2, centre[1] + math.sin(angle) * length / 2)
        start = (centre[0] - math.cos(angle) * length / 2, centre[1] - math.sin(angle) * length / 2)
        draw.line((start, end), fill=_shade(colour, 0.7), width=2)


_DRAWERS: dict[str, Callable[[ImageDraw.ImageDraw, random.Random, int, list[Colour]], None]] = {
    "kawung": _kawung,
    "parang": _parang,
    "ceplok": _ceplok,
    "surya": _surya,
    "mega_mendung": _mega_mendung,
    "buketan": _buketan,
    "ecoprint": _ecoprint,
}


def draw_batik(*, pattern: str, dye: str, seed: int, size: int = 800) -> bytes:
    """A square JPEG of ``pattern`` in the colours of ``dye`` (a ``Dye`` value)."""
    rng = random.Random(f"{pattern}:{dye}:{seed}")
    colours = rng.choice(PALETTES.get(dye, PALETTES["sintetis"]))
    image = Image.new("RGB", (size, size), colours[0])
    draw = ImageDraw.Draw(image)
    _DRAWERS[pattern](draw, rng, size, colours)
    if pattern != "ecoprint":
        _crackle(draw, rng, size, _blend(colours[0], colours[3], 0.3))
    return _to_jpeg(image)


def draw_centre_photo(*, seed: int, width: int = 800, height: int = 500) -> bytes:
    """A simple picture of a centre building: sky, joglo-like roof, batik banners."""
    rng = random.Random(f"centre:{seed}")
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = (120, 170, 220), (210, 230, 245)
    horizon = int(height * 0.72)
    for y in range(horizon):
        t = y / horizon
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    draw.rectangle((0, horizon, width, height), fill=(96, 130, 70))
    wall = rng.choice([(236, 228, 210), (240, 236, 222), (226, 214, 190)])
    roof = rng.choice([(150, 70, 50), (120, 60, 40), (90, 70, 60)])
    left, right = width * 0.15, width * 0.85
    base, eaves = horizon + 10, height * 0.38
    draw.rectangle((left, eaves, right, base), fill=wall)
    draw.polygon(
        [
            (left - 40, eaves),
            (right + 40, eaves),
            (width * 0.62, height * 0.12),
            (width * 0.38, height * 0.12),
        ],
        fill=roof,
    )
    for k in range(5):
        x = left + 30 + k * (right - left - 60) / 4
        draw.rectangle((x - 22, eaves + 40, x + 22, eaves + 110), fill=(70, 60, 50))
    palette = rng.choice(PALETTES["alam"] + PALETTES["sintetis"])
    for k in range(3):
        x = width * 0.3 + k * width * 0.2
        draw.rectangle((x - 30, eaves + 130, x + 30, base - 10), fill=palette[k + 1])
        for dot in range(6):
            draw.ellipse(
                (x - 6, eaves + 140 + dot * 20, x + 6, eaves + 152 + dot * 20), fill=palette[0]
            )
    return _to_jpeg(image)


def draw_portrait(*, seed: int, size: int = 500) -> bytes:
    """A faceless portrait silhouette in a batik shirt, on a batik backdrop."""
    rng = random.Random(f"portrait:{seed}")
    backdrop = Image.open(
        io.BytesIO(
            draw_batik(
                pattern=rng.choice(PATTERNS[:-1]),
                dye=rng.choice(("alam", "sintetis")),
                seed=seed,
                size=size,
            )
        )
    )
    draw = ImageDraw.Draw(backdrop)
    skin = rng.choice([(198, 150, 110), (170, 120, 84), (140, 96, 66), (210, 166, 124)])
    shirt = rng.choice(PALETTES["alam"] + PALETTES["sintetis"])
    cx = size / 2
    draw.ellipse((cx - size * 0.36, size * 0.62, cx + size * 0.36, size * 1.25), fill=shirt[3])
    for k in range(14):
        x = cx - size * 0.28 + (k % 7) * size * 0.09
        y = size * 0.74 + (k // 7) * size * 0.1
        draw.ellipse((x - 8, y - 8, x + 8, y + 8), fill=shirt[1])
    draw.rectangle((cx - size * 0.07, size * 0.5, cx + size * 0.07, size * 0.66), fill=skin)
    draw.ellipse((cx - size * 0.16, size * 0.2, cx + size * 0.16, size * 0.58), fill=skin)
    return _to_jpeg(backdrop)
