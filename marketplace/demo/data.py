"""The fixed demo records: real batik centres and fictional artisans.

The centres are real places; Maja Barama Wastra's facts follow the project's domain
notes, the others are limited to what is well known, and all coordinates are
approximate. Every person is invented, and their records say so. Name pools and
places for the generated (large-catalogue) centres and artisans live here too; the
regional motifs are in ``motifs``, the product recipes in ``recipes``.
"""

from dataclasses import dataclass
from decimal import Decimal

from marketplace.core.choices import Technique

DEMO_NOTE = "Perajin dan produk di marketplace ini adalah data demo fiktif."
DEMO_NOTE_EN = "The artisans and products shown in this marketplace are fictional demo data."


@dataclass(frozen=True)
class CentreSpec:
    slug: str
    name: str
    province: str
    city: str
    latitude: Decimal
    longitude: Decimal
    description: str
    description_en: str
    district: str = ""
    village: str = ""
    street_address: str = ""
    land_area_m2: int | None = None
    year_opened: int | None = None
    funding_note: str = ""
    facilities: tuple[str, ...] = ()
    is_fictional: bool = False


@dataclass(frozen=True)
class ArtisanSpec:
    slug: str
    name: str
    workshop_name: str
    centre_slug: str
    # In the order the artisan's products cycle through them.
    techniques: tuple[str, ...]
    bio: str
    bio_en: str
    has_batikmark: bool = False


MAJA_BARAMA_WASTRA = "maja-barama-wastra"

CENTRES: tuple[CentreSpec, ...] = (
    CentreSpec(
        slug=MAJA_BARAMA_WASTRA,
        name="Sentra IKM Batik Maja Barama Wastra",
        province="Jawa Timur",
        city="Kota Mojokerto",
        district="Magersari",
        village="Gunung Gedangan",
        street_address="Jalan Kedungsari",
        latitude=Decimal("-7.472200"),
        longitude=Decimal("112.433800"),
        land_area_m2=5300,
        year_opened=2024,
        funding_note="DAK Fisik Bidang IKM 2023",
        facilities=(
            "Galeri batik",
            "Ruang desain motif",
            "Ruang jahit",
            "Ruang pembuatan cap",
            "Ruang batik cap",
            "Ruang batik tulis",
            "Gudang alat",
            "Gudang kain",
            "Instalasi pengolahan air limbah (IPAL)",
        ),
        description=(
            "Sentra IKM batik milik Kota Mojokerto di atas lahan 5.300 m², direvitalisasi "
            "dengan DAK Fisik Bidang IKM 2023 dan diresmikan 7 Februari 2024. Di sini para "
            "perajin belajar, membatik dan berjualan; pengunjung boleh mencoba mencanting. "
            "Layanannya: pelatihan dan pendampingan, proses bisnis, branding, kemitraan dan "
            "ekspor. " + DEMO_NOTE
        ),
        description_en=(
            "Mojokerto city's small-industry batik centre on 5,300 m² of land, revitalised "
            "with the 2023 DAK Fisik Bidang IKM fund and opened on 7 February 2024. Artisans "
            "train, make and sell batik here, and visitors can try the canting. Its services: "
            "training and mentoring, business process, branding, partnership and export. "
            + DEMO_NOTE_EN
        ),
    ),
    CentreSpec(
        slug="kampung-batik-laweyan",
        name="Kampung Batik Laweyan",
        province="Jawa Tengah",
        city="Kota Surakarta",
        district="Laweyan",
        village="Laweyan",
        latitude=Decimal("-7.569400"),
        longitude=Decimal("110.795300"),
        description=(
            "Kampung saudagar batik tua di barat Kota Solo, dengan rumah-rumah berpagar tinggi "
            "dan bengkel batik tulis serta cap. " + DEMO_NOTE
        ),
        description_en=(
            "An old batik merchants' quarter in the west of Solo, with high-walled houses and "
            "workshops making hand-drawn and stamped batik. " + DEMO_NOTE_EN
        ),
    ),
    CentreSpec(
        slug="kampung-batik-kauman-pekalongan",
        name="Kampung Batik Kauman Pekalongan",
        province="Jawa Tengah",
        city="Kota Pekalongan",
        district="Pekalongan Timur",
        village="Kauman",
        latitude=Decimal("-6.889500"),
        longitude=Decimal("109.678500"),
        description=(
            "Kampung batik di pusat Kota Pekalongan, kota batik pesisir yang dikenal dengan "
            "warna cerah dan motif bunga. " + DEMO_NOTE
        ),
        description_en=(
            "A batik quarter in the heart of Pekalongan, the coastal batik town known for "
            "bright colours and floral motifs. " + DEMO_NOTE_EN
        ),
    ),
    CentreSpec(
        slug="sentra-batik-giriloyo",
        name="Sentra Batik Tulis Giriloyo",
        province="DI Yogyakarta",
        city="Kabupaten Bantul",
        district="Imogiri",
        village="Wukirsari",
        latitude=Decimal("-7.927000"),
        longitude=Decimal("110.411000"),
        description=(
            "Dusun pembatik tulis di lereng perbukitan Imogiri, dikenal dengan motif klasik "
            "Yogyakarta dan pewarna alam. " + DEMO_NOTE
        ),
        description_en=(
            "A hamlet of hand-drawn batik makers on the Imogiri hills, known for classic "
            "Yogyakarta motifs and natural dyes. " + DEMO_NOTE_EN
        ),
    ),
    CentreSpec(
        slug="sentra-batik-tanjung-bumi",
        name="Sentra Batik Tanjung Bumi",
        province="Jawa Timur",
        city="Kabupaten Bangkalan",
        district="Tanjung Bumi",
        latitude=Decimal("-6.897000"),
        longitude=Decimal("113.083000"),
        description=(
            "Sentra batik tulis di pesisir utara Madura, rumah batik gentongan yang direndam "
            "pewarna alam berbulan-bulan. " + DEMO_NOTE
        ),
        description_en=(
            "A hand-drawn batik centre on Madura's north coast, home of gentongan batik that "
            "soaks in natural dye for months. " + DEMO_NOTE_EN
        ),
    ),
    CentreSpec(
        slug="kampung-batik-trusmi",
        name="Kampung Batik Trusmi",
        province="Jawa Barat",
        city="Kabupaten Cirebon",
        district="Plered",
        village="Trusmi Kulon",
        latitude=Decimal("-6.706000"),
        longitude=Decimal("108.502000"),
        description=(
            "Kampung batik Cirebon yang berderet toko dan bengkel, asal motif Mega Mendung "
            "yang termasyhur. " + DEMO_NOTE
        ),
        description_en=(
            "Cirebon's batik village, lined with shops and workshops, where the famous Mega "
            "Mendung motif is made. " + DEMO_NOTE_EN
        ),
    ),
)


