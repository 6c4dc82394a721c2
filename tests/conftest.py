"""Shared test fixtures: the checkout's paths, every example built once per session, and fresh-process builds.

`examples` (session scope) is the one root fixture for the shipped example answer files: each
`examples/*.yaml` is loaded, rendered, exported to Markdown, HTML (page and fragment) and JSON,
and checked once per test session; its PDF is rendered the first time a test asks for it, then kept.
Tests read these builds and must not change them: at the end of the session the fixture compares
every build with a fingerprint taken when it was made, and fails the run when a test mutated one.

`fresh_process_build` runs `python -m generator build` in a subprocess with a chosen environment
("machine") and keeps each distinct run's output for the session, so tests that compare the same
fresh-process build (determinism across machines, in-process against fresh process) share one run.
The runs a selected test names in `@pytest.mark.fresh_builds(...)` start in one background process
as the session starts, so they are built (on the second core) by the time the test reads them;
`fresh_process_call` does the same for a test module's function (`@pytest.mark.fresh_calls(...)`),
for self-contained slow work such as rendering PDFs and reading them.

`limited_cli` runs the command line (`generator.cli.main`) in a worker subprocess whose address space
is limited (`resource.RLIMIT_AS`), so a clause that should be refused but is not fails its test with a
MemoryError instead of exhausting the machine; one worker per limit serves every run of the session
(a run costs the build, not an interpreter start-up and imports), and a worker that dies is replaced.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import settings

from generator.answers.load import load_answers
from generator.answers.model import Answers
from generator.check import Report, check_policy
from generator.export.formats import to_html, to_json, to_markdown
from generator.policy import Policy
from generator.render import build_policy

# Where the environment says not to write bytecode (PYTHONDONTWRITEBYTECODE), every Python process the suite starts (some
# two hundred: builds, batch workers, wizards, the pytest process beside) would compile the package and its tests from
# source again; the session keeps their bytecode instead, outside the checkout, in a folder of this user's own cache
# (modules imported before this point compile as before). Python checks each file's bytecode against the source's time
# and size, so an edited module is compiled again.
if os.environ.get("PYTHONDONTWRITEBYTECODE"):
    _PYCACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policygen-tests" / "pycache"
    with contextlib.suppress(OSError):
        _PYCACHE.mkdir(mode=0o700, parents=True, exist_ok=True)
        if _PYCACHE.stat().st_uid == os.getuid() and not _PYCACHE.stat().st_mode & 0o022:
            del os.environ["PYTHONDONTWRITEBYTECODE"]
            os.environ["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
            sys.dont_write_bytecode = False
            sys.pycache_prefix = str(_PYCACHE)

# "Today" is fixed for the session and every process it starts (generator.schedule.TODAY): which requirements of the law pack
# `policygen check` lists as starting within 180 days depends on it, and no test may depend on the calendar.
os.environ["POLICYGEN_TODAY"] = "2026-12-01"

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
FreshCall = Callable[[str], Any]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fresh_builds(*runs): the fresh_process_build runs, (machine, inputs, formats), the test reads; "
        "when it is selected they start in the background as the session starts",
    )
    config.addinivalue_line(
        "markers",
        "fresh_calls(*names): the fresh_process_call results, 'test_module.function', the test reads; "
        "when it is selected they start in the background as the session starts",
    )
    config.addinivalue_line(
        "markers",
        "beside: the test spends most of its time waiting for processes it starts; in a session that also has other "
        "tests it runs in a second pytest process, beside them, from the start (docs/testing.md)",
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--no-beside", action="store_true", help="run the tests marked 'beside' in this process, in their place, too")


# Runs the commands it is given (JSON on stdin: out path, environment, command), one after another, and writes each
# one's exit status and stderr next to its out path when it ends.
_DRIVER = r"""
import json, subprocess, sys
for out, env, command in json.load(sys.stdin):
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    with open(out + ".status", "w", encoding="utf-8") as handle:
        json.dump([done.returncode, done.stderr], handle)
"""

# A `fresh_calls` function: `module.function()` of a test module, imported in a fresh process, its result as JSON.
_CALL = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
module, function = sys.argv[2].rsplit(".", 1)
result = getattr(__import__(module), function)()
with open(sys.argv[3], "w", encoding="utf-8") as handle:
    json.dump(result, handle)
"""

_Key = tuple[Any, ...]  # ("build", machine, inputs, formats) or ("call", "test_module.function")


