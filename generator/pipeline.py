"""The pipeline of one answer file, top to bottom: load, select and render, check, export (and write).

Every front end (`policygen build` and `check`, the wizard's review, the MkDocs plugin and the
public API) goes through this module; none of them calls the stages themselves. `run` gives the
answers, the policy, the compliance report and the exported formats, in memory; `build_file`
writes them to disk on top of it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from generator.answers.load import answers_from_dict, load_answers, load_answers_text
from generator.answers.model import Answers
from generator.check import Report, check_policy, format_report
from generator.errors import GapsError, PolicyGenError, UsageError
from generator.export.formats import ALL_FORMATS, LEDGER_FORMATS, MarkdownFlavour, Paper, PdfVariant
from generator.export.write import Layout, export, output_path, remove_stale_temps, write_set
from generator.library.clauses import Library
from generator.library.clauses import load_library as load_clause_library
from generator.policy import Policy, slugify
from generator.render import build_policy
from generator.schedule import pack_warning

Source = str | os.PathLike[str] | Answers | Mapping[str, Any]
"""What `run` takes: the path of an answer file, loaded `Answers`, or a dict shaped like an answer file."""

Folders = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One folder of your own clauses, or several."""


@dataclass(frozen=True)
class Result:
    """Everything one run of the pipeline made: the answers, the policy, its compliance report and its exports."""

    name: str
    """How messages name the answers: the path as given, or the `name` passed to `run`."""
    answers: Answers
    policy: Policy
    report: Report
    outputs: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    """The bytes of each format asked for (`md`, `html`, `fragment`, `css`, `json`, `pdf`), in the order asked."""

    @property
    def gap_lines(self) -> tuple[str, ...]:
        """One line per required disclosure the policy lacks, naming the answers, the requirement and the answer it needs."""
        return gap_lines(self.name, self.report)

    @property
    def warning(self) -> str:
        """One line when the policy takes effect after the law pack's date (the check may miss later law), else empty."""
        return pack_warning(self.report.law_pack, self.answers.policy.effective_date, self.name) or ""

    def text(self, fmt: str) -> str:
        """A text format's output as a string (`md`, `html`, `fragment`, `css` or `json`).

        Raises:
            UsageError: when `fmt` was not among the formats asked for, or is PDF.
        """
        if fmt == "pdf" or fmt not in self.outputs:
            asked = ", ".join(f for f in self.outputs if f != "pdf") or "none"
            raise UsageError(f"no text output '{fmt}' in this result; text formats asked for: {asked}")
        return self.outputs[fmt].decode("utf-8")


def gap_lines(name: str, report: Report) -> tuple[str, ...]:
    """The lines `policygen build` prints for the gaps of `report`, each starting with `name`."""
    return tuple(
        f"{name}: {f.requirement.id} ({f.requirement.citation}) is not covered: {f.requirement.description} missing: {f.requirement.hint}"
        for f in report.gaps
    )


def load(source: Source, name: str | None = None) -> Answers:
    """Load and validate the answers of `source` (a path, `Answers`, or a dict); `name` names a dict in messages.

    Raises:
        AnswerError: every problem of the answers, each naming the source, line and field.
    """
    return _load(source, name)[0]


def _load(source: Source, name: str | None) -> tuple[Answers, str]:
    if isinstance(source, Answers):
        return source, "<answers>" if name is None else name
    if isinstance(source, Mapping):
        shown = "<dict>" if name is None else name
        return answers_from_dict(dict(source), shown), shown
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        return load_answers(path), str(path) if name is None else name
    raise UsageError(f"cannot read answers from a {type(source).__name__}; give the path of an answer file, Answers or a dict")


def load_library(folders: Folders = ()) -> Library:
    """The clause library: the built-in clauses, then those of your own `folders` (which replace clauses of the same id).

    Raises:
        UsageError: a folder that does not exist or is not a folder.
        ClauseError: naming the file of every broken clause.
    """
    return load_clause_library(clause_folders(folders))


