"""axe-core in the page, and the W3C Nu HTML checker (vnu-jar) run with java."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from .tools import VNU_JAR

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (injected into every page by the browser context) on `page`; return its violations."""
    # resultTypes: only violations are reported in full, which makes a run about a quarter faster.
    script = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
    result: dict[str, Any] = page.evaluate(script, AXE_TAGS)
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation and affected element, readable in a test failure."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


def start_vnu(files: list[Path]) -> subprocess.Popen[str]:
    """Start the Nu HTML checker on `files` in one java run, in the background (it takes seconds to start)."""
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def vnu_errors(process: subprocess.Popen[str]) -> list[dict[str, Any]]:
    """Wait for a run from `start_vnu`; return its error messages."""
    stdout, stderr = process.communicate(timeout=300)
    # vnu writes its JSON report to stderr, and exits 1 when it found errors.
    try:
        report = json.loads(stderr or stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"the Nu HTML checker did not report (exit {process.returncode}): {stderr[-2000:]}") from None
    return [message for message in report["messages"] if message.get("type") in ("error", "non-document-error")]
