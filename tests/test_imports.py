"""The package's shape: no import cycle anywhere (imports inside functions included), the report
layer reaches neither NumPy, TensorFlow nor the posts, and no module is long."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reproductions"
REPORT_LAYER = (
    "reproductions.suite.render",
    "reproductions.suite.report",
    "reproductions.suite.matrix",
    "reproductions.suite.compare",
    "reproductions.suite.cli_reports",
    "reproductions.suite.compute",
)
pytestmark = pytest.mark.cpu


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path, modules):
    """Every module this file imports, at any depth of its code: package modules by name, others by
    their top-level name."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name if alias.name in modules else alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in modules else base if base in modules else base.split(".")[0])
    return found - {name}


def graph():
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imports_of(path, files) & set(files) for name, path in files.items()}, files


def test_no_import_cycle():
    edges, _ = graph()
    state, cycles = {}, []

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_report_layer_reaches_neither_numpy_tensorflow_nor_the_posts():
    edges, files = graph()
    reached, todo = set(), list(REPORT_LAYER)
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo += edges.get(module, ())
    outside = set().union(*(imports_of(files[m], files) - set(files) for m in reached))
    assert not outside & {"numpy", "tensorflow", "keras", "matplotlib"}, outside
    assert not {m for m in reached if m.startswith("reproductions.posts") or m.endswith(".registry")}, reached


MODULE_LINES = 300  # ours: "no module over ~300 lines"


def test_no_module_is_long():
    """A module a newcomer opens reads in one sitting: a post whose records grow long keeps a part in
    ``claims_<part>.py``; machinery splits by concern."""
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in sorted(PACKAGE.rglob("*.py"))
        if (n := len(path.read_text().splitlines())) > MODULE_LINES
    }
    assert not long, f"modules over {MODULE_LINES} lines: {long}"
