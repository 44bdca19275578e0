"""Demo marketplace generator: fictional people, real batik regions and motifs.

Top floor: writes centres, artisans, partners, products, stock and images.
"""
