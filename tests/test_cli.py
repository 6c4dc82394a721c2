"""The command line: version, help, module entry point, and building the example."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator import __version__
from generator.cli import main

EXAMPLE = ROOT / "examples" / "demo-bakery.yaml"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"policygen {__version__}"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("build", "check", "services", "schema", "wizard"):
        assert command in out


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: policygen" in capsys.readouterr().out


def test_python_dash_m_and_slow_imports_stay_out() -> None:
    code = (
        "import sys, contextlib\nfrom generator.cli import main\n"
        "with contextlib.suppress(SystemExit): main(['--help'])\n"
        "print(sorted(m for m in ('weasyprint', 'questionary', 'markdown', 'pydantic') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    module = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True, check=True)
    assert module.stdout.strip() == f"policygen {__version__}"


def test_build_writes_each_format_under_the_business_slug(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path), "--format", "md,html,json", "--allow-gaps"]) == 0
    folder = tmp_path / "saffron-crumb"
    assert sorted(p.name for p in folder.iterdir()) == ["privacy-policy.html", "privacy-policy.json", "privacy-policy.md"]
    md = (folder / "privacy-policy.md").read_text(encoding="utf-8")
    assert md.startswith("# Saffron Crumb Privacy Policy\n")
    html = (folder / "privacy-policy.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta name="viewport"' in html
    data = json.loads((folder / "privacy-policy.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert data["business_name"] == "Saffron Crumb"
    # every section in the table of contents links to an anchor that exists
    for section in data["sections"]:
        assert f"[{section['heading']}](#{section['id']})" in md
        assert f'<a id="{section["id"]}" name="{section["id"]}"></a>' in md
        assert f'<a href="#{section["id"]}">' in html
        assert f'<section id="{section["id"]}"' in html


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(EXAMPLE), "--format", "docx"])
    assert exit_info.value.code == 2
    assert "unknown format 'docx'" in capsys.readouterr().err


def test_schema_is_json_schema_of_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Privacy policy answers"
    assert {"business", "data", "jurisdictions"} <= set(schema["properties"])
    assert "business" in schema["required"]


def test_no_cache_ends_with_the_command_when_called_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`main([... "--no-cache"])` in a test or an embedding program must not turn the cache off for what runs after it."""
    monkeypatch.delenv("POLICYGEN_NO_CACHE", raising=False)
    main(["check", str(ROOT / "examples" / "demo-bakery.yaml"), "--no-cache"])
    assert "POLICYGEN_NO_CACHE" not in os.environ