def clause_folders(folders: Folders) -> tuple[Path, ...]:
    """`folders` as a tuple of paths, each checked to be a folder.

    Raises:
        UsageError: a folder that does not exist or is not a folder.
    """
    if isinstance(folders, (str, os.PathLike)):
        folders = (folders,)
    paths = tuple(Path(folder) for folder in folders)
    for path in paths:
        if not path.is_dir():
            raise UsageError(f"{path}: not a folder of clause files")
    return paths


def run(
    source: Source,
    *,
    clauses: Folders = (),
    formats: Iterable[str] = (),
    paper: Paper = "a4",
    pdf_variant: PdfVariant = "pdf/ua-1",
    markdown_flavour: MarkdownFlavour = "commonmark",
    allow_gaps: bool = False,
    name: str | None = None,
    ledger: bool = False,
    contents: bool = True,
    today: dt.date | None = None,
) -> Result:
    """Run the whole pipeline on one set of answers, in memory: load, select and render, check, export.

    Args:
        source: the path of an answer file, loaded `Answers`, or a dict shaped like an answer file.
        clauses: folders of your own clauses (they replace built-in clauses with the same id).
        formats: the formats to export (`md`, `html`, `fragment`, `css`, `json`, `pdf`); none by default.
        paper: PDF paper size.
        pdf_variant: PDF standard.
        markdown_flavour: how the Markdown gives headings their ids: `commonmark` (an `<a id>` anchor, for GitHub,
            GitLab and CommonMark renderers) or `python-markdown` (`{#id}`, for Python-Markdown's `attr_list` and MkDocs).
        allow_gaps: export even when a required disclosure is missing (the gaps are in `report` and `gap_lines`).
        name: how the report and the gap messages name the answers, and a dict's load messages too (default: the
            path as given, `<answers>` or `<dict>`; a file's load messages always name its path).
        ledger: give each clause of the policy its claims (`because`, `defaults`; in the JSON too). The annotated
            formats (`annotated-html`, `annotated-md`) always have it. It costs a second, tracking render.
        contents: give the Markdown and the fragment their own contents list (the MkDocs plugin leaves it out: the
            theme lists the sections). With `pdf` among the formats, the HTML page links to the PDF beside it.
        today: the day the report counts "starting within 180 days" from (default: the real today); whether a
            requirement applies depends only on the policy's effective date.

    Raises:
        AnswerError: bad answers (every problem).
        ClauseError: a broken clause, naming its file.
        GapsError: (without `allow_gaps`) the policy lacks a required disclosure; each gap is one message,
            checked before anything is exported.
        UsageError: an unknown format, or a clause folder that is not one.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [fmt for fmt in formats if fmt not in ALL_FORMATS]
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}'; accepted: {', '.join(ALL_FORMATS)}")
    answers, shown = _load(source, name)
    library = load_library(clauses)
    policy = build_policy(answers, library, ledger=ledger or any(fmt in LEDGER_FORMATS for fmt in formats))
    report = check_policy(answers, policy, shown, today=today)
    if report.gaps and not allow_gaps:
        missing = f"{shown}: not written: {len(report.gaps)} required disclosure(s) missing; answer them, or build with --allow-gaps"
        raise GapsError([*gap_lines(shown, report), missing])
    pdf_beside = "pdf" in formats
    outputs = {
        fmt: export(policy, fmt, paper=paper, pdf_variant=pdf_variant, markdown_flavour=markdown_flavour, contents=contents, pdf_beside=pdf_beside)
        for fmt in formats
    }
    return Result(name=shown, answers=answers, policy=policy, report=report, outputs=MappingProxyType(outputs))


@dataclass(frozen=True)
class BuildResult:
    """The files one answer file produced."""

    source: Path
    written: tuple[Path, ...]
    gaps: str = ""
    warning: str = ""
    """The law pack's warning line (`Result.warning`), or empty."""


