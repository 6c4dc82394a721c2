"""Instructions per policy, stage by stage, counted by valgrind: for comparing two checkouts on a busy machine.

Run from a checkout's root, with valgrind installed (each checkout measures its own code):

    .venv/bin/python bench/instructions.py             # the stages of bench/stages.py, 6 examples x 3 rounds
    .venv/bin/python bench/instructions.py --batch-files 400 --rounds 1   # only the batch stage, over 400 files

CPU time on a shared machine still moves by 10-30 % from run to run (caches, the other core's
load); the number of instructions a stage runs moves by well under 1 %, so two checkouts can be
compared in one run each. The script runs itself under `valgrind --tool=callgrind`, which dumps
its counters whenever the measured process calls `time.process_time()`: once before and once
after each stage's rounds. It takes about half a minute (valgrind runs Python some 50 times slower).
Instructions are not time (a cache miss costs more than an addition), but for the same interpreter
running nearly the same Python they follow it closely.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(rounds: int, batch_files: int | None) -> None:
    """The child, under valgrind: each stage's rounds between two `time.process_time()` calls."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from stages import stages

    count, actions = stages(1, batch_files)
    print(count, *actions)
    for action in actions.values():
        time.process_time()
        for _ in range(rounds):
            action()
        time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-files", type=int, help="only the batch stage, over this many answer files")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.rounds, args.batch_files)
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", "--dump-before=time_process_time", f"--callgrind-out-file={out}"]
        child = subprocess.run(
            [*command, sys.executable, __file__, "--child", "--rounds", str(args.rounds), *(["--batch-files", str(args.batch_files)] * bool(args.batch_files))],
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
        )  # fmt: skip
        count, *names = child.stdout.split()
        totals = {}
        for part in Path(folder).glob("callgrind.out.*"):
            found = re.search(r"^summary: (\d+)", part.read_text(), re.MULTILINE)
            totals[int(part.name.rsplit(".", 1)[1])] = int(found.group(1)) if found else 0
    # Part k holds what ran before the k-th call: stage i's rounds end at call 2i + 2.
    for index, name in enumerate(names):
        print(f"{name:8} instructions per policy: {totals.get(2 * index + 2, 0) / (int(count) * args.rounds) / 1e6:.2f} million")


if __name__ == "__main__":
    main()
