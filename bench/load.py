"""Benchmark of loading answer files, and of a cold `policygen --help`.

Run from the repository root:

    .venv/bin/python bench/load.py              # 20 rounds
    .venv/bin/python bench/load.py --rounds 50

It reports, for each example and for two generated files, the time `load_answers` takes in a
warm process (the model built, the services catalogue read): the fastest, the median and the
slowest round, in wall-clock and CPU time. The generated files are the bakery example with
500 data categories (the most `data:` accepts, so the file is valid) and with 1,000 (refused:
this times the path that reads the file again to name every problem). Then it times cold
processes: `policygen --help`, and one load of the bakery example from a fresh interpreter.

The machine may be shared: trust the CPU times and the fastest rounds more than the slowest.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.answers.load import load_answers  # noqa: E402
from generator.errors import AnswerError  # noqa: E402


def generated(categories: int) -> str:
    """The bakery example with `categories` data items of category 'other', each with a label, examples and a retention."""
    data = yaml.safe_load((ROOT / "examples" / "demo-bakery.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["data"] = [
        {
            "category": "other",
            "label": f"Custom data {index}",
            "examples": [f"example {index}a", f"example {index}b"],
            "purposes": ["orders", "account"],
            "retention": "12 months",
        }
        for index in range(categories)
    ]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def rounds(action: Callable[[], object], count: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of `count` runs of `action`, after one warm-up run."""
    action()
    wall, cpu = [], []
    for _ in range(count):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def spread(values: list[float]) -> str:
    return f"{min(values):6.1f} / {statistics.median(values):6.1f} / {max(values):6.1f}"


def load_quietly(path: Path) -> Callable[[], object]:
    def action() -> object:
        try:
            return load_answers(path)
        except AnswerError as exc:
            return exc.messages

    return action


def cold(command: list[str], count: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system, of the child) milliseconds of `count` fresh processes."""
    import resource

    wall, cpu = [], []
    for _ in range(count):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="runs per measurement (default 20)")
    args = parser.parse_args()
    print(f"{'load_answers, warm process':46} {'wall ms: min / median / max':>30} {'CPU ms: min / median / max':>30}")
    with tempfile.TemporaryDirectory() as folder:
        files = sorted((ROOT / "examples").glob("*.yaml"))
        for categories in (500, 1000):
            path = Path(folder) / f"generated-{categories}-categories.yaml"
            path.write_text(generated(categories), encoding="utf-8")
            files.append(path)
        for path in files:
            wall, cpu = rounds(load_quietly(path), args.rounds)
            size = path.stat().st_size / 1024
            note = " (refused)" if isinstance(load_quietly(path)(), list) else ""
            print(f"{path.name + note:34} {size:7.0f} KB  {spread(wall):>30} {spread(cpu):>30}")
    python = sys.executable
    count = max(5, args.rounds // 2)
    print(f"\n{'cold process':46} {'wall ms: min / median / max':>30} {'CPU ms: min / median / max':>30}")
    for name, command in (
        ("policygen --help", [python, "-m", "generator", "--help"]),
        ("python -c pass (the interpreter alone)", [python, "-c", "pass"]),
        ("load examples/demo-bakery.yaml", [python, "-c", "from generator.answers.load import load_answers; load_answers('examples/demo-bakery.yaml')"]),
    ):
        wall, cpu = cold(command, count)
        print(f"{name:46} {spread(wall):>30} {spread(cpu):>30}")


if __name__ == "__main__":
    main()
