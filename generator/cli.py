"""The `policygen` command line: thin front ends over the pipeline (`generator.pipeline`).

Heavy imports (WeasyPrint, questionary) happen inside the commands that need them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator import __version__
from generator.errors import PolicyGenError, UsageError, printable, printable_lines


def _formats(value: str) -> list[str]:
    from generator.export.formats import ALL_FORMATS

    formats = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or value!r}; accepted: {', '.join(ALL_FORMATS)}")
    return list(dict.fromkeys(formats))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policygen",
        description="Generate a privacy policy (Markdown, HTML, PDF, JSON) from a YAML answer file, and check it against the laws you choose.",
        epilog="Start with 'policygen wizard' to write an answer file, then 'policygen build answers.yaml'.",
    )
    parser.add_argument("--version", action="version", version=f"policygen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="generate policies from answer files",
        description="Generate each answer file's policy into OUT/<business-slug>/privacy-policy.<format> (with --layout flat: OUT/privacy-policy.<format>).",
    )
    build.add_argument("files", nargs="+", type=Path, metavar="FILE", help="answer files (YAML), or folders of them")
    build.add_argument("--out", "-o", type=Path, default=Path("out"), help="output folder (default: out)")
    build.add_argument(
        "--layout",
        choices=["by-business", "flat"],
        default="by-business",
        help="by-business: OUT/<business-slug>/privacy-policy.<format> (the default); flat: OUT/privacy-policy.<format>, a path that does not"
        " change with the business's name, for a site generator that includes it (one answer file only)",
    )
    build.add_argument(
        "--format", "-f", type=_formats, default=["md", "html", "json"], help=(
            "comma-separated formats: md, html, json, pdf, fragment (the HTML <article> alone, for a site's own page;"
            " writes its stylesheet privacy-policy.css too), css, annotated-html, annotated-md (default: md,html,json)"
        )
    )
    build.add_argument(
        "--ledger",
        action="store_true",
        help="give each clause in the JSON the answers and catalogue facts it rests on ('because') and the defaults it read ('defaults')",
    )
    build.add_argument(
        "--annotate",
        action="store_true",
        help="also write privacy-policy.annotated.html and .annotated.md: each clause with the answers it rests on and the requirements it covers, for review",
    )
    build.add_argument("--paper", choices=["a4", "letter"], default="a4", help="PDF paper size (default: a4)")
    build.add_argument(
        "--pdf-variant",
        choices=["pdf/ua-1", "pdf/a-3b"],
        default="pdf/ua-1",
        help="PDF standard: pdf/ua-1 (tagged for screen readers, the default) or pdf/a-3b (archival, also tagged)",
    )
    build.add_argument(
        "--markdown-flavour",
        choices=["commonmark", "python-markdown"],
        default="commonmark",
        help="how the Markdown marks section ids: commonmark (an <a id> anchor in each heading, for GitHub, GitLab and any CommonMark renderer; the default)"
        " or python-markdown ({#id} after each heading, for Python-Markdown's attr_list and MkDocs)",
    )
    build.add_argument("--allow-gaps", action="store_true", help="write the policy even when a required disclosure is missing, and list the gaps")
    build.add_argument(
        "--clauses", type=Path, action="append", default=[], metavar="DIR", help="a folder of your own clauses; they replace built-in clauses with the same id"
    )
    build.add_argument("--jobs", "-j", type=int, default=None, help="parallel jobs for many files (default: number of CPU cores)")
    build.add_argument("--force", action="store_true", help="rebuild even when the answers, clauses and templates have not changed since the last build")
    build.add_argument("--no-cache", action="store_true", help="do not read or write the disk cache of compiled clauses (POLICYGEN_NO_CACHE=1)")
    build.add_argument(
        "--quiet", "-q", action="store_true", help="print only problems: no progress, no 'wrote' lines, and the summary only when a file failed"
    )

    check = commands.add_parser("check", help="show which required disclosures each chosen law needs, and which are missing")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--quiet", "-q", action="store_true", help="print only the summary line per law")
    check.add_argument(
        "--today", type=_day, metavar="YYYY-MM-DD", help="count the requirements that start or end within 180 days from this day (default: today)"
    )
    check.add_argument("--no-cache", action="store_true", help="do not read or write the disk cache of compiled clauses (POLICYGEN_NO_CACHE=1)")

    applies = commands.add_parser(
        "applies",
        help="propose the laws that apply, each with its reason, from the threshold answers (or ask them)",
        description="Propose the jurisdictions whose laws apply, from an answer file's 'thresholds:' section or a file of threshold"
        " answers alone; on an answer file, say where its 'jurisdictions:' differ. Without FILE (or with --ask), ask the threshold questions.",
    )
    applies.add_argument("file", type=Path, metavar="FILE", nargs="?", help="an answer file, or a file of threshold answers alone")
    applies.add_argument("--ask", action="store_true", help="ask the threshold questions in the terminal (starting from FILE's answers, if given)")
    applies.add_argument("--out", type=Path, help="with --ask: write the threshold answers and the confirmed jurisdictions into this answer file")

    explain = commands.add_parser(
        "explain",
        help="show, per section and clause, which answers produced which statements",
        description="Print, per section and clause (its id and the requirements it covers), the answers and catalogue facts the clause rests on,"
        " the defaults it read (values the answer file does not give), and the first words of its text.",
    )
    explain.add_argument("files", nargs="+", type=Path, metavar="FILE", help="answer files (YAML)")
    explain.add_argument(
        "--clauses", type=Path, action="append", default=[], metavar="DIR", help="a folder of your own clauses; they replace built-in clauses with the same id"
    )
    explain.add_argument("--no-cache", action="store_true", help="do not read or write the disk cache of compiled clauses (POLICYGEN_NO_CACHE=1)")

    services = commands.add_parser("services", help="list and search the third-party services catalogue")
    services.add_argument("query", nargs="?", default="", help="words to search for in id, name, provider and purposes")
    services.add_argument("--kind", help="only services of this kind (payment, analytics, crm, ...)")
    services.add_argument("--format", choices=["text", "json"], default="text")

    commands.add_parser("schema", help="print the JSON Schema of answer files")

    wizard = commands.add_parser("wizard", help="answer questions in the terminal and write an answer file")
    wizard.add_argument("--answers", type=Path, help="start from this (partial) answer file")
    wizard.add_argument("--out", type=Path, default=Path("answers.yaml"), help="where to write the answer file (default: answers.yaml)")
    wizard.add_argument("--build", action="store_true", help="build the policy right after writing the answers")
    wizard.add_argument(
        "--defaults", action="store_true",
        help="ask nothing: accept every proposal and default, and write the file only if it then builds (for scripts and CI; "
        "what has no proposal, such as names, must be in --answers)",
    )  # fmt: skip
    wizard.add_argument("--ask", metavar="STEP", help="ask one step again (e.g. cookies, contacts), then go to the review")
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        from generator.batch.command import run_build

        return run_build(args)
    if args.command == "check":
        return _check(args)
    if args.command == "services":
        return _services(args)
    if args.command == "explain":
        return _explain(args)
    if args.command == "applies":
        return _applies(args)
    if args.command == "schema":
        from generator.answers.schema import answer_schema

        print(json.dumps(answer_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "wizard":
        from generator.wizard.session import run_wizard

        status: int = run_wizard(args)
        return status
    raise UsageError("no command given; try 'policygen --help'")


def _applies(args: argparse.Namespace) -> int:
    if args.ask or args.file is None:
        from generator.wizard.applies import ask_applies

        return ask_applies(args.file, args.out)
    if args.out is not None:
        raise UsageError("--out writes the answers of --ask; with a FILE alone, 'policygen applies' only prints the proposal")
    from generator.applicability import applicable_laws, format_applicability, load_applies_file

    answers, country, listed = load_applies_file(args.file)
    print(printable_lines(format_applicability(applicable_laws(answers, country), listed)))
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.pipeline import format_report, run

    results = [run(path, allow_gaps=True, today=args.today) for path in args.files]
    reports = [result.report for result in results]
    for result in results:
        if result.warning:
            print(printable(result.warning), file=sys.stderr)
    if args.format == "json":
        print(json.dumps([report.to_dict() for report in reports], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            print(printable_lines(format_report(report, verbose=not args.quiet)))
    return 1 if any(report.gaps for report in reports) else 0


def _day(text: str) -> dt.date:
    """A `--today` value: an ISO date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _explain(args: argparse.Namespace) -> int:
    from generator.pipeline import explain

    texts = [explain(path, clauses=args.clauses) for path in args.files]  # every file first: a bad one prints nothing
    print(printable_lines("\n\n".join("\n".join(lines) for lines in texts)))
    return 0


