"""Workshop charts: one module per chart family, the theme, chart jobs and parallel rendering."""
