"""Oscar's order app, forked: each line keeps a snapshot of its provenance."""
