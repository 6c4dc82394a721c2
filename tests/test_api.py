"""The public API: what `generator` exports, and the examples in docs/api.md."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest

import generator

ROOT = Path(__file__).resolve().parent.parent
BAKERY = ROOT / "examples" / "demo-bakery.yaml"


def test_docs_api_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 15
    assert result.failed == 0


def test_every_public_name_imports() -> None:
    for name in generator.__all__:
        assert getattr(generator, name) is not None, name
    with pytest.raises(AttributeError):
        generator.not_a_name  # noqa: B018


def test_path_string_and_dict_give_the_same_policy() -> None:
    import yaml

    text = BAKERY.read_text(encoding="utf-8")
    from_path = generator.load_answers(BAKERY)
    from_text = generator.load_answers_text(text)
    from_dict = generator.answers_from_dict(yaml.safe_load(text))
    assert from_path == from_text == from_dict
    assert generator.export_policy(generator.build_policy(from_dict), "md") == generator.export_policy(generator.build_policy(from_path), "md")
    assert generator.run(from_dict, formats=["md"]).outputs == generator.run(BAKERY, formats=["md"]).outputs


def test_dict_errors_name_the_field() -> None:
    with pytest.raises(generator.PolicyGenError) as caught:
        generator.answers_from_dict({"business": {"legal_nam": "X"}}, "site-config")
    assert any(m.startswith("site-config") and "legal_nam" in m for m in caught.value.messages)
    with pytest.raises(generator.PolicyGenError):
        generator.answers_from_dict(["not", "a", "mapping"])  # type: ignore[arg-type]


def test_public_names_are_exactly_the_documented_ones() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    table = text[text.index("| name | what it does |") : text.index("\n\n", text.index("| name | what it does |"))]
    documented = {name for cell in re.findall(r"^\| (.+?) \|", table, re.MULTILINE) for name in re.findall(r"`(\w+)", cell)} - {"name"}
    assert documented == set(generator.__all__)
    assert sorted(generator.__all__) == generator.__all__


DEPRECATED = [("to_markdown", "md", {}), ("to_html", "html", {}), ("to_html", "fragment", {"fragment": True}), ("to_json", "json", {})]


@pytest.mark.parametrize(("name", "fmt", "keywords"), DEPRECATED)
def test_deprecated_exports_warn_and_still_match_export_policy(name: str, fmt: str, keywords: dict[str, bool]) -> None:
    policy = generator.build_policy(generator.load_answers(BAKERY))
    with pytest.warns(DeprecationWarning, match=rf"generator\.{name} is deprecated .*export_policy\(policy, '{fmt if fmt != 'fragment' else 'html'}'\)"):
        old = getattr(generator, name)
    assert old(policy, **keywords).encode("utf-8") == generator.export_policy(policy, fmt)
    assert name not in generator.__all__


def test_importing_generator_stays_light() -> None:
    import subprocess
    import sys

    code = "import sys, generator; print(sorted(m for m in ('jinja2', 'pydantic', 'markdown', 'weasyprint', 'rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert out.strip() == "[]"
