"""The layers of the apps hold: read from the source with `ast` (and, for model relations, from
Django's app registry).

The order is declared once, in `pyproject.toml`'s import-linter contract (`make lint` runs it too);
these tests add what import-linter does not see: imports by string, tables named in raw SQL,
another app's views, and demo code in `core`. Every import is read, including those inside
functions. Each failure lists `file:line` for each offending place.
"""

import ast
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "localcompacts"
VIEW_MODULES = {"views", "workspace_views"}
DYNAMIC_IMPORTS = {"import_module", "__import__", "import_string"}
# `config` wires the project together (settings name every app); it sits above every layer.
WIRING = "config"


@cache
def layers() -> list[set[str]]:
    """The layer order, top first; apps of one layer (`a | b`) are siblings."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "layers" and contract.get("containers") == ["localcompacts"]
    ]
    assert len(contracts) == 1, "pyproject.toml declares the app layers in one layers contract."
    return [{name.strip() for name in layer.split("|")} for layer in contracts[0]["layers"]]


@cache
def rank() -> dict[str, int]:
    """0 for the top layer; an app may only import apps of a higher rank."""
    return {app: index for index, layer in enumerate(layers()) for app in layer}


def apps() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def is_below(importer: str, imported: str) -> bool:
    return rank()[imported] > rank()[importer]


@dataclass(frozen=True)
class Import:
    where: str  # file:line
    app: str  # the importing app
    module: str  # the imported module, absolute

    @property
    def target(self) -> str:
        parts = self.module.split(".")
        return parts[1] if parts[0] == "localcompacts" and len(parts) > 1 else ""


def source_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.relative_to(PACKAGE).parts
    )


def module_name(path: Path) -> tuple[str, str]:
    """(module, package) of a source file."""
    parts = ["localcompacts", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def location(path: Path, node: ast.AST) -> str:
    return f"src/localcompacts/{path.relative_to(PACKAGE)}:{node.lineno}"


def app_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


@cache
def trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(), filename=str(path)) for path in source_files()}


def submodule(origin: str, name: str) -> str:
    """`origin.name` when `from origin import name` imports a module, else `origin`."""
    candidate = PACKAGE.parent.joinpath(*origin.split("."), name)
    exists = candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists()
    return f"{origin}.{name}" if exists else origin


@cache
def imports() -> list[Import]:
    """Every import of a localcompacts module, relative ones resolved (`from x import y` counts as
    `x.y` when y is a module)."""
    found = []
    for path, tree in trees().items():
        _module, package = module_name(path)
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    origin = ".".join([*base, node.module] if node.module else base)
                else:
                    origin = node.module or ""
                names = [submodule(origin, alias.name) for alias in node.names]
            for name in names:
                if name.startswith("localcompacts."):
                    found.append(Import(location(path, node), app_of(path), name))
    return found


def cross_app_imports() -> list[Import]:
    return [i for i in imports() if i.target and i.target != i.app]


def report(problems: list[str], rule: str) -> str:
    return f"{rule}:\n  " + "\n  ".join(sorted(set(problems)))


def test_every_app_has_a_place_in_the_layer_order():
    placed = set(rank())
    missing = [app for app in apps() if app not in placed]
    assert not missing, f"Apps missing from the layers in pyproject.toml: {', '.join(missing)}"


def test_the_app_import_graph_has_no_cycle():
    graph: dict[str, set[str]] = defaultdict(set)
    examples: dict[tuple[str, str], str] = {}
    for imp in cross_app_imports():
        graph[imp.app].add(imp.target)
        examples.setdefault((imp.app, imp.target), imp.where)
    cycles = [c for c in strongly_connected(graph) if len(c) > 1]
    problems = [
        f"{' ↔ '.join(sorted(cycle))}, through:"
        + "".join(
            f"\n    {a} → {b} ({examples[a, b]})"
            for a in sorted(cycle)
            for b in sorted(graph[a] & set(cycle))
        )
        for cycle in cycles
    ]
    assert not problems, report(problems, "Apps that import each other in a cycle")


def test_core_imports_no_other_app():
    problems = [
        f"{imp.where} imports {imp.module}" for imp in cross_app_imports() if imp.app == "core"
    ]
    assert not problems, report(problems, "core is the base layer: it imports no other app")


def test_imports_between_apps_point_down_the_layers():
    order = " > ".join(" | ".join(sorted(layer)) for layer in layers())
    problems = [
        f"{imp.where}: {imp.app} imports {imp.module}"
        for imp in cross_app_imports()
        if imp.app in rank() and imp.target in rank() and not is_below(imp.app, imp.target)
    ]
    assert not problems, report(problems, f"Imports that do not point down ({order})")


def test_no_app_imports_another_apps_views():
    problems = []
    for imp in cross_app_imports():
        parts = imp.module.split(".")
        if imp.app != WIRING and len(parts) > 2 and parts[2] in VIEW_MODULES:
            problems.append(f"{imp.where}: {imp.app} imports {imp.module}")
    assert not problems, report(problems, "Views belong to their app; compose from selectors")


def docstrings(tree: ast.Module) -> set[int]:
    """ids of the string constants that are docstrings or bare expressions (comments)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


