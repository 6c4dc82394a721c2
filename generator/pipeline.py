"""The pipeline of one answer file: load, select and render, check, export and write."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.answers.load import load_answers
from generator.check import check_policy
from generator.errors import GapsError
from generator.export.formats import Paper, PdfVariant
from generator.export.write import export, output_path, remove_stale_temps, write_set
from generator.library.clauses import load_library
from generator.render import build_policy

if TYPE_CHECKING:
    from generator.answers.model import Answers


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
    pdf_variant: PdfVariant = "pdf/ua-1",
    allow_gaps: bool = False,
    clause_dirs: tuple[Path, ...] = (),
    sync: bool = True,
    answers: Answers | None = None,
) -> BuildResult:
    """Build one answer file into `out_dir/<slug>/`.

    Everything is rendered in memory first, so a failure writes nothing; then every format is written
    to a temporary file, and only when all were written are they renamed into place (a full disk
    leaves the previous set whole). A file whose bytes would not change is left alone (and keeps its
    modification time). `sync=False` skips the per-file fsync; the caller then flushes once.
    `answers`, when given, are the already loaded answers of `path`.

    Raises:
        PolicyGenError: for bad answers, a broken clause, (without `allow_gaps`) a missing disclosure,
            or an output that cannot be written (`OutputError`, naming the path).
    """
    if answers is None:
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
    if "fragment" in formats and "css" not in formats:
        formats = [*formats, "css"]  # the fragment's stylesheet travels with it
    outputs = {output_path(out_dir, policy.slug, fmt): export(policy, fmt, paper=paper, pdf_variant=pdf_variant) for fmt in formats}
    changed = {target: data for target, data in outputs.items() if not _same_bytes(target, data)}
    write_set(changed, sync=sync, shown=functools.partial(shown_path, out_dir))
    for target in outputs:
        remove_stale_temps(target)  # also beside files that did not change: temps of a killed earlier build
    return BuildResult(source=path, written=tuple(outputs), gaps=gaps)


def shown_path(out_dir: Path, path: Path) -> Path:
    """How a path inside `out_dir` is named in messages: below `out_dir` as the user gave it."""
    try:
        return out_dir / path.relative_to(out_dir.resolve())
    except ValueError:
        return path


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False