def _services(args: argparse.Namespace) -> int:
    from generator.library.services import KIND_LABELS, load_services

    if args.kind and args.kind not in KIND_LABELS:
        raise UsageError(f"unknown kind '{args.kind}'; accepted: {', '.join(KIND_LABELS)}")
    words = args.query.lower().split()
    found = []
    for service in load_services().values():
        haystack = " ".join([service.id, service.name, service.provider, service.kind, *service.purposes]).lower()
        if (not args.kind or service.kind == args.kind) and all(word in haystack for word in words):
            found.append(service)
    if args.format == "json":
        print(json.dumps([s.model_dump(mode="json", exclude={"custom"}) for s in found], indent=2, ensure_ascii=False))
    else:
        width = max((len(s.id) for s in found), default=2)
        for service in found:
            print(f"{service.id:<{width}}  {service.kind:<19}  {service.name} ({service.provider}, {service.country})")
        print(f"{len(found)} service{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Called without `argv` it is the program (`policygen`, `python -m generator`), which exits when it returns: its
    objects then go to the garbage collector's permanent generation, so the interpreter's exit does not scan them all
    once more (about 8 ms of a cold build; Python does not promise finalizers at exit anyway, and every file we
    write is closed by then).

    Exit status: 0 done, 1 a file failed or has gaps (or cannot be written), 2 bad usage or input,
    130 Ctrl-C, 141 stdout closed early (`policygen build ... | head`), 143 SIGTERM during a build.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    # Set before the library loads and the answer models are built; worker processes inherit them.
    settings = {_PLUGINS: os.environ.get(_PLUGINS, "__all__")}
    if getattr(args, "no_cache", False):
        settings["POLICYGEN_NO_CACHE"] = "1"
    with _environment(settings):
        status = _main(args)
    if argv is None:
        gc.freeze()  # the program ends here: no object needs the collector's last pass over the whole heap at exit
    return status


_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
"""Pydantic looks for plugins (which observe an application's own validation) by reading the entry points of every
installed distribution, about 4 ms of a cold start; the command line has no use for them, so it turns the search off
unless the user set this variable themselves."""


@contextlib.contextmanager
def _environment(settings: dict[str, str]) -> Iterator[None]:
    """Environment variables set for one command; called in-process (tests, embedders), the settings end with it."""
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _main(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except PolicyGenError as exc:
        if getattr(exc, "reason", None) in ("broken-pipe", "output-failed"):
            _silence_stdout()
        for message in exc.messages:
            _tell(f"policygen: {message}")
        return exc.exit_code
    except KeyboardInterrupt:
        _tell("policygen: interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 141


def _tell(line: str) -> None:
    """One line on stderr, if stderr can be written at all."""
    if sys.stderr is None:
        return
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After stdout failed (its reader went away, a full disk): point it at /dev/null, so the exit flush does not fail again."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
