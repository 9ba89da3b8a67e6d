"""The published review: a static, self-contained, accessible web site (``reports/site/``) per
language of ``figures.languages``, built from the packs' plans, the published tables and the
workshop table with Jinja2 templates (autoescaped; no HTML is built from strings in code)."""
