"""Answer values are data, never code: template syntax, HTML, script, Markdown and CSS appear literally.

Each payload goes into every free-text field that reaches the page
(business.legal_name, business.description, retention.default,
marketing.unsubscribe, sharing.partners[].name/purpose). The Markdown is
rendered with Python-Markdown (which passes raw HTML through) and the HTML
page is parsed with the standard library's HTMLParser; both must show the
value as text and contain no script, event handler or javascript: link.
"""

from __future__ import annotations

import json
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import ROOT

from generator.cli import main

VALID = yaml.safe_load((ROOT / "tests" / "bad_inputs" / "_valid.yaml").read_text(encoding="utf-8"))

PAYLOADS = {
    "jinja-expression": "{{ 7*7 }}",
    "jinja-statement": "{% for x in range(10) %}loop{% endfor %}",
    "jinja-comment": "{# hidden #}",
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "javascript-url": "javascript:alert(1)",
    "markdown-heading": "# Heading",
    "markdown-table": "a | b | c",
    "markdown-emphasis": "*bold* _it_ **strong**",
    "markdown-link": "[click here](http://evil.example)",
    "markdown-autolink": "<http://evil.example>",
    "markdown-image": "![x](http://evil.example/x.png)",
    "backticks": "`code` ```fence```",
    "html-entity": "&lt;b&gt; &amp; &#60;",
    "css": "</style><style>body{display:none}</style>",
    "attribute-break": '" onmouseover="alert(1)',
    # A bidirectional override (U+202E) is refused by the answer validators (tests/bad_inputs/name_bidi_override.yaml).
    "zero-width": "zero\u200bwidth",
    "list-marker": "- item + plus 1. one",
    "attr-list": "text {: onclick=alert(1) } {#evil .x}",
    "html-comment": "<!-- hidden --> shown",
}


URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"}


