"""`tdkt.rules.domain` stays pure Python: no Django import, statically or at run time."""

import ast
import subprocess
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[1] / "domain"
ROOT = Path(__file__).resolve().parents[3]


def _imported_modules(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_no_module_under_domain_imports_django():
    modules = sorted(DOMAIN.rglob("*.py"))
    assert modules, DOMAIN
    offenders = {
        str(path.relative_to(DOMAIN)): name
        for path in modules
        for name in _imported_modules(path)
        if name == "django" or name.startswith("django.") or name.startswith("tdkt.") and ".domain" not in name
    }
    assert offenders == {}


def test_engine_and_command_run_without_django_loaded():
    code = (
        "import sys, json\n"
        "from tdkt.rules.domain import check\n"
        "import tdkt.rules.cli\n"
        "assert check([]) == []\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(json.dumps(bad))\n"
    )
    done = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60, check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.stdout.decode().strip() == "[]", done.stderr.decode()
