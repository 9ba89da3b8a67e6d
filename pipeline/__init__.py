"""welfare-barometer: reproducible analysis of Finnish regional welfare surveys."""

__version__ = "0.1.0"
