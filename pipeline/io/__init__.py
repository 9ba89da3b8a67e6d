"""File input and output: export and reference readers, schemas, atomic writers."""