class _Background:
    """Work done in fresh processes for a session: what the selected tests' marks plan runs in one background process,
    in turn, while the tests run here (on a machine with two cores, beside them); anything else when a test asks."""

    def __init__(self, folder: Path, planned: list[_Key]) -> None:
        self.folder = folder
        self.outs: dict[_Key, Path] = {}
        self.results: dict[_Key, Any] = {}
        jobs = [self._job(key) for key in dict.fromkeys(planned)]
        self.started = time.time()
        self.driver = None
        if jobs:  # in a session of its own, so that the end of the test session ends the work under way too
            self.driver = subprocess.Popen([sys.executable, "-c", _DRIVER], stdin=subprocess.PIPE, cwd=ROOT, text=True, start_new_session=True)
            assert self.driver.stdin is not None
            self.driver.stdin.write(json.dumps(jobs))
            self.driver.stdin.close()

    def _job(self, key: _Key) -> tuple[str, dict[str, str], list[str]]:
        out = self.folder / f"{len(self.outs):02d}-{key[1]}"
        self.outs[key] = out
        if key[0] == "call":
            return str(out), dict(os.environ), [sys.executable, "-c", _CALL, str(ROOT / "tests"), key[1], str(out)]
        _, machine, inputs, formats = key
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONHASHSEED", "TZ", "LANG", "SOURCE_DATE_EPOCH"))}
        env.update(MACHINES[machine])
        command = [sys.executable, "-m", "generator", "build", *map(str, inputs), "--out", str(out), "--allow-gaps", "--force", "--format", formats]
        return str(out), env, command

    def _wait(self, key: _Key) -> Path:
        """The out path of `key`'s work, once it ended well (planned work is waited for; any other runs now)."""
        if key not in self.outs:
            out, env, command = self._job(key)
            done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
            Path(out + ".status").write_text(json.dumps([done.returncode, done.stderr]), encoding="utf-8")
        out_path = self.outs[key]
        status = out_path.with_name(out_path.name + ".status")
        deadline = time.monotonic() + 600
        while not status.exists():
            assert self.driver is not None and self.driver.poll() is None, f"the background work ended before {key}"
            assert time.monotonic() < deadline, f"the background work {key} took more than 600 s"
            time.sleep(0.05)
        returncode, stderr = json.loads(status.read_text(encoding="utf-8"))
        assert returncode == 0, f"{key} exited {returncode}:\n{stderr}"
        return out_path

    def build(self, machine: str, inputs: tuple[Path, ...], formats: str) -> dict[Path, bytes]:
        key = ("build", machine, inputs, formats)
        if key not in self.results:
            out = self._wait(key)
            self.results[key] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}
        return dict(self.results[key])

    def call(self, name: str) -> Any:
        key = ("call", name)
        if key not in self.results:
            self.results[key] = json.loads(self._wait(key).read_text(encoding="utf-8"))
        return self.results[key]

    def summary(self) -> str | None:
        """When the planned work ended, counted from the start of the session's background work (None if it has not)."""
        statuses = [out.with_name(out.name + ".status") for out in self.outs.values()]
        if self.driver is None or not all(path.exists() for path in statuses):
            return None
        ended = max(path.stat().st_mtime for path in statuses) - self.started
        return f"background work ({len(statuses)} runs in fresh processes) done {ended:.1f} s after it started"

    def close(self) -> None:
        if self.driver is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.driver.pid, signal.SIGKILL)
            self.driver.wait()


@pytest.fixture(scope="session", autouse=True)
def _background(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Background]:
    """Starts, as the session starts, the work the selected tests' `fresh_builds` and `fresh_calls` marks name."""
    planned: list[_Key] = []
    for item in request.session.items:
        if isinstance(item, BesideItem):
            continue  # the pytest process beside this one runs it, and what it reads
        planned += [("build", *run) for mark in item.iter_markers("fresh_builds") for run in mark.args]
        planned += [("call", name) for mark in item.iter_markers("fresh_calls") for name in mark.args]
    background = _Background(tmp_path_factory.mktemp("fresh"), planned)
    request.config.stash[_BACKGROUND] = background
    yield background
    background.close()


@pytest.fixture(scope="session")
def fresh_process_build(_background: _Background) -> FreshBuild:
    """`build(machine, inputs, formats)`: the files `python -m generator build` writes in a fresh process on that
    machine (`MACHINES`), by path under --out; each distinct run happens once per session (a test that reads one
    names it in `@pytest.mark.fresh_builds(...)`, so that it is ready, built in the background, when the test runs)."""
    return _background.build


@pytest.fixture(scope="session")
def fresh_process_call(_background: _Background) -> FreshCall:
    """`call("test_module.function")`: what the function returns (JSON data) when a fresh process imports the test module
    and calls it, once per session; a test that reads one names it in `@pytest.mark.fresh_calls(...)`, so that it is
    computed in the background, beside the tests before it. For slow, self-contained work: PDFs and what is read from them."""
    return _background.call


@dataclass(frozen=True)
class LimitedRun:
    """What one command line run in a `limited_cli` worker did."""

    status: int | None  # main()'s exit status; None when the worker died or ran out of time
    stdout: str
    stderr: str  # with the traceback of an exception main() let through, or what a dying worker printed
    seconds: float  # wall time of the run in the worker


