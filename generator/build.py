"""`policygen build`: answers in, policy files out, every file whole or not at all."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.answers import load_answers
from generator.check import check_policy, format_report
from generator.errors import GapsError, PolicyGenError, UsageError
from generator.export import Paper, export, output_path, write_atomic
from generator.library import load_library
from generator.render import build_policy


@dataclass(frozen=True)
class BuildResult:
    """The files one answer file produced."""

    source: Path
    written: tuple[Path, ...]
    gaps: str = ""


def build_file(
    path: Path,
    out_dir: Path,
    formats: list[str],
    *,
    paper: Paper = "a4",
    allow_gaps: bool = False,
    clause_dirs: tuple[Path, ...] = (),
) -> BuildResult:
    """Build one answer file into `out_dir/<slug>/`.

    Everything is rendered in memory first, so a failure writes nothing.

    Raises:
        PolicyGenError: for bad answers, a broken clause, or (without `allow_gaps`) a missing disclosure.
    """
    answers = load_answers(path)
    library = load_library(clause_dirs)
    policy = build_policy(answers, library)
    report = check_policy(answers, policy, str(path))
    gaps = ""
    if report.gaps:
        gaps = "\n".join(
            f"{path}: {f.requirement.id} ({f.requirement.citation}) is not covered: {f.requirement.description} Needs: {f.requirement.needs}"
            for f in report.gaps
        )
        if not allow_gaps:
            raise GapsError(
                [*gaps.splitlines(), f"{path}: not written: {len(report.gaps)} required disclosure(s) missing; answer them, or build with --allow-gaps"]
            )
    outputs = {output_path(out_dir, policy.slug, fmt): export(policy, fmt, paper=paper) for fmt in formats}
    for target, data in outputs.items():
        write_atomic(target, data)
    return BuildResult(source=path, written=tuple(outputs), gaps=gaps)


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Expand folders into the YAML files they hold (sorted), keeping files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")])
            if not found:
                raise UsageError(f"{path}: the folder holds no .yaml answer files")
            files.extend(found)
        else:
            files.append(path)
    return files


def run_build(args: argparse.Namespace) -> int:
    """Run `policygen build` over every file given; report each result."""
    files = expand_inputs(args.files)
    failed = 0
    for path in files:
        try:
            result = build_file(path, args.out, args.format, paper=args.paper, allow_gaps=args.allow_gaps, clause_dirs=tuple(args.clauses))
        except PolicyGenError as exc:
            if len(files) == 1:
                raise
            failed += 1
            for message in exc.messages:
                print(f"policygen: {message}", file=sys.stderr)
            continue
        if result.gaps:
            print(result.gaps, file=sys.stderr)
        for target in result.written:
            print(f"wrote {target}")
    if failed:
        print(f"policygen: {len(files) - failed} built, {failed} failed", file=sys.stderr)
        return 1
    return 0


__all__ = ["BuildResult", "build_file", "expand_inputs", "format_report", "run_build"]
