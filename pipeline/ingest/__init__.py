"""Ingest: exports listed in the codebook -> one tidy, pseudonymised ``responses`` table."""
