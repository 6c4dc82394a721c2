"""CPU time per policy, stage by stage, in a warm process: for comparing two checkouts.

Run from a checkout's root (each checkout measures its own code):

    .venv/bin/python bench/stages.py              # 6 examples x 40, 5 rounds
    .venv/bin/python bench/stages.py --rounds 9 --profile render

Each round times, over the same answers: Markdown + HTML (`build_policy`, `to_markdown`,
`to_html`), the compliance check (`check_policy`), and loading and validating the answer
files (`load_answers_text`); `load-bad`, loading the same files each with its first email
address made invalid (the path that reports every problem: the checks across the valid parts,
the messages); and `batch`, a whole in-process `run_batch` (one job, `--force`, Markdown + HTML)
over as many varied answer files (`bench/batch.py`'s, each its own business), written into a new
temporary folder: loading, rendering, the check, writing and the manifest. It prints the fastest
and the median round per policy, in CPU time (which other programs on a shared machine inflate much less than wall-clock time).
`--profile STAGE` runs one stage under cProfile instead and prints the top functions.
`bench/instructions.py` counts each stage's instructions instead (valgrind), which a busy machine does not disturb.
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))

from generator.answers.load import load_answers_text  # noqa: E402
from generator.batch.outcome import BuildOptions  # noqa: E402
from generator.batch.run import run_batch  # noqa: E402
from generator.check import check_policy  # noqa: E402
from generator.errors import AnswerError  # noqa: E402
from generator.export.formats import to_html, to_markdown  # noqa: E402
from generator.library.clauses import load_library  # noqa: E402
from generator.render import build_policy  # noqa: E402


def _batch(count: int) -> Callable[[], object]:
    """A round of `run_batch` over `count` varied answer files (one job, rebuilding every file)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from batch import make_answer_files

    folder = Path(tempfile.mkdtemp(prefix="policygen-stages-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    paths = make_answer_files(folder / "answers", count)
    rounds = iter(range(1_000_000))

    def action() -> object:
        out = folder / f"out-{next(rounds)}"  # a new folder each round (removed at exit): every file is written, as in a first build
        return run_batch(paths, BuildOptions(out_dir=out, formats=("md", "html"), allow_gaps=True), jobs=1, force=True)

    return action


def stages(copies: int, batch_files: int | None = None) -> tuple[int, dict[str, Callable[[], object]]]:
    """The number of policies per round, and each stage's round: the examples, `copies` times each, warmed up.

    With `batch_files`, only the batch stage, over that many files (the manifest's work per file grows with N).
    """
    if batch_files is not None:
        load_library()
        action = _batch(batch_files)
        action()  # warm-up
        return batch_files, {"batch": action}
    texts = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    load_library()
    answers = [load_answers_text(text, name) for name, text in texts] * copies
    policies = [build_policy(a) for a in answers]
    bad = [(name, text.replace("@", "-at-", 1)) for name, text in texts]  # each example's first email address made invalid

    def load_bad() -> object:
        for name, text in bad * copies:
            try:
                load_answers_text(text, name)
            except AnswerError:
                continue
            raise AssertionError(f"{name} loaded with its first email made invalid")
        return None

    actions: dict[str, Callable[[], object]] = {
        "render": lambda: [(to_markdown(p), to_html(p)) for p in map(build_policy, answers)],
        "check": lambda: [check_policy(a, p) for a, p in zip(answers, policies, strict=True)],
        "load": lambda: [load_answers_text(text, name) for name, text in texts * copies],
        "load-bad": load_bad,
        "batch": _batch(len(answers)),
    }
    for action in actions.values():
        action()  # warm-up
    return len(answers), actions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=40, help="copies of each example per round (default 40)")
    parser.add_argument("--profile", choices=("render", "check", "load", "load-bad", "batch"))
    args = parser.parse_args()
    count, stages_ = stages(args.copies)
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(stages_[args.profile])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    results: dict[str, list[float]] = {name: [] for name in stages_}
    for _ in range(args.rounds):
        for name, action in stages_.items():
            start = time.process_time()
            action()
            results[name].append((time.process_time() - start) * 1000 / count)
    for name, values in results.items():
        print(f"{name:8} CPU ms per policy: min {min(values):.3f}  median {statistics.median(values):.3f}")


if __name__ == "__main__":
    main()