def build_file(
    path: Path,
    out_dir: Path,
    formats: list[str],
    *,
    paper: Paper = "a4",
    pdf_variant: PdfVariant = "pdf/ua-1",
    markdown_flavour: MarkdownFlavour = "commonmark",
    allow_gaps: bool = False,
    clause_dirs: tuple[Path, ...] = (),
    sync: bool = True,
    answers: Answers | None = None,
    ledger: bool = False,
    layout: Layout = "by-business",
) -> BuildResult:
    """Build one answer file into `out_dir/<slug>/`: `run`, then write its outputs.

    Everything is rendered in memory first, so a failure writes nothing; then every format is written
    to a temporary file, and only when all were written are they renamed into place (a full disk
    leaves the previous set whole). A file whose bytes would not change is left alone (and keeps its
    modification time). `sync=False` skips the per-file fsync; the caller then flushes once.
    `answers`, when given, are the already loaded answers of `path`. The fragment's stylesheet
    (`css`) is written with the fragment. `ledger` puts each clause's claims into the JSON (see `run`).

    Raises:
        PolicyGenError: for bad answers, a broken clause, (without `allow_gaps`) a missing disclosure,
            or an output that cannot be written (`OutputError`, naming the path).
    """
    if "fragment" in formats and "css" not in formats:
        formats = [*formats, "css"]  # the fragment's stylesheet travels with it
    result = run(
        path if answers is None else answers,
        clauses=clause_dirs,
        formats=formats,
        paper=paper,
        pdf_variant=pdf_variant,
        markdown_flavour=markdown_flavour,
        allow_gaps=allow_gaps,
        name=str(path),
        ledger=ledger,
    )
    outputs = {output_path(out_dir, result.policy.slug, fmt, layout): data for fmt, data in result.outputs.items()}
    changed = {target: data for target, data in outputs.items() if not _same_bytes(target, data)}
    write_set(changed, sync=sync, shown=functools.partial(shown_path, out_dir))
    for target in outputs:
        if target not in changed:  # write_set has done it for those it wrote
            remove_stale_temps(target)  # also beside files that did not change: temps of a killed earlier build
    return BuildResult(source=path, written=tuple(outputs), gaps="\n".join(result.gap_lines), warning=result.warning)


def explain(source: Source, *, clauses: Folders = (), name: str | None = None) -> list[str]:
    """The lines `policygen explain` prints for `source`: per section, per clause, the answers it rests on and its first words.

    Raises:
        AnswerError: bad answers (every problem).
        ClauseError: a broken clause, naming its file.
    """
    result = run(source, clauses=clauses, allow_gaps=True, name=name, ledger=True)
    return [f"{result.name}: {line}" if index == 0 else line for index, line in enumerate(explain_lines(result.policy))]


def explain_lines(policy: Policy) -> list[str]:
    """Per section, per clause of a policy rendered with its ledger: its id, what it covers, the answers it rests on, the defaults it read, its first words.

    `generator.export.annotated` is imported here, on first use: with the `html` module it needs, about 3 ms that
    every other command would spend at start-up.
    """
    from generator.export.annotated import explain_lines as lines

    return lines(policy)


def output_slug(answers: Answers) -> str:
    """The name of the folder the policy of `answers` is written to (the business's name, slugified)."""
    return slugify(answers.business.name)


def warm_up(clause_dirs: tuple[Path, ...] = ()) -> None:
    """Load the clause library and the catalogues now (once per worker process); a broken one is reported by each build."""
    from generator.library.requirements import load_requirements
    from generator.library.services import load_services

    try:
        load_library(clause_dirs)
        load_services()
        load_requirements()
    except PolicyGenError:
        pass


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


__all__ = [
    "BuildResult",
    "Result",
    "answers_from_dict",
    "build_file",
    "build_policy",
    "check_policy",
    "clause_folders",
    "explain",
    "explain_lines",
    "export",
    "format_report",
    "gap_lines",
    "load",
    "load_answers",
    "load_answers_text",
    "load_library",
    "output_slug",
    "run",
    "warm_up",
]
