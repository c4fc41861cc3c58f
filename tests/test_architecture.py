"""Every arrow points one way: the import graph of the project, checked file by file.

The rooms (docs/architecture.md): ``foundation`` is domain-free and imports no
app; ``articles`` imports none of the apps built on it; ``comments``,
``newsletter`` and ``wordpress`` may import ``articles``; ``demo`` composes
them all for demo content and benchmarks; ``newsroom`` (settings, URLs, the
home page) composes everything and nothing imports it. Imports inside
functions count too: a loop hidden in a function is still a loop.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["foundation", "articles", "comments", "newsletter", "wordpress", "demo", "newsroom"]

# What each package may import of the others (itself always).
ALLOWED = {
    "foundation": set(),
    "articles": {"foundation"},
    "comments": {"foundation", "articles"},
    "newsletter": {"foundation", "articles"},
    "wordpress": {"foundation", "articles", "comments"},
    "demo": {"foundation", "articles", "comments", "newsletter"},
    "newsroom": {"foundation", "articles", "comments", "newsletter", "wordpress", "demo"},
}


def imported_packages(path: Path) -> set[str]:
    """The project packages ``path`` imports, wherever in the file the import stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names)
    return found & set(PACKAGES)


def wrong_arrows(package: str) -> list[str]:
    allowed = ALLOWED[package] | {package}
    return [
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(imported_packages(path) - allowed))}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if imported_packages(path) - allowed
    ]


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_only_the_allowed_way(package):
    assert not wrong_arrows(package), "\n".join(wrong_arrows(package))


def test_every_package_of_the_project_has_a_rule():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "benchmarks"}
    }
    assert packages == set(PACKAGES)


def test_the_checker_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def later():\n    from newsroom import settings\n")
    assert imported_packages(module) == {"newsroom"}
