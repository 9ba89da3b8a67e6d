"""Helpers shared by the tests (fixtures built in memory, readers of PDF, PPTX and XLSX text).

Imported as ``helpers.<module>``: pytest puts tests/ on the import path (rootdir-relative
import of test modules), so no test edits ``sys.path`` for them."""
