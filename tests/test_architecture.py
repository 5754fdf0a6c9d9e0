"""The import direction of docs/architecture.md, checked on the source: pages -> ui -> core -> queries, and inside
the core each area imports only the areas it is allowed to (CORE below, the same table as the document).

Imports are read with `ast`, those inside functions included: a lazy import is still a dependency."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "anchorspend"

# Each area of the core and the other areas it may import. An area is a top-level module or package of
# anchorspend; `<area>.commands` modules belong to the CLI, not to their area (see CLI below).
CORE: dict[str, set[str]] = {
    # the foundation: settings, the store, how numbers are written
    "config": set(),
    "db": set(),
    "present": set(),
    "files": set(),  # reading files for every importer: limits, encodings, workbooks, PDF tables
    "validate": set(),  # the bounds on what the store accepts (anchor names, coordinates, plausible dates)
    # the domain: each reads and writes its own tables through db, and none imports another
    "geo": {"config", "db", "files", "validate"},
    "suppliers": {"config", "db", "files", "validate"},
    "metrics": {"config", "db", "files", "present", "validate"},
    # the one pipeline entry runs the derived steps of the domain in order
    "pipeline": {"db", "geo", "metrics", "suppliers"},
    # loading a spend file refreshes through the pipeline
    "ingest": {"config", "db", "files", "pipeline", "validate"},
    # what the app, the PDF and the demo build on the domain (no Streamlit in any of them)
    "edits": {"db", "metrics"},
    "charts": {"config", "present"},
    "view": {"present", "validate"},
    "links": {"view"},
    "downloads": {"present", "suppliers", "view"},  # who may be a person (suppliers), the label (view)
    "throttle": set(),
    "admin_views": {"config", "db", "geo", "ingest", "metrics", "present", "suppliers", "view"},
    "report": {"charts", "config", "db", "geo", "metrics", "present", "view"},
    "demo": {"config", "db", "geo", "ingest", "metrics", "pipeline", "suppliers", "validate"},
}
UI = "ui"  # anchorspend.ui (a module or a package): may import every core area, and Streamlit
CLI = {"cli", "__main__"}  # with every <area>.commands module: may import every core area, never the ui
STREAMLIT = ("streamlit",)

# Imports that go against the direction today, each with the reason and the change that removes it. Keep this
# short: an entry is a debt, not a permission. (importer, imported) as module names.
EXCEPTIONS: dict[tuple[str, str], str] = {}

# Import cycles between modules that exist today, each to be removed by the change named (issue 15.1).
KNOWN_CYCLES: dict[frozenset[str], str] = {}


@dataclass(frozen=True)
class Import:
    """One import statement's target as a module name, and where it is."""

    importer: str
    target: str
    path: Path
    line: int


