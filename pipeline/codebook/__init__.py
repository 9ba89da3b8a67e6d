"""The barometer codebook: codebook.yaml -> typed, validated classes (format: docs/codebook.md).

- :mod:`.text`: :class:`Text` (fi/sv/en) and how YAML files declare texts;
- :mod:`.model`: answer scales and items;
- :mod:`.exports`: export entries (data files), their reading options and column mappings;
- :mod:`.book`: the :class:`Codebook` with its lookups and the codebook.json snapshot;
- :mod:`.parse`: :func:`load_codebook`, the YAML parser and its checks.
"""

from pipeline.codebook.book import Codebook, load_codebook_json
from pipeline.codebook.exports import ColumnRef, Export, ExportFile
from pipeline.codebook.model import Item, Scale
from pipeline.codebook.parse import load_codebook
from pipeline.codebook.text import Text

__all__ = [
    "Codebook",
    "ColumnRef",
    "Export",
    "ExportFile",
    "Item",
    "Scale",
    "Text",
    "load_codebook",
    "load_codebook_json",
]
