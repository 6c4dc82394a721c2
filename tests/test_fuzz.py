"""Property-based tests: random valid answers always build; random damage to answer files never gives a traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.answers import vocabulary as voc
from generator.answers.consistency import NOT_FOR_THE_SERVICE
from generator.answers.model import Answers
from generator.cli import main
from generator.export.formats import to_html, to_json, to_markdown
from generator.library.services import load_services
from generator.render import build_policy

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Through the whole command line each example costs ~0.1 s (most of it hashing the clause tree for the
# incremental-build fingerprint), so the CLI properties run fewer examples to keep the file under ~20 s.
CLI_SETTINGS = settings(SETTINGS, max_examples=60)
SHAPE_SETTINGS = settings(SETTINGS, max_examples=40)
SERVICES = load_services()
PAYMENT_IDS = sorted(sid for sid, service in SERVICES.items() if service.kind == "payment")
OTHER_IDS = sorted(sid for sid, service in SERVICES.items() if service.kind != "payment")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# One line of text a person might type, hostile characters included; trimmed, and without what answer files
# refuse: control characters, line breaks, bidirectional overrides and isolates, and the other invisible format
# characters of the validators' list.
_REFUSED = "\u2028\u2029\x85\ufeff" + "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x2070), *range(0xFFF9, 0xFFFC)]))
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=_REFUSED),
    min_size=1,
    max_size=40,
).filter(lambda s: s == s.strip() and s != "")


def values(vocabulary: type[voc.Vocabulary]) -> list[str]:
    return [member.value for member in vocabulary]


def subset(vocabulary: type[voc.Vocabulary], min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values(vocabulary)), min_size=min_size, max_size=5, unique=True)


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    """A random but valid answer file, as the dict YAML would give."""
    effective = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
    mobile = draw(st.booleans())
    takes_payments = draw(st.booleans())
    marketing = draw(st.booleans())
    methods = draw(subset(voc.RequestMethod, 1))
    categories = draw(st.lists(st.sampled_from(values(voc.DataCategory)), min_size=1, max_size=6, unique=True))
    jurisdictions = draw(subset(voc.Jurisdiction, 1))
    # A recognised legitimate interest (UK GDPR Art. 6(1)(ea), from 5 February 2026) only with the UK and neither the EU nor Brazil.
    uk_only = "uk" in jurisdictions and not {"eu", "brazil"} & set(jurisdictions) and effective >= dt.date(2026, 2, 5)
    bases = [basis for basis in values(voc.LegalBasis) if uk_only or basis != "recognised-legitimate-interest"]
    data = {
        "version": 1,
        "policy": {"effective_date": effective, "last_updated": effective + dt.timedelta(days=draw(st.integers(0, 400)))},
        "business": {
            "legal_name": draw(TEXT),
            "kind": draw(st.sampled_from(values(voc.BusinessKind))),
            "description": draw(st.none() | TEXT),
            "website": draw(st.none() | st.just("https://shop.example/")),
            "country": draw(st.sampled_from(["India", "Germany", "United States", "Brazil"])),
            "address": draw(TEXT),
            "email": "privacy@shop.example",
            "phone": draw(st.none() | st.just("+91 20 5555 0142")),
            "apps": [{"name": draw(TEXT), "platforms": ["android"]}] if mobile else [],
        },
        "applies_to": {
            "mobile_app": mobile,
            **{key: draw(st.booleans()) for key in ("website", "services", "accounts", "public_content", "remote_support", "links_to_other_sites")},
        },
        "jurisdictions": jurisdictions,
        "data": [
            {
                "category": category,
                "purposes": draw(subset(voc.Purpose, 1)),
                "sources": draw(subset(voc.Source, 1)),
                "examples": draw(st.lists(TEXT, max_size=2)),
                "retention": draw(st.none() | TEXT),
                "required": draw(st.booleans()),
            }
            for category in categories
        ],
        "collection_points": draw(subset(voc.CollectionPoint)),
        "purposes": [
            {"purpose": purpose, "legal_basis": draw(st.sampled_from(bases)), "detail": draw(st.none() | TEXT)}
            for purpose in draw(subset(voc.Purpose))
        ],
        "sharing": {
            "affiliates": draw(st.lists(TEXT, max_size=2)),
            "partners": [{"name": draw(TEXT), "purpose": draw(TEXT)} for _ in range(draw(st.integers(0, 2)))],
            "sells_data": draw(st.booleans()),
            "shares_for_advertising": draw(st.booleans()),
            "opt_out_url": "https://shop.example/opt-out",
        },
        "services": draw(st.lists(st.sampled_from(OTHER_IDS), max_size=4, unique=True)),
        "payments": {
            "takes_payments": takes_payments,
            "gateways": draw(st.lists(st.sampled_from(PAYMENT_IDS), min_size=1, max_size=2, unique=True)) if takes_payments else [],
        },
        "transfers": {"storage_countries": draw(st.lists(TEXT, max_size=2)), "safeguards": draw(st.lists(TEXT, max_size=2))},
        "cookies": {"used": draw(st.booleans()), "kinds": draw(subset(voc.CookieKind, 1)), "consent_banner": draw(st.booleans())},
        "marketing": {
            "sends_marketing": marketing,
            "channels": draw(subset(voc.Channel, 1)) if marketing else [],
            "unsubscribe": draw(st.lists(TEXT, min_size=1, max_size=2)) if marketing else [],
        },
        "children": {"minimum_age": draw(st.integers(0, 21)), "supervised_use": draw(st.booleans()), "parental_consent": draw(TEXT)},
        "retention": {"default": draw(TEXT)},
        "security": {"measures": draw(subset(voc.SecurityMeasure, 1)), "breach_notification": draw(st.sampled_from(["every-breach", "at-risk", "none"]))},
        "contacts": {
            role: {"name": draw(TEXT), "email": f"{role.replace('_', '-')}@shop.example", "address": draw(TEXT)}
            for role in ("grievance_officer", "dpo", "eu_representative", "uk_representative")
        },
        "requests": {"methods": methods, "web_form_url": "https://shop.example/privacy-request", "response_days": draw(st.integers(1, 90))},
    }
    if "india" in {str(j) for j in data["jurisdictions"]}:  # India refuses as required the data only purposes no service needs use
        for item in data["data"]:
            if all(str(purpose) in NOT_FOR_THE_SERVICE for purpose in item["purposes"]):
                item["required"] = False
        # A sale of sensitive data needs the SPDI Rules r.6(1) answer (refused without it, or with 'none').
        ways = ["permission", "contract"] if data["sharing"]["sells_data"] else [None, "permission", "contract", "none"]
        data["sharing"]["spdi_disclosure"] = draw(st.sampled_from(ways))
        data["children"]["india_parent_check"] = draw(st.lists(st.sampled_from(["details-held", "details-given", "virtual-token"]), max_size=3, unique=True))
    return data


class _Balanced(HTMLParser):
    """Fail on an end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@SETTINGS
