"""Synthetic welfare-barometer data: the bundled four-round example (written by
``tools/make_example_data.py``) and raw folders of any round years for tests
(``example_data.shapes.write_raw_rounds``).

Everything is drawn from seeded generators; people, answers, e-mail addresses and names are
invented."""
