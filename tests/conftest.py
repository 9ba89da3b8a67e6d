import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# The suite runs on every core with pytest-xdist (pyproject.toml: `-n auto --dist loadfile`):
# each test file goes whole to one worker, so a module's fixtures are built once. Files are
# handed out in this order (then the rest in name order): the longest first, and those that
# run the whole example pipeline apart from each other, so no worker waits long for the
# session's example run (`example_run`, built once for all workers) while another builds it.
FIRST = (
    "test_dvc.py",  # builds the session's example run, then a DVC project from it
    "test_under_load.py",  # its own national-shape run
    "test_readers_property.py",
    "test_codebook_draft.py",
    "test_end_to_end.py",  # reads the example run
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(FIRST)))  # stable: keeps the rest


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole pipeline on the bundled example, once per test session, shared by every
    xdist worker (tests/helpers/example_run.py); tests only read it (copy it before changing
    anything). The first worker that needs it builds it under a file lock in the folder the
    workers share; the others wait for it and reuse it."""
    from helpers.example_run import run_example

    if "PYTEST_XDIST_WORKER" not in os.environ:
        return run_example(tmp_path_factory.mktemp("example") / "out")
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent / "example"
    shared.mkdir(exist_ok=True)
    out, done = shared / "out", shared / "done"
    with FileLock(str(shared / "lock")):
        if not done.is_file():
            run_example(out)
            done.write_text("ok\n", encoding="utf-8")
    return out