# The worker: limit its address space before anything is imported, then run each command line it reads on stdin
# (JSON: the arguments) with stdout and stderr captured, and answer on the original stdout. Anything written to the
# file descriptors themselves (not through sys.stdout/stderr) goes to the worker's stderr file.
_WORKER = r"""
import io, json, os, resource, sys, time, traceback
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
from generator.cli import main
for line in sys.stdin:
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    started = time.monotonic()
    try:
        status = main(json.loads(line))
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        status = None
        err.write(traceback.format_exc())
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    answers.write(json.dumps([status, out.getvalue(), err.getvalue(), time.monotonic() - started]) + "\n")
    answers.flush()
"""


class _Worker:
    def __init__(self, limit: int, env: dict[str, str]) -> None:
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(limit)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, cwd=ROOT, env=env, text=True
        )

    def run(self, args: list[str], timeout: float) -> LimitedRun | None:
        """The run's result, or None when the worker died or ran out of time (it is then ended)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(json.dumps(args) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            return None
        status, stdout, stderr, seconds = json.loads(line)
        return LimitedRun(status, stdout, stderr, seconds)

    def end(self) -> str:
        """End the worker; what it wrote to its stderr."""
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self.log.seek(0)
        text = self.log.read().decode("utf-8", "replace")
        self.log.close()
        return text


LimitedCli = Callable[..., LimitedRun]


def _link_or_copy(source: str, target: str) -> None:
    """A hard link (the cache writes a new file and renames it, never into an old one), or a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@pytest.fixture(scope="session")
def limited_cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LimitedCli]:
    """`run(args, limit=1 GiB, timeout=60)`: `main(args)` in a worker subprocess with `limit` bytes of address space.

    The workers use a compile cache of their own for the session, so a run reads our templates' compiled code
    instead of compiling it again, and nothing of a test's clauses reaches the user's cache. It starts as a copy of the
    user's cache (which this process has filled with the built-in library by then): the first run does not compile
    the whole library again."""
    from generator.templating.cache import cache_dir

    folder = tmp_path_factory.mktemp("limited-cache")
    users = cache_dir()
    if users is not None and users.is_dir():
        shutil.copytree(users, folder, copy_function=_link_or_copy, dirs_exist_ok=True)
    env = {**os.environ, "POLICYGEN_CACHE_DIR": str(folder)}
    env.pop("POLICYGEN_NO_CACHE", None)
    workers: dict[int, _Worker] = {}

    def run(args: list[str], limit: int = 1024**3, timeout: float = 60) -> LimitedRun:
        worker = workers.get(limit) or workers.setdefault(limit, _Worker(limit, env))
        started = time.monotonic()
        result = worker.run([str(arg) for arg in args], timeout)
        if result is None:
            log = workers.pop(limit).end()
            return LimitedRun(None, "", f"the worker died or ran past {timeout} s:\n{log}", time.monotonic() - started)
        return result

    yield run
    for worker in workers.values():
        worker.end()


@pytest.fixture
def root() -> Path:
    return ROOT


# Tests marked `beside` -----------------------------------------------------------------------------------------------
#
# A test that mostly waits for the processes it starts (signals sent to a batch, kill -9, the wheel, a pseudo-terminal,
# mkdocs and Sphinx builds) leaves this process's core idle while it waits. When a session selects such tests and
# others, the marked ones run in a second pytest process started as collection ends, and each takes its place at the end
# of this session's run as a stand-in that waits for that process's report of it and passes, fails (with the report's
# text and captured output) or skips as the test did there. `--no-beside` runs them here instead.

_BESIDE_REPORTS = "POLICYGEN_TESTS_BESIDE_REPORTS"
"""Set in the second process: the file it appends each test report to, one JSON line each."""
_BESIDE = pytest.StashKey["_Beside"]()
_BACKGROUND = pytest.StashKey[_Background]()


def _beside_text(report: pytest.TestReport) -> str:
    text = report.longreprtext
    for title, content in report.sections:
        text += f"\n{'-' * 20} {title} {'-' * 20}\n{content}"
    return text


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    reports = os.environ.get(_BESIDE_REPORTS)
    if reports:  # the second process: tell the first how each phase of each test went
        reason = ""
        if report.skipped and isinstance(report.longrepr, tuple):
            path, lineno, why = report.longrepr
            reason = f"{why} (in the pytest process beside, at {path}:{lineno})"
        line = {"nodeid": report.nodeid, "when": report.when, "outcome": report.outcome, "text": _beside_text(report), "reason": reason}
        with Path(reports).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")


