"""Oscar's shipping app, forked so the shipping Repository can be ours."""
