"""The review stage: filled workshop worksheets (``data/raw/workshop/<pack>.xlsx``) read back,
validated against the pack's current worksheet, screened for personal data, and the rows
marked for publication written to the ``workshop`` table."""
