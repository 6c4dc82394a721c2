"""The plain environment of the built-in clauses and page templates: Jinja's, with cheaper compiled code.

The built-in clauses are our own code and render in a plain `jinja2.Environment`. A policy
prints about 800 values, reads about 800 attributes and loads about 450 context names through
it, and Jinja's code generator writes each of these as a call: `escape(value)` (which builds a
`Markup` object, two more Python calls, only for the text to be joined into the output a moment
later) or `str(environment.finalize(value))`, `environment.getattr(obj, "attr")`,
`resolve("name")`. `PlainCodeGenerator` writes the same lookups and output with less work:

- printing, HTML: a plain `str` is escaped by MarkupSafe's C escaping directly, a `Markup`
  value is printed as it is (what `escape` gives for it), and anything else goes through
  `html_text`, `escape`'s steps without its `Markup` objects (numbers, objects with `__html__`,
  an undefined value, which raises as before);
- printing, Markdown: a `MarkdownText` is printed as it is (what `escape_markdown` gives for
  it), a `str` escaped before is taken from `escape_markdown`'s cache (`escaped_before`, a
  dictionary lookup), anything else goes to `escape_markdown` directly, without the `str()` copy
  of its result (a `str` already) or the `environment.finalize` lookup;
- an attribute `obj.attr` is Python's `getattr(obj, "attr", missing)` inline, and
  `environment.getattr` (which then tries `obj["attr"]`, then gives an undefined value) only
  when that finds nothing: what `environment.getattr` itself does first;
- a name is loaded at the start of its block or function with the lookups
  `context.resolve_or_missing` makes (the context's own variables, then its parent), inline;
- each filter and test a template uses is looked up once, when the template is loaded, not at
  the start of every block (our environments get all their filters and tests before they
  compile anything; a missing one still fails when it is called, as in Jinja).

The text is the same character for character (`tests/test_plain_code.py`); printed pieces are
only ever joined (a block's output, a macro's or `{% set %}` block's buffer), so their type does
not matter. Everything else (items, filters, tests, calls, names in a derived context such as a
`{% with %}` block's) is Jinja's own code. `PlainEnvironment` also holds Jinja's async-capable
filters as their sync functions and gives each template its globals as a plain dict, and its
`PlainContext` makes the map of blocks only when something reads it. A user's clauses never render here: they render in
the sandbox (`generator/templating/bounded.py`), and the claims ledger's tracking environments
keep Jinja's code generator (`generator/templating/tracking.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from types import BuiltinFunctionType, FunctionType, MethodDescriptorType, MethodType, MethodWrapperType, WrapperDescriptorType
from typing import Any

from jinja2 import Environment, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.idtracking import VAR_LOAD_RESOLVE
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Macro

from generator.templating.filters import MarkdownText, escape_markdown, escape_str, escaped_before, html_text


class PlainCodeGenerator(CodeGenerator):
    """Jinja's code generator, with the cheaper lookups and printing the module's docstring describes.

    The generated code binds the helpers (`environment.policygen_escape_str`, ...) once, at its
    top, as module globals.
    """

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        """Bind the printing helpers as module globals of the generated code, then Jinja's module, then the filters and tests."""
        self.writeline("policygen_escape_str = environment.policygen_escape_str")
        self.writeline("policygen_html_text = environment.policygen_html_text")
        self.writeline("policygen_escape_markdown = environment.policygen_escape_markdown")
        self.writeline("policygen_escaped_before = environment.policygen_escaped_before")
        self.writeline("policygen_markdown_text = environment.policygen_markdown_text")
        found = {"filters": sorted({f.name for f in node.find_all(nodes.Filter)}), "tests": sorted({t.name for t in node.find_all(nodes.Test)})}
        for kind, names in found.items():
            id_map = self.filters if kind == "filters" else self.tests
            for name in names:
                id_map[name] = self.temporary_identifier()
        super().visit_Template(node, frame)
        for kind, names in found.items():
            id_map = self.filters if kind == "filters" else self.tests
            for name in names:
                self.writeline("try:")
                self.indent()
                self.writeline(f"{id_map[name]} = environment.{kind}[{name!r}]")
                self.outdent()
                self.writeline("except KeyError:")
                self.indent()
                self.writeline("@internalcode")
                self.writeline(f"def {id_map[name]}(*unused):")
                self.indent()
                self.writeline(f'raise TemplateRuntimeError("No {kind[:-1]} named {name!r} found.")')
                self.outdent()
                self.outdent()

    def pull_dependencies(self, nodes: Iterable[nodes.Node]) -> None:
        """Nothing per function: `visit_Template` looks every filter and test up once, at the end of the module."""

    def enter_frame(self, frame: Frame) -> None:
        """Load each name a frame reads from the template's context inline, as `context.resolve_or_missing` would."""
        if self.get_resolve_func() != "resolve":  # a derived context: Jinja's code
            super().enter_frame(frame)
            return
        for target, (action, param) in frame.symbols.loads.items():
            if action == VAR_LOAD_RESOLVE:
                name = repr(param)
                found = f"context.vars[{name}] if {name} in context.vars else context.parent[{name}] if {name} in context.parent else missing"
                self.writeline(f"{target} = {found}")
        loads = frame.symbols.loads
        frame.symbols.loads = {target: load for target, load in loads.items() if load[0] != VAR_LOAD_RESOLVE}
        try:
            super().enter_frame(frame)
        finally:
            frame.symbols.loads = loads

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        """`obj.attr`: Python's attribute lookup inline, and `environment.getattr` (item lookup, then undefined) only when it fails."""
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        self.write("(policygen_found if (policygen_found := getattr((policygen_object := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.getattr(policygen_object, {node.attr!r}))")

    def _markdown(self, frame: Frame) -> bool:
        return not frame.eval_ctx.volatile and not frame.eval_ctx.autoescape and self.environment.finalize is escape_markdown

    def _html(self, frame: Frame) -> bool:
        return not frame.eval_ctx.volatile and frame.eval_ctx.autoescape and self.environment.finalize is None

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._html(frame):
            self.write("(policygen_escape_str(policygen_value) if type(policygen_value := ")
        elif self._markdown(frame):
            self.write("(policygen_value if type(policygen_value := ")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._html(frame):
            self.write(") is str else policygen_value if type(policygen_value) is Markup else policygen_html_text(policygen_value))")
        elif self._markdown(frame):
            self.write(") is policygen_markdown_text else policygen_escaped if type(policygen_value) is str")
            self.write(" and (policygen_escaped := policygen_escaped_before(policygen_value)) is not None else policygen_escape_markdown(policygen_value))")
        else:
            super()._output_child_post(node, frame, finalize)


