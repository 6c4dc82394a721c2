"""The install lines of docs/embedding.md, run as written: build the wheel, install it in a fresh venv, build from elsewhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT

from generator import __version__


def install_lines() -> list[str]:
    """The commands of the block under "## Install" in docs/embedding.md."""
    text = (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8")
    match = re.search(r"## Install\n.*?```sh\n(.*?)```", text, re.DOTALL)
    assert match, "docs/embedding.md has no install block"
    return match.group(1).splitlines()


@pytest.mark.beside
@pytest.mark.slow
def test_the_documented_install_lines_give_a_working_policygen(tmp_path: Path) -> None:
    make_dist, pip_install = install_lines()
    assert make_dist == "make dist"
    assert pip_install == "pip install dist/privacy_policy_generator-*.whl"
    dist = tmp_path / "dist"
    # `make dist`, with this venv's python (DIST: not into the checkout's dist/).
    made = subprocess.run(["make", "--no-print-directory", "dist", f"DIST={dist}", f"PY={sys.executable}"], cwd=ROOT, capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    wheels = list(dist.glob(pip_install.split()[-1].removeprefix("dist/")))
    assert [wheel.name for wheel in wheels] == [f"privacy_policy_generator-{__version__}-py3-none-any.whl"]

    # `pip install <the wheel>`, into a fresh venv. Offline, its dependencies are this venv's (the locked ones, through a
    # .pth file) and --no-deps stops pip looking for them; `pip check` then proves the wheel's requirements are met by them.
    # The wheel itself is installed for real (no editable link back to the checkout), by this venv's pip working on the
    # new venv (`--python`), which saves seeding the new venv with a pip of its own.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], check=True, capture_output=True, text=True
    ).stdout.strip()
    (next((env_dir / "lib").glob("python3*")) / "site-packages" / "deps.pth").write_text(site + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    installed = subprocess.run([*pip, *pip_install.split()[1:-1], str(wheels[0]), "--no-deps", "--no-index"], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    checked = subprocess.run([*pip, "check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr

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
