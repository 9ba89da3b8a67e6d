import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole pipeline on the bundled example, once per session (tests/helpers/example_run.py);
    tests only read it (copy it before changing anything)."""
    from helpers.example_run import run_example

    return run_example(tmp_path_factory.mktemp("example") / "out")