_Block = Callable[[Context], Iterator[str]]


class PlainContext(Context):
    """Jinja's `Context`, which makes its map of blocks (`context.blocks`) only when something reads it.

    A new context copies every block of its template into a list of its own (template
    inheritance adds parent blocks to them). A clause group's template has a block per clause,
    about 125, and a policy renders in two new contexts: that copy was about 5 % of rendering a
    policy, for a map that only `self.name()`, `super()` and inheritance read, which our clauses
    do not use. Made when first read, it is the same map.
    """

    def __init__(
        self, environment: Environment, parent: dict[str, Any], name: str | None, blocks: dict[str, _Block], globals: MutableMapping[str, Any] | None = None
    ) -> None:
        super().__init__(environment, parent, name, {}, globals)
        self._policygen_template_blocks = blocks
        self._policygen_blocks: dict[str, list[_Block]] | None = None

    @property
    def blocks(self) -> dict[str, list[_Block]]:
        """The blocks by name, each a list (the template's own first, then those of the templates it extends)."""
        if self._policygen_blocks is None:
            self._policygen_blocks = {name: [block] for name, block in self._policygen_template_blocks.items()}
        return self._policygen_blocks

    @blocks.setter
    def blocks(self, value: dict[str, list[_Block]]) -> None:
        self._policygen_blocks = value

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own names, so no keyword argument can clash
        """Jinja's `Context.call` (every call a template makes: a macro, `data.index(item)`), a callable that takes no context at once.

        Jinja asks each callable (and its `__call__`) whether one of its `pass_*` decorators marks it, two attribute lookups
        that fail for nearly every call. A macro, a built-in function or method, or a Python function without the mark takes
        nothing, so it is called as Jinja would call it then; anything else goes to Jinja's `call`.
        """
        kind = type(__obj)
        if kind in _UNMARKED or (kind in _MARKABLE and not hasattr(__obj, "jinja_pass_arg")):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


