"""Oscar's dashboard, forked so its sub-apps can be scoped to artisans and centres."""