_FICTIONAL = "Perajin fiktif untuk data demo."
_FICTIONAL_EN = "A fictional artisan for demo data."

T, C, K, P, E = (
    Technique.TULIS.value,
    Technique.CAP.value,
    Technique.KOMBINASI.value,
    Technique.PRINTED.value,
    Technique.ECOPRINT.value,
)

ARTISANS: tuple[ArtisanSpec, ...] = (
    ArtisanSpec(
        slug="sri-wahyuningsih",
        name="Sri Wahyuningsih",
        workshop_name="Batik Tulis Wahyu Maja",
        centre_slug=MAJA_BARAMA_WASTRA,
        techniques=(T, K, T),
        bio=f"{_FICTIONAL} Pembatik tulis yang gemar motif Surya Majapahit dengan pewarna alam.",
        bio_en=f"{_FICTIONAL_EN} A batik tulis maker fond of Surya Majapahit in natural dyes.",
        has_batikmark=True,
    ),
    ArtisanSpec(
        slug="dwi-prasetyo",
        name="Dwi Prasetyo",
        workshop_name="Cap Prasetyo Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        techniques=(C, K),
        bio=f"{_FICTIONAL} Tukang cap yang membuat sendiri cap tembaga bermotif Mojokerto.",
        bio_en=f"{_FICTIONAL_EN} A stamper who makes his own copper caps with Mojokerto motifs.",
    ),
    ArtisanSpec(
        slug="nur-aini",
        name="Nur Aini",
        workshop_name="Ecoprint & Jahit Nur Aini",
        centre_slug=MAJA_BARAMA_WASTRA,
        techniques=(E, T),
        bio=f"{_FICTIONAL} Membuat ecoprint dari daun sekitar Mojokerto dan menjahit busana.",
        bio_en=f"{_FICTIONAL_EN} Makes ecoprint from Mojokerto leaves and sews clothing.",
    ),
    ArtisanSpec(
        slug="bambang-sulistyo",
        name="Bambang Sulistyo",
        workshop_name="Batik Sulistyo Laweyan",
        centre_slug="kampung-batik-laweyan",
        techniques=(C, T),
        bio=f"{_FICTIONAL} Meneruskan bengkel batik keluarga dengan motif klasik Solo.",
        bio_en=f"{_FICTIONAL_EN} Carries on a family workshop making classic Solo motifs.",
        has_batikmark=True,
    ),
    ArtisanSpec(
        slug="endang-purwanti",
        name="Endang Purwanti",
        workshop_name="Griya Batik Purwanti",
        centre_slug="kampung-batik-laweyan",
        techniques=(T, K),
        bio=f"{_FICTIONAL} Pembatik tulis dan penjahit kemeja serta blus.",
        bio_en=f"{_FICTIONAL_EN} Draws batik tulis and tailors shirts and blouses.",
    ),
    ArtisanSpec(
        slug="fajar-ramadhan",
        name="Fajar Ramadhan",
        workshop_name="Griya Motif Fajar",
        centre_slug="kampung-batik-kauman-pekalongan",
        techniques=(C, P),
        bio=(
            f"{_FICTIONAL} Menjual batik cap dan tekstil motif batik printing yang diberi label "
            "bukan batik."
        ),
        bio_en=(
            f"{_FICTIONAL_EN} Sells batik cap and printed batik-motif textiles labelled as not "
            "batik."
        ),
    ),
    ArtisanSpec(
        slug="siti-khotimah",
        name="Siti Khotimah",
        workshop_name="Batik Khotimah Kauman",
        centre_slug="kampung-batik-kauman-pekalongan",
        techniques=(T, C),
        bio=f"{_FICTIONAL} Pembatik buketan berwarna cerah khas pesisir.",
        bio_en=f"{_FICTIONAL_EN} Makes bright coastal buketan batik.",
        has_batikmark=True,
    ),
    ArtisanSpec(
        slug="sumarni",
        name="Sumarni",
        workshop_name="Batik Alam Sumarni",
        centre_slug="sentra-batik-giriloyo",
        techniques=(T,),
        bio=f"{_FICTIONAL} Pembatik tulis senior yang hanya memakai pewarna alam.",
        bio_en=f"{_FICTIONAL_EN} A senior batik tulis maker who works only with natural dyes.",
    ),
    ArtisanSpec(
        slug="wulan-sari",
        name="Wulan Sari",
        workshop_name="Wulan Batik Giriloyo",
        centre_slug="sentra-batik-giriloyo",
        techniques=(T, K),
        bio=f"{_FICTIONAL} Pembatik muda yang membuat tas dan hiasan rumah bermotif klasik.",
        bio_en=f"{_FICTIONAL_EN} A young batik maker of bags and home decor in classic motifs.",
    ),
    ArtisanSpec(
        slug="masrurah",
        name="Masrurah",
        workshop_name="Gentong Masrurah",
        centre_slug="sentra-batik-tanjung-bumi",
        techniques=(T,),
        bio=f"{_FICTIONAL} Pembatik gentongan yang merendam kain dalam gentong berbulan-bulan.",
        bio_en=f"{_FICTIONAL_EN} A gentongan maker who soaks cloth in clay jars for months.",
        has_batikmark=True,
    ),
    ArtisanSpec(
        slug="fitriyah",
        name="Fitriyah",
        workshop_name="Batik Fitriyah Tanjung Bumi",
        centre_slug="sentra-batik-tanjung-bumi",
        techniques=(T, C),
        bio=f"{_FICTIONAL} Membuat batik pesisir Madura berwarna merah dan hijau tegas.",
        bio_en=f"{_FICTIONAL_EN} Makes Madurese coastal batik in strong reds and greens.",
    ),
    ArtisanSpec(
        slug="karyono",
        name="Karyono",
        workshop_name="Batik Karyono Trusmi",
        centre_slug="kampung-batik-trusmi",
        techniques=(T, C),
        bio=f"{_FICTIONAL} Pembatik Mega Mendung dengan gradasi tujuh warna.",
        bio_en=f"{_FICTIONAL_EN} Draws Mega Mendung in seven graded shades.",
    ),
    ArtisanSpec(
        slug="ayu-lestari",
        name="Ayu Lestari",
        workshop_name="Ayu Batik Cirebon",
        centre_slug="kampung-batik-trusmi",
        techniques=(K, C),
        bio=f"{_FICTIONAL} Menggabungkan cap dan tulis untuk busana dan sepatu.",
        bio_en=f"{_FICTIONAL_EN} Combines stamping and drawing for clothing and shoes.",
    ),
)

