"""The routes, one module per kind of page or endpoint."""
