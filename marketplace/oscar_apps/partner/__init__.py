"""Oscar's partner app, forked so the pricing Strategy can be ours (currencies, tax)."""
