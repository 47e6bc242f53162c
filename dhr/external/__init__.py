"""External learning: another partnership's published learning, imported from its open data."""
