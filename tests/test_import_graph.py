"""The top-level packages under src/tandem import each other without a cycle.

Read from the source (ast), not from what happens to be imported at run time, so that an
import inside a function counts too. Three self-contained modules are nodes of their own:
the matching engine (a plain library, no Django), the personal-data registry and the
after-commit file helper (the ground floor every app declares into); each imports nothing
else of ours, which the test checks as well.
"""

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tandem"
STANDALONE = ("matching.engine", "privacy.registry", "privacy.files")
UI_APPS = {"manage", "portal", "public", "core", "demo", "api"}


def node_of(dotted: str) -> str | None:
    """The graph node of a module path below ``tandem`` ("matching.engine.fit" → engine)."""
    for standalone in STANDALONE:
        if dotted == standalone or dotted.startswith(standalone + "."):
            return standalone
    top = dotted.split(".")[0]
    return top if (SRC / top).is_dir() else None


def imported_modules(path: Path) -> set[str]:
    """Every ``tandem.…`` module the file imports, below ``tandem`` ("programmes.models")."""
    own = list(path.relative_to(SRC).with_suffix("").parts)
    if own[-1] == "__init__":
        own.pop()
    else:
        own = own[:-1]  # the package the module sits in
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = own[: len(own) - node.level + 1]
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [f"tandem.{module}", *(f"tandem.{module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        else:
            continue
        found |= {
            name.removeprefix("tandem.") for name in names if name and name.startswith("tandem.")
        }
    return found


def package_graph() -> dict[str, dict[str, set[str]]]:
    """node → imported node → the files that import it (migrations left out)."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if len(rel.parts) < 2 or "migrations" in rel.parts:
            continue
        source = node_of(".".join(rel.with_suffix("").parts))
        for module in imported_modules(path):
            target = node_of(module)
            if target and target != source:
                graph[source][target].add(str(rel))
    return graph


def find_cycle(graph) -> list[str] | None:
    """One cycle as a list of nodes (first == last), or None."""
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    path: list[str] = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, {})):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def describe(graph, cycle) -> str:
    steps = zip(cycle, cycle[1:], strict=False)
    return (
        "import cycle: "
        + " → ".join(cycle)
        + "\n"
        + "\n".join(f"  {a} → {b}: {', '.join(sorted(graph[a][b]))}" for a, b in steps)
    )


def test_the_packages_import_each_other_without_a_cycle():
    graph = package_graph()
    cycle = find_cycle(graph)
    assert cycle is None, describe(graph, cycle)


def test_domain_apps_never_import_the_pages():
    graph = package_graph()
    wrong = [
        f"{a} → {b} ({', '.join(sorted(files))})"
        for a, targets in graph.items()
        if a not in UI_APPS
        for b, files in targets.items()
        if b in UI_APPS
    ]
    assert not wrong


def test_the_standalone_modules_import_nothing_of_ours():
    graph = package_graph()
    assert not {node: dict(graph[node]) for node in STANDALONE if graph.get(node)}


def test_privacy_and_audit_import_no_domain_app():
    graph = package_graph()
    assert set(graph.get("privacy", {})) <= {"audit", "privacy.registry", "privacy.files"}
    assert set(graph.get("audit", {})) <= {"privacy.registry"}


def test_the_cycle_finder_finds_and_prints_a_cycle():
    graph = {"a": {"b": {"a/x.py"}}, "b": {"c": {"b/y.py"}}, "c": {"a": {"c/z.py"}}}
    cycle = find_cycle(graph)
    assert cycle == ["a", "b", "c", "a"]
    assert "c → a: c/z.py" in describe(graph, cycle)
    assert find_cycle({"a": {"b": set()}, "b": {}}) is None
