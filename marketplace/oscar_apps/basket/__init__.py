"""Oscar's basket app, forked: a basket reads its lines in a fixed number of queries."""
