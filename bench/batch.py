"""Benchmark of the whole pipeline: in-process, in batch, incremental and cold start.

Run from the repository root:

    .venv/bin/python bench/batch.py                 # 1,000 files
    .venv/bin/python bench/batch.py --files 2000    # more files
    .venv/bin/python bench/batch.py --skip-cli      # without the cold-process timings

It writes N varied answer files (from examples/*.yaml: other names, fewer data
categories, extra jurisdictions that need no further answers, fewer services)
into a temporary folder and prints one report. Targets are in issue 8.
"""

from __future__ import annotations

import argparse
import copy
import functools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.answers.load import answers_from_dict  # noqa: E402
from generator.batch.outcome import BuildOptions  # noqa: E402
from generator.batch.run import run_batch  # noqa: E402
from generator.errors import PolicyGenError  # noqa: E402
from generator.export.formats import to_html, to_markdown  # noqa: E402
from generator.library.clauses import load_library  # noqa: E402
from generator.render import build_policy  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001 - progress shows while the benchmark runs

NAMES = ["Amber", "Birch", "Cobalt", "Dune", "Ember", "Fern", "Garnet", "Harbour", "Indigo", "Juniper", "Kestrel", "Lotus", "Marigold", "Nimbus"]
KINDS = ["Labs", "Traders", "Studio", "Works", "Systems", "Foods", "Learning", "Care"]
EXTRA_JURISDICTIONS = ["eu", "uk", "california", "brazil", "canada", "singapore", "australia"]