_UNMARKED = frozenset({Macro, BuiltinFunctionType, MethodWrapperType, MethodDescriptorType, WrapperDescriptorType})
"""Callables that cannot carry a `pass_*` mark: Jinja's macros (the class has none) and built-ins (which take no attributes)."""
_MARKABLE = frozenset({FunctionType, MethodType})
"""Python functions and bound methods: marked when the function is (Jinja looks no further for them: their `__call__` is a built-in)."""


_NO_STR_ITEMS: dict[type, bool] = {}
_SEQUENCE_ITEMS = (str.__getitem__, list.__getitem__, tuple.__getitem__)


def _no_str_items(kind: type) -> bool:
    """Whether `obj[key]` raises TypeError for every instance `obj` of `kind` and every `str` key (worked out once per type)."""
    found = _NO_STR_ITEMS.get(kind)
    if found is None:
        method = getattr(kind, "__getitem__", None)
        found = _NO_STR_ITEMS[kind] = not issubclass(kind, type) and (method is None or method in _SEQUENCE_ITEMS)
    return found


class PlainEnvironment(Environment):
    """`jinja2.Environment` with `PlainCodeGenerator` and `PlainContext`: for our own templates, never a user's.

    Jinja's filters that also have an async form (`map`, `select`, `list`, `first`, ...) are wrappers that ask the
    environment on every call which form to run; this environment is never async, so it holds their sync functions
    (what each wrapper's `__wrapped__` names, and what it calls here).
    """

    code_generator_class = PlainCodeGenerator
    context_class = PlainContext
    policygen_escape_str = staticmethod(escape_str)
    policygen_html_text = staticmethod(html_text)
    policygen_escape_markdown = staticmethod(escape_markdown)
    policygen_escaped_before = staticmethod(escaped_before)
    policygen_markdown_text = MarkdownText

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        if not self.is_async:
            self.filters.update({name: f.__wrapped__ for name, f in self.filters.items() if getattr(f, "jinja_async_variant", False)})

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Jinja's `getitem` (the item, else the attribute, else undefined), without its failed `obj[argument]` when that must fail.

        `selectattr`, `rejectattr`, `map(attribute=...)` and `sort(attribute=...)` read each item's attribute through
        `getitem`, which tries `obj[argument]` first: for an answer model or a service, an exception raised and caught per
        item. An object whose type has no `__getitem__` (and is not a class, which `__class_getitem__` may serve), or a
        `str`, list or tuple asked for a `str` key, cannot give the item, so the attribute is what `getitem` would return.
        """
        if type(argument) is str:
            no_items = _NO_STR_ITEMS.get(type(obj))
            if no_items is None:
                no_items = _no_str_items(type(obj))
            if no_items:
                try:
                    return getattr(obj, argument)
                except AttributeError:
                    return self.undefined(obj=obj, name=argument)
        try:
            return obj[argument]
        except (AttributeError, TypeError, LookupError):
            return super().getitem(obj, argument)  # the attribute, else undefined (asking for the item once more)

    def call_filter(
        self,
        name: str,
        value: Any,
        args: Sequence[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
        context: Context | None = None,
        eval_ctx: EvalContext | None = None,
    ) -> Any:
        """Jinja's `call_filter` (what `map("lower")` calls per item), a filter without a `pass_*` decorator called at once.

        Such a filter takes no context, eval context or environment, so the argument lists Jinja builds to add them are not made.
        """
        func: Any = self.filters.get(name) if type(name) is str else None
        if func is not None and not hasattr(func, "jinja_pass_arg"):
            return func(value, *(args or ()), **(kwargs or {}))
        return super().call_filter(name, value, args, kwargs, context, eval_ctx)

    def call_test(
        self,
        name: str,
        value: Any,
        args: Sequence[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
        context: Context | None = None,
        eval_ctx: EvalContext | None = None,
    ) -> Any:
        """Jinja's `call_test` (what `select("in", ...)` and `selectattr(..., "equalto", ...)` call per item), as `call_filter`."""
        func: Any = self.tests.get(name) if type(name) is str else None
        if func is not None and not hasattr(func, "jinja_pass_arg"):
            return func(value, *(args or ()), **(kwargs or {}))
        return super().call_test(name, value, args, kwargs, context, eval_ctx)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as a dict made when it loads, not Jinja's `ChainMap` over the environment's globals.

        Every new context copies its template's globals: from a `ChainMap` that copy runs Python code per key (about
        40,000 instructions a context, a policy makes six). Our environments get their globals before they load any
        template (Jinja's documentation asks that of every environment), so the snapshot is the same map.
        """
        return {**self.globals, **(d or {})}
