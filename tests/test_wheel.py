"""The built wheel ships the templates and clauses: install it in a fresh venv and build from elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.beside
@pytest.mark.slow
def test_installed_wheel_builds_example_outside_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True)
    wheel = next(dist.glob("*.whl"))
    env_dir = tmp_path / "venv"
    # The test venv sees this venv's packages, so installing the wheel needs no network;
    # the wheel itself is installed for real (no editable link back to the checkout), by this venv's
    # pip working on the new venv (`--python`), which saves seeding the new venv with a pip of its own.
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True, capture_output=True, text=True
    ).stdout.strip()
    (next((env_dir / "lib").glob("python3*")) / "site-packages" / "deps.pth").write_text(site + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--force-reinstall", str(wheel)]
    subprocess.run(pip, check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    example = ROOT / "examples" / "demo-bakery.yaml"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}  # no path back to the checkout
    result = subprocess.run(
        [str(env_dir / "bin" / "policygen"), "build", str(example), "--out", "X", "--format", "md,html,json", "--allow-gaps"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    located = subprocess.run(
        [str(python), "-c", "import generator.resources as r; print(r.resource_dir('clauses'))"], cwd=work, env=env, capture_output=True, text=True, check=True
    )
    assert str(env_dir) in located.stdout, "the installed package must find its own clauses, not the checkout's"
    outputs = sorted(p.name for p in (work / "X").glob("*/privacy-policy.*"))
    assert outputs == ["privacy-policy.html", "privacy-policy.json", "privacy-policy.md"]
    assert "Saffron Crumb Privacy Policy" in next((work / "X").glob("*/privacy-policy.md")).read_text(encoding="utf-8")
