"""Rendering that records what a template reads: the claims ledger's eyes (`generator/ledger.py`).

A tracking environment is one of `make_environment(..., tracking=True)`: the same filters,
escaping and (for a user's clauses) sandbox and limits, with three additions while a
`Recorder` is active (`recording`):

- every `obj.attr` and `obj[key]` (Jinja sends both through `environment.getattr` and
  `environment.getitem`, in templates and in filters such as `map(attribute=...)` and
  `selectattr`) on an object the recorder knows by path records that path and the
  attribute or index read (`children.minimum_age`, `data[0]`);
- every name a template reads from its context is recorded when it is used, not when Jinja
  loads it: Jinja loads all the names a block mentions at its start, also those of branches
  that never run, so the code generator wraps each use of a context name in
  `environment.policygen_name(name, value)`;
- nothing else changes: the same text comes out.

Tracking templates are compiled apart from the ones a build renders, so a normal build runs
exactly the code it always did.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.idtracking import VAR_LOAD_RESOLVE

_MISSING = object()


class Recorder:
    """What one render read: paths of known objects with the attribute or index read, and context names used.

    `paths` maps `id(obj)` to the object's path (`""` for the root, `data[0]`, `sharing`,
    `catalogue:stripe`); the objects must stay alive while the recorder is used. `names` is the
    context the template renders in: a name counts as read only when the value used is that
    context's value (a local `{% set %}` of the same name is not the context's).
    """

    __slots__ = ("names", "names_read", "paths", "reads")

    def __init__(self, paths: Mapping[int, str], names: Mapping[str, object]) -> None:
        self.paths = paths
        self.names = names
        self.reads: set[str] = set()
        self.names_read: set[str] = set()

    def clear(self) -> None:
        """Forget what was read so far (before the next clause)."""
        self.reads = set()
        self.names_read = set()

    def attribute(self, obj: object, attribute: str) -> None:
        """`obj.attribute` was read."""
        path = self.paths.get(id(obj))
        if path is not None:
            self.reads.add(f"{path}.{attribute}" if path else attribute)

    def item(self, obj: object, key: object) -> None:
        """`obj[key]` was read (a text key on a model is Jinja's fallback to its attribute)."""
        path = self.paths.get(id(obj))
        if path is None:
            return
        if isinstance(key, str):
            self.attribute(obj, key)
        elif isinstance(key, int) and not isinstance(key, bool) and isinstance(obj, list):
            index = key + len(obj) if key < 0 else key
            self.reads.add(f"{path}[{index}]" if 0 <= index < len(obj) else path)
        else:  # a slice, or a key of another type: the whole object
            self.reads.add(path)

    def name(self, name: str, value: object) -> None:
        """The context name `name` was used, with `value`."""
        if self.names.get(name, _MISSING) is value:
            self.names_read.add(name)


_RECORDER: ContextVar[Recorder | None] = ContextVar("policygen_recorder", default=None)


@contextlib.contextmanager
def recording(recorder: Recorder) -> Iterator[Recorder]:
    """Make `recorder` the one tracking environments record into, for the `with` block."""
    token = _RECORDER.set(recorder)
    try:
        yield recorder
    finally:
        _RECORDER.reset(token)


class TrackingCodeGenerator(CodeGenerator):
    """Jinja's code generator, wrapping each use of a name read from the context in `environment.policygen_name`.

    Mixed in before the environment's own code generator (Jinja's, or the bounded one of a
    user's clauses).
    """

    def visit_Name(self, node: nodes.Name, frame: Frame) -> None:
        """A name: as Jinja writes it, inside `environment.policygen_name(name, ...)` when it is loaded from the context."""
        if node.ctx == "load":
            load = frame.symbols.find_load(frame.symbols.ref(node.name))
            if load is not None and load[0] == VAR_LOAD_RESOLVE:
                self.write(f"environment.policygen_name({node.name!r}, ")
                super().visit_Name(node, frame)
                self.write(")")
                return
        super().visit_Name(node, frame)


class TrackingMixin:
    """Mixed in before an `Environment` class: attribute, item and name reads go to the active `Recorder`."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute`, recorded."""
        value = super().getattr(obj, attribute)  # type: ignore[misc]
        recorder = _RECORDER.get()
        if recorder is not None:
            recorder.attribute(obj, attribute)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        """`obj[argument]`, recorded."""
        value = super().getitem(obj, argument)  # type: ignore[misc]
        recorder = _RECORDER.get()
        if recorder is not None:
            recorder.item(obj, argument)
        return value

    @staticmethod
    def policygen_name(name: str, value: Any) -> Any:
        """The context name `name` used with `value`, recorded; returns `value`."""
        recorder = _RECORDER.get()
        if recorder is not None:
            recorder.name(name, value)
        return value