def _vary(base: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    data = copy.deepcopy(base)
    name = f"{rng.choice(NAMES)} {rng.choice(KINDS)} {number:05d}"
    business = data["business"]
    business["legal_name"] = f"{name} Private Limited"
    business["trading_name"] = name
    if len(data.get("data", [])) > 2:
        keep = rng.randint(2, len(data["data"]))
        data["data"] = data["data"][:keep]
    services = data.get("services")
    if isinstance(services, list) and len(services) > 1:
        data["services"] = rng.sample(services, rng.randint(1, len(services)))
    return data


def _candidates(base: dict[str, Any]) -> list[list[str]]:
    """Jurisdiction lists that validate and build without gaps-causing new answers (checked once per example)."""
    options = [list(base["jurisdictions"])]
    for extra in EXTRA_JURISDICTIONS:
        if extra in base["jurisdictions"]:
            continue
        trial = copy.deepcopy(base)
        trial["jurisdictions"] = [*base["jurisdictions"], extra]
        try:
            answers_from_dict(trial)
        except PolicyGenError:
            continue
        options.append(trial["jurisdictions"])
    return options


def make_answer_files(folder: Path, count: int, seed: int = 8) -> list[Path]:
    """Write `count` varied answer files into `folder`."""
    rng = random.Random(seed)
    bases = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        try:
            answers_from_dict(data)
        except PolicyGenError:
            continue
        bases.append((data, _candidates(data)))
    if not bases:
        raise SystemExit("no valid example answer files in examples/")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        base, jurisdictions = bases[number % len(bases)]
        data = _vary(base, number, rng)
        data["jurisdictions"] = rng.choice(jurisdictions)
        path = folder / f"answers-{number:05d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def in_process(paths: list[Path], samples: int) -> tuple[float, float, list[str]]:
    """Median milliseconds per policy for Markdown+HTML, and for Python-Markdown alone on the same texts."""
    from generator.answers.load import load_answers

    load_library()
    answers = [load_answers(p) for p in paths[:samples]]
    for item in answers[:20]:  # warm-up
        to_html(build_policy(item))
        to_markdown(build_policy(item))
    times, texts = [], []
    cpu_start = time.process_time()
    for item in answers:
        start = time.perf_counter()
        policy = build_policy(item)
        text = to_markdown(policy)
        to_html(policy)
        times.append(time.perf_counter() - start)
        texts.append(text)
    print(f"in-process CPU time per policy (mean, not counting other programs): {(time.process_time() - cpu_start) / len(answers) * 1000:.2f} ms")
    import markdown

    converter = markdown.Markdown(extensions=["attr_list", "tables", "toc"])
    for text in texts[:5]:
        converter.reset().convert(text)
    md_times = []
    for text in texts:
        start = time.perf_counter()
        converter.reset().convert(text)
        md_times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, statistics.median(md_times) * 1000, texts


def _cpu_seconds() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


LAST_CPU = [0.0]


def batch(paths: list[Path], out: Path, jobs: int, *, force: bool = True) -> tuple[float, int, int, int]:
    """Seconds, built, failed and worker peak memory (KiB) for one `run_batch`; CPU seconds go to LAST_CPU."""
    options = BuildOptions(out_dir=out, formats=("md", "html"), allow_gaps=True)
    cpu, start = _cpu_seconds(), time.perf_counter()
    summary = run_batch(paths, options, jobs=jobs, force=force)
    elapsed = time.perf_counter() - start
    LAST_CPU[0] = _cpu_seconds() - cpu
    return elapsed, summary.count("built"), summary.count("failed"), summary.peak_memory_kib


def cold(command: list[str], runs: int = 10) -> tuple[float, float]:
    """Median wall-clock and mean CPU milliseconds of a whole process (hyperfine if installed, else a loop)."""
    if shutil.which("hyperfine"):
        import json

        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            subprocess.run(
                ["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", report.name, subprocess.list2cmdline(command)],
                check=True,
                capture_output=True,
            )
            result = json.loads(Path(report.name).read_text())["results"][0]
            return float(result["median"]) * 1000, (float(result["user"]) + float(result["system"])) * 1000
    import resource

    times, cpu = [], []
    for run in range(runs + 2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run >= 2:
            times.append(elapsed)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times) * 1000, statistics.mean(cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="answer files in the batch (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="jobs for the parallel run (default: all cores)")
    parser.add_argument("--samples", type=int, default=200, help="policies timed in-process (default 200)")
    parser.add_argument("--skip-cli", action="store_true", help="skip the cold-process timings")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="policygen-bench-") as temp:
        work = Path(temp)
        paths = make_answer_files(work / "answers", max(args.files, 100))
        paths = paths[: args.files]
        print(f"{len(paths)} answer files from {len(list((ROOT / 'examples').glob('*.yaml')))} examples, {os.cpu_count()} CPU cores")

        per_policy, markdown_alone, _ = in_process(paths, min(args.samples, len(paths)))
        print(f"in-process, Markdown+HTML per policy (median): {per_policy:.2f} ms   [target <= 2 ms]")
        print(f"Python-Markdown alone on the same texts (median): {markdown_alone:.2f} ms")

        small_time, _, _, small_memory = batch(paths[:100], work / "out-small", args.jobs)
        one_time, built_one, failed_one, memory_one = batch(paths, work / "out-1", 1)
        cpu_one = LAST_CPU[0]
        all_time, built_all, failed_all, memory_all = batch(paths, work / "out-n", args.jobs)
        cpu_all = LAST_CPU[0]
        rate_one, rate_all = len(paths) / one_time, len(paths) / all_time
        print(f"batch, 1 job: {one_time:.2f} s, {rate_one:.0f} policies/s ({built_one} built, {failed_one} failed)")
        print(f"batch, {args.jobs} jobs: {all_time:.2f} s, {rate_all:.0f} policies/s ({built_all} built, {failed_all} failed)   [target >= 300/s with 2 jobs]")
        print(f"speed-up: {rate_all / rate_one:.2f}x   [target >= 1.7x with 2 jobs]")
        print(
            f"CPU time per policy (all processes, so contention from other programs does not count): 1 job {cpu_one / len(paths) * 1000:.1f} ms,"
            f" {args.jobs} jobs {cpu_all / len(paths) * 1000:.1f} ms; an idle machine would do about {args.jobs * len(paths) / cpu_all:.0f} policies/s"
            f" with {args.jobs} jobs (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        print(
            f"peak memory per worker: {small_memory / 1024:.1f} MiB at N=100, {memory_all / 1024:.1f} MiB at N={len(paths)}"
            f" (1 job, in this process: {memory_one / 1024:.1f} MiB)   [target: flat]"
        )

        unchanged_time, built_again, _, _ = batch(paths, work / "out-n", args.jobs, force=False)
        print(f"unchanged rebuild: {unchanged_time:.3f} s ({unchanged_time / all_time:.1%} of the full build, {built_again} rebuilt)   [target < 10%]")

        if not args.skip_cli:
            policygen = str(Path(sys.executable).parent / "policygen")
            wall, cpu = cold([policygen, "--help"])
            print(f"cold `policygen --help` (median): {wall:.0f} ms, CPU {cpu:.0f} ms   [target < 150 ms]")
            one = [policygen, "build", str(paths[0]), "--out", str(work / "out-cli"), "-f", "md,html", "--allow-gaps", "--force"]
            wall, cpu = cold(one)
            print(f"cold one-file md+html build (median): {wall:.0f} ms, CPU {cpu:.0f} ms   [target < 400 ms]")


if __name__ == "__main__":
    main()
