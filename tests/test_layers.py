"""Imports run one way (../shared/design.md, "Which way dependencies run"): a test fails when an arrow turns.

Read from the source with `ast`, so an import inside a function counts as much as one at the top.
The shared base still lives in `fashion/` beside the site layer (issue 11 moves it to an app of its own);
until then the site layer is the list of `fashion` modules below.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE_LAYER = {"fashion.views", "fashion.urls", "fashion.search", "fashion.sitemaps", "fashion.settings", "fashion.wsgi"}


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


@pytest.mark.parametrize("app", ["products", "campaigns"])
def test_the_apps_never_import_the_site_layer(app):
    assert offending(app, SITE_LAYER) == {}


def test_products_never_imports_campaigns():
    assert offending("products", {"campaigns"}) == {}


def test_the_shared_base_imports_none_of_the_apps():
    base = [
        path for path in sources("fashion") if ".".join(path.relative_to(ROOT).with_suffix("").parts) not in SITE_LAYER
    ]
    found = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imports_of(path) if name.split(".")[0] in ("products", "campaigns")
        )
        for path in base
    }
    assert {path: names for path, names in found.items() if names} == {}


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
    assert offending("products", SITE_LAYER, root=tmp_path) == {
        "products/probe.py": ["fashion.views", "fashion.views.home"]
    }
    assert "products.models" in imports_of(tmp_path / "products" / "probe.py", root=tmp_path)
