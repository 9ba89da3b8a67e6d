"""Each DVC stage's code deps in dvc.yaml cover every `pipeline` module the stage imports.

The imports are read statically (``ast``) from the stage's entry: ``pipeline/cli.py``, the
module level of ``pipeline/stages.py`` and the stage's function there (with the helpers of
stages.py it calls); every other module contributes all its imports, also those inside
functions. Without this a change to, say, ``pipeline/codebook/book.py`` would not rerun analyse.
Also: no import cycle among the statistics modules, and ``barometer ingest`` does not load
scipy or statsmodels."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
STAGE_FUNCTIONS = ("ingest", "activation", "analyse", "figures", "packs", "review", "site")


def module_file(name: str) -> Path | None:
    """Source file of a ``pipeline`` module (package: its ``__init__.py``)."""
    base = REPO / Path(*name.split("."))
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:`` (not run)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for b in node.body for n in ast.walk(b)}
    return skip


def imported_names(nodes: list[ast.AST], module: str) -> set[str]:
    """``pipeline.*`` modules imported anywhere inside ``nodes`` (from-imports of a package
    count the submodules they name, when those exist), except under ``if TYPE_CHECKING``."""
    out: set[str] = set()
    skip = set().union(*(type_checking_only(n) for n in nodes)) if nodes else set()
    package = (
        module
        if module_file(module) and module_file(module).name == "__init__.py"
        else module.rpartition(".")[0]
    )  # type: ignore[union-attr]
    for top in nodes:
        for node in ast.walk(top):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                out |= {a.name for a in node.names if a.name.startswith("pipeline")}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                if not base.startswith("pipeline"):
                    continue
                out.add(base)
                for alias in node.names:
                    if module_file(f"{base}.{alias.name}"):
                        out.add(f"{base}.{alias.name}")
    return out


def with_parents(name: str) -> set[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ too."""
    parts = name.split(".")
    return {".".join(parts[:k]) for k in range(1, len(parts) + 1)}


def stage_entry(stage: str) -> set[str]:
    """Modules the stage's entry code imports: stages.py's module level and the stage's
    function plus the module functions it calls (transitively)."""
    tree = ast.parse((REPO / "pipeline" / "stages.py").read_text(encoding="utf-8"))
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    module_level = [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.ClassDef)]
    seen: set[str] = set()
    todo = [stage]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for node in ast.walk(functions[name]):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id in functions:  # type: ignore[union-attr]
                todo.append(node.func.id)  # type: ignore[union-attr]
    nodes = module_level + [functions[n] for n in seen]
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    return imported_names(nodes + classes, "pipeline.stages")


def stage_modules(stage: str) -> set[Path]:
    """Every pipeline source file the stage loads (cli, stages, and all they import)."""
    cli = ast.parse((REPO / "pipeline" / "cli.py").read_text(encoding="utf-8"))
    start = (imported_names([cli], "pipeline.cli") - {"pipeline.stages"}) | stage_entry(stage)
    files: set[Path] = {REPO / "pipeline" / "cli.py", REPO / "pipeline" / "stages.py"}
    todo = [m for name in start for m in with_parents(name)]
    seen: set[str] = {"pipeline.stages", "pipeline.cli"}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = module_file(name)
        if path is None:
            continue
        files.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for dep in imported_names([tree], name):
            todo += sorted(with_parents(dep))
    # the top-level package file holds only the version string
    files.discard(REPO / "pipeline" / "__init__.py")
    return files | text_modules(files)


def text_modules(files: set[Path]) -> set[Path]:
    """The text areas ``pipeline.i18n.t`` loads for these modules: ``t("<area>.<name>", ...)``
    reads pipeline/i18n/<area>.py; a key that is not a literal may read any area."""
    folder = REPO / "pipeline" / "i18n"
    out: set[Path] = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_t = any(
            isinstance(n, ast.ImportFrom)
            and n.module == "pipeline.i18n"
            and any(a.name == "t" for a in n.names)
            for n in ast.walk(tree)
        )
        if not imports_t:
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            if not (isinstance(node.func, ast.Name) and node.func.id == "t"):
                continue
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                out.add(folder / f"{key.value.split('.')[0]}.py")
            else:
                out |= set(folder.glob("*.py"))
    return out


