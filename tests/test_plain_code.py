"""The plain environment's compiled code (`generator/templating/plain.py`) prints what Jinja's own code prints."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, StrictUndefined, Undefined, UndefinedError, pass_context
from jinja2.defaults import DEFAULT_FILTERS
from markupsafe import Markup, escape

from generator.templating.environment import make_environment
from generator.templating.filters import MarkdownText, escape_str, html_text
from generator.templating.plain import PlainEnvironment


class Html:
    def __html__(self) -> str:
        return "<b>own</b>"

    def __repr__(self) -> str:  # a stable test id, the same in every process
        return "Html()"


TEMPLATE = (
    "{{ value }}|{{ value ~ '&' }}|{{ value | string }}|{% set captured %}[{{ value }}]{% endset %}{{ captured }}"
    "|{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{{ twice(value) }}|{% for item in [value, value] %}{{ item }}{% endfor %}"
)
VALUES: list[Any] = ["plain", "<a href='x'>&amp; \"q\"</a>", Markup("<em>safe</em>"), MarkdownText("**md**"), 42, 1.5, None, True, Html()]
VALUES += [dt.date(2026, 3, 5), ["a", "<b>"], {"k": "<v>"}, "# heading\n- item", "www.example.com"]


def stock(fmt: str) -> Environment:
    """The same environment with Jinja's own code generator."""
    plain = make_environment(fmt)  # type: ignore[arg-type]
    env = Environment(autoescape=plain.autoescape, undefined=StrictUndefined, finalize=plain.finalize, trim_blocks=True, lstrip_blocks=True)
    env.filters.update((name, f) for name, f in plain.filters.items() if name not in DEFAULT_FILTERS)  # Jinja's own filters as they are
    env.tests, env.globals = plain.tests, plain.globals
    return env


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_value_prints_as_with_jinjas_code(fmt: str, value: Any) -> None:
    plain = make_environment(fmt)  # type: ignore[arg-type]
    assert isinstance(plain, PlainEnvironment)
    assert html_text(value) == str(escape(value))
    assert plain.from_string(TEMPLATE).render(value=value) == stock(fmt).from_string(TEMPLATE).render(value=value)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_undefined_value_still_fails_to_print(fmt: str) -> None:
    with pytest.raises(UndefinedError, match="'missing' is undefined"):
        make_environment(fmt).from_string("{{ missing }}").render()  # type: ignore[arg-type]
    with pytest.raises(UndefinedError, match="has no attribute 'nothing'"):
        make_environment(fmt).from_string("{{ value.nothing }}").render(value="text")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escape_str_is_markupsafes_escape(text: str) -> None:
    assert escape_str(text) == str(escape(text))
    html = make_environment("html")
    assert html.from_string("{{ value }}").render(value=text) == stock("html").from_string("{{ value }}").render(value=text)


def test_blocks_self_and_inheritance_work_as_in_jinja() -> None:
    sources = {
        "base": "{% block a %}A{% endblock %}|{% block b %}[{{ self.a() }}]{% endblock %}",
        "child": "{% extends 'base' %}{% block a %}a{{ super() }}{% endblock %}",
    }
    plain = make_environment("md", loader=DictLoader(sources))
    env = stock("md")
    env.loader = DictLoader(sources)
    for name in sources:
        assert plain.get_template(name).render() == env.get_template(name).render()
    assert plain.get_template("child").render() == "aA|[aA]"
    base = plain.get_template("base")
    assert "".join(base.blocks["b"](base.new_context({}))) == "[A]"  # a block rendered alone, as the clauses are


class Odd:
    """Attributes Jinja looks up in every way: a plain one, a property failing with AttributeError, one only as an item."""

    plain = "<p>"

    @property
    def failing(self) -> str:
        raise AttributeError("failing")

    def __getitem__(self, key: str) -> str:
        return f"item {key}"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    "source",
    [
        "{{ o.plain }}", "{{ o.failing }}", "{{ o.other }}", "{{ d.key }} {{ d.items is defined }}", "{{ d.nested.deep }}",
        "{{ (o.nothing is defined) }}", "{{ nothing is defined }} {{ d is defined }}",
        "{% set d = 'top' %}{% block b %}{{ d }}{% endblock %}",  # a block reads a top-level set from the context's own variables
        "{% for x in [1] %}{% block c %}{{ o.plain }}{{ x is defined }}{% endblock %}{% endfor %}",
        # Jinja's filters with an async form, which the plain environment holds as their sync functions
        "{{ d.values() | map('string') | list | join(', ') }} {{ [d, d] | selectattr('key') | first }} {{ [o, o] | map(attribute='plain') | unique | list }}",
        "{{ [1, 2, 3] | select('odd') | sum }} {{ [[1], [2]] | sum(start=[]) }} {{ [d] | rejectattr('key') | list }} {{ [1, 2] | reject('odd') | list }}",
        "{% for group in [d, d] | groupby('key') %}{{ group.grouper }}{% endfor %} {{ [1, 2, 3] | slice(2) | list }}",
    ],
)  # fmt: skip
def test_names_and_attributes_are_looked_up_as_with_jinjas_code(fmt: str, source: str) -> None:
    values = {"o": Odd(), "d": {"key": "v&", "nested": {"deep": 1}}}
    assert make_environment(fmt).from_string(source).render(values) == stock(fmt).from_string(source).render(values)  # type: ignore[arg-type]