class _Beside:
    """The second pytest process and the reports it has written so far."""

    def __init__(self, config: pytest.Config, nodeids: list[str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="policygen-beside-"))
        self.reports_path = self.folder / "reports.jsonl"
        self.reports_path.touch()
        self.log = (self.folder / "output.txt").open("wb")
        self.nodeids = nodeids
        self.reports: dict[str, list[dict[str, str]]] = {}
        self.done: set[str] = set()
        self._offset = 0
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header", "--durations=0", "--durations-min=1"]
        basetemp = config.getoption("basetemp")
        if basetemp:  # a folder of its own: this session empties its own when it starts using it
            command += ["--basetemp", f"{basetemp}-beside"]
        env = {**os.environ, _BESIDE_REPORTS: str(self.reports_path)}
        self.process = subprocess.Popen([*command, *nodeids], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def _read(self) -> None:
        with self.reports_path.open("rb") as handle:
            handle.seek(self._offset)
            data = handle.read()
        complete = data[: data.rfind(b"\n") + 1]
        self._offset += len(complete)
        for line in complete.decode("utf-8").splitlines():
            report = json.loads(line)
            self.reports.setdefault(report["nodeid"], []).append(report)
            if report["when"] == "teardown":
                self.done.add(report["nodeid"])

    def wait(self, nodeid: str) -> list[dict[str, str]]:
        """The reports (setup, call, teardown) of the test `nodeid`, once the second process has run it."""
        deadline = time.monotonic() + 1200
        while True:
            ended = self.process.poll() is not None
            self._read()
            if nodeid in self.done:
                return self.reports[nodeid]
            if ended:
                status = self.process.returncode
                pytest.fail(f"the pytest process beside this one ended (status {status}) before it ran {nodeid}:\n{self.output()}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"the pytest process beside this one had not run {nodeid} after 1200 s:\n{self.output()}", pytrace=False)
            time.sleep(0.02)

    def output(self, tail: int = 20000) -> str:
        """The end of what the second process printed (its last `tail` characters)."""
        self.log.flush()
        return (self.folder / "output.txt").read_text(encoding="utf-8", errors="replace")[-tail:]

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()


class BesideItem(pytest.Item):
    """A test marked `beside`, in this session: the outcome the second pytest process reports for it."""

    def __init__(self, *, test: pytest.Item, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test
        self.add_marker("beside")

    def runtest(self) -> None:
        reports = self.config.stash[_BESIDE].wait(self.nodeid)
        failed = [report for report in reports if report["outcome"] == "failed"]
        if failed:
            pytest.fail("\n\n".join(f"(in the pytest process beside, {report['when']})\n{report['text']}" for report in failed), pytrace=False)
        skipped = [report for report in reports if report["outcome"] == "skipped"]
        if skipped:
            pytest.skip(skipped[0]["reason"] or "skipped in the pytest process beside")

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.test.reportinfo()


def _reads_background(item: pytest.Item) -> bool:
    return any(True for name in ("fresh_builds", "fresh_calls") for _ in item.iter_markers(name))


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what they leave out
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("collectonly") or hasattr(config, "workerinput"):
        return
    # The tests that read work done in the background run last, so that it has the whole session to be done by then.
    items[:] = [item for item in items if not _reads_background(item)] + [item for item in items if _reads_background(item)]
    if os.environ.get(_BESIDE_REPORTS) or config.getoption("no_beside"):
        return
    beside = [item for item in items if item.get_closest_marker("beside")]
    if not beside or len(beside) == len(items):
        return  # nothing to run beside, or nothing else to run: no second process
    config.stash[_BESIDE] = _Beside(config, [item.nodeid for item in beside])
    stand_ins = [BesideItem.from_parent(item.parent, name=item.name, test=item) for item in beside]
    items[:] = [item for item in items if not item.get_closest_marker("beside")] + stand_ins


def pytest_unconfigure(config: pytest.Config) -> None:
    beside = config.stash.get(_BESIDE, None)
    if beside is not None:
        beside.close()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    beside = config.stash.get(_BESIDE, None)
    if beside is not None and len(beside.done) == len(beside.nodeids):
        with contextlib.suppress(subprocess.TimeoutExpired):
            beside.process.wait(timeout=60)  # it has run every test: it is writing its summary
    if beside is not None and beside.process.poll() is not None:
        lines = beside.output(tail=10**7).strip().splitlines()
        if config.getoption("durations") is not None:
            slowest = [line for line in lines if re.search(r"[0-9.]+s (setup|call|teardown) +tests/", line)]
            terminalreporter.write_line("slowest durations of the tests run beside (1 s and more):")
            for line in slowest:
                terminalreporter.write_line(line)
        terminalreporter.write_line(f"tests run beside, in a second pytest process: {lines[-1] if lines else '(no output)'}")
    background = config.stash.get(_BACKGROUND, None)
    if background is not None and background.summary():
        terminalreporter.write_line(str(background.summary()))
