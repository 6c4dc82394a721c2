"""Each seed's topics appear in the policy built from its example, and the examples read at grade 10 or below.

`docs/seed-topics.yaml` lists, per seed business, the topics its real policy covers and the clauses of
our library that express them; `docs/seed-topics.md` is the same table for people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml
from conftest import ExampleBuild

from generator.library.clauses import load_library

ROOT = Path(__file__).resolve().parent.parent
TOPICS: dict[str, list[dict[str, Any]]] = yaml.safe_load((ROOT / "docs" / "seed-topics.yaml").read_text(encoding="utf-8"))
SEED_EXAMPLES = ("it-services", "remote-support", "edtech", "crm-consultancy", "online-shop")
MAX_GRADE = 10.0


def plain_text(markdown: str) -> str:
    """Strip Markdown syntax and links, leaving the words a reader reads.

    Each heading, list item and table row is its own sentence on the page, so one
    that does not end in punctuation gets a full stop.
    """
    lines = []
    for line in markdown.splitlines():
        line = re.sub(r"\{#[^}]*\}|<a id=[^>]*></a>", "", line)  # heading anchors, in either flavour
        if re.fullmatch(r"\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*", line):
            continue  # table separator
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links keep their text
        line = re.sub(r"https?://\S+", "", line)
        line = re.sub(r"^\s*(#+|[-*+]|\d+\.)\s+", "", line)  # heading marks, bullets
        line = line.replace("|", " ").replace("**", "").replace("*", "").replace("`", "")
        line = re.sub(r"\\(.)", r"\1", line)  # Markdown escapes
        line = line.strip()
        if not line:
            continue
        if not re.search(r"[.!?:;]$", line):
            line += "."
        lines.append(line)
    return "\n".join(lines)


def test_the_topic_list_names_each_seed_example() -> None:
    assert set(TOPICS) == set(SEED_EXAMPLES)
    for seed in SEED_EXAMPLES:
        assert (ROOT / "examples" / f"{seed}.yaml").is_file(), f"examples/{seed}.yaml is missing"


def test_every_listed_clause_exists() -> None:
    known = {clause.id for clause in load_library().clauses}
    for seed, topics in TOPICS.items():
        for topic in topics:
            assert set(topic) == {"topic", "description", "clauses"}, f"{seed}: {topic}"
            assert topic["clauses"], f"{seed}: topic {topic['topic']} lists no clause"
            unknown = set(topic["clauses"]) - known
            assert not unknown, f"{seed}: topic {topic['topic']} names unknown clauses {sorted(unknown)}"


def test_the_readable_table_matches_the_yaml() -> None:
    page = (ROOT / "docs" / "seed-topics.md").read_text(encoding="utf-8")
    rows = {}
    seed = None
    for line in page.splitlines():
        heading = re.match(r"## (\S+)", line)
        if heading:
            seed = heading.group(1)
        row = re.match(r"\| `([a-z0-9-]+)` \| .* \| (.*) \|$", line)
        if row and seed:
            rows[(seed, row.group(1))] = re.findall(r"`([^`]+)`", row.group(2))
    expected = {(seed, topic["topic"]): topic["clauses"] for seed, topics in TOPICS.items() for topic in topics}
    assert rows == expected


@pytest.mark.parametrize("seed", SEED_EXAMPLES)
def test_each_seed_topic_is_in_the_generated_policy(seed: str, examples: Mapping[str, ExampleBuild]) -> None:
    included = set(examples[seed].policy.clause_ids())
    missing = {topic["topic"]: sorted(set(topic["clauses"]) - included) for topic in TOPICS[seed] if set(topic["clauses"]) - included}
    assert not missing, f"examples/{seed}.yaml does not produce these topics' clauses: {missing}"


@pytest.mark.parametrize("seed", SEED_EXAMPLES)
def test_each_example_reads_at_grade_ten_or_below(seed: str, examples: Mapping[str, ExampleBuild]) -> None:
    text = plain_text(examples[seed].markdown)
    assert len(text.split()) > 800
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"examples/{seed}.yaml reads at grade {grade}"


def test_plain_text_strips_markdown() -> None:
    markdown = '## <a id="cookies" name="cookies"></a>1. Cookies\n\n## 2. Rights {#rights}\n\n'
    markdown += "- **Email**: [a@b.example](mailto:a@b.example)\n\n| A | B |\n|---|---|\n| x \\| y | z |\n"
    assert plain_text(markdown) == "1. Cookies.\n2. Rights.\nEmail: a@b.example.\nA   B.\nx   y   z."