class _Model:
    label = "<own label>"


class _Items:
    def __getitem__(self, key: object) -> str:
        return f"item {key}"


class _Named(str):
    def __getitem__(self, key: object) -> str:  # type: ignore[override]
        return "own item"


_OWNERS: list[Any] = [_Model(), _Items(), _Named("n"), "text", ["a"], ("a",), {"label": "from dict", "upper": 1}, _Model, list, 3]


@pytest.mark.parametrize("owner", _OWNERS, ids=lambda owner: type(owner).__name__)
@pytest.mark.parametrize("key", ["label", "upper", "index", "nothing", 0, "0"])
def test_an_item_is_looked_up_as_jinja_looks_it_up(owner: Any, key: Any) -> None:
    plain, jinja = make_environment("md"), stock("md")
    found, expected = plain.getitem(owner, key), jinja.getitem(owner, key)
    assert type(found) is type(expected)
    if isinstance(expected, Undefined):
        assert (found._undefined_obj, found._undefined_name) == (expected._undefined_obj, expected._undefined_name)
    else:
        assert found == expected
    source = "{{ items | selectattr('label') | map(attribute='label') | join(',') }}|{{ (items + ['text']) | map(attribute='nothing', default='-') | join }}"
    items = [_Model(), {"label": "x"}, _Model()]
    assert plain.from_string(source).render(items=items) == jinja.from_string(source).render(items=items)


CALLS = (
    "{{ names | map('lower') | join(',') }}|{{ names | map('replace', 'A', 'b') | join }}|{{ names | map('truncate', 3, killwords=True) | join }}"
    "|{{ names | select('in', ['Anna', 'x']) | list }}|{{ names | reject('equalto', 'Bo') | list }}|{{ names | map('string') | map('length') | list }}"
    "|{{ names | map('join_words') | list }}|{{ [names, names] | map('join', '+') | list }}|{{ names | select('defined') | list }}"
)


def test_filters_and_tests_called_by_name_give_what_jinjas_calls_give() -> None:
    names = ["Anna", "Bo", "Cé"]
    assert make_environment("md").from_string(CALLS).render(names=names) == stock("md").from_string(CALLS).render(names=names)


@pytest.mark.parametrize("source", ["{{ [1] | map('nothing') | list }}", "{{ [1] | select('nothing') | list }}", "{{ [1] | map(nothing) | list }}"])
def test_an_unknown_filter_or_test_called_by_name_fails_as_in_jinja(source: str) -> None:
    with pytest.raises(Exception) as plain:
        make_environment("md").from_string(source).render()
    with pytest.raises(Exception) as jinja:
        stock("md").from_string(source).render()
    assert (type(plain.value), str(plain.value)) == (type(jinja.value), str(jinja.value))


class _Owner:
    def plain(self, value: str) -> str:
        return f"plain {value}"

    @pass_context
    def with_context(self, context: Any, value: str) -> str:
        return f"{value} {context['name']}"


class _CallableWithContext:
    @pass_context
    def __call__(self, context: Any, value: str) -> str:
        return f"called {value} {context['name']}"


@pass_context
def _global_with_context(context: Any) -> str:
    return f"global {context['name']}"


def _stops() -> str:
    raise StopIteration


CALLED = (
    "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{{ twice(name) }}|{{ names.index('b') }}|{{ name.upper() }}|{{ owner.plain(name) }}"
    "|{{ owner.with_context(name) }}|{{ callable_object(name) }}|{{ with_context() }}|{{ stops() is undefined }}|{{ ''.join(names) }}"
    "|{% for n in names %}{{ with_context() }}{% endfor %}|{% set name = 'set' %}{{ with_context() }}"
)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_calls_give_what_jinjas_calls_give(fmt: str) -> None:
    values = {"name": "a", "names": ["a", "b"], "owner": _Owner(), "callable_object": _CallableWithContext()}
    values |= {"with_context": _global_with_context, "stops": _stops}
    assert make_environment(fmt).from_string(CALLED).render(values) == stock(fmt).from_string(CALLED).render(values)  # type: ignore[arg-type]
