"""Imports run one way (../shared/design.md, "Which way dependencies run"): a test fails when an arrow turns.

    core  <-  products  <-  campaigns  <-  fashion (the site layer: settings, root URLs, pages of both apps)

`core` imports none of our apps, `products` imports only `core`, `campaigns` imports `core` and `products`, and
nothing imports `fashion` but Django (settings, URLconf). Read from the source with `ast`, so an import inside a
function counts as much as one at the top.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What each package may not import. Migrations are history, written against the layout of their day.
FORBIDDEN = {
    "core": {"products", "campaigns", "fashion"},
    "products": {"campaigns", "fashion"},
    "campaigns": {"fashion"},
}


def imports_of(path, root=ROOT):
    """The modules `path` imports, absolute, as dotted names."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


def sources(folder, root=ROOT):
    return [path for path in (root / folder).rglob("*.py") if "migrations" not in path.parts]


def offending(folder, forbidden, root=ROOT):
    """{file: modules} of `folder` importing a module that is, or is inside, one of `forbidden`."""
    found = {}
    for path in sources(folder, root):
        names = imports_of(path, root)
        bad = {name for name in names if any(name == f or name.startswith(f + ".") for f in forbidden)}
        if bad:
            found[str(path.relative_to(root))] = sorted(bad)
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_run_one_way(package):
    assert offending(package, FORBIDDEN[package]) == {}


@pytest.mark.parametrize("app", ["products", "campaigns"])
def test_models_import_no_views_admin_forms_or_exports(app):
    models = [path for path in sources(app) if path.name == "models.py" or "models" in path.parts]
    layers = {f"{app}.{module}" for module in ("views", "admin", "forms", "exports", "filters", "cards")}
    found = {str(p.relative_to(ROOT)): sorted(imports_of(p) & layers) for p in models}
    assert {path: names for path, names in found.items() if names} == {}


def test_the_check_sees_a_wrong_arrow(tmp_path):
    """The checker itself: imports of the site layer, absolute or relative, are reported."""
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "probe.py").write_text("from fashion.views import home\nfrom . import models\n")
    assert offending("products", FORBIDDEN["products"], root=tmp_path) == {
        "products/probe.py": ["fashion.views", "fashion.views.home"]
    }
    assert "products.models" in imports_of(tmp_path / "products" / "probe.py", root=tmp_path)
