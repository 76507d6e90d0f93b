"""The core works without Qt: import-linter's contracts, and a real import with Qt blocked."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CORE_PACKAGES = (
    "pos_app.qfpay",
    "pos_app.engine",
    "pos_app.training",
    "pos_app.devices",
    "pos_app.runtime",
)
CORE_MODULES = ("pos_app.cli", "pos_app.settings", "pos_app.credentials", "pos_app.i18n")


def _tool(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def importlinter_ini() -> str:
    """pyproject's import-linter contracts as an INI config, handed over unchanged.

    ``include_external_packages`` is set in pyproject.toml (import-linter refuses a
    forbidden *external* module such as PySide6 without it) and is carried over from there,
    like every contract; nothing is added or changed on the way.
    """
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    section = config["tool"]["importlinter"]
    out = ["[importlinter]", f"root_package = {section['root_package']}"]
    external = bool(section.get("include_external_packages", False))
    out.append(f"include_external_packages = {external}")
    for number, contract in enumerate(section["contracts"], start=1):
        out.append(f"\n[importlinter:contract:{number}]")
        for key, value in contract.items():
            if isinstance(value, list):
                out.append(f"{key} =" + "".join(f"\n    {item}" for item in value))
            else:
                out.append(f"{key} = {str(value).lower() if isinstance(value, bool) else value}")
    return "\n".join(out) + "\n"


def run_import_linter() -> subprocess.CompletedProcess[str]:
    """Run ``lint-imports`` on the project's contracts (also used by .ci/run)."""
    with tempfile.TemporaryDirectory() as tmp:
        ini = Path(tmp) / "importlinter.ini"
        ini.write_text(importlinter_ini(), encoding="utf-8")
        return subprocess.run(
            [_tool("lint-imports"), "--no-cache", "--config", str(ini)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def test_import_linter_contracts_hold() -> None:
    result = run_import_linter()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "imports no Qt" in result.stdout  # the Qt contract was among those checked
    assert "Layers:" in result.stdout  # ui | cli -> runtime -> engine -> qfpay


_HEADLESS_PROBE = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class _NoQt:
        # A meta-path finder: any attempt to import Qt fails loudly, even indirectly.
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
                raise ImportError(f"core imported Qt: {name}")
            return None

    sys.meta_path.insert(0, _NoQt())
    sys.modules["PySide6"] = None
    imported = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        imported.append(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if info.name.endswith("_qt") or info.name.endswith("__main__"):
                continue  # the thin Qt adapters are allowed to need Qt
            importlib.import_module(info.name)
            imported.append(info.name)
    for name in MODULES:
        importlib.import_module(name)
        imported.append(name)
    from pos_app.cli import main
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0, exc.code
    leaked = sorted(
        m for m, mod in sys.modules.items()
        if mod is not None and m.startswith(("PySide6", "shiboken6", "pos_app.ui"))
    )
    assert not leaked, leaked
    print("IMPORTED", len(imported))
    """
)


def test_core_imports_and_cli_help_work_with_qt_blocked() -> None:
    code = f"PACKAGES = {CORE_PACKAGES!r}\nMODULES = {CORE_MODULES!r}\n" + _HEADLESS_PROBE
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "IMPORTED" in result.stdout
    assert "qfpay-pos" in result.stdout  # the --help text was printed
    count = int(result.stdout.rsplit("IMPORTED", 1)[1].split()[0])
    assert count >= len(CORE_PACKAGES) + len(CORE_MODULES)


if __name__ == "__main__":  # .ci/run: python tests/test_architecture.py
    outcome = run_import_linter()
    sys.stdout.write(outcome.stdout + outcome.stderr)
    raise SystemExit(outcome.returncode)
