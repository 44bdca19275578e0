"""The regional batik motifs of the demo, each with a short story in both languages.

Names and regions are real. The stories are short summaries of commonly told accounts,
not researched histories; where we know no reliable story (Tugu Wira Raja), the record
says so instead of inventing one. No HKI (intellectual property) number is filled in:
staff add real ones, and the loader never overwrites them.
"""

from dataclasses import dataclass

from .data import MAJA_BARAMA_WASTRA


@dataclass(frozen=True)
class MotifSpec:
    slug: str
    name: str
    region: str
    centre_slug: str
    # Which drawing in ``images`` illustrates it.
    pattern: str
    story: str
    story_en: str


MOTIFS: tuple[MotifSpec, ...] = (
    MotifSpec(
        slug="surya-majapahit",
        name="Surya Majapahit",
        region="Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        pattern="surya",
        story=(
            "Matahari bersudut delapan, lambang yang dikenal dari peninggalan zaman Majapahit; "
            "menandai kain dari bekas pusat kerajaan itu."
        ),
        story_en=(
            "The eight-pointed sun known from Majapahit-era relics, marking cloth from the old "
            "heart of that kingdom."
        ),
    ),
    MotifSpec(
        slug="mrico-bolong",
        name="Mrico Bolong",
        region="Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        pattern="ceplok",
        story=(
            "Bulatan kecil seperti butir merica berlubang (mrico bolong) yang disusun rapat; "
            "salah satu motif lama Mojokerto."
        ),
        story_en=(
            "Small rounds like peppercorns with a hole (mrico bolong), set close together; one of "
            "Mojokerto's old motifs."
        ),
    ),
    MotifSpec(
        slug="tugu-wira-raja",
        name="Tugu Wira Raja",
        region="Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        pattern="ceplok",
        story=(
            "Motif khas Kota Mojokerto. Kisah di balik motif ini akan dilengkapi bersama perajin "
            "yang mendaftarkannya."
        ),
        story_en=(
            "A Mojokerto motif. Its story will be added together with the artisans who registered "
            "it."
        ),
    ),
    MotifSpec(
        slug="alas-majapahit",
        name="Alas Majapahit",
        region="Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        pattern="buketan",
        story=(
            "Alas berarti hutan: pepohonan dan satwa yang mengingatkan pada bentang alam Majapahit."
        ),
        story_en="Alas means forest: trees and animals recalling the landscape of Majapahit.",
    ),
    MotifSpec(
        slug="kembang-maja",
        name="Kembang Maja",
        region="Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        pattern="buketan",
        story="Bunga pohon maja, pohon yang namanya melekat pada nama Majapahit.",
        story_en="The flower of the maja tree, whose name lives on in the name Majapahit.",
    ),
    MotifSpec(
        slug="sekar-jagad-mojokerto",
        name="Sekar Jagad Mojokerto",
        region="Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        pattern="ceplok",
        story=(
            "Sekar jagad berarti bunga dunia: bidang-bidang kecil berisi ragam hias berbeda yang "
            "dirangkai menjadi satu kain, di sini dengan ragam hias Mojokerto."
        ),
        story_en=(
            "Sekar jagad means flower of the world: small fields, each with its own ornament, "
            "pieced into one cloth — here with Mojokerto ornaments."
        ),
    ),
    MotifSpec(
        slug="buah-mojo",
        name="Buah Mojo",
        region="Mojokerto",
        centre_slug=MAJA_BARAMA_WASTRA,
        pattern="kawung",
        story="Buah maja yang pahit; menurut cerita rakyat, buah inilah asal nama Majapahit.",
        story_en="The bitter maja fruit; folk tradition says it gave Majapahit its name.",
    ),
    MotifSpec(
        slug="parang-rusak",
        name="Parang Rusak",
        region="Surakarta",
        centre_slug="kampung-batik-laweyan",
        pattern="parang",
        story=(
            "Jalinan miring berbentuk huruf S yang tak terputus, seperti ombak atau bilah; dahulu "
            "motif larangan keraton, lambang semangat yang tidak pernah padam."
        ),
        story_en=(
            "Unbroken diagonal S-shapes like waves or blades; once reserved for the courts, a "
            "sign of a spirit that never gives up."
        ),
    ),
    MotifSpec(
        slug="truntum",
        name="Truntum",
        region="Surakarta",
        centre_slug="kampung-batik-laweyan",
        pattern="ceplok",
        story=(
            "Bunga kecil seperti bintang bertaburan. Kisah keraton menyebutnya lambang cinta yang "
            "tumbuh kembali (tumaruntum); dipakai orang tua pengantin."
        ),
        story_en=(
            "Small star-like flowers. Court tradition calls it love that blossoms again "
            "(tumaruntum); the bride's and groom's parents wear it."
        ),
    ),
    MotifSpec(
        slug="sidomukti",
        name="Sidomukti",
        region="Surakarta",
        centre_slug="kampung-batik-laweyan",
        pattern="ceplok",
        story=(
            "Sido berarti jadi, mukti berarti mulia dan sejahtera: harapan hidup berkecukupan, "
            "sering dipakai pengantin."
        ),
        story_en=(
            "Sido means to become, mukti means noble and prosperous: a wish for a good life, "
            "often worn by brides and grooms."
        ),
    ),
    MotifSpec(
        slug="jlamprang",
        name="Jlamprang",
        region="Pekalongan",
        centre_slug="kampung-batik-kauman-pekalongan",
        pattern="ceplok",
        story=(
            "Motif geometris berulang dari Pekalongan yang sering dikaitkan dengan pengaruh kain "
            "patola dari India."
        ),
        story_en=(
            "A repeating geometric Pekalongan motif, often linked to the influence of Indian "
            "patola cloth."
        ),
    ),
    MotifSpec(
        slug="buketan",
        name="Buketan",
        region="Pekalongan",
        centre_slug="kampung-batik-kauman-pekalongan",
        pattern="buketan",
        story=(
            "Dari kata boeket (karangan bunga): rangkaian bunga dan kupu-kupu batik pesisir "
            "Pekalongan yang berkembang pada masa kolonial."
        ),
        story_en=(
            "From boeket (bouquet): sprays of flowers and butterflies of Pekalongan coastal "
            "batik, which grew popular in colonial times."
        ),
    ),
    MotifSpec(
        slug="kawung",
        name="Kawung",
        region="Yogyakarta",
        centre_slug="sentra-batik-giriloyo",
        pattern="kawung",
        story=(
            "Empat bentuk lonjong mengelilingi satu titik, seperti irisan buah aren; salah satu "
            "motif tertua di Jawa, lambang kesucian dan keadilan."
        ),
        story_en=(
            "Four ovals around one point, like a cut palm fruit; one of Java's oldest motifs, a "
            "sign of purity and justice."
        ),
    ),
    MotifSpec(
        slug="sido-asih",
        name="Sido Asih",
        region="Yogyakarta",
        centre_slug="sentra-batik-giriloyo",
        pattern="ceplok",
        story=(
            "Asih berarti kasih sayang: harapan agar pasangan saling mengasihi, dipakai dalam "
            "upacara pernikahan Jawa."
        ),
        story_en=(
            "Asih means loving care: a wish that a couple cherish each other, worn at Javanese "
            "weddings."
        ),
    ),
    MotifSpec(
        slug="gentongan",
        name="Gentongan",
        region="Madura",
        centre_slug="sentra-batik-tanjung-bumi",
        pattern="buketan",
        story=(
            "Dinamai dari gentong, tempayan tanah liat tempat kain direndam pewarna alam berulang "
            "kali selama berbulan-bulan; warnanya dalam dan awet."
        ),
        story_en=(
            "Named after the gentong, the clay jar where cloth soaks in natural dye again and "
            "again for months; its colours are deep and lasting."
        ),
    ),
    MotifSpec(
        slug="tasik-malaya",
        name="Tase' Malaya (Tasik Malaya)",
        region="Madura",
        centre_slug="sentra-batik-tanjung-bumi",
        pattern="parang",
        story=(
            "Tase' berarti laut dalam bahasa Madura; nama ini dimaknai melaut. Garis berkelok "
            "seperti ombak kecil, harapan akan laut yang tenang bagi para pelaut."
        ),
        story_en=(
            "Tase' is Madurese for sea, and the name is read as going to sea. Winding lines like "
            "small waves wish seafarers a calm sea."
        ),
    ),
    MotifSpec(
        slug="mega-mendung",
        name="Mega Mendung",
        region="Cirebon",
        centre_slug="kampung-batik-trusmi",
        pattern="mega_mendung",
        story=(
            "Awan bergulung berlapis dengan gradasi warna, dipengaruhi seni Tiongkok; awan "
            "pembawa hujan dimaknai sebagai kesabaran dan keteduhan."
        ),
        story_en=(
            "Layered rolling clouds in graded colours, shaped by Chinese art; rain clouds read as "
            "patience and calm."
        ),
    ),
    MotifSpec(
        slug="singa-barong",
        name="Singa Barong",
        region="Cirebon",
        centre_slug="kampung-batik-trusmi",
        pattern="surya",
        story=(
            "Makhluk gabungan gajah, naga dan garuda dari kereta Singa Barong Keraton Kasepuhan "
            "Cirebon."
        ),
        story_en=(
            "A creature combining elephant, dragon and garuda, from the Singa Barong carriage of "
            "Cirebon's Kasepuhan palace."
        ),
    ),
)

# Motifs used across Java; generated (fictional) centres draw on these.
CLASSIC_MOTIF_SLUGS = ("kawung", "parang-rusak", "truntum", "sidomukti", "sido-asih")