@cache
def tables() -> dict[str, list[str]]:
    """app → the table names of its models (`<app label>_<model>`; m2m tables extend them)."""
    found = {}
    for app in apps():
        names = []
        for path in [PACKAGE / app / "models.py", *(PACKAGE / app / "models").glob("*.py")]:
            if path.exists():
                tree = ast.parse(path.read_text())
                names += [
                    f"{app}_{node.name.lower()}"
                    for node in tree.body
                    if isinstance(node, ast.ClassDef) and node.bases
                ]
        found[app] = names
    return found


def test_no_string_names_a_module_or_table_of_an_app_not_below():
    module_path = re.compile(r"localcompacts\.(\w+)\.")
    problems = []
    for path, tree in trees().items():
        app = app_of(path)
        if app == WIRING:
            continue
        comments = docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                function = node.func
                name = getattr(function, "attr", None) or getattr(function, "id", None)
                if name in DYNAMIC_IMPORTS:
                    argument = node.args[0] if node.args else None
                    own = (
                        isinstance(argument, ast.Constant)
                        and isinstance(argument.value, str)
                        and argument.value.startswith(f"localcompacts.{app}.")
                    )
                    if not own:
                        problems.append(f"{location(path, node)}: {name}() of another module")
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if id(node) in comments:
                continue
            for match in module_path.finditer(node.value):
                other = match.group(1)
                if other != app and other in rank() and not is_below(app, other):
                    problems.append(f"{location(path, node)}: names {other}'s module path")
            for other, names in tables().items():
                if other == app or other not in rank() or is_below(app, other):
                    continue
                for table in names:
                    if re.search(rf"(?<![A-Za-z0-9_]){table}(?![A-Za-z0-9])", node.value):
                        problems.append(f"{location(path, node)}: names {other}'s table {table}")
    assert not problems, report(
        problems, "Dynamic imports and strings that name an app not below (an invisible import)"
    )


def test_core_holds_no_demo_data():
    problems = [
        f"src/localcompacts/{path.relative_to(PACKAGE)}"
        for path in (PACKAGE / "core").rglob("*")
        if "__pycache__" not in path.parts
        and any("demo" in part for part in path.relative_to(PACKAGE / "core").parts)
    ]
    assert not problems, report(problems, "Demo data and its commands live in the demo app")


def test_model_relations_point_down_the_layers(db):
    """A ForeignKey, OneToOne or ManyToMany names its model by string ("pledges.Pledge"), which
    import-linter cannot see; it ties the two apps' migrations as an import would, so it must
    point down too. The user model is the exception: every app reaches it through
    `settings.AUTH_USER_MODEL`, Django's swappable user, not by naming `accounts`."""
    from django.apps import apps as registry
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    problems = []
    for model in registry.get_models():
        app = model._meta.app_label
        if app not in rank():
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            if field.related_model is user_model:
                continue
            related = field.related_model._meta.app_label
            if related in rank() and related != app and not is_below(app, related):
                problems.append(
                    f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
                )
    assert not problems, report(sorted(problems), "Model relations that do not point down")


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(component)

    for node in sorted(set(graph) | {n for targets in graph.values() for n in targets}):
        if node not in index:
            visit(node)
    return components