def covered(path: Path, deps: list[str]) -> bool:
    rel = path.relative_to(REPO).as_posix()
    return any(rel == d or rel.startswith(d.rstrip("/") + "/") for d in deps)


def dvc_stages() -> dict[str, dict]:
    return yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))["stages"]


@pytest.mark.parametrize("stage", STAGE_FUNCTIONS)
def test_dvc_deps_cover_imports(stage: str) -> None:
    deps = [str(d) for d in dvc_stages()[stage]["deps"]]
    missing = sorted(
        p.relative_to(REPO).as_posix() for p in stage_modules(stage) if not covered(p, deps)
    )
    assert not missing, f"dvc.yaml stage {stage} misses code deps {missing}"


def test_walker_finds_known_imports() -> None:
    """The walker is not vacuous: analyse reaches the codebook, config and the stats core."""
    rel = {p.relative_to(REPO).as_posix() for p in stage_modules("analyse")}
    for expected in (
        "pipeline/codebook/book.py",
        "pipeline/config.py",
        "pipeline/stats/core.py",
        "pipeline/stats/variance.py",
        "pipeline/io/writers.py",
        "pipeline/yamlcheck.py",
    ):
        assert expected in rel
    assert not any(r.startswith("pipeline/charts/") for r in rel), "analyse must not load charts"
    assert "pipeline/i18n/codebook.py" in rel  # t("codebook.all_regions") in codebook/book.py
    assert not covered(
        REPO / "pipeline" / "codebook" / "book.py", ["pipeline/io", "pipeline/stats"]
    )


def test_no_import_cycle_in_stats() -> None:
    """Module-level imports among pipeline.stats modules form no cycle."""
    graph: dict[str, set[str]] = {}
    for path in sorted((REPO / "pipeline" / "stats").glob("*.py")):
        name = f"pipeline.stats.{path.stem}" if path.stem != "__init__" else "pipeline.stats"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {
            d for d in imported_names(tree.body, name) if d.startswith("pipeline.stats.")
        }
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in graph.get(node, ()):
            if state.get(dep) == 1:
                raise AssertionError(f"import cycle: {' -> '.join(stack + [node, dep])}")
            if dep not in state:
                visit(dep, stack + [node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_no_import_cycle_in_pipeline() -> None:
    """Module-level imports among all pipeline modules form no cycle (a module importing its
    own package, which Python initialises first, does not count)."""
    graph: dict[str, set[str]] = {}
    for path in sorted((REPO / "pipeline").rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.ClassDef)]
        graph[name] = imported_names(top, name) - with_parents(name)
    assert {"pipeline.codebook.parse", "pipeline.stats.core"} <= set(graph)
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                raise AssertionError(f"import cycle: {' -> '.join(stack + [node, dep])}")
            if dep in graph and dep not in state:
                visit(dep, stack + [node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_nothing_below_stats_imports_charts_or_packs() -> None:
    for folder in ("stats", "io", "ingest"):
        for path in (REPO / "pipeline" / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            bad = {
                d
                for d in imported_names([tree], f"pipeline.{folder}.{path.stem}")
                if d.startswith(("pipeline.charts", "pipeline.packs"))
            }
            assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


def test_ingest_does_not_load_scipy(tmp_path: Path) -> None:
    """`barometer ingest` (as cli.main runs it) leaves scipy and statsmodels unloaded."""
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"rc = main(['ingest', '--raw', {str(REPO / 'data' / 'raw')!r}, "
        f"'--processed', {str(tmp_path / 'p')!r}, '--reports', {str(tmp_path / 'r')!r}, "
        f"'--params', {str(REPO / 'params.yaml')!r}, '--quiet'])\n"
        "heavy = [m for m in ('scipy', 'statsmodels') if m in sys.modules]\n"
        "print(rc, heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip().splitlines()[-1] == "0 []"
    assert (tmp_path / "p" / "responses.parquet").is_file()