# Generated centres sit in real batik regions: (province, city, latitude, longitude),
# with approximate town-centre coordinates. Their names say they are fictional.
FICTIONAL_PLACES: tuple[tuple[str, str, str, str], ...] = (
    ("Jawa Timur", "Kabupaten Sidoarjo", "-7.4478", "112.7183"),
    ("Jawa Timur", "Kabupaten Tuban", "-6.8976", "112.0500"),
    ("Jawa Timur", "Kabupaten Tulungagung", "-8.0657", "111.9025"),
    ("Jawa Timur", "Kabupaten Pamekasan", "-7.1568", "113.4746"),
    ("Jawa Timur", "Kabupaten Jombang", "-7.5469", "112.2331"),
    ("Jawa Tengah", "Kabupaten Rembang", "-6.7083", "111.3414"),
    ("Jawa Tengah", "Kabupaten Sragen", "-7.4302", "111.0217"),
    ("Jawa Tengah", "Kabupaten Klaten", "-7.7058", "110.6063"),
    ("Jawa Tengah", "Kabupaten Banyumas", "-7.4310", "109.2477"),
    ("Jawa Barat", "Kabupaten Garut", "-7.2167", "107.9000"),
    ("Jawa Barat", "Kota Tasikmalaya", "-7.3274", "108.2207"),
    ("Jawa Barat", "Kabupaten Indramayu", "-6.3275", "108.3249"),
    ("DI Yogyakarta", "Kabupaten Kulon Progo", "-7.8267", "110.1641"),
    ("DI Yogyakarta", "Kabupaten Sleman", "-7.7160", "110.3556"),
    ("Banten", "Kota Serang", "-6.1200", "106.1503"),
    ("Jambi", "Kota Jambi", "-1.6101", "103.6131"),
    ("Bali", "Kabupaten Gianyar", "-8.5440", "115.3250"),
)