@given(answers())
def test_random_valid_answers_build_to_parseable_html(data: dict[str, Any]) -> None:
    model = Answers.model_validate(data)
    policy = build_policy(model)
    page = to_html(policy)
    parser = _Balanced()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "script" not in [tag for tag, _ in parser.tags]
    assert not [name for _, attrs in parser.tags for name, _ in attrs if name.startswith("on")]
    visible = " ".join("".join(parser.text).split())
    assert " ".join(data["business"]["legal_name"].split()) in visible
    assert to_markdown(policy).endswith("\n")
    assert json.loads(to_json(policy))["legal_name"] == data["business"]["legal_name"]


# Random damage to real answer files, through the command line.

SOURCES = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").glob("*.yaml"))]
JUNK = st.sampled_from(
    [":", ": :", "- ", "-", "[", "]", "{", "}", "&a", "*a", "*", "!", "!!python/object:os.system", "%TAG", "---", "...", "|", ">", "? ", "\t", "'", '"', "#",
     "<<: *a", "\ufeff", "\u202e", "{{ 7*7 }}", "null", "~", "2026-13-45", "1e999", "0x1F", ".inf", "yes", "&a [*a, *a]"]
)  # fmt: skip
SCALARS = st.sampled_from(["true", "false", "null", "0", "-1", "99999999999999999999", "3.5", "[]", "{}", "''", "[a, b]", "{a: b}", "2026-02-30", "x" * 300])


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A real answer file with one to three random mutations."""
    lines = draw(st.sampled_from(SOURCES)).splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "junk", "retype", "indent", "truncate", "swap"]))
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "junk":
            position = draw(st.integers(0, len(line)))
            lines[index] = line[:position] + draw(JUNK) + line[position:]
        elif kind == "retype" and ": " in line:
            lines[index] = line.split(": ", 1)[0] + ": " + draw(SCALARS)
        elif kind == "indent":
            lines[index] = " " * draw(st.integers(0, 5)) + line.lstrip()
        elif kind == "truncate":
            lines[index] = line[: draw(st.integers(0, len(line)))]
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        if not lines:
            break
    return ("\n".join(lines) + "\n").encode("utf-8")


@CLI_SETTINGS
@given(damaged())
def test_damaged_answer_files_never_crash(text: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "answers.yaml"
        source.write_bytes(text)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                status = main(["build", str(source), "--out", str(Path(folder) / "out"), "--allow-gaps", "--force"])
            except SystemExit as exc:  # argparse
                status = int(exc.code or 0)
    assert status in (0, 1, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if status == 2:
        assert err.getvalue().startswith(f"policygen: {source}"), err.getvalue()


@SHAPE_SETTINGS
@given(
    st.dictionaries(
        st.text(max_size=8),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8),
            lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
            max_leaves=10,
        ),
        max_size=5,
    )
)
def test_random_yaml_structures_are_refused_cleanly(data: dict[str, Any]) -> None:
    """Arbitrary YAML mappings are not answers: exit 2 with a message naming the file, never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "answers.yaml"
        source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["build", str(source), "--out", str(Path(folder) / "out")])
    assert status == 2, err.getvalue()
    assert err.getvalue().startswith(f"policygen: {source}")
    assert "Traceback" not in err.getvalue()
