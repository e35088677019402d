"""Architecture rules: the core package never imports Streamlit, only its CLI module reads a command line, and
there is no legacy pages/ folder."""

from __future__ import annotations

import ast
from pathlib import Path

from summit_ui.pages import PAGES

REPO_ROOT = Path(__file__).resolve().parents[1]
CORE_DIR = REPO_ROOT / "summit"


def find_streamlit_imports(path: Path, root: Path = REPO_ROOT) -> list[str]:
    """Return 'file:line: statement' for each import of streamlit (or a submodule of it) in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        if any(module.split(".")[0] == "streamlit" for module in modules):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_core_package_has_python_files():
    assert list(CORE_DIR.rglob("*.py")), f"no Python files found in {CORE_DIR}"


def test_core_package_never_imports_streamlit():
    offenders = [hit for path in sorted(CORE_DIR.rglob("*.py")) for hit in find_streamlit_imports(path)]
    assert offenders == [], (
        "The core package `summit` must stay free of Streamlit so that it can be tested with plain "
        "pytest; move this code to app.py, app_pages/ or summit_ui/:\n" + "\n".join(offenders)
    )


def test_streamlit_import_finder_sees_plain_and_from_imports(tmp_path):
    module = tmp_path / "module.py"
    lines = [
        "import os",
        "import streamlit as st",
        "from streamlit.testing.v1 import AppTest",
        "import streamlit_extras",
    ]
    module.write_text("\n".join(lines) + "\n", encoding="utf-8")

    assert find_streamlit_imports(module, root=tmp_path) == [
        "module.py:2: import streamlit as st",
        "module.py:3: from streamlit.testing.v1 import AppTest",
    ]


def test_no_pages_folder_next_to_app():
    pages_dir = REPO_ROOT / "pages"
    assert not pages_dir.exists(), (
        f"{pages_dir} exists. A folder named pages/ next to app.py switches on Streamlit's legacy page "
        "handling even when app.py uses st.navigation: right after a server restart, a deep link such "
        "as /participants runs the page file without app.py (no data, no filters) and fails. "
        "Put page scripts in app_pages/."
    )


def test_every_page_script_is_in_the_page_table():
    """app.py, the tests and the benchmark know the pages from summit_ui/pages.py; a script not there is not served."""
    scripts = {f"app_pages/{path.name}" for path in (REPO_ROOT / "app_pages").glob("*.py")}
    assert scripts == {spec.script for spec in PAGES}


CLI_MODULE = CORE_DIR / "cli.py"
ENTRY_MODULE = CORE_DIR / "__main__.py"


def find_command_line_code(path: Path, root: Path = REPO_ROOT) -> list[str]:
    """Return 'file:line: code' for each argparse import, sys.argv use or `if __name__ == "__main__"` in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            hit = any(alias.name.split(".")[0] in ("argparse", "optparse", "getopt") for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            hit = (node.module or "").split(".")[0] in ("argparse", "optparse", "getopt")
        elif isinstance(node, ast.Attribute):
            hit = node.attr in ("argv", "orig_argv") and isinstance(node.value, ast.Name) and node.value.id == "sys"
        elif isinstance(node, ast.Compare):
            hit = isinstance(node.left, ast.Name) and node.left.id == "__name__"
        else:
            continue
        if hit:
            found.append((node.lineno, f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node)}"))
    return [text for _line, text in sorted(found)]


def test_every_command_line_lives_in_the_cli_module():
    offenders = [
        hit
        for path in sorted(CORE_DIR.rglob("*.py"))
        if path not in (CLI_MODULE, ENTRY_MODULE)
        for hit in find_command_line_code(path)
    ]
    assert offenders == [], (
        "Every sub-command of `python -m summit` lives in summit/cli.py; no other core module parses a "
        "command line or runs as a script:\n" + "\n".join(offenders)
    )


def test_command_line_finder_sees_argparse_argv_and_main_guard(tmp_path):
    module = tmp_path / "module.py"
    lines = ["import argparse", "import sys", "sys.argv[1]", "if __name__ == '__main__':", "    pass"]
    module.write_text("\n".join(lines) + "\n", encoding="utf-8")

    assert find_command_line_code(module, root=tmp_path) == [
        "module.py:1: import argparse",
        "module.py:3: sys.argv",
        "module.py:4: __name__ == '__main__'",
    ]
