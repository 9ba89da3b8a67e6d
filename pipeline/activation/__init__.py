"""The activation-resource survey: its codebook, ingest, ratios, suppression and stage core."""