GIVEN_NAMES = (
    "Siti",
    "Sri",
    "Dewi",
    "Ayu",
    "Rini",
    "Wahyu",
    "Budi",
    "Agus",
    "Eko",
    "Slamet",
    "Tri",
    "Nur",
    "Endang",
    "Joko",
    "Hadi",
    "Fitri",
    "Rahmat",
    "Wulan",
    "Yuni",
    "Lilis",
    "Suparmi",
    "Bagus",
    "Indah",
    "Retno",
    "Sugeng",
    "Ani",
    "Darmini",
    "Yusuf",
    "Rohmah",
    "Kartini",
)
FAMILY_NAMES = (
    "Rahayu",
    "Wahyuni",
    "Susanti",
    "Santoso",
    "Prasetyo",
    "Handayani",
    "Kurniawan",
    "Setiawati",
    "Lestari",
    "Hidayat",
    "Purnomo",
    "Maryati",
    "Sulistyowati",
    "Utomo",
    "Nugroho",
    "Hartati",
    "Saputra",
    "Wibowo",
    "Anggraini",
    "Kusuma",
)
WORKSHOP_WORDS = ("Batik", "Rumah Batik", "Griya Batik", "Sanggar Batik", "Omah Batik")

# Technique mixes for generated artisans, in the order their products cycle.
GENERATED_TECHNIQUE_MIXES: tuple[tuple[str, ...], ...] = (
    (T, C),
    (C, K),
    (T,),
    (C, T, K),
    (T, K),
    (C,),
    (C, P),
    (E, T),
)
