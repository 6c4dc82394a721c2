"""The one pipeline: `run` (in memory) and `build_file` (to disk), and that every front end goes through it."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from generator.errors import AnswerError, GapsError, UsageError
from generator.pipeline import build_file, load_library, run

BAKERY = ROOT / "examples" / "demo-bakery.yaml"
GOLDEN = ROOT / "tests" / "golden"
CASES = ROOT / "tests" / "jurisdictions"
PACKAGE = ROOT / "generator"


def eu_with_a_gap(tmp_path: Path) -> Path:
    """The EU test answers with the one purpose that has a legal basis dropped: gdpr.legal_basis is not covered."""
    data = yaml.safe_load((CASES / "eu.yaml").read_text(encoding="utf-8"))
    data["purposes"] = [p for p in data["purposes"] if p["purpose"] != "marketing"]
    path = tmp_path / "eu-gap.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_run_gives_the_golden_outputs_and_a_clean_report(example: Path) -> None:
    result = run(example, formats=["md", "html", "json"])
    assert list(result.outputs) == ["md", "html", "json"]
    for fmt, data in result.outputs.items():
        assert data == (GOLDEN / example.stem / f"privacy-policy.{fmt}").read_bytes(), fmt
    assert result.report.gaps == [] and result.gap_lines == ()
    assert result.name == str(example) == result.report.source


def test_path_answers_and_dict_give_the_same_result() -> None:
    from_path = run(BAKERY, formats=["md"])
    from_answers = run(from_path.answers, formats=["md"])
    from_dict = run(yaml.safe_load(BAKERY.read_text(encoding="utf-8")), formats=["md"])
    assert from_path.outputs == from_answers.outputs == from_dict.outputs
    assert (from_answers.name, from_dict.name) == ("<answers>", "<dict>")
    assert run(str(BAKERY)).name == str(BAKERY)
    assert run(BAKERY).outputs == {}  # nothing exported unless asked


def test_text_of_a_format_and_refusals() -> None:
    result = run(BAKERY, formats=["fragment"])
    assert result.text("fragment").startswith("<article")
    with pytest.raises(UsageError, match="no text output 'md'"):
        result.text("md")
    with pytest.raises(UsageError, match="unknown format 'docx'"):
        run(Path("does-not-matter.yaml"), formats=["docx"])  # refused before anything is read
    with pytest.raises(UsageError, match="cannot read answers from a int"):
        run(3)  # type: ignore[arg-type]


def test_bad_answers_name_the_source() -> None:
    with pytest.raises(AnswerError) as caught:
        run({"business": {"legal_nam": "X"}}, name="site-config")
    assert any(m.startswith("site-config") and "legal_nam" in m for m in caught.value.messages)


def test_gaps_raise_before_export_unless_allowed(tmp_path: Path) -> None:
    path = eu_with_a_gap(tmp_path)
    with pytest.raises(GapsError) as caught:
        run(path, formats=["md"])
    messages = caught.value.messages
    assert messages[0].startswith(f"{path}: gdpr.legal_basis (") and "is not covered" in messages[0] and "missing: " in messages[0]
    assert messages[-1] == f"{path}: not written: 1 required disclosure(s) missing; answer them, or build with --allow-gaps"
    assert caught.value.exit_code == 1
    result = run(path, formats=["md"], allow_gaps=True)
    assert result.gap_lines == tuple(messages[:-1])
    assert [gap.requirement.id for gap in result.report.gaps] == ["gdpr.legal_basis"]
    assert result.text("md").startswith("# ")


def test_build_file_writes_what_run_made(tmp_path: Path) -> None:
    built = build_file(BAKERY, tmp_path, ["md", "fragment"])
    assert [p.name for p in built.written] == ["privacy-policy.md", "privacy-policy.fragment.html", "privacy-policy.css"]
    result = run(BAKERY, formats=["md", "fragment", "css"])
    assert [p.read_bytes() for p in built.written] == list(result.outputs.values())
    gaps = build_file(eu_with_a_gap(tmp_path), tmp_path / "out", ["md"], allow_gaps=True).gaps
    assert gaps.startswith(str(tmp_path / "eu-gap.yaml")) and "gdpr.legal_basis" in gaps


def test_a_folder_of_your_own_clauses(tmp_path: Path) -> None:
    original = next((ROOT / "clauses" / "security").glob("*.md"))
    mine = tmp_path / "my-clauses"
    (mine / "security").mkdir(parents=True)
    shutil.copy(original, mine / "security" / original.name)
    clause = mine / "security" / original.name
    clause.write_text(clause.read_text(encoding="utf-8").rstrip() + "\n\nWe restore a backup every quarter.\n", encoding="utf-8")
    assert "restore a backup every quarter" in run(BAKERY, clauses=str(mine), formats=["md"]).text("md")  # one folder, as a string
    assert "restore a backup every quarter" in run(BAKERY, clauses=[mine], formats=["md"]).text("md")
    assert load_library([mine]) is load_library((str(mine),))  # compiled once
    with pytest.raises(UsageError, match="not a folder of clause files"):
        run(BAKERY, clauses=[tmp_path / "missing"])


# Every front end goes through generator/pipeline.py: only the pipeline and the stages themselves
# load answers or clauses, render, check or export.

STAGE_MODULES = ("generator.answers", "generator.library", "generator.templating", "generator.export", "generator.context", "generator.selection",
                 "generator.render", "generator.ledger", "generator.policy", "generator.check", "generator.schedule")  # fmt: skip
"""The stages (and what they are made of); they may use each other."""
LIBRARY_WIDE = ("generator.docsgen",)
"""Not a pipeline of one answer file: reference pages made from the whole library and catalogues."""
FORBIDDEN_MODULES = {"generator.render", "generator.check", "generator.selection", "generator.context", "generator.library.clauses",
                     "generator.library.requirements", "generator.answers.load", "generator.export.pdf", "generator.ledger"}  # fmt: skip
FORBIDDEN_NAMES = {("generator.export.write", "export"), ("generator.export.formats", "to_markdown"), ("generator.export.formats", "to_html"),
                   ("generator.export.formats", "to_json")}  # fmt: skip


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_imports(path: Path) -> list[str]:
    """What `path` imports (anywhere, but not for type checking only) of the stages that only the pipeline may call."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(f"line {node.lineno}: import {a.name}" for a in node.names if a.name in FORBIDDEN_MODULES)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in FORBIDDEN_MODULES:
                found.append(f"line {node.lineno}: from {node.module} import ...")
            found.extend(f"line {node.lineno}: from {node.module} import {a.name}" for a in node.names if (node.module, a.name) in FORBIDDEN_NAMES)
            found.extend(f"line {node.lineno}: from {node.module} import {a.name}" for a in node.names if f"{node.module}.{a.name}" in FORBIDDEN_MODULES)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def front_ends() -> dict[str, Path]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: path for name, path in modules.items() if name != "generator.pipeline" and not name.startswith(STAGE_MODULES + LIBRARY_WIDE)}


def test_only_the_pipeline_calls_the_stages() -> None:
    checked = front_ends()
    assert {"generator", "generator.cli", "generator.batch.run", "generator.wizard.flow", "generator.embed.mkdocs_plugin"} <= set(checked)
    offenders = {name: found for name, path in checked.items() if (found := stage_imports(path))}
    assert not offenders, f"front ends that call a stage instead of generator.pipeline: {offenders}"


def test_the_checker_sees_a_stage_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator.render import build_policy\n"
        "def f():\n    from generator.render import build_policy\n    from generator.export.write import export, output_path\n"
        "    from generator.library import clauses\n",
        encoding="utf-8",
    )
    assert stage_imports(sample) == [
        "line 5: from generator.render import ...",
        "line 6: from generator.export.write import export",
        "line 7: from generator.library import clauses",
    ]



def test_the_public_api_points_at_the_pipeline() -> None:
    import generator

    where: dict[str, Any] = generator._WHERE
    data_types = {"generator.answers.model", "generator.check", "generator.errors", "generator.policy"}
    for name, target in where.items():
        module = target.partition(":")[0]
        assert module == "generator.pipeline" or (module in data_types and name[0].isupper()), (name, target)
