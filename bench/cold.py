"""Cold whole-process timings: a one-file Markdown build and `policygen --help`, in CPU time and in instructions.

Run from a checkout's root (each checkout measures its own code; `.pyc` files present, compile cache warm):

    .venv/bin/python bench/cold.py                   # 20 runs of each, CPU min / median and wall min
    .venv/bin/python bench/cold.py --instructions    # also each command once under valgrind (callgrind)
    .venv/bin/python bench/cold.py --stages          # a cold md build's instructions, step by step (valgrind)

CPU time (user + system of the child) on a shared machine moves by 10-30 % from run to run;
the fastest of many runs moves less, and the instruction count (user space only, as callgrind
counts it) hardly at all. `PYTHONDONTWRITEBYTECODE` is removed from the children's environment:
with it set, every cold process compiles the package again.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path.cwd()


def commands(out: Path) -> dict[str, list[str]]:
    """The cold commands measured, by name."""
    python = sys.executable
    return {
        "build md": [python, "-m", "generator", "build", str(ROOT / "examples/demo-bakery.yaml"), "--format", "md", "--out", str(out), "--force"],
        "build md+html": [python, "-m", "generator", "build", str(ROOT / "examples/demo-bakery.yaml"), "-f", "md,html", "--out", str(out), "--force"],
        "--help": [python, "-m", "generator", "--help"],
    }


def _env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONHASHSEED": "0"}


def cpu_times(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """CPU and wall milliseconds of `runs` runs of `command` (after two warm-up runs)."""
    cpu, wall = [], []
    for run in range(runs + 2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=_env())
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run >= 2:
            wall.append(elapsed * 1000)
            cpu.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return cpu, wall


def instructions(command: list[str]) -> int:
    """The instructions one run of `command` executes (callgrind's total, user space)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command], check=True, capture_output=True, env=_env())
        found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        return int(found.group(1)) if found else 0


STEPS = (
    ("generator.cli", "import generator.cli"),
    ("yaml", "import yaml"),
    ("pydantic", "from pydantic import BaseModel, Field"),
    ("answer models", "import generator.answers.model"),
    ("jinja2", "import jinja2"),
    ("pipeline imports", "import generator.pipeline, generator.batch.command, generator.batch.run, generator.export.formats"),
)
"""The imports of a cold build, in the order the command makes them, measured one by one."""

WRAPPED = (
    ("generator.batch.run", "fingerprint"),
    ("generator.pipeline", "_load"),
    ("generator.pipeline", "load_clause_library"),
    ("generator.pipeline", "build_policy"),
    ("generator.pipeline", "check_policy"),
    ("generator.pipeline", "export"),
    ("generator.pipeline", "write_set"),
)
"""The steps of the build itself, each measured from its call to its return (what runs between them: "between")."""


def _staged_child(out: str) -> None:
    """Under valgrind: a cold md build with a `time.process_time()` call (a counter dump) after each step."""
    import functools
    import importlib

    marks: list[str] = []

    def mark(name: str) -> None:
        time.process_time()
        marks.append(name)

    mark("interpreter start")
    for name, statement in STEPS:
        exec(statement, {})  # noqa: S102 - the benchmark's own fixed statements
        mark(name)
    for module_name, attribute in WRAPPED:
        module = importlib.import_module(module_name)
        function = getattr(module, attribute)

        def wrapper(*args: object, _function: object = function, _name: str = attribute, **kwargs: object) -> object:
            mark("between")
            try:
                return _function(*args, **kwargs)  # type: ignore[operator]
            finally:
                mark(_name)

        setattr(module, attribute, functools.wraps(function)(wrapper))
    from generator.cli import main as cli_main

    sys.argv = ["policygen", "build", str(ROOT / "examples/demo-bakery.yaml"), "--format", "md", "--out", out, "--force"]
    cli_main()  # as the program: without argv
    mark("between")
    Path(out).with_name("marks.txt").write_text("\n".join(marks), encoding="utf-8")


def stages() -> None:
    """Print a cold md build's instructions step by step."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        child = subprocess.run(
            ["valgrind", "--tool=callgrind", "--dump-before=time_process_time", f"--callgrind-out-file={out}",
             sys.executable, __file__, "--staged-child", str(Path(folder) / "out")],
            capture_output=True, text=True, check=True, env={**_env(), "PYDANTIC_DISABLE_PLUGINS": "__all__"},
        )  # fmt: skip
        del child
        marks = (Path(folder) / "marks.txt").read_text(encoding="utf-8").split("\n")
        totals: dict[str, int] = {}
        for part in sorted(Path(folder).glob("callgrind.out.*"), key=lambda path: int(path.name.rsplit(".", 1)[1])):
            found = re.search(r"^summary: (\d+)", part.read_text(), re.MULTILINE)
            index = int(part.name.rsplit(".", 1)[1])  # part k: what ran before the k-th call
            label = marks[index - 1] if 0 < index <= len(marks) else "exit"
            totals[label] = totals.get(label, 0) + (int(found.group(1)) if found else 0)
        tail = Path(str(out))
        if tail.exists():  # what ran after the last call, to the end of the process
            found = re.search(r"^summary: (\d+)", tail.read_text(), re.MULTILINE)
            totals["exit"] = totals.get("exit", 0) + (int(found.group(1)) if found else 0)
    for label, count in totals.items():
        print(f"{label:20} {count / 1e6:8.1f} M")
    print(f"{'total':20} {sum(totals.values()) / 1e6:8.1f} M")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--instructions", action="store_true", help="also count each command's instructions under valgrind")
    parser.add_argument("--only", choices=("build md", "build md+html", "--help"), action="append")
    parser.add_argument("--stages", action="store_true", help="only a cold md build's instructions, step by step")
    parser.add_argument("--staged-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.staged_child:
        _staged_child(args.staged_child)
        return
    if args.stages:
        stages()
        return
    with tempfile.TemporaryDirectory() as folder:
        for name, command in commands(Path(folder)).items():
            if args.only and name not in args.only:
                continue
            cpu, wall = cpu_times(command, args.runs)
            line = f"cold {name:14} CPU min {min(cpu):6.1f}  median {statistics.median(cpu):6.1f}  wall min {min(wall):6.1f} ms"
            if args.instructions:
                line += f"  instructions {instructions(command) / 1e6:,.0f} M"
            print(line, flush=True)


if __name__ == "__main__":
    main()