class PageParser(HTMLParser):
    """Collect elements, attributes and visible text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self._raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._raw += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._raw:
            self._raw -= 1

    def handle_data(self, data: str) -> None:
        if not self._raw:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def assert_safe(page: PageParser, reference: PageParser) -> None:
    """No script, no event handler, no javascript: or foreign link, no extra style element."""
    names = [tag for tag, _ in page.tags]
    assert "script" not in names
    assert names.count("style") == [tag for tag, _ in reference.tags].count("style")
    assert "img" not in names or "img" in [tag for tag, _ in reference.tags]
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
            if name in URL_ATTRIBUTES:
                assert "evil.example" not in (value or ""), (tag, name, value)


def answers_with(payload: str) -> dict[str, Any]:
    data = json.loads(json.dumps(VALID, default=str))
    data["business"]["legal_name"] = f"Crumb {payload} LLP"
    data["business"]["description"] = f"We bake {payload} daily."
    data["retention"]["default"] = f"for {payload} years"
    data["marketing"]["unsubscribe"] = [f"Zqreply {payload}"]
    data["sharing"]["partners"] = [{"name": f"Zqpartner {payload}", "purpose": f"Zqdeliveries {payload}"}]
    return data


def build(tmp_path: Path, data: dict[str, Any], name: str = "answers") -> dict[str, str]:
    source = tmp_path / f"{name}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / f"out-{name}"
    status = main(["build", str(source), "--out", str(out), "--allow-gaps", "--format", "md,html,json"])
    assert status == 0
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    return {fmt: (folder / f"privacy-policy.{fmt}").read_text(encoding="utf-8") for fmt in ("md", "html", "json")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> PageParser:
    return parse(build(tmp_path_factory.mktemp("reference"), answers_with("plain"))["html"])


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=list(PAYLOADS))
def test_payload_is_literal_and_inert(payload: str, tmp_path: Path, reference: PageParser, capsys: pytest.CaptureFixture[str]) -> None:
    files = build(tmp_path, answers_with(payload))
    capsys.readouterr()
    literal = " ".join(payload.split())
    expected = [f"Crumb {literal} LLP", f"We bake {literal} daily.", f"for {literal} years"]
    # Shown only where a clause uses them; wherever their marker appears, the whole value must be literal.
    if_shown = {"Zqreply": f"Zqreply {literal}", "Zqpartner": f"Zqpartner {literal}", "Zqdeliveries": f"Zqdeliveries {literal}"}

    # The HTML page, parsed: no active content, and every value shown as typed.
    page = parse(files["html"])
    assert_safe(page, reference)
    for text in expected:
        assert text in page.visible
    for marker, text in if_shown.items():
        assert page.visible.count(marker) == page.visible.count(text)

    # The Markdown, rendered the way a site generator would: the same.
    rendered = parse(markdown.markdown(files["md"], extensions=["tables", "attr_list", "sane_lists"]))
    assert_safe(rendered, parse(""))
    for text in expected:
        assert text in rendered.visible
    for marker, text in if_shown.items():
        assert rendered.visible.count(marker) == rendered.visible.count(text)

    # JSON holds the rendered text; a JSON reader gets the value back exactly.
    document = json.loads(files["json"])
    assert document["legal_name"] == f"Crumb {payload} LLP"


def test_jinja_in_a_value_is_not_evaluated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = build(tmp_path, answers_with("{{ 7*7 }}"))
    capsys.readouterr()
    assert "Crumb 49 LLP" not in files["md"] + files["html"]
    assert "Crumb {{ 7*7 }} LLP" in parse(files["html"]).visible
    assert "Crumb {{ 7*7 }} LLP" in parse(markdown.markdown(files["md"])).visible


URL_FIELDS = {
    "business.website": ("business", "website"),
    "requests.web_form_url": ("requests", "web_form_url"),
    "sharing.opt_out_url": ("sharing", "opt_out_url"),
}


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", 'https://x.example/"onmouseover=alert(1)']
)
@pytest.mark.parametrize("field", URL_FIELDS)
def test_url_fields_refuse_script_urls(field: str, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(json.dumps(VALID, default=str))
    section, key = URL_FIELDS[field]
    data.setdefault(section, {})[key] = url
    source = tmp_path / "answers.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status = main(["build", str(source), "--out", str(tmp_path / "out"), "--allow-gaps"])
    err = capsys.readouterr().err
    assert status == 2
    assert f": {field}: must be a web address starting with https://" in err
    assert not (tmp_path / "out").exists() or not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and not p.name.startswith(".")]


def test_custom_service_privacy_url_refuses_javascript(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(json.dumps(VALID, default=str))
    data["services"] = [
        {
            "id": "acme-crm",
            "name": "Acme CRM",
            "provider": "Acme Ltd",
            "country": "India",
            "kind": "crm",
            "purposes": ["customer records"],
            "data": ["contact"],
            "privacy_url": "javascript:alert(1)",
        }
    ]
    source = tmp_path / "answers.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    status = main(["build", str(source), "--out", str(tmp_path / "out"), "--allow-gaps"])
    assert status == 2
    assert "services[0].privacy_url: must be a web address starting with https://" in capsys.readouterr().err


# Clause sandbox: clause packs come from others; their templates and `when` expressions run sandboxed.

SANDBOX_ESCAPES = {
    "mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals": "{{ cycler.__init__.__globals__ }}",
    "answer-object-globals": "{{ business.__class__.__init__.__globals__ }}",
    "dunder-dict": "{{ business.__dict__ }}",
    "format-string": "{{ '{0.__class__.__mro__}'.format(business) }}",
    "mutate-answers": "{{ jurisdictions.append('eu') }}",
    "include-file": "{% include '/etc/passwd' %}",
    "import-module": "{% import 'os' as os %}{{ os }}",
    "huge-range": "{% for i in range(10 ** 9) %}x{% endfor %}",
    "huge-power": "{{ 7 ** 1000000000 }}",
    "huge-string": "{{ 'x' * 1000 * 1000 * 1000 }}",
    "huge-list": "{{ ([1] * 100000) * 100000 }}",
}


def _clause_pack(tmp_path: Path, body: str, when: str | None = None) -> Path:
    folder = tmp_path / "my-clauses"
    (folder / "introduction").mkdir(parents=True)
    when_line = f"when: {json.dumps(when)}\n" if when else ""
    (folder / "introduction" / "evil.md").write_text(f"---\norder: 99\n{when_line}---\nHello. {body}\n", encoding="utf-8")
    return folder


def _answers() -> Any:
    from generator.answers.load import load_answers

    return load_answers(ROOT / "tests" / "bad_inputs" / "_valid.yaml")


@pytest.mark.parametrize("body", SANDBOX_ESCAPES.values(), ids=list(SANDBOX_ESCAPES))
def test_clause_cannot_escape_the_sandbox(body: str, tmp_path: Path) -> None:
    from generator.errors import ClauseError
    from generator.library.clauses import load_library
    from generator.render import build_policy

    folder = _clause_pack(tmp_path, body)
    with pytest.raises(ClauseError) as caught:
        build_policy(_answers(), load_library(extra=(folder,)))
    assert str(folder / "introduction" / "evil.md") in str(caught.value)
    assert "root:" not in str(caught.value)


@pytest.mark.parametrize(
    "when",
    ["''.__class__.__mro__", "business.__class__.__init__.__globals__", "jurisdictions.append('eu')", "range(10 ** 9) | list"],
)
def test_when_expression_cannot_escape_the_sandbox(when: str, tmp_path: Path) -> None:
    from generator.errors import ClauseError
    from generator.library.clauses import load_library
    from generator.render import build_policy

    folder = _clause_pack(tmp_path, "Text.", when=when)
    with pytest.raises(ClauseError) as caught:
        build_policy(_answers(), load_library(extra=(folder,)))
    assert str(folder / "introduction" / "evil.md") in str(caught.value)


def test_sandbox_escape_through_the_cli_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _clause_pack(tmp_path, SANDBOX_ESCAPES["mro"])
    status = main(["build", str(ROOT / "tests" / "bad_inputs" / "_valid.yaml"), "--out", str(tmp_path / "out"), "--allow-gaps", "--clauses", str(folder)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"policygen: {folder / 'introduction' / 'evil.md'}: ")
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and not p.name.startswith(".")]


@pytest.mark.parametrize("address", ["ada@example.com?bcc=eve@evil.example", "ada@example.com&cc=eve@evil.example", "a%3Fb@example.com#x"])
def test_mailto_link_target_cannot_add_headers(address: str) -> None:
    """Even an address the validator should have refused cannot add headers (`?bcc=`) to the mailto link."""
    from generator.templating.environment import make_environment

    md = make_environment("md").from_string("{{ email | mailto }}").render(email=address)
    html = make_environment("html").from_string("{{ email | mailto }}").render(email=address)
    for page in (parse(markdown.markdown(md)), parse(html)):
        (href,) = [value for tag, attrs in page.tags if tag == "a" for name, value in attrs if name == "href"]
        assert href is not None and href.startswith("mailto:")
        assert not set("?&#") & set(href), href
        assert urllib.parse.unquote(href) == f"mailto:{address}"
        assert page.visible == address
