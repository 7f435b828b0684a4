"""`tdkt.scoring` stays pure Python: no Django import, statically or at run time (no apps.py,
no models yet), and `tdkt scoring compute` runs without Django loaded."""

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
DOMAIN = PACKAGE / "domain"
ROOT = Path(__file__).resolve().parents[3]


def _imported_modules(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_no_module_under_domain_imports_django_or_the_project():
    modules = sorted(DOMAIN.rglob("*.py"))
    assert modules, DOMAIN
    offenders = {
        str(path.relative_to(DOMAIN)): name
        for path in modules
        for name in _imported_modules(path)
        if name == "django" or name.startswith("django.") or name.startswith("tdkt")
    }
    assert offenders == {}


def test_command_module_imports_no_django():
    assert not [n for n in _imported_modules(PACKAGE / "cli.py") if n == "django" or n.startswith("django.")]
    assert not [n for n in _imported_modules(PACKAGE / "__init__.py") if n.startswith("django")]


def test_engine_and_command_run_without_django_loaded():
    code = (
        "import sys, json, io, contextlib\n"
        "from tdkt.scoring.domain import compute\n"
        "import tdkt.scoring, tdkt.scoring.cli\n"
        "from tdkt.cli import main\n"
        "t = {'code': 'T', 'items': [{'code': 'I', 'max': 10}], 'bands': [{'label': 'K', 'min': 0}]}\n"
        "out = compute({'template': t, 'sheets': [{'unit': 'A', 'self': {'I': {'points': 4}}}]})\n"
        "assert out['units'][0]['final_total'] == 4.0, out\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(json.dumps({'template': t, 'sheets': []}).encode()))\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    assert main(['scoring', 'compute', '-']) == 0\n"
        "assert json.loads(buf.getvalue())['units'] == []\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(json.dumps(bad))\n"
    )
    done = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", code],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode().strip()) == [], done.stderr.decode()
