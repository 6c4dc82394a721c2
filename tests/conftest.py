"""Shared test fixtures: the checkout's paths, every example built once per session, and fresh-process builds.

`examples` (session scope) is the one root fixture for the shipped example answer files: each
`examples/*.yaml` is loaded, rendered, exported to Markdown, HTML (page and fragment) and JSON,
and checked once per test session; its PDF is rendered the first time a test asks for it, then kept.
Tests read these builds and must not change them: at the end of the session the fixture compares
every build with a fingerprint taken when it was made, and fails the run when a test mutated one.

`fresh_process_build` runs `python -m generator build` in a subprocess with a chosen environment
("machine") and keeps each distinct run's output for the session, so tests that compare the same
fresh-process build (determinism across machines, in-process against fresh process) share one run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import settings

from generator.answers.load import load_answers
from generator.answers.model import Answers
from generator.check import Report, check_policy
from generator.export.formats import to_html, to_json, to_markdown
from generator.policy import Policy
from generator.render import build_policy

# CI runs the same examples every time (a property test that finds a new case fails a developer's run, with the
# case printed, never a random CI run); elsewhere each run tries new examples, and the local database replays failures.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BAKERY = ROOT / "examples" / "demo-bakery.yaml"


def make_answers(folder: Path, count: int, prefix: str = "Crumb Shop") -> list[Path]:
    """Answer files for `count` different businesses (copies of the bakery, each with its own trading name and slug)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = BAKERY.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = folder / f"shop-{number:02d}.yaml"
        path.write_text(text.replace("Saffron Crumb", f"{prefix} {number:02d}"), encoding="utf-8")
        paths.append(path)
    return paths

# Machines as different as we can make them here: hash seed, time zone (including a +14:00 zone where the date
# differs from UTC most of the day) and locale. `fresh_process_build` runs the command line on one of them.
MACHINES = {
    "first": {"PYTHONHASHSEED": "0", "TZ": "UTC", "LANG": "C", "LC_ALL": "C"},
    "second": {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LANG": "tr_TR.UTF-8", "LC_ALL": "C.UTF-8"},
    "third": {"PYTHONHASHSEED": "random", "TZ": "America/St_Johns", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"},
}


@dataclass(frozen=True)
class ExampleBuild:
    """One example answer file through every stage, as the command line would build it (read-only for tests)."""

    path: Path
    answers: Answers
    policy: Policy
    markdown: str
    html: str
    fragment: str
    json: str
    report: Report  # check_policy(answers, policy, str(path)), as `policygen check` makes it
    _pdf: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pdf(self) -> bytes:
        """The default export's PDF (A4, PDF/UA-1), rendered the first time a test asks, then kept for the session."""
        if "pdf" not in self._pdf:
            from generator.export.pdf import to_pdf

            self._pdf["pdf"] = to_pdf(self.policy)
        return self._pdf["pdf"]

    def fingerprint(self) -> str:
        """Everything a test could change in place (the answers and the report are mutable objects), as text."""
        report = json.dumps(self.report.to_dict(), sort_keys=True, default=str)
        return "\n".join([self.answers.model_dump_json(), to_json(self.policy), to_markdown(self.policy), report])


def build_example(path: Path) -> ExampleBuild:
    answers = load_answers(path)
    policy = build_policy(answers)
    return ExampleBuild(
        path=path,
        answers=answers,
        policy=policy,
        markdown=to_markdown(policy),
        html=to_html(policy),
        fragment=to_html(policy, fragment=True),
        json=to_json(policy),
        report=check_policy(answers, policy, str(path)),
    )


@pytest.fixture(scope="session")
def examples() -> Iterator[Mapping[str, ExampleBuild]]:
    """Every examples/*.yaml built once per session, by file stem ('demo-bakery', ...)."""
    built = {path.stem: build_example(path) for path in EXAMPLES}
    before = {stem: build.fingerprint() for stem, build in built.items()}
    yield MappingProxyType(built)
    changed = sorted(stem for stem, build in built.items() if build.fingerprint() != before[stem])
    assert not changed, f"a test changed the shared builds of {changed} in place; copy what you change (copy.deepcopy) instead"


FreshBuild = Callable[[str, tuple[Path, ...], str], dict[Path, bytes]]


@pytest.fixture(scope="session")
def fresh_process_build(tmp_path_factory: pytest.TempPathFactory) -> FreshBuild:
    """`build(machine, inputs, formats)`: the files `python -m generator build` writes in a fresh process on that
    machine (`MACHINES`), by path under --out; each distinct run happens once per session."""
    runs: dict[tuple[str, tuple[Path, ...], str], dict[Path, bytes]] = {}

    def build(machine: str, inputs: tuple[Path, ...], formats: str) -> dict[Path, bytes]:
        key = (machine, inputs, formats)
        if key not in runs:
            out = tmp_path_factory.mktemp(f"fresh-{machine}")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONHASHSEED", "TZ", "LANG", "SOURCE_DATE_EPOCH"))}
            env.update(MACHINES[machine])
            command = [sys.executable, "-m", "generator", "build", *map(str, inputs), "--out", str(out), "--allow-gaps", "--force", "--format", formats]
            subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True, timeout=300)
            runs[key] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}
        return dict(runs[key])

    return build


@pytest.fixture
def root() -> Path:
    return ROOT