def module_name(path: Path) -> str:
    """anchorspend/geo/place.py -> anchorspend.geo.place; a package's __init__.py is the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_files() -> list[Path]:
    """Every module of the package, the router and the pages."""
    return sorted([*PACKAGE.rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").glob("*.py")])


MODULES = {module_name(path): path for path in python_files()}


def resolve(name: str) -> str:
    """The module an import name lands in: itself, or the nearest enclosing known module (a name inside it)."""
    probe = name
    while probe and probe not in MODULES:
        probe = probe.rpartition(".")[0]
    return probe or name


def imports_in(source: str, importer: str, is_package: bool = False, path: Path = ROOT) -> Iterator[Import]:
    """Every import in a module's source, at any depth, as the module it reaches (`from a import b` is a.b when b
    is a module, else a; relative imports resolved against the importer's package)."""
    package = importer if is_package else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(importer, resolve(alias.name), path, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source_name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source_name = node.module or ""
            for alias in node.names:
                child = f"{source_name}.{alias.name}"
                yield Import(importer, child if child in MODULES else resolve(source_name), path, node.lineno)


def imports_of(path: Path) -> Iterator[Import]:
    """Every import in one file of the repository."""
    yield from imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py", path)


ALL_IMPORTS = [imp for path in python_files() for imp in imports_of(path)]


def area(module: str) -> str | None:
    """The area of an anchorspend module (`anchorspend.geo.place` -> geo); None outside the package."""
    parts = module.split(".")
    if parts[0] != "anchorspend":
        return None
    return parts[1] if len(parts) > 1 else ""


def is_cli(module: str) -> bool:
    return area(module) in CLI or module.endswith(".commands")


def where(imp: Import) -> str:
    return f"{imp.path.relative_to(ROOT)}:{imp.line} {imp.importer} imports {imp.target}"


def violations(check) -> list[str]:
    """The imports that break a rule, less the listed exceptions."""
    return [where(imp) for imp in ALL_IMPORTS if check(imp) and (imp.importer, imp.target) not in EXCEPTIONS]


def test_every_module_is_in_a_stated_area() -> None:
    areas = {area(name) for name in MODULES} - {None, ""}
    unknown = sorted(areas - set(CORE) - CLI - {UI})
    assert not unknown, (
        f"new areas {unknown}: add each to CORE in tests/test_architecture.py with the areas it may import, "
        "and to the table in docs/architecture.md"
    )


def test_every_stated_area_exists() -> None:
    areas = {area(name) for name in MODULES}
    gone = sorted(set(CORE) - areas)
    assert not gone, f"CORE names areas that no longer exist: {gone} (take them out here and in the document)"


def test_only_the_ui_pages_and_router_import_streamlit() -> None:
    def check(imp: Import) -> bool:
        inside_ui = area(imp.importer) in (UI, None)  # anchorspend.ui, app.py, pages/*
        return imp.target.split(".")[0] in STREAMLIT and not inside_ui

    assert not violations(check)


def test_the_core_and_the_cli_never_import_the_ui() -> None:
    def check(imp: Import) -> bool:
        return area(imp.target) == UI and area(imp.importer) not in (UI, None)

    assert not violations(check)


def test_nothing_in_the_package_imports_the_pages_or_the_router() -> None:
    def check(imp: Import) -> bool:
        return area(imp.importer) is not None and (imp.target == "app" or imp.target.startswith("pages"))

    assert not violations(check)


def test_only_the_cli_imports_the_cli() -> None:
    def check(imp: Import) -> bool:
        return area(imp.target) == "cli" and not is_cli(imp.importer)

    assert not violations(check)


def test_core_areas_import_only_the_areas_below_them() -> None:
    def check(imp: Import) -> bool:
        source, target = area(imp.importer), area(imp.target)
        if source not in CORE or is_cli(imp.importer) or target in (None, "", source):
            return False
        return target not in CORE[source]

    found = violations(check)
    assert not found, (
        "imports against the direction of docs/architecture.md (CORE here): "
        + "; ".join(found)
        + ". Move the code down to a shared area, or pass the value in; if the import is right, change CORE "
        "and the document together"
    )


def test_the_stated_area_order_has_no_cycle() -> None:
    """CORE is a real order: following allowed imports never comes back to where it started."""
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"CORE allows a cycle: {' -> '.join((*path, name))}"
        if name not in done:
            for below in CORE[name]:
                visit(below, (*path, name))
            done.add(name)

    for name in CORE:
        visit(name, ())


def cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan), each a set of modules importing round."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def test_no_import_cycles_between_modules() -> None:
    edges: dict[str, set[str]] = {}
    for imp in ALL_IMPORTS:
        if imp.target in MODULES and imp.target != imp.importer and (imp.importer, imp.target) not in EXCEPTIONS:
            edges.setdefault(imp.importer, set()).add(imp.target)
    found = set(cycles(edges))
    assert not found - set(KNOWN_CYCLES), f"import cycles: {sorted(sorted(c) for c in found - set(KNOWN_CYCLES))}"
    fixed = set(KNOWN_CYCLES) - found
    assert not fixed, f"these cycles are gone: take them out of KNOWN_CYCLES: {sorted(sorted(c) for c in fixed)}"


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}}, set()),
        ({"a": {"b"}, "b": {"a"}}, {frozenset({"a", "b"})}),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, {frozenset({"a", "b", "c"})}),
    ],
)
def test_the_cycle_finder_finds_cycles(edges: dict[str, set[str]], expected: set[frozenset[str]]) -> None:
    assert set(cycles(edges)) == expected


def test_imports_are_read_at_every_depth_and_in_every_form() -> None:
    """A lazy import inside a function counts; `from anchorspend import db` reaches the module db; relative
    imports resolve against the importer's package; a name imported from a module is that module."""
    source = (
        "import streamlit as st\n"
        "from anchorspend.geo.place import get_place\n"
        "def later():\n"
        "    from anchorspend import db\n"
        "    from . import locate\n"
        "    from ..metrics import facts\n"
    )
    found = {imp.target for imp in imports_in(source, "anchorspend.geo.shapes")}
    assert found == {
        "streamlit",
        "anchorspend.geo.place",
        "anchorspend.db",
        "anchorspend.geo.locate",
        "anchorspend.metrics.facts",
    }


DOC = ROOT / "docs" / "architecture.md"


def documented_directions() -> dict[str, set[str]]:
    """The "may import" table of docs/architecture.md's import direction section: area -> the areas it may import
    (names in backticks; a row's third cell is prose and not read)."""
    section = DOC.read_text(encoding="utf-8").split("## Import direction", 1)[1].split("\n## ", 1)[0]
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2 and re.fullmatch(r"`\w+`", cells[0]):
            table[cells[0].strip("`")] = set(re.findall(r"`(\w+)`", cells[1]))
    return table


def test_the_document_states_the_directions_this_test_checks() -> None:
    documented = documented_directions()
    differ = sorted(area for area in documented.keys() | CORE.keys() if documented.get(area) != CORE.get(area))
    assert not differ, "docs/architecture.md and CORE disagree on " + "; ".join(
        f"{area}: document {sorted(documented.get(area, ['(absent)']))}, test {sorted(CORE.get(area, ['(absent)']))}"
        for area in differ
    )
