"""The layers of pyproject.toml's [tool.importlinter]: CI fails on an import against them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["kpuportal", "bench", "api", "news", "legacy", "viewcount", "pagecache", "ops", "satker"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree_copy(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_every_architecture_contract(tree_copy):
    result = lint_imports(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "reported"),
    [
        ("satker/scoping.py", "from news.models import Article", "satker is not allowed to import news"),
        ("viewcount/store.py", "from news.models import Article", "viewcount is not allowed to import news"),
        (
            "pagecache/pages.py",
            "from viewcount.models import DailyViews",
            "pagecache is not allowed to import viewcount",
        ),
        (
            "news/public/views.py",
            "from news.newsroom import workflow",
            "news.public is not allowed to import news.newsroom",
        ),
    ],
)
def test_an_import_against_the_layers_fails_the_check(tree_copy, module, wrong_import, reported):
    path = tree_copy / module
    path.write_text(path.read_text() + f"\n{wrong_import}  # noqa\n")
    result = lint_imports(tree_copy)
    assert result.returncode != 0
    assert reported in result.stdout
