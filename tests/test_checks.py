"""The static checkers as tests, so every pre-merge pytest run catches a type error or a broken query: mypy on
anchorspend/ (settings in pyproject.toml) and sqlfluff on queries/ (settings and the rules left out in .sqlfluff)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")
# `# type: ignore[code]` then a comment saying why: `# type: ignore[arg-type]  # JSON value, a number here`
EXPLAINED = re.compile(r"^\[[a-z-]+(,\s*[a-z-]+)*\]\s+#\s*\S")

pytestmark = pytest.mark.checks


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a checker from this venv at the repository root."""
    if importlib.util.find_spec(args[0]) is None:
        pytest.fail(f"{args[0]} is not installed in this venv: run `make .venv/.dev` (requirements-dev.txt)")
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_mypy_finds_no_type_errors() -> None:
    result = _run("mypy")  # files and options from [tool.mypy] in pyproject.toml
    assert result.returncode == 0, f"mypy anchorspend failed:\n{result.stdout}{result.stderr}"
    assert "Success" in result.stdout


def test_sqlfluff_finds_no_violations_in_queries() -> None:
    result = _run("sqlfluff", "lint", "queries", "--disable-progress-bar")
    assert result.returncode == 0, f"sqlfluff lint queries failed:\n{result.stdout}{result.stderr}"
    assert "FAIL" not in result.stdout


def type_ignores_unexplained(text: str) -> list[str]:
    """The `type: ignore` comments in a module's text that do not name an error code and then say why."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = IGNORE.search(line)
        if match and not EXPLAINED.match(match.group("rest")):
            found.append(f"{number}: {line.strip()}")
    return found


def test_every_type_ignore_names_its_code_and_says_why() -> None:
    bad = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "anchorspend").rglob("*.py"))
        if (lines := type_ignores_unexplained(path.read_text(encoding="utf-8")))
    }
    assert not bad, f"explain these as `# type: ignore[code]  # why`: {bad}"


@pytest.mark.parametrize(
    ("line", "explained"),
    [
        ("x = f(y)  # type: ignore", False),
        ("x = f(y)  # type: ignore[arg-type]", False),
        ("x = f(y)  # type: ignore[arg-type]  # a JSON number", True),
        ("x = f(y)  # type: ignore[arg-type, union-attr]  # a JSON number", True),
        ("x = f(y)  # type:ignore[arg-type]", False),
    ],
)
def test_the_type_ignore_rule_tells_explained_from_bare(line: str, explained: bool) -> None:
    assert (type_ignores_unexplained(line) == []) is explained
